package io.ringside.codecs.csv;

import io.ringside.codecs.recorded.MappedFile;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.QuoteEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV of trade prints and top-of-book quotes, the shape crypto exchange and vendor dumps come in, into
 * Ringside events.
 * <p>
 * The first non-blank line is a header naming the columns, in any order and any case; columns it does not know are
 * ignored, surrounding spaces and double quotes are stripped (quoted fields may not contain commas):
 * <ul>
 *     <li>{@code time} (required): nanoseconds since the epoch as an integer, or ISO-8601 with a zone,
 *     {@code 2024-03-01T14:30:00.123456789Z} or {@code 2024-03-01T09:30:00.5-05:00} (a space may replace the 'T';
 *     up to 9 decimals, exact to the nanosecond; a time without Z or offset is refused as ambiguous);</li>
 *     <li>{@code symbol} (required): up to 8 ASCII characters go into the InstrumentDefinition (longer symbols are
 *     cut there, but ids are assigned on the whole symbol);</li>
 *     <li>{@code type}: {@code trade} or {@code quote}, any case; may be left out when the header has only trade
 *     columns or only quote columns;</li>
 *     <li>trade columns: {@code price}, {@code quantity} (or {@code size}), optional {@code side} (the aggressor:
 *     buy, sell, b, s, any case; empty = unknown), optional {@code trade_id} (an integer; empty = the running
 *     count);</li>
 *     <li>quote columns: {@code bid_price}, {@code bid_quantity} (or {@code bid_size}), {@code ask_price},
 *     {@code ask_quantity} (or {@code ask_size}); an empty price means that side is empty (null price), an empty
 *     quantity is 0.</li>
 * </ul>
 * Prices and quantities are decimal text converted exactly to fixed point at the reader's price and quantity scales.
 * A non-zero digit past the scale is refused ({@code too_many_decimals}), never rounded; zeros past it lose nothing
 * and are accepted ("100.0" is 100 at quantity scale 0). At most 18 digits in all, scale included.
 * <p>
 * Instrument ids are 1, 2, 3... in order of first appearance of each symbol, or taken from a given map (a symbol not
 * in it is refused, {@code unknown_symbol}). Just before the first event of each symbol comes its InstrumentDefinition
 * (tick size 1, the reader's price scale, the event time of that first event). Trades become TradePrint (VISIBLE,
 * match id = trade_id or the file's trade count from 1); quotes become Quote.
 * <p>
 * Refused rows go to the {@link ReadErrorHandler} as {@code file:line} with one of: {@code wrong_column_count},
 * {@code malformed_field} (naming the column), {@code too_many_decimals}, {@code unknown_type},
 * {@code negative_quantity}, {@code unknown_symbol}, {@code time_backwards} (earlier than the last event
 * delivered, whatever its symbol).
 * <p>
 * The file is memory-mapped and parsed in place; steady state allocates nothing per row: symbols are found by a hash
 * of their bytes in an open-addressing table, and only a new symbol allocates. Files over 2 GiB are not supported.
 */
public final class CsvReader implements RecordedEventReader
{
    public static final int DEFAULT_PRICE_SCALE = 4;
    public static final int DEFAULT_QUANTITY_SCALE = 0;
    /** Every instrument of a CSV file is defined with this tick size: the file does not say. */
    public static final long TICK_SIZE = 1;

    private static final byte TYPE_TRADE = 1;
    private static final byte TYPE_QUOTE = 2;
    private static final int MAX_DIGITS = 18;
    private static final int SYMBOL_LENGTH = 8;

    // Results of the text parsers; the caller turns anything but OK into a refusal naming the column.
    private static final int OK = CsvText.OK;
    private static final int MALFORMED = CsvText.MALFORMED;
    private static final int TOO_MANY_DECIMALS = CsvText.TOO_MANY_DECIMALS;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();
    private final QuoteEncoder quote = new QuoteEncoder();

    private final String fileName;
    private final ReadErrors errors;
    private final int priceScale;
    private final int quantityScale;
    private final boolean idsGiven;
    private final MappedFile input;
    private final UnsafeBuffer file;
    private final int fileLength;
    private final CsvText text;

    // The header: column index of each known column, -1 when absent.
    private final String[] columnNames;
    private final int columnCount;
    private final int timeColumn;
    private final int symbolColumn;
    private final int typeColumn;
    private final int priceColumn;
    private final int quantityColumn;
    private final int sideColumn;
    private final int tradeIdColumn;
    private final int bidPriceColumn;
    private final int bidQuantityColumn;
    private final int askPriceColumn;
    private final int askQuantityColumn;
    /** The type of every row when the file has no type column. */
    private final byte impliedType;

    // Where each field of the current row is, after trimming.
    private final int[] fieldStart;
    private final int[] fieldEnd;

    // Symbols: open addressing on a hash of the bytes; a slot holds the symbol's bytes, id and definition state.
    private byte[][] symbolBytes = new byte[64][];
    private int[] symbolHashes = new int[64];
    private int[] symbolIds = new int[64];
    private byte[][] definitionSymbols = new byte[64][];
    private boolean[] defined = new boolean[64];
    private int symbolCount;
    private int nextInstrumentId = 1;

    private int position;
    private int lineNumber;
    private boolean stopped;
    private boolean rowPending;
    private long eventsRead;
    private long tradeCount;
    private long lastEventTime = Long.MIN_VALUE;

    // The row being read; kept across calls when its instrument's definition goes first.
    private byte rowType;
    private long rowTime;
    private int rowSlot;
    private long rowPrice;
    private long rowQuantity;
    private Side rowSide;
    private long rowMatchId;
    private long rowBidPrice;
    private long rowBidQuantity;
    private long rowAskPrice;
    private long rowAskQuantity;

    /** Fields the last split line had, whether or not the header has that many. */
    private int rowFields;
    /** Value of the last text parsed, when its parser returned OK. */
    private long parsed;
    /** What is wrong with the row being read, for the error handler; set with the refusal's kind. */
    private String fieldError;

    /**
     * A reader at the default scales (prices 4 decimals, quantities whole), ids assigned in order of appearance.
     *
     * @param file         the CSV file.
     * @param errorHandler told of each row refused.
     */
    public CsvReader(final Path file, final ReadErrorHandler errorHandler)
    {
        this(file, DEFAULT_PRICE_SCALE, DEFAULT_QUANTITY_SCALE, null, errorHandler);
    }

    /**
     * @param file          the CSV file.
     * @param priceScale    decimal places of the fixed-point prices (4 for US equities, 8 for crypto), 0 to 18.
     * @param quantityScale decimal places of the fixed-point quantities (0 for shares, 8 for crypto), 0 to 18.
     * @param instrumentIds symbol to instrument id, or null to assign 1, 2, 3... in order of first appearance.
     * @param errorHandler  told of each row refused.
     * @throws IllegalArgumentException when a scale is out of range, the file has no header, or the header lacks a
     *                                  required column (named in the message).
     */
    public CsvReader(
        final Path file,
        final int priceScale,
        final int quantityScale,
        final Map<String, Integer> instrumentIds,
        final ReadErrorHandler errorHandler)
    {
        if (priceScale < 0 || priceScale > MAX_DIGITS || quantityScale < 0 || quantityScale > MAX_DIGITS)
        {
            throw new IllegalArgumentException(
                "scales must be 0 to " + MAX_DIGITS + ": price " + priceScale + ", quantity " + quantityScale);
        }
        this.fileName = file.toString();
        this.errors = new ReadErrors(file, errorHandler);
        this.priceScale = priceScale;
        this.quantityScale = quantityScale;

        this.input = new MappedFile(file, "CSV files");
        this.file = input.buffer();
        this.fileLength = input.length();
        this.text = new CsvText(this.file);

        try
        {
            columnNames = readHeader();
            columnCount = columnNames.length;
            timeColumn = column("time");
            symbolColumn = column("symbol");
            typeColumn = column("type");
            priceColumn = column("price");
            quantityColumn = column("quantity", "size");
            sideColumn = column("side");
            tradeIdColumn = column("trade_id");
            bidPriceColumn = column("bid_price");
            bidQuantityColumn = column("bid_quantity", "bid_size");
            askPriceColumn = column("ask_price");
            askQuantityColumn = column("ask_quantity", "ask_size");
            impliedType = checkColumns();
        }
        catch (final IllegalArgumentException ex)
        {
            close();
            throw ex;
        }
        fieldStart = new int[columnCount];
        fieldEnd = new int[columnCount];

        this.idsGiven = null != instrumentIds;
        if (idsGiven)
        {
            for (final Map.Entry<String, Integer> entry : instrumentIds.entrySet())
            {
                final byte[] bytes = entry.getKey().getBytes(StandardCharsets.US_ASCII);
                final int hash = hash(bytes, 0, bytes.length);
                if (find(hash, bytes, 0, bytes.length) < 0)
                {
                    insert(hash, bytes, entry.getValue());
                }
            }
        }
    }

    /** True when the file's first line is a header with {@code time} and {@code symbol} columns. */
    public static boolean looksLikeCsv(final Path file) throws IOException
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
        int end = 0;
        while (end < length && head[end] != '\n')
        {
            end++;
        }
        // ISO-8859-1 never fails to decode, so a binary file is simply not a match.
        final String[] names = new String(head, 0, end, StandardCharsets.ISO_8859_1).split(",", -1);
        boolean time = false;
        boolean symbol = false;
        for (final String name : names)
        {
            final String normal = normalise(name);
            time |= normal.equals("time");
            symbol |= normal.equals("symbol");
        }
        return time && symbol;
    }

    public int priceScale()
    {
        return priceScale;
    }

    public int quantityScale()
    {
        return quantityScale;
    }

    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        if (rowPending)
        {
            rowPending = false;
            eventsRead++;
            return encodeRow(buffer, offset);
        }

        while (!stopped && position < fileLength)
        {
            final int lineStart = position;
            final int lineEnd = splitLine(lineStart);
            position = lineEnd + 1;
            lineNumber++;
            if (lineEnd == lineStart || (lineEnd == lineStart + 1 && file.getByte(lineStart) == '\r'))
            {
                continue; // blank line
            }

            final String refusal = readRow();
            if (null != refusal)
            {
                if (!refuse(refusal, fieldError))
                {
                    return 0;
                }
                continue;
            }

            final int slot = rowSlot;
            if (!defined[slot])
            {
                defined[slot] = true;
                rowPending = true;
                lastEventTime = rowTime;
                eventsRead++;
                return encodeDefinition(buffer, offset, slot);
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

    // Kinds of refusal, as the error handler is told them.
    private static final String WRONG_COLUMN_COUNT = "wrong_column_count";
    private static final String MALFORMED_FIELD = "malformed_field";
    private static final String TOO_MANY = "too_many_decimals";
    private static final String UNKNOWN_TYPE = "unknown_type";
    private static final String NEGATIVE_QUANTITY = "negative_quantity";
    private static final String UNKNOWN_SYMBOL = "unknown_symbol";
    private static final String TIME_BACKWARDS = "time_backwards";

    private boolean refuse(final String kind, final String problem)
    {
        stopped = !errors.atLine(kind, lineNumber, problem);
        return !stopped;
    }

    /**
     * Find the fields of the line starting at {@code start}, trimmed, into fieldStart/fieldEnd.
     *
     * @return the index of the line's '\n', or the file length; the field count is left in rowFields.
     */
    private int splitLine(final int start)
    {
        final UnsafeBuffer file = this.file;
        final int fileLength = this.fileLength;
        final int columnCount = this.columnCount;
        int fields = 0;
        int fieldBegin = start;
        int i = start;
        while (true)
        {
            final byte b = i < fileLength ? file.getByte(i) : (byte)'\n';
            if (b == ',' || b == '\n')
            {
                if (fields < columnCount)
                {
                    trimInto(fields, fieldBegin, i);
                }
                fields++;
                if (b == '\n')
                {
                    break;
                }
                fieldBegin = i + 1;
            }
            i++;
        }
        rowFields = fields;
        return i;
    }

    private void trimInto(final int field, final int begin, final int end)
    {
        int s = begin;
        int e = end;
        while (s < e && isSpace(file.getByte(s)))
        {
            s++;
        }
        while (e > s && isSpace(file.getByte(e - 1)))
        {
            e--;
        }
        if (e - s >= 2 && file.getByte(s) == '"' && file.getByte(e - 1) == '"')
        {
            s++;
            e--;
        }
        fieldStart[field] = s;
        fieldEnd[field] = e;
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t' || b == '\r';
    }

    /** Parse and check the split row into the row fields; on refusal fieldError is set and its kind returned. */
    private String readRow()
    {
        fieldError = null;
        if (rowFields != columnCount)
        {
            fieldError = rowFields + " fields; the header has " + columnCount;
            return WRONG_COLUMN_COUNT;
        }

        if (parseTime(fieldStart[timeColumn], fieldEnd[timeColumn]) != OK)
        {
            return MALFORMED_FIELD;
        }
        final long time = parsed;

        final byte type = typeColumn < 0 ? impliedType : parseType(fieldStart[typeColumn], fieldEnd[typeColumn]);
        if (type == 0)
        {
            return UNKNOWN_TYPE;
        }

        final int symbolStart = fieldStart[symbolColumn];
        final int symbolEnd = fieldEnd[symbolColumn];
        if (symbolStart == symbolEnd)
        {
            fieldError = "symbol is empty";
            return MALFORMED_FIELD;
        }

        final String refusal = type == TYPE_TRADE ? readTrade() : readQuote();
        if (null != refusal)
        {
            return refusal;
        }

        final int hash = hash(symbolStart, symbolEnd);
        int slot = find(hash, symbolStart, symbolEnd);
        if (slot < 0 && idsGiven)
        {
            fieldError = "symbol " + file.getStringWithoutLengthAscii(symbolStart, symbolEnd - symbolStart) +
                " is not in the given instrument ids";
            return UNKNOWN_SYMBOL;
        }
        if (time < lastEventTime)
        {
            fieldError = "time " + time + " is before the previous event's " + lastEventTime;
            return TIME_BACKWARDS;
        }
        if (slot < 0)
        {
            final byte[] bytes = new byte[symbolEnd - symbolStart];
            file.getBytes(symbolStart, bytes);
            slot = insert(hash, bytes, nextInstrumentId++);
        }

        if (type == TYPE_TRADE)
        {
            tradeCount++;
            if (rowMatchId == Long.MIN_VALUE)
            {
                rowMatchId = tradeCount;
            }
        }
        rowType = type;
        rowTime = time;
        rowSlot = slot;
        return null;
    }

    private String readTrade()
    {
        if (priceColumn < 0 || quantityColumn < 0)
        {
            fieldError = "type trade, but the header has no " + (priceColumn < 0 ? "price" : "quantity") + " column";
            return UNKNOWN_TYPE;
        }
        String result = parseRequiredDecimal(priceColumn, priceScale);
        if (null != result)
        {
            return result;
        }
        rowPrice = parsed;
        result = parseRequiredDecimal(quantityColumn, quantityScale);
        if (null != result)
        {
            return result;
        }
        if (parsed < 0)
        {
            fieldError = columnNames[quantityColumn] + " is negative";
            return NEGATIVE_QUANTITY;
        }
        rowQuantity = parsed;

        rowSide = Side.NULL_VAL;
        if (sideColumn >= 0 && fieldStart[sideColumn] < fieldEnd[sideColumn])
        {
            rowSide = parseSide(fieldStart[sideColumn], fieldEnd[sideColumn]);
            if (null == rowSide)
            {
                fieldError = "side is " + field(sideColumn) + ", not buy, sell, b or s";
                return MALFORMED_FIELD;
            }
        }

        rowMatchId = Long.MIN_VALUE; // the trade count, once the row is accepted
        if (tradeIdColumn >= 0 && fieldStart[tradeIdColumn] < fieldEnd[tradeIdColumn])
        {
            if (parseDecimal(fieldStart[tradeIdColumn], fieldEnd[tradeIdColumn], 0) != OK || parsed < 0)
            {
                fieldError = "trade_id is " + field(tradeIdColumn) + ", not a whole number from 0";
                return MALFORMED_FIELD;
            }
            rowMatchId = parsed;
        }
        return null;
    }

    private String readQuote()
    {
        if (bidPriceColumn < 0 || bidQuantityColumn < 0 || askPriceColumn < 0 || askQuantityColumn < 0)
        {
            fieldError = "type quote, but the header lacks bid_price, bid_quantity, ask_price or ask_quantity";
            return UNKNOWN_TYPE;
        }
        String result = parseOptionalDecimal(bidPriceColumn, priceScale, QuoteEncoder.bidPriceNullValue());
        if (null != result)
        {
            return result;
        }
        rowBidPrice = parsed;
        result = parseOptionalDecimal(bidQuantityColumn, quantityScale, 0);
        if (null != result)
        {
            return result;
        }
        rowBidQuantity = parsed;
        result = parseOptionalDecimal(askPriceColumn, priceScale, QuoteEncoder.askPriceNullValue());
        if (null != result)
        {
            return result;
        }
        rowAskPrice = parsed;
        result = parseOptionalDecimal(askQuantityColumn, quantityScale, 0);
        if (null != result)
        {
            return result;
        }
        rowAskQuantity = parsed;
        if (rowBidQuantity < 0 || rowAskQuantity < 0)
        {
            fieldError = columnNames[rowBidQuantity < 0 ? bidQuantityColumn : askQuantityColumn] + " is negative";
            return NEGATIVE_QUANTITY;
        }
        return null;
    }

    private String parseRequiredDecimal(final int column, final int scale)
    {
        final int start = fieldStart[column];
        final int end = fieldEnd[column];
        if (start == end)
        {
            fieldError = columnNames[column] + " is empty";
            return MALFORMED_FIELD;
        }
        return decimalResult(column, parseDecimal(start, end, scale), scale);
    }

    private String parseOptionalDecimal(final int column, final int scale, final long emptyValue)
    {
        final int start = fieldStart[column];
        final int end = fieldEnd[column];
        if (start == end)
        {
            parsed = emptyValue;
            return null;
        }
        return decimalResult(column, parseDecimal(start, end, scale), scale);
    }

    private String decimalResult(final int column, final int result, final int scale)
    {
        if (result == OK)
        {
            return null;
        }
        if (result == TOO_MANY_DECIMALS)
        {
            fieldError = columnNames[column] + " " + field(column) + " has more than " + scale + " decimals";
            return TOO_MANY;
        }
        fieldError = columnNames[column] + " " + field(column) + " is not a decimal number of at most " + MAX_DIGITS +
            " digits";
        return MALFORMED_FIELD;
    }

    private String field(final int column)
    {
        return "'" + file.getStringWithoutLengthAscii(fieldStart[column], fieldEnd[column] - fieldStart[column]) + "'";
    }

    /** {@link CsvText#decimal}, into {@link #parsed}. */
    private int parseDecimal(final int start, final int end, final int scale)
    {
        final int result = text.decimal(start, end, scale);
        parsed = text.parsed;
        return result;
    }

    private byte parseType(final int start, final int end)
    {
        if (end - start == 5 && lower(start) == 't' && lower(start + 1) == 'r' && lower(start + 2) == 'a' &&
            lower(start + 3) == 'd' && lower(start + 4) == 'e')
        {
            return TYPE_TRADE;
        }
        if (end - start == 5 && lower(start) == 'q' && lower(start + 1) == 'u' && lower(start + 2) == 'o' &&
            lower(start + 3) == 't' && lower(start + 4) == 'e')
        {
            return TYPE_QUOTE;
        }
        fieldError = "type is '" + file.getStringWithoutLengthAscii(start, end - start) + "', not trade or quote";
        return 0;
    }

    private Side parseSide(final int start, final int end)
    {
        return text.side(start, end);
    }

    private byte lower(final int index)
    {
        return text.lower(index);
    }

    /** Epoch nanoseconds as an integer, or ISO-8601 date-time with Z or an offset, exactly, into {@link #parsed}. */
    private int parseTime(final int start, final int end)
    {
        final int result = text.time(start, end);
        parsed = text.parsed;
        if (result != OK)
        {
            fieldError = CsvText.timeProblem(file, start, end, result);
        }
        return result;
    }

    private int encodeRow(final MutableDirectBuffer buffer, final int offset)
    {
        final int instrumentId = symbolIds[rowSlot];
        if (rowType == TYPE_TRADE)
        {
            tradePrint.wrapAndApplyHeader(buffer, offset, header);
            envelope(tradePrint.envelope());
            tradePrint.instrumentId(instrumentId).price(rowPrice).quantity(rowQuantity).matchId(rowMatchId)
                .kind(TradeKind.VISIBLE).aggressorSide(rowSide);
            return MessageHeaderEncoder.ENCODED_LENGTH + tradePrint.encodedLength();
        }
        quote.wrapAndApplyHeader(buffer, offset, header);
        envelope(quote.envelope());
        quote.instrumentId(instrumentId).bidPrice(rowBidPrice).bidQuantity(rowBidQuantity)
            .askPrice(rowAskPrice).askQuantity(rowAskQuantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength();
    }

    private int encodeDefinition(final MutableDirectBuffer buffer, final int offset, final int slot)
    {
        instrumentDefinition.wrapAndApplyHeader(buffer, offset, header);
        envelope(instrumentDefinition.envelope());
        instrumentDefinition.instrumentId(symbolIds[slot]).tickSize(TICK_SIZE).priceScale((short)priceScale)
            .putSymbol(definitionSymbols[slot], 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + instrumentDefinition.encodedLength();
    }

    /** The event time; the rest of the envelope is the publisher's, zeroed so a reused buffer leaks nothing. */
    private void envelope(final EnvelopeEncoder envelope)
    {
        envelope.sequence(0).eventTime(rowTime).sendTime(0).intendedSendTime(0).sourceId(0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Symbols

    private int hash(final int start, final int end)
    {
        int h = 0;
        for (int i = start; i < end; i++)
        {
            h = 31 * h + file.getByte(i);
        }
        return h;
    }

    private static int hash(final byte[] bytes, final int start, final int end)
    {
        int h = 0;
        for (int i = start; i < end; i++)
        {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    private int slotOf(final int hash)
    {
        return (hash ^ (hash >>> 16)) * 0x9E3779B9 >>> 8 & (symbolBytes.length - 1);
    }

    /** Slot of the symbol at file[start, end), or -1. */
    private int find(final int hash, final int start, final int end)
    {
        final int mask = symbolBytes.length - 1;
        for (int slot = slotOf(hash); ; slot = (slot + 1) & mask)
        {
            final byte[] bytes = symbolBytes[slot];
            if (null == bytes)
            {
                return -1;
            }
            if (symbolHashes[slot] == hash && bytes.length == end - start && sameBytes(bytes, start))
            {
                return slot;
            }
        }
    }

    private boolean sameBytes(final byte[] bytes, final int start)
    {
        for (int i = 0; i < bytes.length; i++)
        {
            if (bytes[i] != file.getByte(start + i))
            {
                return false;
            }
        }
        return true;
    }

    /** Slot of the symbol in {@code bytes}, or -1; used only while building the table from given ids. */
    private int find(final int hash, final byte[] key, final int start, final int end)
    {
        final int mask = symbolBytes.length - 1;
        for (int slot = slotOf(hash); ; slot = (slot + 1) & mask)
        {
            final byte[] bytes = symbolBytes[slot];
            if (null == bytes)
            {
                return -1;
            }
            if (symbolHashes[slot] == hash && Arrays.equals(bytes, 0, bytes.length, key, start, end))
            {
                return slot;
            }
        }
    }

    private int insert(final int hash, final byte[] bytes, final int instrumentId)
    {
        if ((symbolCount + 1) * 2 > symbolBytes.length)
        {
            grow();
        }
        final int mask = symbolBytes.length - 1;
        int slot = slotOf(hash);
        while (null != symbolBytes[slot])
        {
            slot = (slot + 1) & mask;
        }
        symbolBytes[slot] = bytes;
        symbolHashes[slot] = hash;
        symbolIds[slot] = instrumentId;
        definitionSymbols[slot] = Arrays.copyOf(bytes, SYMBOL_LENGTH); // cut to 8, or padded with NULs
        symbolCount++;
        return slot;
    }

    private void grow()
    {
        final byte[][] oldBytes = symbolBytes;
        final int[] oldHashes = symbolHashes;
        final int[] oldIds = symbolIds;
        final byte[][] oldDefinitionSymbols = definitionSymbols;
        final boolean[] oldDefined = defined;
        final int capacity = oldBytes.length * 2;
        symbolBytes = new byte[capacity][];
        symbolHashes = new int[capacity];
        symbolIds = new int[capacity];
        definitionSymbols = new byte[capacity][];
        defined = new boolean[capacity];
        final int mask = capacity - 1;
        for (int old = 0; old < oldBytes.length; old++)
        {
            if (null != oldBytes[old])
            {
                int slot = slotOf(oldHashes[old]);
                while (null != symbolBytes[slot])
                {
                    slot = (slot + 1) & mask;
                }
                symbolBytes[slot] = oldBytes[old];
                symbolHashes[slot] = oldHashes[old];
                symbolIds[slot] = oldIds[old];
                definitionSymbols[slot] = oldDefinitionSymbols[old];
                defined[slot] = oldDefined[old];
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Header

    /** The first non-blank line's column names, normalised; positions the reader after it. */
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

    private static String normalise(final String name)
    {
        String normal = name.strip();
        if (normal.length() >= 2 && normal.startsWith("\"") && normal.endsWith("\""))
        {
            normal = normal.substring(1, normal.length() - 1).strip();
        }
        return normal.toLowerCase(Locale.ROOT);
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

    private int column(final String name, final String alias)
    {
        final int byName = column(name);
        final int byAlias = column(alias);
        if (byName >= 0 && byAlias >= 0)
        {
            throw new IllegalArgumentException(fileName + ": the header has both " + name + " and " + alias);
        }
        return byName >= 0 ? byName : byAlias;
    }

    /** @return the type every row has when there is no type column, else 0. */
    private byte checkColumns()
    {
        final List<String> missing = new ArrayList<>();
        if (timeColumn < 0)
        {
            missing.add("time");
        }
        if (symbolColumn < 0)
        {
            missing.add("symbol");
        }
        if (!missing.isEmpty())
        {
            throw missingColumns(missing);
        }

        final boolean anyTrade = priceColumn >= 0 || quantityColumn >= 0;
        final boolean anyQuote = bidPriceColumn >= 0 || bidQuantityColumn >= 0 || askPriceColumn >= 0 ||
            askQuantityColumn >= 0;
        if (!anyTrade && !anyQuote)
        {
            throw new IllegalArgumentException(fileName + ": the header has neither trade columns (price, quantity) " +
                "nor quote columns (bid_price, bid_quantity, ask_price, ask_quantity): " + String.join(",", columnNames));
        }
        if (anyTrade)
        {
            if (priceColumn < 0)
            {
                missing.add("price");
            }
            if (quantityColumn < 0)
            {
                missing.add("quantity");
            }
        }
        if (anyQuote)
        {
            if (bidPriceColumn < 0)
            {
                missing.add("bid_price");
            }
            if (bidQuantityColumn < 0)
            {
                missing.add("bid_quantity");
            }
            if (askPriceColumn < 0)
            {
                missing.add("ask_price");
            }
            if (askQuantityColumn < 0)
            {
                missing.add("ask_quantity");
            }
        }
        if (!missing.isEmpty())
        {
            throw missingColumns(missing);
        }
        if (typeColumn >= 0)
        {
            return 0;
        }
        if (anyTrade && anyQuote)
        {
            throw missingColumns(List.of("type"));
        }
        return anyTrade ? TYPE_TRADE : TYPE_QUOTE;
    }

    private IllegalArgumentException missingColumns(final List<String> missing)
    {
        return new IllegalArgumentException(fileName + ": the header lacks the required column" +
            (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; it has " +
            String.join(",", columnNames));
    }
}
