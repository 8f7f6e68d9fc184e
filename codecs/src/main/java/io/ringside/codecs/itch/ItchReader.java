package io.ringside.codecs.itch;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
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

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringside.codecs.itch.ItchMessages.*;

/**
 * Reads a NASDAQ TotalView-ITCH 5.0 file, in NASDAQ's file layout (each message preceded by its 2-byte big-endian
 * length), into Ringside events.
 * <p>
 * Every message type of the 5.0 specification is recognised and its length checked against the specification's
 * ({@link ItchMessages#LENGTH}). Mapping, with instrumentId = the stock locate and eventTime = the trading date's
 * midnight in America/New_York plus the message's 48-bit nanosecond timestamp:
 * <ul>
 *     <li>R stock directory -> InstrumentDefinition: symbol = the 8-character stock trimmed of trailing spaces,
 *     priceScale 4 (ITCH Price(4)), tickSize 100 = one cent. The directory carries no tick size; one cent is Reg NMS's
 *     minimum increment for quotes of stocks at $1.00 or more, the case of almost every NASDAQ-traded stock
 *     (sub-dollar stocks quote in 0.0001, which this default does not describe).</li>
 *     <li>H stock trading action -> TradingStatus: H HALTED, P PAUSED, Q QUOTING, T TRADING.</li>
 *     <li>A -> AddOrder (attribution null); F -> AddOrder with attribution = the MPID.</li>
 *     <li>E -> OrderExecuted (price and side null: the resting order's); C -> OrderExecuted at the execution price
 *     (the 'printable' flag is not carried: a non-printable execution still takes quantity off the book).</li>
 *     <li>X -> OrderCancelled, D -> OrderDeleted, U -> OrderReplaced (price, side and quantity null where ITCH does
 *     not carry them).</li>
 *     <li>P non-cross trade -> TradePrint HIDDEN, aggressorSide = the opposite of the buy/sell indicator (the side of
 *     the non-displayed resting order); Q cross trade -> TradePrint CROSS, no aggressor.</li>
 *     <li>S, Y, L, V, W, K, J, h, B, I, N, O: length-checked, counted per type, no event. B (broken trade) has no
 *     Ringside event yet; broken trades are counted by {@link #brokenTradesSkipped()}.</li>
 * </ul>
 * Input: a plain file or a gzip one, brought into view by {@link ItchInput} and parsed in place. Nothing is allocated
 * per message; only error reports, and moving to the next map window, allocate.
 * <p>
 * Bad input is reported to the {@link ReadErrorHandler} with the location {@code file@byteOffset}, the offset of
 * the message's length prefix in the (decompressed) stream. Kinds: {@code bad_length} (the length field disagrees
 * with the type's length; skipped by the length field), {@code unknown_type} (skipped by the length field),
 * {@code time_backwards} (a timestamp before the previous message's; skipped), {@code time_out_of_day} (a timestamp
 * 24 hours or more after midnight; skipped, and not taken as the time the next messages must follow),
 * {@code bad_field} (a side, or trading state, outside the specification's values; skipped), {@code truncated} (the
 * file ends inside a message; reading ends). When the handler returns false reading stops.
 */
public final class ItchReader implements RecordedEventReader
{
    /** ITCH timestamps are nanoseconds since midnight: none reaches a day. */
    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** ITCH prices are Price(4): 4 implied decimals. */
    public static final int PRICE_SCALE = 4;
    /** One cent at {@link #PRICE_SCALE}: see the class comment. */
    public static final long TICK_SIZE = 100;
    public static final ZoneId NASDAQ_ZONE = ZoneId.of("America/New_York");

    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern US_DATE = Pattern.compile("(?<!\\d)(\\d{2})(\\d{2})(\\d{4})(?!\\d)");

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final TradingStatusEncoder tradingStatus = new TradingStatusEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final OrderExecutedEncoder orderExecuted = new OrderExecutedEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final OrderReplacedEncoder orderReplaced = new OrderReplacedEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();

    private final ReadErrors errors;
    private final long midnightEpochNs;
    private final LocalDate tradingDate;
    private final ItchInput input;

    // The input's view, as of its last refill, kept here for the per-message reads: index i is byte
    // input.base() + i of the (decompressed) stream; valid up to limit.
    private byte[] inArray;
    private long inAddress;
    private int position;
    private int limit;

    private boolean stopped;
    private boolean ended;
    private long eventsProduced;
    private long messagesRead;
    private long lastTimestamp;
    private long brokenTrades;
    private final long[] messagesByType = new long[128];

    /**
     * @param file         an ITCH 5.0 file, plain or gzip.
     * @param date         the trading date, or null to take it from the file name (yyyy-mm-dd or mmddyyyy in it).
     * @param errorHandler told of each message refused.
     */
    public ItchReader(final Path file, final LocalDate date, final ReadErrorHandler errorHandler)
    {
        this(file, date, errorHandler, 0);
    }

    /** @param windowSize map window (plain) or buffer (gzip) size for tests; 0 for the defaults. */
    ItchReader(final Path file, final LocalDate date, final ReadErrorHandler errorHandler, final int windowSize)
    {
        this.errors = new ReadErrors(file, errorHandler);
        this.tradingDate = null != date ? date : dateFromName(file);
        this.midnightEpochNs = tradingDate.atStartOfDay(NASDAQ_ZONE).toEpochSecond() * NANOS_PER_SECOND;
        this.input = new ItchInput(file, windowSize);
        inView();
    }

    /** The trading date in a file name: yyyy-mm-dd, or mmddyyyy as in NASDAQ's own file names (01302019.NASDAQ_ITCH50). */
    public static LocalDate dateFromName(final Path file)
    {
        final String name = file.getFileName().toString();
        try
        {
            final Matcher iso = ISO_DATE.matcher(name);
            if (iso.find())
            {
                return LocalDate.of(
                    Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
            }
            final Matcher us = US_DATE.matcher(name);
            if (us.find())
            {
                return LocalDate.of(
                    Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)), Integer.parseInt(us.group(2)));
            }
        }
        catch (final DateTimeException ignore)
        {
            // not a date: fall through to the error below
        }
        throw new IllegalArgumentException("cannot tell the trading date of " + file +
            ": ITCH timestamps are ns after midnight; put yyyy-mm-dd or mmddyyyy in the file name or give --date");
    }

    /**
     * True when the file starts like ITCH 5.0 in NASDAQ's file layout: a 2-byte big-endian length, then a known type
     * whose specified length it is (and the same for the second message, when the first bytes hold it). Reads gzip
     * files through a decompressor.
     */
    public static boolean looksLikeItch(final Path file) throws IOException
    {
        return ItchInput.startsLikeItch(file);
    }

    public LocalDate tradingDate()
    {
        return tradingDate;
    }

    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        while (!stopped)
        {
            final int p = position;
            final int available = limit - p;
            if (available >= 2)
            {
                final int length = getShortUnsigned(p); // inside the view: available >= 2
                if (available >= 2 + length)
                {
                    position = p + 2 + length;
                    final int frameLength = decode(p, length, buffer, offset);
                    if (frameLength > 0)
                    {
                        eventsProduced++;
                        return frameLength;
                    }
                    continue;
                }
            }
            if (!refill())
            {
                endOfInput();
                return 0;
            }
        }
        return 0;
    }

    /**
     * Start again from the first byte, counters cleared: for replaying a plain file in a loop (benchmarks) without
     * reopening it. Allocates nothing when the file fits in one map window. Not for gzip input.
     */
    public void rewind()
    {
        lastTimestamp = 0;
        if (input.isGzip())
        {
            throw new UnsupportedOperationException("rewind of a gzip stream: open a new reader");
        }
        input.rewind();
        inView();
        position = 0;
        stopped = false;
        ended = false;
        eventsProduced = 0;
        messagesRead = 0;
        errors.reset();
        brokenTrades = 0;
        Arrays.fill(messagesByType, 0);
    }

    /** Events produced so far (frames returned). */
    public long eventsRead()
    {
        return eventsProduced;
    }

    /** The same as {@link #eventsRead()}. */
    public long eventsProduced()
    {
        return eventsProduced;
    }

    /** Well-formed messages read, all types. */
    public long messagesRead()
    {
        return messagesRead;
    }

    /** Well-formed messages of one ITCH type ('A', 'R', 'h', ...) read so far. */
    public long messagesByType(final char type)
    {
        return type < messagesByType.length ? messagesByType[type] : 0;
    }

    /** B messages: Ringside's schema has no broken-trade event yet, so they are counted and skipped. */
    public long brokenTradesSkipped()
    {
        return brokenTrades;
    }

    public long errors()
    {
        return errors.count();
    }

    public double progress()
    {
        return ended ? 1.0 : input.progress(position);
    }

    public void close()
    {
        input.close();
    }

    /** Bring more input into view, keeping the bytes from {@code position}; false when there is no more. */
    private boolean refill()
    {
        final long at = input.base() + position;
        final boolean more = input.refill(position);
        position = (int)(at - input.base());
        inView();
        return more;
    }

    private void inView()
    {
        inArray = input.array();
        inAddress = input.address();
        limit = input.limit();
    }

    private void endOfInput()
    {
        final String problem = stopped ? null : input.truncation(position);
        if (null != problem)
        {
            errors.atByte("truncated", input.base() + position, problem);
        }
        position = limit;
        stopped = true;
        ended = true;
    }

    private boolean refuse(final String kind, final int at, final String problem)
    {
        stopped = !errors.atByte(kind, input.base() + at, problem);
        return !stopped;
    }

    /**
     * Decode the message whose length prefix is at {@code p} (its {@code length} bytes follow the prefix).
     *
     * @return the frame length, or 0 when the message produced no event (skipped, or refused).
     */
    private int decode(final int p, final int length, final MutableDirectBuffer buffer, final int offset)
    {
        final int m = p + 2;
        if (length == 0)
        {
            refuse("bad_length", p, "length 0: no message type");
            return 0;
        }
        final byte type = getByte(m);
        final int expected = type >= 0 ? LENGTH[type] : 0;
        if (expected != length)
        {
            if (expected == 0)
            {
                refuse("unknown_type", p, "type 0x" + Integer.toHexString(type & 0xFF) + " ('" + (char)(type & 0xFF) +
                    "') is not an ITCH 5.0 message type; " + length + " bytes skipped");
            }
            else
            {
                refuse("bad_length", p, "type '" + (char)type + "' is " + expected + " bytes in ITCH 5.0; length field says " +
                    length);
            }
            return 0;
        }
        final long timestamp = ((long)getShortUnsigned(m + TIMESTAMP) << 32) | (getInt(m + TIMESTAMP + 2) & 0xFFFF_FFFFL);
        if (timestamp >= NANOS_PER_DAY)
        {
            // A day's timestamp counts from midnight: one past the day is damage, and accepting it would make every
            // good message after it look as if time went backwards.
            refuse("time_out_of_day", p, "type '" + (char)type + "' timestamp " + timestamp +
                " ns after midnight is past the end of the day");
            return 0;
        }
        if (timestamp < lastTimestamp)
        {
            refuse("time_backwards", p, "type '" + (char)type + "' timestamp " + timestamp +
                " ns after midnight is before the previous message's " + lastTimestamp);
            return 0;
        }
        lastTimestamp = timestamp;
        messagesByType[type]++;
        messagesRead++;

        switch (type)
        {
            case 'A':
            case 'F':
                return addOrder(p, m, type, timestamp, buffer, offset);
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
                return nonCrossTrade(p, m, timestamp, buffer, offset);
            case 'Q':
                return crossTrade(m, timestamp, buffer, offset);
            case 'R':
                return stockDirectory(m, timestamp, buffer, offset);
            case 'H':
                return tradingAction(p, m, timestamp, buffer, offset);
            case 'B':
                brokenTrades++;
                return 0;
            default:
                return 0; // S, Y, L, V, W, K, J, h, I, N, O: checked and counted, no Ringside event
        }
    }

    // Each message's encoder below takes the message at m (its type byte), already length- and time-checked, and the
    // timestamp decode read; it returns the frame length, or 0 when a field is refused.

    // Orders added: A, and F with the MPID.

    private int addOrder(
        final int p, final int m, final byte type, final long timestamp, final MutableDirectBuffer buffer,
        final int offset)
    {
        final Side side = side(getByte(m + ADD_SIDE));
        if (null == side)
        {
            return badSide(p, type, getByte(m + ADD_SIDE));
        }
        final AddOrderEncoder e = addOrder.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .orderId(getLong(m + ORDER_REF))
            .side(side)
            .price(getInt(m + ADD_PRICE) & 0xFFFF_FFFFL)
            .quantity(getInt(m + ADD_SHARES) & 0xFFFF_FFFFL);
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
        final OrderExecutedEncoder e = orderExecuted.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .orderId(getLong(m + ORDER_REF))
            .executedQuantity(getInt(m + EXEC_SHARES) & 0xFFFF_FFFFL)
            .matchId(getLong(m + EXEC_MATCH))
            .price(type == 'C' ? getInt(m + EXEC_PRICE) & 0xFFFF_FFFFL : OrderExecutedEncoder.priceNullValue())
            .side(Side.NULL_VAL);
        return MessageHeaderEncoder.ENCODED_LENGTH + OrderExecutedEncoder.BLOCK_LENGTH;
    }

    private int orderCancelled(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final OrderCancelledEncoder e = orderCancelled.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .orderId(getLong(m + ORDER_REF))
            .cancelledQuantity(getInt(m + CANCEL_SHARES) & 0xFFFF_FFFFL)
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
        final OrderReplacedEncoder e = orderReplaced.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .originalOrderId(getLong(m + ORDER_REF))
            .newOrderId(getLong(m + REPLACE_NEW_REF))
            .price(getInt(m + REPLACE_PRICE) & 0xFFFF_FFFFL)
            .quantity(getInt(m + REPLACE_SHARES) & 0xFFFF_FFFFL);
        return MessageHeaderEncoder.ENCODED_LENGTH + OrderReplacedEncoder.BLOCK_LENGTH;
    }

    // Trades off the book: P against a non-displayed order, Q the cross.

    private int nonCrossTrade(
        final int p, final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final Side resting = side(getByte(m + TRADE_SIDE));
        if (null == resting)
        {
            return badSide(p, (byte)'P', getByte(m + TRADE_SIDE));
        }
        final TradePrintEncoder e = tradePrint.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .price(getInt(m + TRADE_PRICE) & 0xFFFF_FFFFL)
            .quantity(getInt(m + TRADE_SHARES) & 0xFFFF_FFFFL)
            .matchId(getLong(m + TRADE_MATCH))
            .kind(TradeKind.HIDDEN)
            .aggressorSide(resting == Side.BUY ? Side.SELL : Side.BUY);
        return MessageHeaderEncoder.ENCODED_LENGTH + TradePrintEncoder.BLOCK_LENGTH;
    }

    private int crossTrade(final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
    {
        final TradePrintEncoder e = tradePrint.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m))
            .price(getInt(m + CROSS_PRICE) & 0xFFFF_FFFFL)
            .quantity(getLong(m + CROSS_SHARES))
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
        e.instrumentId(locate(m)).tickSize(TICK_SIZE).priceScale((short)PRICE_SCALE);
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

    private int tradingAction(
        final int p, final int m, final long timestamp, final MutableDirectBuffer buffer, final int offset)
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
                refuse("bad_field", p, "trading state '" + (char)(code & 0xFF) + "' is not H, P, Q or T");
                return 0;
            }
        }
        final TradingStatusEncoder e = tradingStatus.wrapAndApplyHeader(buffer, offset, header);
        envelope(e.envelope(), timestamp);
        e.instrumentId(locate(m)).state(state);
        return MessageHeaderEncoder.ENCODED_LENGTH + TradingStatusEncoder.BLOCK_LENGTH;
    }

    private int badSide(final int p, final byte type, final byte code)
    {
        refuse("bad_field", p, "type '" + (char)type + "' buy/sell indicator '" + (char)(code & 0xFF) +
            "' is neither B nor S");
        return 0;
    }

    private static Side side(final byte code)
    {
        return code == 'B' ? Side.BUY : code == 'S' ? Side.SELL : null;
    }

    // Raw big-endian reads of the bytes in view. Bounds are checked once per message, not per field: decode runs only
    // when the whole message is in view (limit - position >= 2 + length) and its length is its type's specified
    // length, so every field offset of the type lies inside it.

    private byte getByte(final int index)
    {
        return UnsafeApi.getByte(inArray, inAddress + index);
    }

    private int getShortUnsigned(final int index)
    {
        final short v = UnsafeApi.getShort(inArray, inAddress + index);
        return (NATIVE_BIG_ENDIAN ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    private int getInt(final int index)
    {
        final int v = UnsafeApi.getInt(inArray, inAddress + index);
        return NATIVE_BIG_ENDIAN ? v : Integer.reverseBytes(v);
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

    // The message's 48-bit timestamp, as decode read it once for the time-order check.
    private void envelope(final EnvelopeEncoder envelope, final long timestamp)
    {
        envelope.sequence(0).eventTime(midnightEpochNs + timestamp).sendTime(0).intendedSendTime(0).sourceId(0);
    }
}
