package io.ringside.codecs.itch;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recorded.TimeSkew;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
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
 *     the non-displayed resting order); Q cross trade -> TradePrint CROSS, no aggressor. A Q of 0 shares (NASDAQ
 *     sends one for each security's cross, matched or not) has no event: see {@link #crossesWithoutShares()}.</li>
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
 * {@code time_skew} (a jump ahead that the next message refutes, see {@link TimeSkew}; skipped, clock unmoved),
 * {@code bad_field} (a side, or trading state, outside the specification's values; skipped), {@code bad_price} and
 * {@code bad_quantity} (a price or share count of 0 where an event needs one; skipped), {@code truncated} (the
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

    /** No message accepted yet, or none to look ahead to. */
    private static final long NO_TIME = Long.MIN_VALUE;
    /** What decode returns when deciding on a jump in time needs more of the input in view. */
    private static final int NEEDS_LOOKAHEAD = -2;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern US_DATE = Pattern.compile("(?<!\\d)(\\d{2})(\\d{2})(\\d{4})(?!\\d)");

    private final ReadErrors errors;
    private final long midnightEpochNs;
    private final LocalDate tradingDate;
    private final ItchInput input;
    private final ItchEvents events;
    private final long maxTimeSkewNs;

    // Index i of the input's view (as of its last refill) is byte input.base() + i of the (decompressed) stream;
    // valid up to limit.
    private int position;
    private int limit;

    private boolean stopped;
    private boolean ended;
    private long eventsProduced;
    private long messagesRead;
    private long lastTimestamp = NO_TIME;
    /** The input is used up: a jump in time has no later message to confirm it. */
    private boolean inputEnded;
    /** Stream offset of the message whose lookahead last needed more input: more is asked for once per message. */
    private long lookaheadRefilledAt = -1;
    private final long[] messagesByType = new long[128];

    /**
     * @param file         an ITCH 5.0 file, plain or gzip.
     * @param date         the trading date, or null to take it from the file name (yyyy-mm-dd or mmddyyyy in it).
     * @param errorHandler told of each message refused.
     */
    public ItchReader(final Path file, final LocalDate date, final ReadErrorHandler errorHandler)
    {
        this(file, date, errorHandler, TimeSkew.DEFAULT_NS, 0);
    }

    /** @param maxTimeSkewNs the largest jump ahead in time taken without a look at the next message: {@link TimeSkew}. */
    public ItchReader(
        final Path file, final LocalDate date, final ReadErrorHandler errorHandler, final long maxTimeSkewNs)
    {
        this(file, date, errorHandler, maxTimeSkewNs, 0);
    }

    /** @param windowSize map window (plain) or buffer (gzip) size for tests; 0 for the defaults. */
    ItchReader(
        final Path file, final LocalDate date, final ReadErrorHandler errorHandler, final long maxTimeSkewNs,
        final int windowSize)
    {
        this.maxTimeSkewNs = TimeSkew.check(maxTimeSkewNs);
        this.errors = new ReadErrors(file, errorHandler);
        this.tradingDate = null != date ? date : dateFromName(file);
        this.midnightEpochNs = tradingDate.atStartOfDay(NASDAQ_ZONE).toEpochSecond() * NANOS_PER_SECOND;
        this.events = new ItchEvents(midnightEpochNs);
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
                final int length = events.getShortUnsigned(p); // inside the view: available >= 2
                if (available >= 2 + length)
                {
                    position = p + 2 + length;
                    final int frameLength = decode(p, length, buffer, offset);
                    if (frameLength > 0)
                    {
                        eventsProduced++;
                        return frameLength;
                    }
                    if (frameLength == NEEDS_LOOKAHEAD)
                    {
                        // Decode it again with more of what follows it in view (or knowing nothing does).
                        position = p;
                        inputEnded = !refill();
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
        lastTimestamp = NO_TIME;
        inputEnded = false;
        lookaheadRefilledAt = -1;
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
        events.brokenTrades = 0;
        events.crossesWithoutShares = 0;
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
        return events.brokenTrades;
    }

    /** Q messages of 0 shares: NASDAQ's word that a cross matched nothing; read, no event, not an error. */
    public long crossesWithoutShares()
    {
        return events.crossesWithoutShares;
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
        events.view(input.array(), input.address());
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
        final byte type = events.getByte(m);
        final int expected = type >= 0 ? LENGTH[type] : 0;
        if (expected != length)
        {
            refuseLength(p, type, length, expected);
            return 0;
        }
        final long timestamp = events.timestamp(m);
        if (timestamp >= NANOS_PER_DAY || timestamp < lastTimestamp)
        {
            refuseTime(p, type, timestamp);
            return 0;
        }
        if (lastTimestamp != NO_TIME && timestamp - lastTimestamp > maxTimeSkewNs)
        {
            final long next = nextTimestamp(p, p + 2 + length);
            if (next == NEEDS_LOOKAHEAD)
            {
                lookaheadRefilledAt = input.base() + p;
                return NEEDS_LOOKAHEAD;
            }
            if (next != NO_TIME && TimeSkew.refutes(timestamp, next, maxTimeSkewNs))
            {
                refuseSkew(p, type, timestamp, next);
                return 0;
            }
        }
        lastTimestamp = timestamp;
        messagesByType[type]++;
        messagesRead++;

        final int frameLength = events.encode(m, type, timestamp, buffer, offset);
        if (frameLength == ItchEvents.REFUSED)
        {
            refuse(events.refusalKind, p, events.refusal);
            return 0;
        }
        return frameLength;
    }

    // The refusals' words, out of decode so that what it does for every good message stays small enough to inline.

    private void refuseLength(final int p, final byte type, final int length, final int expected)
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
    }

    private void refuseTime(final int p, final byte type, final long timestamp)
    {
        if (timestamp >= NANOS_PER_DAY)
        {
            // A day's timestamp counts from midnight: one past the day is damage, and accepting it would make every
            // good message after it look as if time went backwards.
            refuse("time_out_of_day", p, "type '" + (char)type + "' timestamp " + timestamp +
                " ns after midnight is past the end of the day");
        }
        else
        {
            refuse("time_backwards", p, "type '" + (char)type + "' timestamp " + timestamp +
                " ns after midnight is before the previous message's " + lastTimestamp);
        }
    }

    private void refuseSkew(final int p, final byte type, final long timestamp, final long next)
    {
        refuse("time_skew", p, "type '" + (char)type + "' timestamp " + timestamp + " ns after midnight is " +
            "more than " + maxTimeSkewNs + " ns after the previous message's " + lastTimestamp +
            ", and the next message's " + next + " is back before it");
    }

    /**
     * The timestamp of the first readable message (a known type of its length, inside the day) among the few from
     * {@code q} on: what decides whether a jump ahead in time is real. {@code NO_TIME} when there is none to go by
     * (the input ends, or the next few are unreadable); {@code NEEDS_LOOKAHEAD} when more input must come into view
     * first.
     */
    private long nextTimestamp(final int p, final int q)
    {
        int at = q;
        for (int i = 0; i < TimeSkew.LOOKAHEAD_RECORDS; i++)
        {
            if (limit - at < 2 + TIMESTAMP + TIMESTAMP_LENGTH)
            {
                final boolean more = !inputEnded && lookaheadRefilledAt != input.base() + p;
                return more ? NEEDS_LOOKAHEAD : NO_TIME;
            }
            final int length = events.getShortUnsigned(at);
            final byte type = events.getByte(at + 2);
            if (length >= 1 + TIMESTAMP + TIMESTAMP_LENGTH && type >= 0 && LENGTH[type] == length)
            {
                final long timestamp = events.timestamp(at + 2);
                if (timestamp < NANOS_PER_DAY)
                {
                    return timestamp;
                }
            }
            at += 2 + length;
        }
        return NO_TIME;
    }
}
