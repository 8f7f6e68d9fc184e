package io.ringside.codecs.csv;

import io.ringside.codecs.recorded.MappedFile;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 *     {@code price} (decimal), {@code quantity} (decimal, above 0);</li>
 *     <li>cancel: {@code account}, {@code client_order_id};</li>
 *     <li>execution: {@code buyer}, {@code seller} (accounts, whole numbers), {@code price}, {@code quantity}, and
 *     {@code execution_id} (a whole number; empty or absent = the file's execution count from 1).</li>
 * </ul>
 * Prices are converted exactly to fixed point at the instrument's price scale (given per instrument id, else the
 * default), quantities at the quantity scale; a non-zero digit past the scale is refused, never rounded.
 * <p>
 * Refused rows go to the {@link ReadErrorHandler} as {@code file:line} with one of: {@code wrong_column_count},
 * {@code malformed_field} (naming the column), {@code too_many_decimals}, {@code unknown_event},
 * {@code bad_quantity}, {@code unknown_symbol}, {@code time_backwards}. A missing required column stops the reader
 * at construction with an IllegalArgumentException naming it.
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
    private static final int TOO_MANY_DECIMALS = CsvText.TOO_MANY_DECIMALS;
    private static final long NO_ID = -1;
    private static final int SYMBOL_LENGTH = 8;

    private static final String WRONG_COLUMN_COUNT = "wrong_column_count";
    private static final String MALFORMED_FIELD = "malformed_field";
    private static final String TOO_MANY = "too_many_decimals";
    private static final String UNKNOWN_EVENT = "unknown_event";
    private static final String BAD_QUANTITY = "bad_quantity";
    private static final String UNKNOWN_SYMBOL = "unknown_symbol";
    private static final String TIME_BACKWARDS = "time_backwards";

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ClientNewOrderEncoder newOrder = new ClientNewOrderEncoder();
    private final ClientCancelEncoder cancel = new ClientCancelEncoder();
    private final ClientExecutionEncoder execution = new ClientExecutionEncoder();

    private final String fileName;
    private final ReadErrors errors;
    private final int defaultPriceScale;
    private final int quantityScale;
    private final Long2LongHashMap symbolIds = new Long2LongHashMap(NO_ID);
    private final Int2IntHashMap priceScales;
    private final MappedFile input;
    private final UnsafeBuffer file;
    private final int fileLength;
    private final CsvText text;

    private final String[] columnNames;
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
    private final int[] fieldStart;
    private final int[] fieldEnd;

    private int position;
    private int lineNumber;
    private boolean stopped;
    private long eventsRead;
    private long newOrders;
    private long cancels;
    private long executions;
    private long lastEventTime = Long.MIN_VALUE;
    private String fieldError;

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
        if (defaultPriceScale < 0 || defaultPriceScale > CsvText.MAX_DIGITS || quantityScale < 0 ||
            quantityScale > CsvText.MAX_DIGITS)
        {
            throw new IllegalArgumentException("scales must be 0 to " + CsvText.MAX_DIGITS + ": price " +
                defaultPriceScale + ", quantity " + quantityScale);
        }
        this.fileName = file.toString();
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
                symbolIds.put(pack(bytes), id);
            }
        });

        this.input = new MappedFile(file, "CSV files");
        this.file = input.buffer();
        this.fileLength = input.length();
        this.text = new CsvText(this.file);

        try
        {
            columnNames = readHeader();
            final List<String> missing = new ArrayList<>();
            for (final String required : REQUIRED_COLUMNS)
            {
                if (column(required) < 0)
                {
                    missing.add(required);
                }
            }
            if (!missing.isEmpty())
            {
                throw new IllegalArgumentException(fileName + ": the activity header lacks the required column" +
                    (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; it has " +
                    String.join(",", columnNames));
            }
            timeColumn = column("time");
            eventColumn = column("event");
            accountColumn = column("account");
            instrumentColumn = column("instrument");
            clientOrderIdColumn = column("client_order_id");
            sideColumn = column("side");
            priceColumn = column("price");
            quantityColumn = column("quantity");
            buyerColumn = column("buyer");
            sellerColumn = column("seller");
            executionIdColumn = column("execution_id");
        }
        catch (final IllegalArgumentException ex)
        {
            close();
            throw ex;
        }
        fieldStart = new int[columnNames.length];
        fieldEnd = new int[columnNames.length];
    }

    /** True when the file's first line is a header with {@code time}, {@code event} and {@code instrument}. */
    public static boolean looksLikeActivity(final Path file) throws IOException
    {
        final Set<String> names = new LinkedHashSet<>(List.of(firstLine(file).split(",", -1)));
        final Set<String> normal = new LinkedHashSet<>();
        names.forEach((name) -> normal.add(normalise(name)));
        return normal.contains("time") && normal.contains("event") && normal.contains("instrument");
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
                    if (normalise(fields[i]).equals("instrument"))
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
                final String value = normaliseValue(fields[instrument]);
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
            final int lineEnd = text.split(lineStart, fileLength, fieldStart, fieldEnd);
            position = lineEnd + 1;
            lineNumber++;
            if (lineEnd == lineStart || (lineEnd == lineStart + 1 && file.getByte(lineStart) == '\r'))
            {
                continue; // blank line
            }
            final String refusal = readRow();
            if (null != refusal)
            {
                stopped = !errors.atLine(refusal, lineNumber, fieldError);
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
        fieldError = null;
        if (text.fields != columnNames.length)
        {
            fieldError = text.fields + " fields; the header has " + columnNames.length;
            return WRONG_COLUMN_COUNT;
        }
        final int timeResult = text.time(fieldStart[timeColumn], fieldEnd[timeColumn]);
        if (timeResult != OK)
        {
            fieldError = CsvText.timeProblem(file, fieldStart[timeColumn], fieldEnd[timeColumn], timeResult);
            return MALFORMED_FIELD;
        }
        rowTime = text.parsed;

        rowEvent = parseEvent(fieldStart[eventColumn], fieldEnd[eventColumn]);
        if (0 == rowEvent)
        {
            fieldError = "event is " + field(eventColumn) + ", not new, cancel or execution";
            return UNKNOWN_EVENT;
        }

        String refusal = readInstrument();
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
            fieldError = "time " + rowTime + " is before the previous event's " + lastEventTime;
            return TIME_BACKWARDS;
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
        final int start = fieldStart[instrumentColumn];
        final int end = fieldEnd[instrumentColumn];
        if (start == end)
        {
            fieldError = "instrument is empty";
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
                fieldError = "instrument " + field(instrumentColumn) + " is not an instrument id from 1 to " +
                    Integer.MAX_VALUE;
                return MALFORMED_FIELD;
            }
            rowInstrument = (int)text.parsed;
            return null;
        }
        final long id = end - start <= SYMBOL_LENGTH ? symbolIds.get(pack(start, end)) : NO_ID;
        if (id == NO_ID)
        {
            fieldError = "instrument " + field(instrumentColumn) + " is no symbol the market data defines";
            return UNKNOWN_SYMBOL;
        }
        rowInstrument = (int)id;
        return null;
    }

    private String readNewOrder()
    {
        String refusal = wholeNumber(accountColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowAccount = text.parsed;
        refusal = wholeNumber(clientOrderIdColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowClientOrderId = text.parsed;
        rowSide = fieldStart[sideColumn] == fieldEnd[sideColumn] ? null :
            text.side(fieldStart[sideColumn], fieldEnd[sideColumn]);
        if (null == rowSide)
        {
            fieldError = "side is " + field(sideColumn) + ", not buy, sell, b or s";
            return MALFORMED_FIELD;
        }
        return priceAndQuantity();
    }

    private String readCancel()
    {
        final String refusal = wholeNumber(accountColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowAccount = text.parsed;
        final String orderRefusal = wholeNumber(clientOrderIdColumn);
        if (null != orderRefusal)
        {
            return orderRefusal;
        }
        rowClientOrderId = text.parsed;
        return null;
    }

    private String readExecution()
    {
        String refusal = wholeNumber(buyerColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowBuyer = text.parsed;
        refusal = wholeNumber(sellerColumn);
        if (null != refusal)
        {
            return refusal;
        }
        rowSeller = text.parsed;
        rowExecutionId = NO_ID;
        if (executionIdColumn >= 0 && fieldStart[executionIdColumn] < fieldEnd[executionIdColumn])
        {
            refusal = wholeNumber(executionIdColumn);
            if (null != refusal)
            {
                return refusal;
            }
            rowExecutionId = text.parsed;
        }
        return priceAndQuantity();
    }

    private String priceAndQuantity()
    {
        final int scale = priceScales.getOrDefault(rowInstrument, defaultPriceScale);
        String refusal = decimal(priceColumn, scale);
        if (null != refusal)
        {
            return refusal;
        }
        rowPrice = text.parsed;
        refusal = decimal(quantityColumn, quantityScale);
        if (null != refusal)
        {
            return refusal;
        }
        if (text.parsed <= 0)
        {
            fieldError = "quantity " + field(quantityColumn) + " is not above 0";
            return BAD_QUANTITY;
        }
        rowQuantity = text.parsed;
        return null;
    }

    private String wholeNumber(final int column)
    {
        final int start = fieldStart[column];
        final int end = fieldEnd[column];
        if (start == end || text.decimal(start, end, 0) != OK || text.parsed < 0)
        {
            fieldError = columnNames[column] + " is " + field(column) + ", not a whole number from 0";
            return MALFORMED_FIELD;
        }
        return null;
    }

    private String decimal(final int column, final int scale)
    {
        final int start = fieldStart[column];
        final int end = fieldEnd[column];
        if (start == end)
        {
            fieldError = columnNames[column] + " is empty";
            return MALFORMED_FIELD;
        }
        final int result = text.decimal(start, end, scale);
        if (result == OK)
        {
            return null;
        }
        if (result == TOO_MANY_DECIMALS)
        {
            fieldError = columnNames[column] + " " + field(column) + " has more than " + scale + " decimals";
            return TOO_MANY;
        }
        fieldError = columnNames[column] + " " + field(column) + " is not a decimal number of at most " +
            CsvText.MAX_DIGITS + " digits";
        return MALFORMED_FIELD;
    }

    private byte parseEvent(final int start, final int end)
    {
        final int length = end - start;
        if (length == 3 && text.lower(start) == 'n' && text.lower(start + 1) == 'e' && text.lower(start + 2) == 'w')
        {
            return NEW;
        }
        if (length == 6 && matches(start, "cancel"))
        {
            return CANCEL;
        }
        if (length == 9 && matches(start, "execution"))
        {
            return EXECUTION;
        }
        return 0;
    }

    private boolean matches(final int start, final String lowerCase)
    {
        for (int i = 0; i < lowerCase.length(); i++)
        {
            if (text.lower(start + i) != lowerCase.charAt(i))
            {
                return false;
            }
        }
        return true;
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

    private String field(final int column)
    {
        return "'" + file.getStringWithoutLengthAscii(fieldStart[column], fieldEnd[column] - fieldStart[column]) + "'";
    }

    /** Up to 8 ASCII bytes, first byte lowest: a symbol as one long key. */
    private long pack(final int start, final int end)
    {
        long key = 0;
        for (int i = end - 1; i >= start; i--)
        {
            key = (key << 8) | (file.getByte(i) & 0xFF);
        }
        return key;
    }

    private static long pack(final byte[] bytes)
    {
        long key = 0;
        for (int i = bytes.length - 1; i >= 0; i--)
        {
            key = (key << 8) | (bytes[i] & 0xFF);
        }
        return key;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Header

    private String[] readHeader()
    {
        int start = 0;
        if (fileLength >= 3 && file.getByte(0) == (byte)0xEF && file.getByte(1) == (byte)0xBB &&
            file.getByte(2) == (byte)0xBF)
        {
            start = 3; // UTF-8 byte order mark, as spreadsheet exports write
        }
        while (start < fileLength)
        {
            int end = start;
            while (end < fileLength && file.getByte(end) != '\n')
            {
                end++;
            }
            lineNumber++;
            position = end + 1;
            final String line = file.getStringWithoutLengthAscii(start, end - start);
            if (!line.isBlank())
            {
                final String[] names = line.split(",", -1);
                for (int i = 0; i < names.length; i++)
                {
                    names[i] = normalise(names[i]);
                }
                return names;
            }
            start = end + 1;
        }
        throw new IllegalArgumentException(fileName + " has no header row: it is empty");
    }

    private int column(final String name)
    {
        int found = -1;
        for (int i = 0; i < columnNames.length; i++)
        {
            if (columnNames[i].equals(name))
            {
                if (found >= 0)
                {
                    throw new IllegalArgumentException(fileName + ": column " + name + " appears twice in the header");
                }
                found = i;
            }
        }
        return found;
    }

    private static String firstLine(final Path file) throws IOException
    {
        final byte[] head = new byte[8192];
        int length = 0;
        try (InputStream in = Files.newInputStream(file))
        {
            int n;
            while (length < head.length && (n = in.read(head, length, head.length - length)) > 0)
            {
                length += n;
            }
        }
        int start = length >= 3 && head[0] == (byte)0xEF && head[1] == (byte)0xBB && head[2] == (byte)0xBF ? 3 : 0;
        while (start < length && (head[start] == '\n' || head[start] == '\r'))
        {
            start++;
        }
        int end = start;
        while (end < length && head[end] != '\n')
        {
            end++;
        }
        // ISO-8859-1 never fails to decode, so a binary file is simply not a match.
        return new String(head, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static String normalise(final String name)
    {
        return normaliseValue(name).toLowerCase(Locale.ROOT);
    }

    private static String normaliseValue(final String value)
    {
        String normal = value.strip();
        if (normal.length() >= 2 && normal.startsWith("\"") && normal.endsWith("\""))
        {
            normal = normal.substring(1, normal.length() - 1).strip();
        }
        return normal;
    }
}
