package io.ringside.codecs.itch;

import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
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

    private final EventFrame frame = new EventFrame();
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
        final EventFrame f = frame;
        final int length = f.begin(buffer, offset, AddOrderEncoder.BLOCK_LENGTH, AddOrderEncoder.TEMPLATE_ID);
        f.envelope(AddOrderEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(AddOrderEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putLong(AddOrderEncoder.orderIdEncodingOffset(), getLong(m + ORDER_REF));
        f.putByte(AddOrderEncoder.sideEncodingOffset(), (byte)side.value());
        f.putLong(AddOrderEncoder.priceEncodingOffset(), price);
        f.putLong(AddOrderEncoder.quantityEncodingOffset(), shares);
        if (type == 'F')
        {
            for (int i = 0; i < AddOrderEncoder.attributionLength(); i++)
            {
                f.putByte(AddOrderEncoder.attributionEncodingOffset() + i, getByte(m + ADD_ATTRIBUTION + i));
            }
        }
        else
        {
            f.putInt(AddOrderEncoder.attributionEncodingOffset(), 0); // no MPID: the char array's null, all 0
        }
        return length;
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
        final EventFrame f = frame;
        final int length = f.begin(buffer, offset, OrderExecutedEncoder.BLOCK_LENGTH, OrderExecutedEncoder.TEMPLATE_ID);
        f.envelope(OrderExecutedEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(OrderExecutedEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putLong(OrderExecutedEncoder.orderIdEncodingOffset(), getLong(m + ORDER_REF));
        f.putLong(OrderExecutedEncoder.executedQuantityEncodingOffset(), shares);
        f.putLong(OrderExecutedEncoder.matchIdEncodingOffset(), getLong(m + EXEC_MATCH));
        f.putLong(OrderExecutedEncoder.priceEncodingOffset(), price);
        f.putByte(OrderExecutedEncoder.sideEncodingOffset(), (byte)Side.NULL_VAL.value());
        return length;
    }

    private int orderCancelled(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final long shares = getUnsignedInt(m + CANCEL_SHARES);
        if (shares == 0)
        {
            return zero((byte)'X', "cancelled shares");
        }
        final EventFrame f = frame;
        final int length = f.begin(buffer, offset, OrderCancelledEncoder.BLOCK_LENGTH, OrderCancelledEncoder.TEMPLATE_ID);
        f.envelope(OrderCancelledEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(OrderCancelledEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putLong(OrderCancelledEncoder.orderIdEncodingOffset(), getLong(m + ORDER_REF));
        f.putLong(OrderCancelledEncoder.cancelledQuantityEncodingOffset(), shares);
        f.putLong(OrderCancelledEncoder.priceEncodingOffset(), OrderCancelledEncoder.priceNullValue());
        f.putByte(OrderCancelledEncoder.sideEncodingOffset(), (byte)Side.NULL_VAL.value());
        return length;
    }

    private int orderDeleted(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final EventFrame f = frame;
        final int length = f.begin(buffer, offset, OrderDeletedEncoder.BLOCK_LENGTH, OrderDeletedEncoder.TEMPLATE_ID);
        f.envelope(OrderDeletedEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(OrderDeletedEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putLong(OrderDeletedEncoder.orderIdEncodingOffset(), getLong(m + ORDER_REF));
        f.putLong(OrderDeletedEncoder.priceEncodingOffset(), OrderDeletedEncoder.priceNullValue());
        f.putLong(OrderDeletedEncoder.quantityEncodingOffset(), OrderDeletedEncoder.quantityNullValue());
        f.putByte(OrderDeletedEncoder.sideEncodingOffset(), (byte)Side.NULL_VAL.value());
        return length;
    }

    private int orderReplaced(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final long price = getUnsignedInt(m + REPLACE_PRICE);
        final long shares = getUnsignedInt(m + REPLACE_SHARES);
        if (price == 0 || shares == 0)
        {
            return zero((byte)'U', price == 0 ? "price" : "shares");
        }
        final EventFrame f = frame;
        final int length = f.begin(buffer, offset, OrderReplacedEncoder.BLOCK_LENGTH, OrderReplacedEncoder.TEMPLATE_ID);
        f.envelope(OrderReplacedEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(OrderReplacedEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putLong(OrderReplacedEncoder.originalOrderIdEncodingOffset(), getLong(m + ORDER_REF));
        f.putLong(OrderReplacedEncoder.newOrderIdEncodingOffset(), getLong(m + REPLACE_NEW_REF));
        f.putLong(OrderReplacedEncoder.priceEncodingOffset(), price);
        f.putLong(OrderReplacedEncoder.quantityEncodingOffset(), shares);
        return length;
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
        final Side aggressor = resting == Side.BUY ? Side.SELL : Side.BUY;
        return tradePrint(m, timestamp, price, shares, getLong(m + TRADE_MATCH), TradeKind.HIDDEN, aggressor, buffer,
            offset);
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
        return tradePrint(m, timestamp, price, shares, getLong(m + CROSS_MATCH), TradeKind.CROSS, Side.NULL_VAL,
            buffer, offset);
    }

    private int tradePrint(
        final int m, final long timestamp, final long price, final long shares, final long matchId, final TradeKind kind,
        final Side aggressor, final MutableDirectBuffer buffer, final int offset)
    {
        final EventFrame f = frame;
        final int length = f.begin(buffer, offset, TradePrintEncoder.BLOCK_LENGTH, TradePrintEncoder.TEMPLATE_ID);
        f.envelope(TradePrintEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(TradePrintEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putLong(TradePrintEncoder.priceEncodingOffset(), price);
        f.putLong(TradePrintEncoder.quantityEncodingOffset(), shares);
        f.putLong(TradePrintEncoder.matchIdEncodingOffset(), matchId);
        f.putByte(TradePrintEncoder.kindEncodingOffset(), (byte)kind.value());
        f.putByte(TradePrintEncoder.aggressorSideEncodingOffset(), (byte)aggressor.value());
        return length;
    }

    // Reference data: R the stock directory, H the trading action.

    private int stockDirectory(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final EventFrame f = frame;
        final int length = f.begin(
            buffer, offset, InstrumentDefinitionEncoder.BLOCK_LENGTH, InstrumentDefinitionEncoder.TEMPLATE_ID);
        f.envelope(InstrumentDefinitionEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(InstrumentDefinitionEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putLong(InstrumentDefinitionEncoder.tickSizeEncodingOffset(), ItchReader.TICK_SIZE);
        f.putByte(InstrumentDefinitionEncoder.priceScaleEncodingOffset(), (byte)ItchReader.PRICE_SCALE);
        // The symbol, trailing spaces trimmed; the char array's rest is 0, its null.
        int end = STOCK_LENGTH;
        while (end > 0 && getByte(m + DIRECTORY_STOCK + end - 1) == ' ')
        {
            end--;
        }
        for (int i = 0; i < InstrumentDefinitionEncoder.symbolLength(); i++)
        {
            f.putByte(InstrumentDefinitionEncoder.symbolEncodingOffset() + i,
                i < end ? getByte(m + DIRECTORY_STOCK + i) : 0);
        }
        return length;
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
        final EventFrame f = frame;
        final int length = f.begin(buffer, offset, TradingStatusEncoder.BLOCK_LENGTH, TradingStatusEncoder.TEMPLATE_ID);
        f.envelope(TradingStatusEncoder.envelopeEncodingOffset(), midnightEpochNs + timestamp);
        f.putInt(TradingStatusEncoder.instrumentIdEncodingOffset(), locate(m));
        f.putByte(TradingStatusEncoder.stateEncodingOffset(), (byte)state.value());
        return length;
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
}
