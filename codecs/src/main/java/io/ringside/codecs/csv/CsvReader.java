package io.ringside.codecs.csv;

import io.ringside.codecs.recorded.MappedFile;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recorded.TimeSkew;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * {@code bad_price} (a price not above 0), {@code bad_quantity} (a trade's quantity, or a priced quote side's, not
 * above 0; an unpriced side's quantity below 0), {@code unknown_symbol}, {@code time_backwards} (earlier than the last
 * event delivered, whatever its symbol), {@code time_skew} (a jump ahead the next row refutes: {@link TimeSkew}).
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

    static final byte TYPE_TRADE = 1;
    static final byte TYPE_QUOTE = 2;

    // Kinds of refusal, as the error handler is told them, besides CsvRow's.
    private static final String MALFORMED_FIELD = CsvRow.MALFORMED_FIELD;
    private static final String UNKNOWN_TYPE = "unknown_type";
    private static final String BAD_PRICE = CsvRow.BAD_PRICE;
    private static final String BAD_QUANTITY = CsvRow.BAD_QUANTITY;
    private static final String UNKNOWN_SYMBOL = "unknown_symbol";
    private static final String TIME_BACKWARDS = "time_backwards";
    private static final String TIME_SKEW = "time_skew";

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();
    private final QuoteEncoder quote = new QuoteEncoder();

    private final String fileName;
    private final ReadErrors errors;
    private final long maxTimeSkewNs;
    private final int priceScale;
    private final int quantityScale;
    private final boolean idsGiven;
    private final MappedFile input;
    private final UnsafeBuffer file;
    private final int fileLength;
    private final CsvSymbols symbols;

    // The header: column index of each known column, -1 when absent.
    private final CsvHeader columns;
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
    private final CsvRow row;

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
    private long sidePrice;

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
        this(file, priceScale, quantityScale, instrumentIds, errorHandler, TimeSkew.DEFAULT_NS);
    }

    /** @param maxTimeSkewNs the largest jump ahead in time taken without a look at the next row: {@link TimeSkew}. */
    public CsvReader(
        final Path file,
        final int priceScale,
        final int quantityScale,
        final Map<String, Integer> instrumentIds,
        final ReadErrorHandler errorHandler,
        final long maxTimeSkewNs)
    {
        this.maxTimeSkewNs = TimeSkew.check(maxTimeSkewNs);
        if (priceScale < 0 || priceScale > CsvText.MAX_DIGITS || quantityScale < 0 ||
            quantityScale > CsvText.MAX_DIGITS)
        {
            throw new IllegalArgumentException("scales must be 0 to " + CsvText.MAX_DIGITS + ": price " + priceScale +
                ", quantity " + quantityScale);
        }
        this.fileName = file.toString();
        this.errors = new ReadErrors(file, errorHandler);
        this.priceScale = priceScale;
        this.quantityScale = quantityScale;
        this.input = new MappedFile(file, "CSV files");
        this.file = input.buffer();
        this.fileLength = input.length();
        this.symbols = new CsvSymbols(this.file);

        try
        {
            columns = new CsvHeader(fileName, this.file, fileLength);
            timeColumn = columns.column("time");
            symbolColumn = columns.column("symbol");
            typeColumn = columns.column("type");
            priceColumn = columns.column("price");
            quantityColumn = columns.column("quantity", "size");
            sideColumn = columns.column("side");
            tradeIdColumn = columns.column("trade_id");
            bidPriceColumn = columns.column("bid_price");
            bidQuantityColumn = columns.column("bid_quantity", "bid_size");
            askPriceColumn = columns.column("ask_price");
            askQuantityColumn = columns.column("ask_quantity", "ask_size");
            impliedType = columns.marketType(timeColumn, symbolColumn, typeColumn, priceColumn, quantityColumn,
                bidPriceColumn, bidQuantityColumn, askPriceColumn, askQuantityColumn);
        }
        catch (final IllegalArgumentException ex)
        {
            close();
            throw ex;
        }
        position = columns.rowsStart();
        lineNumber = columns.linesRead();
        row = new CsvRow(this.file, fileLength, new CsvText(this.file), columns);

        this.idsGiven = null != instrumentIds;
        if (idsGiven)
        {
            for (final Map.Entry<String, Integer> entry : instrumentIds.entrySet())
            {
                final byte[] bytes = entry.getKey().getBytes(StandardCharsets.US_ASCII);
                final int hash = CsvSymbols.hash(bytes);
                if (symbols.find(hash, bytes) < 0)
                {
                    symbols.insert(hash, bytes, entry.getValue());
                }
            }
        }
    }

    /** True when the file's first line is a header with {@code time} and {@code symbol} columns. */
    public static boolean looksLikeCsv(final Path file) throws IOException
    {
        boolean time = false;
        boolean symbol = false;
        for (final String name : CsvHeader.names(CsvHeader.line(CsvHeader.head(file), 0)))
        {
            time |= name.equals("time");
            symbol |= name.equals("symbol");
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
                if (stopped)
                {
                    return 0;
                }
                continue;
            }

            final int slot = rowSlot;
            if (symbols.define(slot))
            {
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

    /** Parse and check the split row into the row fields; on refusal row.problem is set and its kind returned. */
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
        final long time = row.parsed;

        final byte type = typeColumn < 0 ? impliedType : parseType();
        if (type == 0)
        {
            return UNKNOWN_TYPE;
        }

        final int symbolStart = row.start(symbolColumn);
        final int symbolEnd = row.end(symbolColumn);
        if (symbolStart == symbolEnd)
        {
            row.problem = "symbol is empty";
            return MALFORMED_FIELD;
        }

        refusal = type == TYPE_TRADE ? readTrade() : readQuote();
        if (null != refusal)
        {
            return refusal;
        }

        final int hash = symbols.hash(symbolStart, symbolEnd);
        int slot = symbols.find(hash, symbolStart, symbolEnd);
        if (slot < 0 && idsGiven)
        {
            row.problem = "symbol " + file.getStringWithoutLengthAscii(symbolStart, symbolEnd - symbolStart) +
                " is not in the given instrument ids";
            return UNKNOWN_SYMBOL;
        }
        if (time < lastEventTime)
        {
            row.problem = "time " + time + " is before the previous event's " + lastEventTime;
            return TIME_BACKWARDS;
        }
        if (lastEventTime != Long.MIN_VALUE && time - lastEventTime > maxTimeSkewNs)
        {
            final long next = row.nextTime(position, timeColumn);
            if (next != Long.MIN_VALUE && TimeSkew.refutes(time, next, maxTimeSkewNs))
            {
                row.problem = "time " + time + " is more than " + maxTimeSkewNs + " ns after the previous event's " +
                    lastEventTime + ", and the next row's " + next + " is back before it";
                return TIME_SKEW;
            }
        }
        if (slot < 0)
        {
            final byte[] bytes = new byte[symbolEnd - symbolStart];
            file.getBytes(symbolStart, bytes);
            slot = symbols.insert(hash, bytes, nextInstrumentId++);
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
            row.problem = "type trade, but the header has no " + (priceColumn < 0 ? "price" : "quantity") + " column";
            return UNKNOWN_TYPE;
        }
        String refusal = row.decimal(priceColumn, priceScale);
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

        rowSide = Side.NULL_VAL;
        if (sideColumn >= 0 && !row.isEmpty(sideColumn))
        {
            rowSide = row.side(sideColumn);
            if (null == rowSide)
            {
                row.problem = "side is " + row.quoted(sideColumn) + ", not buy, sell, b or s";
                return MALFORMED_FIELD;
            }
        }

        rowMatchId = Long.MIN_VALUE; // the trade count, once the row is accepted
        if (tradeIdColumn >= 0 && !row.isEmpty(tradeIdColumn))
        {
            refusal = row.wholeNumber(tradeIdColumn);
            if (null != refusal)
            {
                return refusal;
            }
            rowMatchId = row.parsed;
        }
        return null;
    }

    private String readQuote()
    {
        if (bidPriceColumn < 0 || bidQuantityColumn < 0 || askPriceColumn < 0 || askQuantityColumn < 0)
        {
            row.problem = "type quote, but the header lacks bid_price, bid_quantity, ask_price or ask_quantity";
            return UNKNOWN_TYPE;
        }
        String refusal = quoteSide(bidPriceColumn, bidQuantityColumn, QuoteEncoder.bidPriceNullValue());
        if (null != refusal)
        {
            return refusal;
        }
        rowBidPrice = sidePrice;
        rowBidQuantity = row.parsed;
        refusal = quoteSide(askPriceColumn, askQuantityColumn, QuoteEncoder.askPriceNullValue());
        if (null != refusal)
        {
            return refusal;
        }
        rowAskPrice = sidePrice;
        rowAskQuantity = row.parsed;
        return null;
    }

    /**
     * One side of a quote: empty price = an empty side (null price; quantity empty or 0), else a price above 0 with a
     * quantity above 0. The price goes to {@link #sidePrice}, the quantity to row.parsed.
     */
    private String quoteSide(final int priceColumn, final int quantityColumn, final long nullPrice)
    {
        String refusal = row.optionalDecimal(priceColumn, priceScale, nullPrice);
        if (null != refusal)
        {
            return refusal;
        }
        final boolean priced = !row.isEmpty(priceColumn);
        if (priced && row.parsed <= 0)
        {
            return row.notAboveZero(priceColumn, BAD_PRICE);
        }
        sidePrice = row.parsed;
        refusal = row.optionalDecimal(quantityColumn, quantityScale, 0);
        if (null != refusal)
        {
            return refusal;
        }
        if (row.parsed < 0 || (priced && row.parsed == 0))
        {
            return row.notAboveZero(quantityColumn, BAD_QUANTITY);
        }
        return null;
    }

    // Unrolled rather than CsvRow.is, which loops over a String: the type is read on every row.
    private byte parseType()
    {
        final int start = row.start(typeColumn);
        final int length = row.end(typeColumn) - start;
        if (length == 5 && row.lower(start) == 't' && row.lower(start + 1) == 'r' && row.lower(start + 2) == 'a' &&
            row.lower(start + 3) == 'd' && row.lower(start + 4) == 'e')
        {
            return TYPE_TRADE;
        }
        if (length == 5 && row.lower(start) == 'q' && row.lower(start + 1) == 'u' && row.lower(start + 2) == 'o' &&
            row.lower(start + 3) == 't' && row.lower(start + 4) == 'e')
        {
            return TYPE_QUOTE;
        }
        row.problem = "type is " + row.quoted(typeColumn) + ", not trade or quote";
        return 0;
    }

    private int encodeRow(final MutableDirectBuffer buffer, final int offset)
    {
        final int instrumentId = symbols.instrumentId(rowSlot);
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
        instrumentDefinition.instrumentId(symbols.instrumentId(slot)).tickSize(TICK_SIZE).priceScale((short)priceScale)
            .putSymbol(symbols.definitionSymbol(slot), 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + instrumentDefinition.encodedLength();
    }

    /** The event time; the rest of the envelope is the publisher's, zeroed so a reused buffer leaks nothing. */
    private void envelope(final EnvelopeEncoder envelope)
    {
        envelope.sequence(0).eventTime(rowTime).sendTime(0).intendedSendTime(0).sourceId(0);
    }
}
