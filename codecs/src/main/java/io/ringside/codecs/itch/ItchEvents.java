package io.ringside.codecs.itch;

import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.OrderReplacedEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

import static io.ringside.codecs.itch.ItchMessages.*;

/**
 * The ITCH messages' fields read in place and encoded as Ringside events: {@link ItchReader}'s per-message work, once
 * the reader has framed a message and checked its length and time. A field the event cannot carry (a side or trading
 * state outside the specification, a price or share count of 0) refuses the message: {@link #REFUSED} is returned
 * and {@link #refusalKind} and {@link #refusal} say why. Nothing is allocated except to describe a refusal.
 */
final class ItchEvents
{
    /** What {@link #encode} returns for a message it refuses. */
    static final int REFUSED = -1;

    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final TradingStatusEncoder tradingStatus = new TradingStatusEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final OrderExecutedEncoder orderExecuted = new OrderExecutedEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final OrderReplacedEncoder orderReplaced = new OrderReplacedEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();
    private final long midnightEpochNs;

    // The input's view: index i is at inAddress + i of inArray (a heap array, or null with an absolute address).
    private byte[] inArray;
    private long inAddress;

    long brokenTrades;
    long crossesWithoutShares;
    String refusalKind;
    String refusal;

    ItchEvents(final long midnightEpochNs)
    {
        this.midnightEpochNs = midnightEpochNs;
    }

    /** The reader's view of its input, after every refill. */
    void view(final byte[] array, final long address)
    {
        inArray = array;
        inAddress = address;
    }

    /**
     * Encode the message whose type byte is at {@code m}; its length and time are checked.
     *
     * @return the frame length, 0 when the message has no Ringside event, or {@link #REFUSED}.
     */
    int encode(final int m, final byte type, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case 'A':
            case 'F':
                return addOrder(m, type, timestamp, buffer, offset);
            case 'E':
            case 'C':
                return orderExecuted(m, type, timestamp, buffer, offset);
            case 'X':
                return orderCancelled(m, timestamp, buffer, offset);
            case 'D':
                return orderDeleted(m, timestamp, buffer, offset);
            case 'U':
                return orderReplaced(m, timestamp, buffer, offset);
            case 'P':
                return nonCrossTrade(m, timestamp, buffer, offset);
            case 'Q':
                return crossTrade(m, timestamp, buffer, offset);
            case 'R':
                return stockDirectory(m, timestamp, buffer, offset);
            case 'H':
                return tradingAction(m, timestamp, buffer, offset);
            case 'B':
                brokenTrades++;
                return 0;
            default:
                return 0; // S, Y, L, V, W, K, J, h, I, N, O: checked and counted, no Ringside event
        }
    }

    // Orders added: A, and F with the MPID.

    private int addOrder(
        final int m, final byte type, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final Side side = side(getByte(m + ADD_SIDE));
        if (null == side)
        {
            return badSide(type, getByte(m + ADD_SIDE));
        }
        final long price = getUnsignedInt(m + ADD_PRICE);
        final long shares = getUnsignedInt(m + ADD_SHARES);
        if (price == 0 || shares == 0)
        {
            return zero(type, price == 0 ? "price" : "shares");
        }
        final AddOrderEncoder e = addOrder.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .orderId(getLong(m + ORDER_REF))
            .side(side)
            .price(price)
            .quantity(shares);
        if (type == 'F')
        {
            e.putAttribution(getByte(m + ADD_ATTRIBUTION), getByte(m + ADD_ATTRIBUTION + 1),
                getByte(m + ADD_ATTRIBUTION + 2), getByte(m + ADD_ATTRIBUTION + 3));
        }
        else
        {
            e.putAttribution((byte)0, (byte)0, (byte)0, (byte)0);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + AddOrderEncoder.BLOCK_LENGTH;
    }

    // Orders modified: E and C executed, X cancelled in part, D deleted, U replaced.

    private int orderExecuted(
        final int m, final byte type, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final long shares = getUnsignedInt(m + EXEC_SHARES);
        final long price = type == 'C' ? getUnsignedInt(m + EXEC_PRICE) : OrderExecutedEncoder.priceNullValue();
        if (shares == 0 || price == 0)
        {
            return zero(type, shares == 0 ? "executed shares" : "execution price");
        }
        final OrderExecutedEncoder e = orderExecuted.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .orderId(getLong(m + ORDER_REF))
            .executedQuantity(shares)
            .matchId(getLong(m + EXEC_MATCH))
            .price(price)
            .side(Side.NULL_VAL);
        return MessageHeaderEncoder.ENCODED_LENGTH + OrderExecutedEncoder.BLOCK_LENGTH;
    }

    private int orderCancelled(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final long shares = getUnsignedInt(m + CANCEL_SHARES);
        if (shares == 0)
        {
            return zero((byte)'X', "cancelled shares");
        }
        final OrderCancelledEncoder e = orderCancelled.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .orderId(getLong(m + ORDER_REF))
            .cancelledQuantity(shares)
            .price(OrderCancelledEncoder.priceNullValue())
            .side(Side.NULL_VAL);
        return MessageHeaderEncoder.ENCODED_LENGTH + OrderCancelledEncoder.BLOCK_LENGTH;
    }

    private int orderDeleted(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final OrderDeletedEncoder e = orderDeleted.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .orderId(getLong(m + ORDER_REF))
            .price(OrderDeletedEncoder.priceNullValue())
            .quantity(OrderDeletedEncoder.quantityNullValue())
            .side(Side.NULL_VAL);
        return MessageHeaderEncoder.ENCODED_LENGTH + OrderDeletedEncoder.BLOCK_LENGTH;
    }

    private int orderReplaced(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final long price = getUnsignedInt(m + REPLACE_PRICE);
        final long shares = getUnsignedInt(m + REPLACE_SHARES);
        if (price == 0 || shares == 0)
        {
            return zero((byte)'U', price == 0 ? "price" : "shares");
        }
        final OrderReplacedEncoder e = orderReplaced.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .originalOrderId(getLong(m + ORDER_REF))
            .newOrderId(getLong(m + REPLACE_NEW_REF))
            .price(price)
            .quantity(shares);
        return MessageHeaderEncoder.ENCODED_LENGTH + OrderReplacedEncoder.BLOCK_LENGTH;
    }

    // Trades off the book: P against a non-displayed order, Q the cross.

    private int nonCrossTrade(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final Side resting = side(getByte(m + TRADE_SIDE));
        if (null == resting)
        {
            return badSide((byte)'P', getByte(m + TRADE_SIDE));
        }
        final long price = getUnsignedInt(m + TRADE_PRICE);
        final long shares = getUnsignedInt(m + TRADE_SHARES);
        if (price == 0 || shares == 0)
        {
            return zero((byte)'P', price == 0 ? "price" : "shares");
        }
        final TradePrintEncoder e = tradePrint.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .price(price)
            .quantity(shares)
            .matchId(getLong(m + TRADE_MATCH))
            .kind(TradeKind.HIDDEN)
            .aggressorSide(resting == Side.BUY ? Side.SELL : Side.BUY);
        return MessageHeaderEncoder.ENCODED_LENGTH + TradePrintEncoder.BLOCK_LENGTH;
    }

    private int crossTrade(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final long shares = getLong(m + CROSS_SHARES);
        if (shares == 0)
        {
            // NASDAQ sends a cross trade for every security's cross, whether or not it matched anything: with
            // 0 shares it says the cross is over, not that anything traded.
            crossesWithoutShares++;
            return 0;
        }
        if (shares < 0)
        {
            return refuse("bad_quantity", "type 'Q' shares " + Long.toUnsignedString(shares) +
                " is beyond any share count");
        }
        final long price = getUnsignedInt(m + CROSS_PRICE);
        if (price == 0)
        {
            return zero((byte)'Q', "cross price");
        }
        final TradePrintEncoder e = tradePrint.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .price(price)
            .quantity(shares)
            .matchId(getLong(m + CROSS_MATCH))
            .kind(TradeKind.CROSS)
            .aggressorSide(Side.NULL_VAL);
        return MessageHeaderEncoder.ENCODED_LENGTH + TradePrintEncoder.BLOCK_LENGTH;
    }

    // Reference data: R the stock directory, H the trading action.

    private int stockDirectory(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final InstrumentDefinitionEncoder e = instrumentDefinition.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m)).tickSize(ItchReader.TICK_SIZE).priceScale((short)ItchReader.PRICE_SCALE);
        int end = STOCK_LENGTH;
        while (end > 0 && getByte(m + DIRECTORY_STOCK + end - 1) == ' ')
        {
            end--;
        }
        for (int i = 0; i < STOCK_LENGTH; i++)
        {
            e.symbol(i, i < end ? getByte(m + DIRECTORY_STOCK + i) : 0);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + InstrumentDefinitionEncoder.BLOCK_LENGTH;
    }

    private int tradingAction(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final TradingState state;
        final byte code = getByte(m + ACTION_STATE);
        switch (code)
        {
            case 'H' -> state = TradingState.HALTED;
            case 'P' -> state = TradingState.PAUSED;
            case 'Q' -> state = TradingState.QUOTING;
            case 'T' -> state = TradingState.TRADING;
            default ->
            {
                return refuse("bad_field", "trading state '" + (char)(code & 0xFF) + "' is not H, P, Q or T");
            }
        }
        final TradingStatusEncoder e = tradingStatus.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m)).state(state);
        return MessageHeaderEncoder.ENCODED_LENGTH + TradingStatusEncoder.BLOCK_LENGTH;
    }

    private int badSide(final byte type, final byte code)
    {
        return refuse("bad_field", "type '" + (char)type + "' buy/sell indicator '" + (char)(code & 0xFF) +
            "' is neither B nor S");
    }

    /** A price or share count of 0: nothing trades or rests at no price, and an order of no shares is none. */
    private int zero(final byte type, final String field)
    {
        return refuse(field.endsWith("price") ? "bad_price" : "bad_quantity", "type '" + (char)type + "' " + field +
            " is 0");
    }

    private int refuse(final String kind, final String problem)
    {
        refusalKind = kind;
        refusal = problem;
        return REFUSED;
    }

    private static Side side(final byte code)
    {
        return code == 'B' ? Side.BUY : code == 'S' ? Side.SELL : null;
    }

    // Raw big-endian reads of the bytes in view. Bounds are checked once per message, not per field: the reader
    // decodes a message only when the whole of it is in view and its length is its type's specified length, so every
    // field offset of the type lies inside it.

    byte getByte(final int index)
    {
        return UnsafeApi.getByte(inArray, inAddress + index);
    }

    int getShortUnsigned(final int index)
    {
        final short v = UnsafeApi.getShort(inArray, inAddress + index);
        return (NATIVE_BIG_ENDIAN ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    int getInt(final int index)
    {
        final int v = UnsafeApi.getInt(inArray, inAddress + index);
        return NATIVE_BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    /** The 48-bit timestamp of the message whose type byte is at {@code m}. */
    long timestamp(final int m)
    {
        return ((long)getShortUnsigned(m + TIMESTAMP) << 32) | getUnsignedInt(m + TIMESTAMP + 2);
    }

    private long getUnsignedInt(final int index)
    {
        return getInt(index) & 0xFFFF_FFFFL;
    }

    private long getLong(final int index)
    {
        final long v = UnsafeApi.getLong(inArray, inAddress + index);
        return NATIVE_BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    private int locate(final int m)
    {
        return getShortUnsigned(m + STOCK_LOCATE);
    }

    // The message's 48-bit timestamp, as the reader read it once for the time-order check.
    private void envelope(final EnvelopeEncoder envelope, final long timestamp)
    {
        envelope.sequence(0).eventTime(midnightEpochNs + timestamp).sendTime(0).intendedSendTime(0).sourceId(0);
    }
}
