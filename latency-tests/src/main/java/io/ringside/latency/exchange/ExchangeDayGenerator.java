package io.ringside.latency.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static io.ringside.codecs.itch.ItchMessages.STOCK_LENGTH;

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
 *     <li>the source's order flow, loop after loop, each order on a symbol drawn by popularity
 *     ({@link FlowRouter}, {@link ZipfSymbols}), in time fitted before the close ({@link LoopClock});</li>
 *     <li>S 'C' end of messages.</li>
 * </ol>
 * Everything is drawn from one generator seeded by the caller: the same arguments give the same bytes. A quiet
 * locate, when one is asked for, takes part in no draw: it has its R and H and nothing else, for a test to append a
 * planted scenario to. Other locates can also end up with no flow (a Zipf tail of thousands of symbols over ~44,000
 * orders an hour leaves some empty): {@link Result#symbolsWithoutFlow()}.
 * <p>
 * The source is read once to check it ({@link ItchSourceScan}), before the output is created, then once per loop; the
 * last loop is cut short so that the file holds exactly the number of messages asked for. The directory's messages
 * carry the source's first timestamp, and the end message the last one written. Streamed: 1 MiB in, 1 MiB out, and
 * the map of the orders alive in the current loop. If writing fails the partial output is deleted.
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

    private ExchangeDayGenerator()
    {
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
        final ItchSource in = new ItchSource(source);
        final FlowRouter router =
            new FlowRouter(in, new ZipfSymbols(symbols, quietLocate, zipfExponent, seed), symbols);
        final ItchSourceScan scan = ItchSourceScan.scan(in, router);

        final long flowTarget = targetMessages - SYSTEM_EVENTS - 2L * symbols;
        final long flowPerLoop = scan.flowPerLoop();
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
        router.checkRoomFor(loops);

        final ItchDayWriter writer =
            new ItchDayWriter(output, names(symbols, quietLocate, quietSymbol), scan.firstTimestamp());
        router.writeTo(writer, new LoopClock(scan.firstTimestamp(), scan.lastTimestamp(), loops));
        boolean done = false;
        try
        {
            writer.open();
            writer.systemEvent('O');
            for (int locate = 1; locate <= symbols; locate++)
            {
                writer.stockDirectory(locate);
            }
            for (int locate = 1; locate <= symbols; locate++)
            {
                writer.tradingAction(locate);
            }
            long flowLeft = flowTarget;
            for (int loop = 0; loop < loops; loop++)
            {
                flowLeft -= router.copyLoop(loop, flowLeft);
            }
            writer.systemEvent('C');
            writer.close();
            done = true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + output + ": " + ex.getMessage(), ex);
        }
        finally
        {
            if (!done)
            {
                writer.abandon();
            }
        }
        return new Result(output, writer.messages(), writer.bytes(), symbols, loops, quietLocate,
            scan.firstTimestamp(), writer.lastTimestamp(), writer.messagesByType(), router.flowByLocate());
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

    /** Each locate's stock name, space-padded to 8 bytes at {@code locate * 8}: its synthetic one or the quiet one. */
    private static byte[] names(final int symbols, final int quietLocate, final String quietSymbol)
    {
        final byte[] names = new byte[(symbols + 1) * STOCK_LENGTH];
        for (int locate = 1; locate <= symbols; locate++)
        {
            final String name = locate == quietLocate && null != quietSymbol ? quietSymbol : symbol(locate);
            final byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < STOCK_LENGTH; i++)
            {
                names[locate * STOCK_LENGTH + i] = i < ascii.length ? ascii[i] : (byte)' ';
            }
        }
        return names;
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
}
