package io.ringside.latency.exchange;

import io.ringside.codecs.itch.ItchMessages;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static io.ringside.codecs.itch.ItchMessages.ACTION_REASON;
import static io.ringside.codecs.itch.ItchMessages.ACTION_RESERVED;
import static io.ringside.codecs.itch.ItchMessages.ACTION_STATE;
import static io.ringside.codecs.itch.ItchMessages.ACTION_STOCK;
import static io.ringside.codecs.itch.ItchMessages.ADD_STOCK;
import static io.ringside.codecs.itch.ItchMessages.CROSS_MATCH;
import static io.ringside.codecs.itch.ItchMessages.CROSS_STOCK;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_AUTHENTICITY;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ETP_FLAG;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ETP_LEVERAGE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_FINANCIAL_STATUS;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_INVERSE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_IPO_FLAG;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ISSUE_CLASSIFICATION;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ISSUE_SUBTYPE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_LULD_TIER;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_MARKET_CATEGORY;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ROUND_LOTS_ONLY;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ROUND_LOT_SIZE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_SHORT_SALE_THRESHOLD;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_STOCK;
import static io.ringside.codecs.itch.ItchMessages.EXEC_MATCH;
import static io.ringside.codecs.itch.ItchMessages.ORDER_REF;
import static io.ringside.codecs.itch.ItchMessages.REPLACE_NEW_REF;
import static io.ringside.codecs.itch.ItchMessages.STOCK_LENGTH;
import static io.ringside.codecs.itch.ItchMessages.STOCK_LOCATE;
import static io.ringside.codecs.itch.ItchMessages.SYSTEM_EVENT_CODE;
import static io.ringside.codecs.itch.ItchMessages.TIMESTAMP;
import static io.ringside.codecs.itch.ItchMessages.TRACKING_NUMBER;
import static io.ringside.codecs.itch.ItchMessages.TRADE_MATCH;
import static io.ringside.codecs.itch.ItchMessages.TRADE_STOCK;
import static io.ringside.codecs.itch.ItchMessages.TYPE;

/**
 * Writes a whole exchange's ITCH 5.0 day from one recorded symbol's order flow: the flow of a source file (the real
 * AAPL hour in shared/data) spread over N symbols with Zipf popularity, repeated until the file holds the number of
 * messages asked for. Output, in NASDAQ's file layout (2-byte big-endian length before each message):
 * <ol>
 *     <li>S 'O' start of messages;</li>
 *     <li>one R stock directory per symbol, stock locate 1..N in order, with the reference data of a common stock
 *     (the values of AAPL's own R in NASDAQ's session file) and a synthetic 4-letter name derived from the locate
 *     ({@link #symbol(int)}: 1 = AAAA, 2 = AAAB, ...), or the name given for the quiet locate;</li>
 *     <li>one H trading action, state T (trading), per symbol;</li>
 *     <li>the source's order flow, loop after loop: A F E C X D U P Q. Each order (its reference number, at its A or
 *     F) goes to a symbol drawn from the Zipf distribution, and every later message about it (E C X D, U and the
 *     order U replaces it with) to the same symbol; each P and Q goes to a symbol of its own draw. The stock field of
 *     A F P Q is rewritten to the symbol's name. The source's other messages (its own S, R, H and reference data,
 *     and B, which names a match rather than an order) are not copied: the generator's directory replaces them;</li>
 *     <li>S 'C' end of messages.</li>
 * </ol>
 * <b>Popularity.</b> Rank r (1-based) has weight 1/r^s (s the Zipf exponent, 1.0 by default; 0 is uniform), and
 * ranks are dealt to locates by a seeded shuffle, so the busiest symbols sit anywhere in the directory as on a real
 * exchange, not at locate 1. Everything is drawn from one {@link SplittableRandom} seeded by the caller: the same
 * arguments give the same bytes. A quiet locate, when one is asked for, takes part in no draw: it has its R and H and
 * nothing else, for a test to append a planted scenario to. Other locates can also end up with no flow (a Zipf tail
 * of thousands of symbols over ~44,000 orders an hour leaves some empty): {@link Result#symbolsWithoutFlow()}.
 * <p>
 * <b>Repetition.</b> The source is read once to check it, then once per loop. Loop k adds k x (the source's largest
 * order reference + 1) to every order reference, and likewise to match numbers, so references stay unique in the
 * file as ITCH requires. Loop k's timestamps follow loop k-1's: loop k starts at first + k x span (span = the source's
 * last timestamp - first + 1). When the loops would run past 16:00 (or the source's own last timestamp, if later),
 * all of them are scaled by one factor to end there: a 50M-message day is ~540 loops of the AAPL hour, which would
 * run for 540 hours, beyond the day and beyond ITCH's 48-bit timestamp. Scaling by one positive factor (and
 * rounding down) keeps time from ever going backwards. The directory's messages carry the source's first timestamp,
 * and the end message the last one written. The last loop is cut short so that the file holds exactly the number of
 * messages asked for.
 * <p>
 * <b>Memory.</b> Streamed: a 1 MiB input buffer, a 1 MiB output buffer, and the map of the orders alive in the
 * current loop (orders leave it when deleted or replaced, and it is cleared between loops since references of one
 * loop never appear in the next). Output ending in .gz is gzip-compressed.
 * <p>
 * <b>Hostile input.</b> The source is checked in full before the output is created: a message that is not ITCH 5.0
 * (unknown type, length not the type's), a timestamp before the previous one, a file that ends inside a message, an
 * order added twice while alive, or an E C X D U about an order not alive, each stop it with an
 * {@link IllegalArgumentException} naming {@code file@offset} (the offset of the message's length prefix in the
 * decompressed stream). A read failure (a damaged gzip stream among them) is an {@link UncheckedIOException} naming
 * the file and offset. If writing fails the partial output is deleted.
 */
public final class ExchangeDayGenerator
{
    public static final int DEFAULT_SYMBOLS = 8000;
    public static final long DEFAULT_MESSAGES = 50_000_000L;
    public static final double DEFAULT_ZIPF = 1.0;
    /** Stock locate is 16 bits, and 0 means market-wide. */
    public static final int MAX_SYMBOLS = 0xFFFF;
    /** The messages around the flow: S start, S end; plus an R and an H per symbol. */
    public static final int SYSTEM_EVENTS = 2;

    public static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    /** 16:00, ns after midnight: the loops are fitted before the close. */
    public static final long MARKET_CLOSE = 16 * NANOS_PER_HOUR;

    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final int BUFFER_SIZE = 1 << 20;
    private static final int SYNTHETIC_LENGTH = 4;
    private static final int LETTERS = 26;

    /**
     * What {@link #write} wrote.
     *
     * @param output               the file written.
     * @param messages             messages in the file, all types.
     * @param bytes                bytes of ITCH written (before compression, for a .gz output).
     * @param loops                passes over the source's flow (the last one possibly cut short).
     * @param quietLocate          the locate kept free of flow, or 0.
     * @param firstTimestamp       ns after midnight of the first message.
     * @param lastTimestamp        ns after midnight of the last message.
     * @param messagesByType       messages per ITCH type, indexed by the type byte.
     * @param flowMessagesByLocate order-flow messages (A F E C X D U P Q) per locate, index 0 unused.
     */
    public record Result(
        Path output,
        long messages,
        long bytes,
        int symbols,
        int loops,
        int quietLocate,
        long firstTimestamp,
        long lastTimestamp,
        long[] messagesByType,
        long[] flowMessagesByLocate)
    {
        /** Messages of one ITCH type ('A', 'R', ...). */
        public long messages(final char type)
        {
            return type < messagesByType.length ? messagesByType[type] : 0;
        }

        /** The locate with the most flow messages (the lowest such locate on a tie). */
        public int busiestLocate()
        {
            int busiest = 0;
            for (int locate = 1; locate <= symbols; locate++)
            {
                if (locate != quietLocate &&
                    (busiest == 0 || flowMessagesByLocate[locate] > flowMessagesByLocate[busiest]))
                {
                    busiest = locate;
                }
            }
            return busiest;
        }

        /** The locate with the fewest flow messages, the quiet locate aside (the lowest such locate on a tie). */
        public int quietestLocate()
        {
            int quietest = 0;
            for (int locate = 1; locate <= symbols; locate++)
            {
                if (locate != quietLocate &&
                    (quietest == 0 || flowMessagesByLocate[locate] < flowMessagesByLocate[quietest]))
                {
                    quietest = locate;
                }
            }
            return quietest;
        }

        public long busiestMessages()
        {
            return flowMessagesByLocate[busiestLocate()];
        }

        public long quietestMessages()
        {
            return flowMessagesByLocate[quietestLocate()];
        }

        /** Locates that received no flow, the quiet locate aside. */
        public int symbolsWithoutFlow()
        {
            int count = 0;
            for (int locate = 1; locate <= symbols; locate++)
            {
                count += locate != quietLocate && flowMessagesByLocate[locate] == 0 ? 1 : 0;
            }
            return count;
        }

        /** One line: what was written, and the busiest and quietest symbols. */
        public String summary()
        {
            return String.format(Locale.ROOT, "%,d messages (%,d symbols, %d loops, A %,d E %,d X %,d D %,d P %,d), " +
                "%,d bytes of ITCH; busiest locate %d with %,d flow messages, quietest locate %d with %,d, " +
                "%d symbols without flow%s",
                messages, symbols, loops, messages('A'), messages('E'), messages('X'), messages('D'), messages('P'),
                bytes, busiestLocate(), busiestMessages(), quietestLocate(), quietestMessages(), symbolsWithoutFlow(),
                quietLocate != 0 ? ", quiet locate " + quietLocate : "");
        }

        @Override
        public String toString()
        {
            return summary();
        }
    }

    private final Path source;
    private final int symbols;
    private final int quietLocate;
    private final byte[] names;
    private final SplittableRandom random;
    private final double[] cumulativeWeight;
    private final int[] locateOfRank;
    private final Long2LongHashMap orders = new Long2LongHashMap(1 << 16, 0.65f, 0);

    // Source input: index i of the buffer is byte inBase + i of the (decompressed) stream.
    private final byte[] inBytes = new byte[BUFFER_SIZE];
    private final UnsafeBuffer in = new UnsafeBuffer(inBytes);
    private InputStream input;
    private long inBase;
    private int inPosition;
    private int inLimit;
    private boolean inEnd;
    private long lastSourceTimestamp;
    private long framing;

    // What the survey of the source found.
    private long sourceFirstTimestamp = -1;
    private long sourceLastTimestamp;
    private long maxOrderRef;
    private long maxMatch;
    private long flowPerLoop;

    // Time and reference mapping of the loops.
    private long loopSpan;
    private boolean exactTime;
    private double timeScale;

    // Output.
    private final byte[] outBytes = new byte[BUFFER_SIZE];
    private final UnsafeBuffer out = new UnsafeBuffer(outBytes);
    private OutputStream output;
    private int outPosition;
    private long bytesWritten;
    private long messagesWritten;
    private long lastTimestamp;
    private final long[] messagesByType = new long[128];
    private final long[] flowByLocate;

    private ExchangeDayGenerator(
        final Path source, final int symbols, final long seed, final double zipf, final int quietLocate,
        final String quietSymbol)
    {
        this.source = source;
        this.symbols = symbols;
        this.quietLocate = quietLocate;
        this.flowByLocate = new long[symbols + 1];

        names = new byte[(symbols + 1) * STOCK_LENGTH];
        for (int locate = 1; locate <= symbols; locate++)
        {
            final String name = locate == quietLocate && null != quietSymbol ? quietSymbol : symbol(locate);
            final byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < STOCK_LENGTH; i++)
            {
                names[locate * STOCK_LENGTH + i] = i < ascii.length ? ascii[i] : (byte)' ';
            }
        }

        random = new SplittableRandom(seed);
        final int drawable = quietLocate != 0 ? symbols - 1 : symbols;
        locateOfRank = new int[drawable];
        for (int locate = 1, rank = 0; locate <= symbols; locate++)
        {
            if (locate != quietLocate)
            {
                locateOfRank[rank++] = locate;
            }
        }
        for (int i = drawable - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = locateOfRank[i];
            locateOfRank[i] = locateOfRank[j];
            locateOfRank[j] = swap;
        }
        cumulativeWeight = new double[drawable];
        double sum = 0;
        for (int rank = 0; rank < drawable; rank++)
        {
            sum += 1.0 / Math.pow(rank + 1, zipf);
            cumulativeWeight[rank] = sum;
        }
    }

    /** {@link #write(Path, Path, int, long, long, double, int, String)} with the default Zipf exponent, no quiet locate. */
    public static Result write(
        final Path source, final Path output, final int symbols, final long targetMessages, final long seed)
    {
        return write(source, output, symbols, targetMessages, seed, DEFAULT_ZIPF, 0, null);
    }

    /**
     * Write an exchange day.
     *
     * @param source         ITCH 5.0 in NASDAQ's file layout, plain or gzip: its order flow is what gets spread.
     * @param output         the file to write (replaced if it exists); gzip when its name ends in .gz.
     * @param symbols        N, 1..65535: the symbols of the directory, stock locates 1..N.
     * @param targetMessages messages in the file, exactly: 2 system events and 2 x N directory messages, the rest
     *                       order flow, the source's repeated as often as needed.
     * @param seed           seeds every draw: the same arguments give the same bytes.
     * @param zipfExponent   s in weight(rank r) = 1/r^s; 0 spreads the flow evenly.
     * @param quietLocate    a locate, 1..N, that gets a directory entry and no flow; 0 for none.
     * @param quietSymbol    the quiet locate's symbol (1 to 8 of A-Z, 0-9 and '.'), or null for its synthetic name.
     */
    public static Result write(
        final Path source,
        final Path output,
        final int symbols,
        final long targetMessages,
        final long seed,
        final double zipfExponent,
        final int quietLocate,
        final String quietSymbol)
    {
        validate(source, output, symbols, targetMessages, zipfExponent, quietLocate, quietSymbol);
        final ExchangeDayGenerator generator =
            new ExchangeDayGenerator(source, symbols, seed, zipfExponent, quietLocate, quietSymbol);
        generator.survey();
        return generator.generate(output, targetMessages);
    }

    /** The synthetic symbol of a locate: 4 letters counting from AAAA at locate 1 (AAAB, ..., AABA at 27, ...). */
    public static String symbol(final int locate)
    {
        if (locate < 1 || locate > MAX_SYMBOLS)
        {
            throw new IllegalArgumentException("locate " + locate + " is outside 1.." + MAX_SYMBOLS);
        }
        final char[] name = new char[SYNTHETIC_LENGTH];
        int n = locate - 1;
        for (int i = SYNTHETIC_LENGTH - 1; i >= 0; i--)
        {
            name[i] = (char)('A' + n % LETTERS);
            n /= LETTERS;
        }
        return new String(name);
    }

    private static void validate(
        final Path source,
        final Path output,
        final int symbols,
        final long targetMessages,
        final double zipfExponent,
        final int quietLocate,
        final String quietSymbol)
    {
        if (symbols < 1 || symbols > MAX_SYMBOLS)
        {
            throw new IllegalArgumentException("symbols: " + symbols + " is outside 1.." + MAX_SYMBOLS +
                " (stock locate is 16 bits, 0 is market-wide)");
        }
        final long directory = SYSTEM_EVENTS + 2L * symbols;
        if (targetMessages < directory)
        {
            throw new IllegalArgumentException("messages: " + targetMessages + " is fewer than the " + directory +
                " messages of the start, end and directory of " + symbols + " symbols (2 + 2 per symbol)");
        }
        if (!(zipfExponent >= 0) || Double.isInfinite(zipfExponent))
        {
            throw new IllegalArgumentException("zipf: " + zipfExponent + " is not a finite exponent >= 0");
        }
        if (quietLocate < 0 || quietLocate > symbols)
        {
            throw new IllegalArgumentException("quiet locate: " + quietLocate + " is outside 1.." + symbols +
                " (0 for none)");
        }
        if (quietLocate != 0 && symbols < 2)
        {
            throw new IllegalArgumentException("quiet locate: with 1 symbol there would be none left for the flow");
        }
        if (null != quietSymbol)
        {
            if (quietLocate == 0)
            {
                throw new IllegalArgumentException("quiet symbol " + quietSymbol + " given without a quiet locate");
            }
            if (!quietSymbol.matches("[A-Z0-9.]{1," + STOCK_LENGTH + "}"))
            {
                throw new IllegalArgumentException("quiet symbol '" + quietSymbol + "': 1 to " + STOCK_LENGTH +
                    " characters of A-Z, 0-9 and '.'");
            }
            for (int locate = 1; locate <= symbols; locate++)
            {
                if (locate != quietLocate && quietSymbol.equals(symbol(locate)))
                {
                    throw new IllegalArgumentException("quiet symbol " + quietSymbol + " is the generated name of " +
                        "locate " + locate + ": choose a name of another length or with a digit");
                }
            }
        }
        if (null == output)
        {
            throw new IllegalArgumentException("no output file");
        }
        try
        {
            if (Files.exists(source) && Files.exists(output) && Files.isSameFile(source, output))
            {
                throw new IllegalArgumentException("output " + output + " is the source file");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot check " + output + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Read the source once, checking every message, and learn its first and last timestamps, its largest order
     * reference and match number and its flow per loop. Nothing is written, so a bad source leaves no output behind.
     */
    private void survey()
    {
        openSource();
        try
        {
            int m;
            while ((m = nextMessage()) >= 0)
            {
                final long timestamp = ItchMessages.timestamp(in, m);
                if (sourceFirstTimestamp < 0)
                {
                    sourceFirstTimestamp = timestamp;
                }
                sourceLastTimestamp = timestamp;
                if (route(m, 0, false) != 0)
                {
                    flowPerLoop++;
                }
            }
        }
        finally
        {
            closeSource();
        }
        if (sourceFirstTimestamp < 0)
        {
            throw new IllegalArgumentException(source + ": no messages");
        }
    }

    private Result generate(final Path outputFile, final long targetMessages)
    {
        final long flowTarget = targetMessages - SYSTEM_EVENTS - 2L * symbols;
        if (flowTarget > 0 && flowPerLoop == 0)
        {
            throw new IllegalArgumentException(source + ": no order flow (A F E C X D U P Q) to spread");
        }
        final long loopsNeeded = flowTarget == 0 ? 0 : (flowTarget + flowPerLoop - 1) / flowPerLoop;
        if (loopsNeeded > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("messages: " + targetMessages + " needs " + loopsNeeded + " loops of " +
                flowPerLoop + " messages");
        }
        final int loops = (int)loopsNeeded;
        planLoops(loops);

        boolean done = false;
        try
        {
            final OutputStream file = Files.newOutputStream(outputFile);
            output = outputFile.getFileName().toString().endsWith(".gz") ? fastGzip(file) : file;
            lastTimestamp = sourceFirstTimestamp;

            systemEvent('O');
            for (int locate = 1; locate <= symbols; locate++)
            {
                stockDirectory(locate);
            }
            for (int locate = 1; locate <= symbols; locate++)
            {
                tradingAction(locate);
            }

            long flowLeft = flowTarget;
            for (int loop = 0; loop < loops; loop++)
            {
                flowLeft -= copyLoop(loop, flowLeft);
            }
            systemEvent('C');

            flushOutput();
            output.close();
            output = null;
            done = true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + outputFile + ": " + ex.getMessage(), ex);
        }
        finally
        {
            if (!done)
            {
                abandon(outputFile);
            }
        }
        return new Result(outputFile, messagesWritten, bytesWritten, symbols, loops, quietLocate, sourceFirstTimestamp,
            lastTimestamp, messagesByType.clone(), flowByLocate.clone());
    }

    /**
     * Gzip at the fastest level: the default level writes a 10M-message day at a tenth of the plain file's speed,
     * and the file is a test input, read once, not an archive.
     */
    private static OutputStream fastGzip(final OutputStream file) throws IOException
    {
        return new GZIPOutputStream(file, 1 << 16)
        {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** Check that loops x the source's references still fit, and choose the time mapping (see the class comment). */
    private void planLoops(final int loops)
    {
        loopSpan = sourceLastTimestamp - sourceFirstTimestamp + 1;
        if (loops > 1)
        {
            try
            {
                Math.addExact(Math.multiplyExact(loops - 1L, Math.addExact(maxOrderRef, 1)), maxOrderRef);
                Math.addExact(Math.multiplyExact(loops - 1L, Math.addExact(maxMatch, 1)), maxMatch);
            }
            catch (final ArithmeticException ex)
            {
                throw new IllegalArgumentException(source + ": order references up to " +
                    Long.toUnsignedString(maxOrderRef) + " and match numbers up to " + Long.toUnsignedString(maxMatch) +
                    " leave no room for " + loops + " loops with unique references");
            }
        }
        final long end = Math.max(MARKET_CLOSE, sourceLastTimestamp + 1);
        final double totalSpan = (double)loopSpan * loops;
        exactTime = sourceFirstTimestamp + totalSpan <= end;
        timeScale = exactTime ? 1.0 : (end - sourceFirstTimestamp) / totalSpan;
    }

    /** One pass over the source's flow as loop {@code loop}, stopping after {@code flowLeft} messages. */
    private long copyLoop(final int loop, final long flowLeft)
    {
        orders.clear();
        long copied = 0;
        openSource();
        try
        {
            int m;
            while (copied < flowLeft && (m = nextMessage()) >= 0)
            {
                if (route(m, loop, true) != 0)
                {
                    copied++;
                }
            }
        }
        finally
        {
            closeSource();
        }
        return copied;
    }

    /**
     * The one place that knows what each type means for the mapping: check the message's order references against
     * the orders alive, and (when {@code write}) copy it as loop {@code loop} with its symbol, references, match
     * number and time rewritten.
     *
     * @return the locate the message went to (1 while surveying), or 0 when it is not order flow (not copied).
     */
    private int route(final int m, final int loop, final boolean write)
    {
        final char type = ItchMessages.type(in, m);
        final int locate;
        switch (type)
        {
            case 'A':
            case 'F':
            {
                final long ref = in.getLong(m + ORDER_REF, BE);
                locate = write ? draw() : 1;
                addOrder(ref, locate);
                noteRef(ref);
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, ref, loop);
                    out.putBytes(o + ADD_STOCK, names, locate * STOCK_LENGTH, STOCK_LENGTH);
                }
                break;
            }

            case 'E':
            case 'C':
            case 'X':
            case 'D':
            {
                final long ref = in.getLong(m + ORDER_REF, BE);
                locate = aliveOrder(ref, type);
                if (type == 'D')
                {
                    orders.remove(ref);
                }
                if (type == 'E' || type == 'C')
                {
                    noteMatch(in.getLong(m + EXEC_MATCH, BE));
                }
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, ref, loop);
                    if (type == 'E' || type == 'C')
                    {
                        offsetMatch(o + EXEC_MATCH, in.getLong(m + EXEC_MATCH, BE), loop);
                    }
                }
                break;
            }

            case 'U':
            {
                final long original = in.getLong(m + ORDER_REF, BE);
                final long replacement = in.getLong(m + REPLACE_NEW_REF, BE);
                locate = aliveOrder(original, type);
                orders.remove(original);
                addOrder(replacement, locate);
                noteRef(replacement);
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, original, loop);
                    offsetRef(o + REPLACE_NEW_REF, replacement, loop);
                }
                break;
            }

            case 'P':
            {
                // A hidden order's execution: the order was never on the book, so any symbol will do.
                final long ref = in.getLong(m + ORDER_REF, BE);
                final long match = in.getLong(m + TRADE_MATCH, BE);
                noteRef(ref);
                noteMatch(match);
                locate = write ? draw() : 1;
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, ref, loop);
                    offsetMatch(o + TRADE_MATCH, match, loop);
                    out.putBytes(o + TRADE_STOCK, names, locate * STOCK_LENGTH, STOCK_LENGTH);
                }
                break;
            }

            case 'Q':
            {
                final long match = in.getLong(m + CROSS_MATCH, BE);
                noteMatch(match);
                locate = write ? draw() : 1;
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetMatch(o + CROSS_MATCH, match, loop);
                    out.putBytes(o + CROSS_STOCK, names, locate * STOCK_LENGTH, STOCK_LENGTH);
                }
                break;
            }

            default:
                return 0;
        }
        if (write)
        {
            flowByLocate[locate]++;
        }
        return locate;
    }

    private void addOrder(final long ref, final int locate)
    {
        if (orders.containsKey(ref))
        {
            throw sourceError("order reference " + Long.toUnsignedString(ref) + " is added while an order with it " +
                "is still alive: references must be unique");
        }
        orders.put(ref, locate);
    }

    private int aliveOrder(final long ref, final char type)
    {
        final long locate = orders.get(ref);
        if (locate == orders.missingValue())
        {
            throw sourceError("'" + type + "' names order reference " + Long.toUnsignedString(ref) + ", which no " +
                "earlier A, F or U added (or which was deleted or replaced): the source must hold every order it " +
                "refers to");
        }
        return (int)locate;
    }

    private void noteRef(final long ref)
    {
        maxOrderRef = Long.compareUnsigned(ref, maxOrderRef) > 0 ? ref : maxOrderRef;
    }

    private void noteMatch(final long match)
    {
        maxMatch = Long.compareUnsigned(match, maxMatch) > 0 ? match : maxMatch;
    }

    /** A locate from the Zipf distribution: the first rank whose cumulative weight exceeds a uniform draw. */
    private int draw()
    {
        final int last = cumulativeWeight.length - 1;
        final double u = random.nextDouble() * cumulativeWeight[last];
        int low = 0;
        int high = last;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (cumulativeWeight[mid] > u)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return locateOfRank[low];
    }

    private void offsetRef(final int index, final long ref, final int loop)
    {
        // Reference 0 is "none" (a P for a non-displayed order may carry it): it stays 0.
        if (ref != 0)
        {
            out.putLong(index, ref + loop * (maxOrderRef + 1), BE);
        }
    }

    private void offsetMatch(final int index, final long match, final int loop)
    {
        if (match != 0)
        {
            out.putLong(index, match + loop * (maxMatch + 1), BE);
        }
    }

    /** Copy the source message at {@code m} into the output with its locate and time rewritten: its offset there. */
    private int copy(final int m, final int locate, final int loop)
    {
        final int length = ItchMessages.lengthOf(ItchMessages.type(in, m));
        final int o = beginMessage(length);
        out.putBytes(o, in, m, length);
        out.putShort(o + STOCK_LOCATE, (short)locate, BE);
        final long elapsed = loop * loopSpan + (ItchMessages.timestamp(in, m) - sourceFirstTimestamp);
        // Both mappings are non-decreasing in elapsed (a positive factor, then rounding down), and elapsed rises
        // through a loop and from one loop to the next: time never goes backwards.
        lastTimestamp = sourceFirstTimestamp + (exactTime ? elapsed : (long)(elapsed * timeScale));
        putTimestamp(o, lastTimestamp);
        endMessage(o);
        return o;
    }

    private void systemEvent(final char code)
    {
        final int o = newMessage('S', 0);
        out.putByte(o + SYSTEM_EVENT_CODE, (byte)code);
        endMessage(o);
    }

    /** The reference data of a common stock: the values of AAPL's R in NASDAQ's own session file. */
    private void stockDirectory(final int locate)
    {
        final int o = newMessage('R', locate);
        out.putBytes(o + DIRECTORY_STOCK, names, locate * STOCK_LENGTH, STOCK_LENGTH);
        out.putByte(o + DIRECTORY_MARKET_CATEGORY, (byte)'Q');
        out.putByte(o + DIRECTORY_FINANCIAL_STATUS, (byte)'N');
        out.putInt(o + DIRECTORY_ROUND_LOT_SIZE, 100, BE);
        out.putByte(o + DIRECTORY_ROUND_LOTS_ONLY, (byte)'N');
        out.putByte(o + DIRECTORY_ISSUE_CLASSIFICATION, (byte)'C');
        out.putByte(o + DIRECTORY_ISSUE_SUBTYPE, (byte)'Z');
        out.putByte(o + DIRECTORY_ISSUE_SUBTYPE + 1, (byte)' ');
        out.putByte(o + DIRECTORY_AUTHENTICITY, (byte)'P');
        out.putByte(o + DIRECTORY_SHORT_SALE_THRESHOLD, (byte)'N');
        out.putByte(o + DIRECTORY_IPO_FLAG, (byte)'N');
        out.putByte(o + DIRECTORY_LULD_TIER, (byte)'1');
        out.putByte(o + DIRECTORY_ETP_FLAG, (byte)'N');
        out.putInt(o + DIRECTORY_ETP_LEVERAGE, 0, BE);
        out.putByte(o + DIRECTORY_INVERSE, (byte)'N');
        endMessage(o);
    }

    private void tradingAction(final int locate)
    {
        final int o = newMessage('H', locate);
        out.putBytes(o + ACTION_STOCK, names, locate * STOCK_LENGTH, STOCK_LENGTH);
        out.putByte(o + ACTION_STATE, (byte)'T');
        out.putByte(o + ACTION_RESERVED, (byte)' ');
        for (int i = 0; i < 4; i++)
        {
            out.putByte(o + ACTION_REASON + i, (byte)' ');
        }
        endMessage(o);
    }

    /** A message of the generator's own, at the latest time written: type, locate, tracking 0, timestamp. */
    private int newMessage(final char type, final int locate)
    {
        final int length = ItchMessages.lengthOf(type);
        final int o = beginMessage(length);
        out.setMemory(o, length, (byte)0);
        out.putByte(o + TYPE, (byte)type);
        out.putShort(o + STOCK_LOCATE, (short)locate, BE);
        out.putShort(o + TRACKING_NUMBER, (short)0, BE);
        putTimestamp(o, lastTimestamp);
        return o;
    }

    /** Room for a message of {@code length} and its length prefix: the offset of the message (its type byte). */
    private int beginMessage(final int length)
    {
        if (outPosition + 2 + length > outBytes.length)
        {
            flushOutput();
        }
        out.putShort(outPosition, (short)length, BE);
        return outPosition + 2;
    }

    private void endMessage(final int o)
    {
        final char type = ItchMessages.type(out, o);
        outPosition = o + ItchMessages.lengthOf(type);
        messagesByType[type]++;
        messagesWritten++;
    }

    private void putTimestamp(final int o, final long timestamp)
    {
        out.putShort(o + TIMESTAMP, (short)(timestamp >>> 32), BE);
        out.putInt(o + TIMESTAMP + 2, (int)timestamp, BE);
    }

    private void flushOutput()
    {
        try
        {
            output.write(outBytes, 0, outPosition);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write at byte " + bytesWritten + ": " + ex.getMessage(), ex);
        }
        bytesWritten += outPosition;
        outPosition = 0;
    }

    private void abandon(final Path outputFile)
    {
        try
        {
            if (null != output)
            {
                output.close();
            }
        }
        catch (final IOException ignore)
        {
            // the output is deleted below; the first failure is the one to report
        }
        try
        {
            Files.deleteIfExists(outputFile);
        }
        catch (final IOException ignore)
        {
            // as above
        }
    }

    // ---- Source input: NASDAQ's file layout, checked message by message.

    private void openSource()
    {
        try
        {
            final InputStream file = Files.newInputStream(source);
            input = isGzip() ? new GZIPInputStream(file, 1 << 16) : file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + source + ": " + ex.getMessage(), ex);
        }
        inBase = 0;
        inPosition = 0;
        inLimit = 0;
        inEnd = false;
        lastSourceTimestamp = 0;
    }

    private boolean isGzip() throws IOException
    {
        if (source.getFileName().toString().endsWith(".gz"))
        {
            return true;
        }
        try (InputStream head = Files.newInputStream(source))
        {
            return head.read() == 0x1f && head.read() == 0x8b;
        }
    }

    private void closeSource()
    {
        try
        {
            input.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + source + ": " + ex.getMessage(), ex);
        }
        input = null;
    }

    /** The next message's offset in the input buffer (its type byte), checked; -1 at the end of the source. */
    private int nextMessage()
    {
        while (true)
        {
            final int available = inLimit - inPosition;
            if (available >= 2)
            {
                final int length = in.getShort(inPosition, BE) & 0xFFFF;
                if (available >= 2 + length)
                {
                    framing = inBase + inPosition;
                    final int m = inPosition + 2;
                    inPosition = m + length;
                    check(m, length);
                    return m;
                }
            }
            if (!refill())
            {
                if (inLimit > inPosition)
                {
                    framing = inBase + inPosition;
                    throw sourceError(available < 2 ?
                        "the file ends 1 byte into a message's 2-byte length (truncated)" :
                        "the file ends " + (available - 2) + " bytes into a message of length " +
                        (in.getShort(inPosition, BE) & 0xFFFF) + " (truncated)");
                }
                return -1;
            }
        }
    }

    private void check(final int m, final int length)
    {
        if (length == 0)
        {
            throw sourceError("length 0: no message type");
        }
        final int type = in.getByte(m) & 0xFF;
        final int expected = ItchMessages.lengthOf((char)type);
        if (expected == 0)
        {
            throw sourceError("type 0x" + Integer.toHexString(type) + " is not an ITCH 5.0 message type " +
                "(is the file ITCH 5.0 with 2-byte length prefixes?)");
        }
        if (expected != length)
        {
            throw sourceError("type '" + (char)type + "' is " + expected + " bytes in ITCH 5.0; its length field says " +
                length);
        }
        final long timestamp = ItchMessages.timestamp(in, m);
        if (timestamp < lastSourceTimestamp)
        {
            throw sourceError("type '" + (char)type + "' timestamp " + timestamp + " ns after midnight is before the " +
                "previous message's " + lastSourceTimestamp);
        }
        lastSourceTimestamp = timestamp;
    }

    /** Bring more of the source into the buffer, keeping the bytes from the position on; false at its end. */
    private boolean refill()
    {
        if (inEnd)
        {
            return false;
        }
        final int kept = inLimit - inPosition;
        System.arraycopy(inBytes, inPosition, inBytes, 0, kept);
        inBase += inPosition;
        inPosition = 0;
        inLimit = kept;
        try
        {
            int read;
            while (inLimit < inBytes.length && (read = input.read(inBytes, inLimit, inBytes.length - inLimit)) >= 0)
            {
                inLimit += read;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + source + " at byte " + (inBase + inLimit) +
                " (of its decompressed stream, for gzip): " + ex.getMessage(), ex);
        }
        inEnd = inLimit < inBytes.length;
        return inLimit > kept;
    }

    private IllegalArgumentException sourceError(final String problem)
    {
        return new IllegalArgumentException(source + "@" + framing + ": " + problem);
    }
}
