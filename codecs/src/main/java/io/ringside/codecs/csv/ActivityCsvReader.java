package io.ringside.codecs.csv;

import io.ringside.codecs.recorded.MappedFile;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recorded.TimeSkew;
import io.ringside.codecs.sbe.ClientCancelEncoder;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV of client trading activity (new orders, cancels, executions) into ClientNewOrder, ClientCancel and
 * ClientExecution events.
 * <p>
 * The first non-blank line is the header, columns in any order and any case, surrounding spaces and double quotes
 * stripped; it must have {@code time, event, account, instrument, client_order_id, side, price, quantity, buyer,
 * seller}, and may have {@code execution_id}; columns it does not know are ignored. Each row is one event; the
 * columns an event does not use may be empty:
 * <ul>
 *     <li>{@code time}: epoch nanoseconds or ISO-8601 with a zone, as the market-data CSV ({@link CsvReader});</li>
 *     <li>{@code event}: {@code new}, {@code cancel} or {@code execution}, any case;</li>
 *     <li>{@code instrument}: a symbol, mapped to the instrument id the market data defines for it (the map is
 *     given), or digits only: the instrument id itself;</li>
 *     <li>new: {@code account}, {@code client_order_id} (whole numbers), {@code side} (buy, sell, b, s),
 *     {@code price}, {@code quantity} (decimals above 0);</li>
 *     <li>cancel: {@code account}, {@code client_order_id};</li>
 *     <li>execution: {@code buyer}, {@code seller} (accounts, whole numbers), {@code price}, {@code quantity}, and
 *     {@code execution_id} (a whole number; empty or absent = the file's execution count from 1).</li>
 * </ul>
 * Prices are converted exactly to fixed point at the instrument's price scale (given per instrument id, else the
 * default), quantities at the quantity scale; a non-zero digit past the scale is refused, never rounded.
 * <p>
 * Refused rows go to the {@link ReadErrorHandler} as {@code file:line} with one of: {@code wrong_column_count},
 * {@code malformed_field} (naming the column), {@code too_many_decimals}, {@code unknown_event},
 * {@code bad_price} and {@code bad_quantity} (not above 0), {@code unknown_symbol}, {@code time_backwards},
 * {@code time_skew} (a jump ahead the next row refutes: {@link TimeSkew}). A missing required column stops the
 * reader at construction with an IllegalArgumentException naming it.
 * <p>
 * Memory-mapped and parsed in place; nothing is allocated per row (symbols of up to 8 ASCII characters, as
 * InstrumentDefinition carries them, are packed into a long and looked up in a pre-filled map).
 */
public final class ActivityCsvReader implements RecordedEventReader
{
    public static final String EVENT_NEW = "new";
    public static final String EVENT_CANCEL = "cancel";
    public static final String EVENT_EXECUTION = "execution";

    /** Columns every activity file's header has; {@code execution_id} is optional. */
    public static final List<String> REQUIRED_COLUMNS = List.of(
        "time", "event", "account", "instrument", "client_order_id", "side", "price", "quantity", "buyer", "seller");

    private static final byte NEW = 1;
    private static final byte CANCEL = 2;
    private static final byte EXECUTION = 3;
    private static final int OK = CsvText.OK;
    private static final long NO_ID = -1;
    private static final int SYMBOL_LENGTH = CsvSymbols.SYMBOL_LENGTH;

    // Kinds of refusal, as the error handler is told them, besides CsvRow's.
    private static final String MALFORMED_FIELD = CsvRow.MALFORMED_FIELD;
    private static final String UNKNOWN_EVENT = "unknown_event";
    private static final String BAD_PRICE = CsvRow.BAD_PRICE;
    private static final String BAD_QUANTITY = CsvRow.BAD_QUANTITY;
    private static final String UNKNOWN_SYMBOL = "unknown_symbol";
    private static final String TIME_BACKWARDS = "time_backwards";
    private static final String TIME_SKEW = "time_skew";

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ClientNewOrderEncoder newOrder = new ClientNewOrderEncoder();
    private final ClientCancelEncoder cancel = new ClientCancelEncoder();
    private final ClientExecutionEncoder execution = new ClientExecutionEncoder();

    private final ReadErrors errors;
    private final long maxTimeSkewNs;
    private final int defaultPriceScale;
    private final int quantityScale;
    private final Long2LongHashMap symbolIds = new Long2LongHashMap(NO_ID);
    private final Int2IntHashMap priceScales;
    private final MappedFile input;
    private final UnsafeBuffer file;
    private final int fileLength;
    private final CsvText text;

    private final CsvHeader columns;
    private final int timeColumn;
    private final int eventColumn;
    private final int accountColumn;
    private final int instrumentColumn;
    private final int clientOrderIdColumn;
    private final int sideColumn;
    private final int priceColumn;
    private final int quantityColumn;
    private final int buyerColumn;
    private final int sellerColumn;
    private final int executionIdColumn;
    private final CsvRow row;

    private int position;
    private int lineNumber;
    private boolean stopped;
    private long eventsRead;
    private long newOrders;
    private long cancels;
    private long executions;
    private long lastEventTime = Long.MIN_VALUE;

    // The row being read.
    private byte rowEvent;
    private long rowTime;
    private int rowInstrument;
    private long rowAccount;
    private long rowClientOrderId;
    private Side rowSide;
    private long rowPrice;
    private long rowQuantity;
    private long rowBuyer;
    private long rowSeller;
    private long rowExecutionId;

    /**
     * @param file              the activity CSV.
     * @param instrumentIds     symbol to instrument id, as the market data in the same replay defines them; may be
     *                          empty, then only numeric instrument ids are accepted.
     * @param priceScales       instrument id to price scale; instruments not in it use {@code defaultPriceScale}.
     * @param defaultPriceScale decimal places of prices of instruments without a given scale, 0 to 18.
     * @param quantityScale     decimal places of quantities, 0 to 18.
     * @param errorHandler      told of each row refused.
     * @throws IllegalArgumentException when a scale is out of range, the file has no header, or the header lacks a
     *                                  required column (named in the message).
     */
    public ActivityCsvReader(
        final Path file,
        final Map<String, Integer> instrumentIds,
        final Map<Integer, Integer> priceScales,
        final int defaultPriceScale,
        final int quantityScale,
        final ReadErrorHandler errorHandler)
    {
        this(file, instrumentIds, priceScales, defaultPriceScale, quantityScale, errorHandler, TimeSkew.DEFAULT_NS);
    }

    /** @param maxTimeSkewNs the largest jump ahead in time taken without a look at the next row: {@link TimeSkew}. */
    public ActivityCsvReader(
        final Path file,
        final Map<String, Integer> instrumentIds,
        final Map<Integer, Integer> priceScales,
        final int defaultPriceScale,
        final int quantityScale,
        final ReadErrorHandler errorHandler,
        final long maxTimeSkewNs)
    {
        this.maxTimeSkewNs = TimeSkew.check(maxTimeSkewNs);
        if (defaultPriceScale < 0 || defaultPriceScale > CsvText.MAX_DIGITS || quantityScale < 0 ||
            quantityScale > CsvText.MAX_DIGITS)
        {
            throw new IllegalArgumentException("scales must be 0 to " + CsvText.MAX_DIGITS + ": price " +
                defaultPriceScale + ", quantity " + quantityScale);
        }
        this.errors = new ReadErrors(file, errorHandler);
        this.defaultPriceScale = defaultPriceScale;
        this.quantityScale = quantityScale;
        this.priceScales = new Int2IntHashMap(Math.max(8, priceScales.size() * 2), 0.65f, -1);
        priceScales.forEach((id, scale) ->
        {
            if (scale < 0 || scale > CsvText.MAX_DIGITS)
            {
                throw new IllegalArgumentException("price scale of instrument " + id + " must be 0 to " +
                    CsvText.MAX_DIGITS + ": " + scale);
            }
            this.priceScales.put(id.intValue(), scale.intValue());
        });
        instrumentIds.forEach((symbol, id) ->
        {
            final byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length > 0 && bytes.length <= SYMBOL_LENGTH)
            {
                symbolIds.put(CsvSymbols.pack(bytes), id);
            }
        });

        this.input = new MappedFile(file, "CSV files");
        this.file = input.buffer();
        this.fileLength = input.length();
        this.text = new CsvText(this.file);

        try
        {
            columns = new CsvHeader(file.toString(), this.file, fileLength);
            final List<String> missing = new ArrayList<>();
            for (final String required : REQUIRED_COLUMNS)
            {
                if (columns.column(required) < 0)
                {
                    missing.add(required);
                }
            }
            if (!missing.isEmpty())
            {
                throw columns.missing("the activity header", missing);
            }
            timeColumn = columns.column("time");
            eventColumn = columns.column("event");
            accountColumn = columns.column("account");
            instrumentColumn = columns.column("instrument");
            clientOrderIdColumn = columns.column("client_order_id");
            sideColumn = columns.column("side");
            priceColumn = columns.column("price");
            quantityColumn = columns.column("quantity");
            buyerColumn = columns.column("buyer");
            sellerColumn = columns.column("seller");
            executionIdColumn = columns.column("execution_id");
        }
        catch (final IllegalArgumentException ex)
        {
            close();
            throw ex;
        }
        position = columns.rowsStart();
        lineNumber = columns.linesRead();
        row = new CsvRow(this.file, fileLength, text, columns);
    }

    /** True when the file's first line is a header with {@code time}, {@code event} and {@code instrument}. */
    public static boolean looksLikeActivity(final Path file) throws IOException
    {
        final byte[] head = CsvHeader.head(file);
        int start = head.length >= 3 && head[0] == (byte)0xEF && head[1] == (byte)0xBB && head[2] == (byte)0xBF ? 3 : 0;
        while (start < head.length && (head[start] == '\n' || head[start] == '\r'))
        {
            start++;
        }
        final List<String> names = List.of(CsvHeader.names(CsvHeader.line(head, start)));
        return names.contains("time") && names.contains("event") && names.contains("instrument");
    }

    /**
     * The symbols (not numeric ids) the file's instrument column names, in order of first appearance; for a replay
     * to find their ids in the market data before it starts. Reads the whole file, allocating: not for the hot path.
     */
    public static List<String> symbols(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        final Set<String> symbols = new LinkedHashSet<>();
        int instrument = -1;
        for (final String line : lines)
        {
            if (line.isBlank())
            {
                continue;
            }
            final String[] fields = line.split(",", -1);
            if (instrument < 0)
            {
                for (int i = 0; i < fields.length; i++)
                {
                    if (CsvHeader.normalise(fields[i]).equals("instrument"))
                    {
                        instrument = i;
                    }
                }
                if (instrument < 0)
                {
                    return List.of();
                }
                continue;
            }
            if (instrument < fields.length)
            {
                final String value = CsvHeader.strip(fields[instrument]);
                if (!value.isEmpty() && !value.chars().allMatch((c) -> c >= '0' && c <= '9'))
                {
                    symbols.add(value);
                }
            }
        }
        return new ArrayList<>(symbols);
    }

    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        while (!stopped && position < fileLength)
        {
            final int lineStart = position;
            final int lineEnd = row.split(lineStart);
            position = lineEnd + 1;
            lineNumber++;
            if (row.isBlank(lineStart, lineEnd))
            {
                continue;
            }
            final String refusal = readRow();
            if (null != refusal)
            {
                stopped = !errors.atLine(refusal, lineNumber, row.problem);
                continue;
            }
            lastEventTime = rowTime;
            eventsRead++;
            return encodeRow(buffer, offset);
        }
        return 0;
    }

    public long eventsRead()
    {
        return eventsRead;
    }

    /** ClientNewOrder events read so far. */
    public long newOrders()
    {
        return newOrders;
    }

    /** ClientCancel events read so far. */
    public long cancels()
    {
        return cancels;
    }

    /** ClientExecution events read so far. */
    public long executions()
    {
        return executions;
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

    private String readRow()
    {
        String refusal = row.checkFieldCount();
        if (null != refusal)
        {
            return refusal;
        }
        refusal = row.time(timeColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowTime = row.parsed;

        rowEvent = row.is(eventColumn, EVENT_NEW) ? NEW : row.is(eventColumn, EVENT_CANCEL) ? CANCEL :
            row.is(eventColumn, EVENT_EXECUTION) ? EXECUTION : 0;
        if (0 == rowEvent)
        {
            row.problem = "event is " + row.quoted(eventColumn) + ", not new, cancel or execution";
            return UNKNOWN_EVENT;
        }

        refusal = readInstrument();
        if (null != refusal)
        {
            return refusal;
        }
        refusal = switch (rowEvent)
        {
            case NEW -> readNewOrder();
            case CANCEL -> readCancel();
            default -> readExecution();
        };
        if (null != refusal)
        {
            return refusal;
        }
        if (rowTime < lastEventTime)
        {
            row.problem = "time " + rowTime + " is before the previous event's " + lastEventTime;
            return TIME_BACKWARDS;
        }
        if (lastEventTime != Long.MIN_VALUE && rowTime - lastEventTime > maxTimeSkewNs)
        {
            final long next = row.nextTime(position, timeColumn);
            if (next != Long.MIN_VALUE && TimeSkew.refutes(rowTime, next, maxTimeSkewNs))
            {
                row.problem = "time " + rowTime + " is more than " + maxTimeSkewNs + " ns after the previous event's " +
                    lastEventTime + ", and the next row's " + next + " is back before it";
                return TIME_SKEW;
            }
        }
        switch (rowEvent)
        {
            case NEW -> newOrders++;
            case CANCEL -> cancels++;
            default ->
            {
                executions++;
                if (rowExecutionId == NO_ID)
                {
                    rowExecutionId = executions;
                }
            }
        }
        return null;
    }

    private String readInstrument()
    {
        final int start = row.start(instrumentColumn);
        final int end = row.end(instrumentColumn);
        if (start == end)
        {
            row.problem = "instrument is empty";
            return MALFORMED_FIELD;
        }
        boolean digits = true;
        for (int i = start; i < end && digits; i++)
        {
            final byte b = file.getByte(i);
            digits = b >= '0' && b <= '9';
        }
        if (digits)
        {
            if (text.decimal(start, end, 0) != OK || text.parsed <= 0 || text.parsed > Integer.MAX_VALUE)
            {
                row.problem = "instrument " + row.quoted(instrumentColumn) + " is not an instrument id from 1 to " +
                    Integer.MAX_VALUE;
                return MALFORMED_FIELD;
            }
            rowInstrument = (int)text.parsed;
            return null;
        }
        final long id = end - start <= SYMBOL_LENGTH ? symbolIds.get(CsvSymbols.pack(file, start, end)) : NO_ID;
        if (id == NO_ID)
        {
            row.problem = "instrument " + row.quoted(instrumentColumn) + " is no symbol the market data defines";
            return UNKNOWN_SYMBOL;
        }
        rowInstrument = (int)id;
        return null;
    }

    private String readNewOrder()
    {
        String refusal = row.wholeNumber(accountColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowAccount = row.parsed;
        refusal = row.wholeNumber(clientOrderIdColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowClientOrderId = row.parsed;
        rowSide = row.isEmpty(sideColumn) ? null : row.side(sideColumn);
        if (null == rowSide)
        {
            row.problem = "side is " + row.quoted(sideColumn) + ", not buy, sell, b or s";
            return MALFORMED_FIELD;
        }
        return priceAndQuantity();
    }

    private String readCancel()
    {
        final String refusal = row.wholeNumber(accountColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowAccount = row.parsed;
        final String orderRefusal = row.wholeNumber(clientOrderIdColumn);
        if (null != orderRefusal)
        {
            return orderRefusal;
        }
        rowClientOrderId = row.parsed;
        return null;
    }

    private String readExecution()
    {
        String refusal = row.wholeNumber(buyerColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowBuyer = row.parsed;
        refusal = row.wholeNumber(sellerColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowSeller = row.parsed;
        rowExecutionId = NO_ID;
        if (executionIdColumn >= 0 && !row.isEmpty(executionIdColumn))
        {
            refusal = row.wholeNumber(executionIdColumn);
            if (null != refusal)
            {
                return refusal;
            }
            rowExecutionId = row.parsed;
        }
        return priceAndQuantity();
    }

    private String priceAndQuantity()
    {
        final int scale = priceScales.getOrDefault(rowInstrument, defaultPriceScale);
        String refusal = row.decimal(priceColumn, scale);
        if (null != refusal)
        {
            return refusal;
        }
        if (row.parsed <= 0)
        {
            return row.notAboveZero(priceColumn, BAD_PRICE);
        }
        rowPrice = row.parsed;
        refusal = row.decimal(quantityColumn, quantityScale);
        if (null != refusal)
        {
            return refusal;
        }
        if (row.parsed <= 0)
        {
            return row.notAboveZero(quantityColumn, BAD_QUANTITY);
        }
        rowQuantity = row.parsed;
        return null;
    }

    private int encodeRow(final MutableDirectBuffer buffer, final int offset)
    {
        switch (rowEvent)
        {
            case NEW:
                newOrder.wrapAndApplyHeader(buffer, offset, header);
                envelope(newOrder.envelope());
                newOrder.instrumentId(rowInstrument).account(rowAccount).clientOrderId(rowClientOrderId)
                    .side(rowSide).price(rowPrice).quantity(rowQuantity);
                return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
            case CANCEL:
                cancel.wrapAndApplyHeader(buffer, offset, header);
                envelope(cancel.envelope());
                cancel.instrumentId(rowInstrument).account(rowAccount).clientOrderId(rowClientOrderId);
                return MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength();
            default:
                execution.wrapAndApplyHeader(buffer, offset, header);
                envelope(execution.envelope());
                execution.instrumentId(rowInstrument).executionId(rowExecutionId).buyerAccount(rowBuyer)
                    .sellerAccount(rowSeller).price(rowPrice).quantity(rowQuantity);
                return MessageHeaderEncoder.ENCODED_LENGTH + execution.encodedLength();
        }
    }

    /** The event time; the rest of the envelope is the publisher's, zeroed so a reused buffer leaks nothing. */
    private void envelope(final EnvelopeEncoder envelope)
    {
        envelope.sequence(0).eventTime(rowTime).sendTime(0).intendedSendTime(0).sourceId(0);
    }
}
