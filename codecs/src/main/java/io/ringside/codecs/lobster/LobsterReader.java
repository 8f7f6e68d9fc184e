package io.ringside.codecs.lobster;

import io.ringside.codecs.recorded.MappedFile;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recorded.TimeSkew;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a LOBSTER message file (NASDAQ order-level events reconstructed by LOBSTER) into Ringside events.
 * <p>
 * Columns: time (seconds after midnight; decimals past the 9th, float artefacts in some files, are dropped), type,
 * order id, size, price (dollars x 10,000), direction (1 buy, -1 sell; for executions the resting order's side). A header row and a 7th column are accepted and ignored.
 * The file is memory-mapped and parsed in place: no allocation per event.
 * <p>
 * Mapping: 1 add -> AddOrder; 2 partial cancel -> OrderCancelled; 3 delete -> OrderDeleted; 4 visible execution ->
 * OrderExecuted; 5 hidden execution -> TradePrint(HIDDEN, aggressor opposite the resting side); 6 cross ->
 * TradePrint(CROSS); 7 halt indicator -> TradingStatus (price -1 halted, 0 quoting, 1 trading). Cancels, deletes and
 * executions carry price and side, because LOBSTER has them and the book needs them for orders that rested before the
 * file began. Match ids are the file's execution count, from 1. The first frame is the InstrumentDefinition.
 * <p>
 * Refused lines go to the {@link ReadErrorHandler} as {@code file:line}: {@code malformed_line}, {@code unknown_type},
 * {@code bad_price} and {@code bad_quantity} (a price or size not above 0, but for the halt indicator's),
 * {@code time_backwards}, {@code time_skew} (a jump ahead the next line refutes: {@link TimeSkew}).
 */
public final class LobsterReader implements RecordedEventReader
{
    /** LOBSTER prices are dollars x 10,000. */
    public static final int PRICE_SCALE = 4;
    /** NASDAQ's tick for stocks above $1, at {@link #PRICE_SCALE}. */
    public static final long TICK_SIZE = 100;
    public static final ZoneId NASDAQ_ZONE = ZoneId.of("America/New_York");

    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z.]+)_(\\d{4}-\\d{2}-\\d{2})_.*message.*");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final TradingStatusEncoder tradingStatus = new TradingStatusEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final OrderExecutedEncoder orderExecuted = new OrderExecutedEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();

    private final ReadErrors errors;
    private final int instrumentId;
    private final String symbol;
    private final long midnightEpochNs;
    private final MappedFile input;
    private final UnsafeBuffer file;
    private final int fileLength;
    private final long maxTimeSkewNs;

    private int position;
    private int lineNumber;
    private boolean definitionSent;
    private boolean stopped;
    private long eventsRead;
    private long matchId;
    private long lastEventTime = Long.MIN_VALUE;

    // Fields of the line being parsed; parse failures leave parseError set.
    private long fTime;
    private long fType;
    private long fOrderId;
    private long fSize;
    private long fPrice;
    private long fDirection;
    private String parseError;

    /**
     * @param file         the message file.
     * @param instrumentId the instrument id its events get.
     * @param symbol       the symbol, or null to take it from a LOBSTER file name (SYMBOL_yyyy-mm-dd_..._message_N.csv).
     * @param date         the trading date, or null to take it from the file name.
     * @param errorHandler told of each line refused.
     */
    public LobsterReader(
        final Path file,
        final int instrumentId,
        final String symbol,
        final LocalDate date,
        final ReadErrorHandler errorHandler)
    {
        this(file, instrumentId, symbol, date, errorHandler, TimeSkew.DEFAULT_NS);
    }

    /** @param maxTimeSkewNs the largest jump ahead in time taken without a look at the next line: {@link TimeSkew}. */
    public LobsterReader(
        final Path file,
        final int instrumentId,
        final String symbol,
        final LocalDate date,
        final ReadErrorHandler errorHandler,
        final long maxTimeSkewNs)
    {
        this.maxTimeSkewNs = TimeSkew.check(maxTimeSkewNs);
        this.errors = new ReadErrors(file, errorHandler);
        this.instrumentId = instrumentId;

        final Matcher matcher = FILE_NAME.matcher(file.getFileName().toString());
        final boolean named = matcher.matches();
        if (null == symbol && !named)
        {
            throw new IllegalArgumentException(
                "cannot tell the symbol of " + file + ": name it SYMBOL_yyyy-mm-dd_..._message_N.csv or give --symbol");
        }
        if (null == date && !named)
        {
            throw new IllegalArgumentException(
                "cannot tell the trading date of " + file + ": name it SYMBOL_yyyy-mm-dd_..._message_N.csv or give --date");
        }
        this.symbol = null != symbol ? symbol : matcher.group(1);
        final LocalDate tradingDate = null != date ? date : LocalDate.parse(matcher.group(2));
        this.midnightEpochNs = tradingDate.atStartOfDay(NASDAQ_ZONE).toEpochSecond() * NANOS_PER_SECOND;

        this.input = new MappedFile(file, "LOBSTER files");
        this.file = input.buffer();
        this.fileLength = input.length();
    }

    /** True when the file looks like a LOBSTER message file: its first data line has 6 or 7 numeric columns. */
    public static boolean looksLikeLobster(final Path file) throws IOException
    {
        try (var lines = Files.lines(file))
        {
            return lines.limit(2)
                .anyMatch((line) -> line.matches("\\s*\\d+(\\.\\d+)?,[1-7],-?\\d+,-?\\d+,-?\\d+,-?1(,[^,]*)?\\s*"));
        }
    }

    public String symbol()
    {
        return symbol;
    }

    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        if (!definitionSent)
        {
            definitionSent = true;
            eventsRead++;
            return encodeDefinition(buffer, offset);
        }

        while (!stopped && position < fileLength)
        {
            final int lineStart = position;
            final int lineEnd = lineEnd(lineStart);
            position = lineEnd + 1;
            lineNumber++;

            int end = lineEnd;
            if (end > lineStart && file.getByte(end - 1) == '\r')
            {
                end--;
            }
            if (end == lineStart)
            {
                continue; // blank line
            }
            if (lineNumber == 1 && !isDigit(file.getByte(lineStart)))
            {
                continue; // header row
            }

            parseLine(lineStart, end);
            if (null != parseError)
            {
                if (!refuse("malformed_line", parseError))
                {
                    return 0;
                }
                continue;
            }

            final long eventTime = midnightEpochNs + fTime;
            if (eventTime < lastEventTime)
            {
                if (!refuse("time_backwards", "time " + fTime + " ns after midnight is before the previous line's"))
                {
                    return 0;
                }
                continue;
            }
            if (lastEventTime != Long.MIN_VALUE && eventTime - lastEventTime > maxTimeSkewNs)
            {
                final long time = fTime;
                final long next = nextLineTime();
                fTime = time;
                if (next != Long.MIN_VALUE && TimeSkew.refutes(time, next, maxTimeSkewNs))
                {
                    if (!refuse("time_skew", "time " + time + " ns after midnight is more than " + maxTimeSkewNs +
                        " ns after the previous line's, and the next line's " + next + " is back before it"))
                    {
                        return 0;
                    }
                    continue;
                }
            }

            final int length = encodeEvent(buffer, offset, eventTime);
            if (length < 0)
            {
                continue;
            }
            if (length == 0)
            {
                return 0;
            }
            lastEventTime = eventTime;
            eventsRead++;
            return length;
        }
        return 0;
    }

    public long eventsRead()
    {
        return eventsRead;
    }

    public long errors()
    {
        return errors.count();
    }

    public double progress()
    {
        return fileLength == 0 ? 1.0 : Math.min(1.0, (double)position / fileLength);
    }

    public void close()
    {
        input.close();
    }

    /** The index of the '\n' ending the line from {@code start}, or the file length. */
    private int lineEnd(final int start)
    {
        int end = start;
        while (end < fileLength && file.getByte(end) != '\n')
        {
            end++;
        }
        return end;
    }

    /**
     * The time (ns after midnight) of the first line after this one whose time reads, among the next few; or
     * Long.MIN_VALUE when there is none. Leaves fTime changed.
     */
    private long nextLineTime()
    {
        int start = position;
        for (int i = 0; i < TimeSkew.LOOKAHEAD_RECORDS && start < fileLength; i++)
        {
            final int end = lineEnd(start);
            final int trimmed = end > start && file.getByte(end - 1) == '\r' ? end - 1 : end;
            final String error = parseError;
            final boolean read = trimmed > start && parseTime(start, trimmed) >= 0;
            parseError = error;
            if (read)
            {
                return fTime;
            }
            start = end + 1;
        }
        return Long.MIN_VALUE;
    }

    private boolean refuse(final String kind, final String problem)
    {
        stopped = !errors.atLine(kind, lineNumber, problem);
        return !stopped;
    }

    /** @return frame length; -1 when the line was refused and reading goes on; 0 when reading stops. */
    private int encodeEvent(final MutableDirectBuffer buffer, final int offset, final long eventTime)
    {
        final Side side;
        if (fDirection == 1)
        {
            side = Side.BUY;
        }
        else if (fDirection == -1)
        {
            side = Side.SELL;
        }
        else
        {
            return refuse("malformed_line", "direction " + fDirection + " is neither 1 nor -1") ? -1 : 0;
        }
        if (fOrderId < 0)
        {
            return refuse("malformed_line", "order id " + fOrderId + " is negative") ? -1 : 0;
        }
        // Every event but the halt indicator (type 7: price -1, 0 or 1, size 0) carries a real price and size.
        if (fType != 7 && fPrice <= 0)
        {
            return refuse("bad_price", "price " + fPrice + " is not above 0") ? -1 : 0;
        }
        if (fSize < 0 || (fType != 7 && fSize == 0))
        {
            return refuse("bad_quantity", "size " + fSize + " is not above 0") ? -1 : 0;
        }

        switch (fType >= 1 && fType <= 7 ? (int)fType : 0) // no (int) wrap-around: 4294967297 is not type 1
        {
            case 1:
                addOrder.wrapAndApplyHeader(buffer, offset, header);
                addOrder.envelope().eventTime(eventTime);
                addOrder.instrumentId(instrumentId).orderId(fOrderId).side(side).price(fPrice).quantity(fSize)
                    .putAttribution((byte)0, (byte)0, (byte)0, (byte)0); // all 4 bytes: the buffer is reused
                return MessageHeaderEncoder.ENCODED_LENGTH + addOrder.encodedLength();

            case 2:
                orderCancelled.wrapAndApplyHeader(buffer, offset, header);
                orderCancelled.envelope().eventTime(eventTime);
                orderCancelled.instrumentId(instrumentId).orderId(fOrderId).cancelledQuantity(fSize)
                    .price(fPrice).side(side);
                return MessageHeaderEncoder.ENCODED_LENGTH + orderCancelled.encodedLength();

            case 3:
                orderDeleted.wrapAndApplyHeader(buffer, offset, header);
                orderDeleted.envelope().eventTime(eventTime);
                orderDeleted.instrumentId(instrumentId).orderId(fOrderId).price(fPrice).quantity(fSize).side(side);
                return MessageHeaderEncoder.ENCODED_LENGTH + orderDeleted.encodedLength();

            case 4:
                orderExecuted.wrapAndApplyHeader(buffer, offset, header);
                orderExecuted.envelope().eventTime(eventTime);
                orderExecuted.instrumentId(instrumentId).orderId(fOrderId).executedQuantity(fSize)
                    .matchId(++matchId).price(fPrice).side(side);
                return MessageHeaderEncoder.ENCODED_LENGTH + orderExecuted.encodedLength();

            case 5:
            case 6:
                tradePrint.wrapAndApplyHeader(buffer, offset, header);
                tradePrint.envelope().eventTime(eventTime);
                tradePrint.instrumentId(instrumentId).price(fPrice).quantity(fSize).matchId(++matchId)
                    .kind(fType == 5 ? TradeKind.HIDDEN : TradeKind.CROSS)
                    .aggressorSide(fType == 5 ? (side == Side.BUY ? Side.SELL : Side.BUY) : Side.NULL_VAL);
                return MessageHeaderEncoder.ENCODED_LENGTH + tradePrint.encodedLength();

            case 7:
                final TradingState state;
                if (fPrice == -1)
                {
                    state = TradingState.HALTED;
                }
                else if (fPrice == 0)
                {
                    state = TradingState.QUOTING;
                }
                else if (fPrice == 1)
                {
                    state = TradingState.TRADING;
                }
                else
                {
                    return refuse("malformed_line", "halt indicator price " + fPrice + " is not -1, 0 or 1") ? -1 : 0;
                }
                tradingStatus.wrapAndApplyHeader(buffer, offset, header);
                tradingStatus.envelope().eventTime(eventTime);
                tradingStatus.instrumentId(instrumentId).state(state);
                return MessageHeaderEncoder.ENCODED_LENGTH + tradingStatus.encodedLength();

            default:
                return refuse("unknown_type", "event type " + fType + " is not one of LOBSTER's 1-7") ? -1 : 0;
        }
    }

    private int encodeDefinition(final MutableDirectBuffer buffer, final int offset)
    {
        instrumentDefinition.wrapAndApplyHeader(buffer, offset, header);
        instrumentDefinition.envelope().eventTime(midnightEpochNs);
        instrumentDefinition.instrumentId(instrumentId).tickSize(TICK_SIZE).priceScale((short)PRICE_SCALE);
        instrumentDefinition.symbol(symbol.length() > 8 ? symbol.substring(0, 8) : symbol);
        return MessageHeaderEncoder.ENCODED_LENGTH + instrumentDefinition.encodedLength();
    }

    private void parseLine(final int start, final int end)
    {
        parseError = null;
        int p = parseTime(start, end);
        if (p < 0)
        {
            return;
        }
        p = parseLong(p, end, "type");
        fType = parsed;
        if (p < 0)
        {
            return;
        }
        p = parseLong(p, end, "order id");
        fOrderId = parsed;
        if (p < 0)
        {
            return;
        }
        p = parseLong(p, end, "size");
        fSize = parsed;
        if (p < 0)
        {
            return;
        }
        p = parseLong(p, end, "price");
        fPrice = parsed;
        if (p < 0)
        {
            return;
        }
        p = parseLong(p, end, "direction");
        fDirection = parsed;
        if (p < 0)
        {
            return;
        }
        // A 7th column, when present, is ignored.
    }

    private long parsed;

    /** Parse a signed decimal integer ending at ',' or end; returns the index after the separator, or -1. */
    private int parseLong(final int start, final int end, final String column)
    {
        int i = start;
        boolean negative = false;
        if (i < end && file.getByte(i) == '-')
        {
            negative = true;
            i++;
        }
        final int digitsStart = i;
        long value = 0;
        while (i < end)
        {
            final byte b = file.getByte(i);
            if (b == ',')
            {
                break;
            }
            if (!isDigit(b) || i - digitsStart >= 18)
            {
                parseError = column + " column is not an integer";
                return -1;
            }
            value = value * 10 + (b - '0');
            i++;
        }
        if (i == digitsStart)
        {
            parseError = column + " column is empty or missing";
            return -1;
        }
        parsed = negative ? -value : value;
        if (i < end)
        {
            return i + 1;
        }
        return column.equals("direction") ? end : missingAfter(column);
    }

    private int missingAfter(final String column)
    {
        parseError = "line ends after the " + column + " column; expected 6 columns";
        return -1;
    }

    /** Seconds after midnight with up to 9 decimals, exactly, into ns. */
    private int parseTime(final int start, final int end)
    {
        int i = start;
        long seconds = 0;
        while (i < end && isDigit(file.getByte(i)))
        {
            seconds = seconds * 10 + (file.getByte(i) - '0');
            i++;
            if (i - start > 6)
            {
                parseError = "time column is not seconds after midnight";
                return -1;
            }
        }
        if (i == start)
        {
            parseError = "time column is not a number";
            return -1;
        }
        long nanos = 0;
        int decimals = 0;
        if (i < end && file.getByte(i) == '.')
        {
            i++;
            while (i < end && isDigit(file.getByte(i)))
            {
                // Digits past the nanosecond are dropped: real files carry float artefacts such as
                // 35821.088778456004, and the venue's clock is no finer than a nanosecond.
                if (decimals < 9)
                {
                    nanos = nanos * 10 + (file.getByte(i) - '0');
                    decimals++;
                }
                i++;
            }
        }
        if (i >= end || file.getByte(i) != ',')
        {
            parseError = i >= end ? "line has only a time column" : "time column is not a number";
            return -1;
        }
        for (int d = decimals; d < 9; d++)
        {
            nanos *= 10;
        }
        fTime = seconds * NANOS_PER_SECOND + nanos;
        return i + 1;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }
}
