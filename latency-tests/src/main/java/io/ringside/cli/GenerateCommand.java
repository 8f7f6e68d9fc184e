package io.ringside.cli;

import io.ringside.latency.exchange.ExchangeDayGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringside generate}: {@link ExchangeDayGenerator} on the command line. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a whole exchange's ITCH 5.0 day: the recorded AAPL hour's order flow spread over N symbols "
        + "with Zipf popularity (a few busy, most quiet), repeated until the file holds --messages. Same options, "
        + "same bytes. The file reads with feed, convert and the ITCH reader, which take the trading date from a "
        + "yyyy-mm-dd in its name.")
public final class GenerateCommand implements Callable<Integer>
{
    /** The real AAPL hour, beside the project (see shared/data/README.md). */
    static final String DEFAULT_SOURCE = "../shared/data/itch/AAPL_2012-06-21.itch50.gz";

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "" + ExchangeDayGenerator.DEFAULT_SYMBOLS,
        description = "Symbols in the stock directory, stock locates 1..N (at most 65535). Default: ${DEFAULT-VALUE}.")
    int symbols;

    @Option(names = "--messages", paramLabel = "COUNT", defaultValue = "50m", converter = MessageCount.class,
        description = "Messages in the file, exactly: start and end events, an R and an H per symbol, the rest order "
            + "flow (the source looped as often as needed). A k, m or g suffix multiplies by a thousand, a million "
            + "or a billion. Default: ${DEFAULT-VALUE}.")
    long messages;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
        description = "Seed of every draw (which symbol each order goes to, which symbols are busiest). "
            + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--zipf", paramLabel = "S", defaultValue = "" + ExchangeDayGenerator.DEFAULT_ZIPF,
        description = "Zipf exponent s: the symbol of popularity rank r gets weight 1/r^s; 0 spreads the flow "
            + "evenly. Default: ${DEFAULT-VALUE}.")
    double zipf;

    @Option(names = "--quiet-locate", paramLabel = "LOCATE", defaultValue = "0",
        description = "A locate that gets its directory entry and no order flow, for a scenario to be appended "
            + "later; 0 for none. Default: ${DEFAULT-VALUE}.")
    int quietLocate;

    @Option(names = "--quiet-symbol", paramLabel = "SYMBOL",
        description = "The quiet locate's symbol: 1 to 8 of A-Z, 0-9 and '.'. Default: its generated name.")
    String quietSymbol;

    @Option(names = "--source", paramLabel = "FILE",
        description = "ITCH 5.0 file (plain or gzip) whose order flow is spread. Default: " + DEFAULT_SOURCE
            + ", from the project directory.")
    Path source;

    @Option(names = "--out", paramLabel = "FILE", required = true,
        description = "The ITCH 5.0 file to write (replaced if it exists); gzip-compressed when the name ends in .gz.")
    Path out;

    public Integer call()
    {
        final Path from = null != source ? source : Ringside.home().resolve(DEFAULT_SOURCE).normalize();
        if (!Files.isRegularFile(from))
        {
            throw new IllegalArgumentException("source " + from + " is not a file: give --source");
        }
        final long start = System.nanoTime();
        final ExchangeDayGenerator.Result result =
            ExchangeDayGenerator.write(from, out, symbols, messages, seed, zipf, quietLocate, quietSymbol);
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long size;
        try
        {
            size = Files.size(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the size of " + out + ": " + ex.getMessage(), ex);
        }
        System.out.printf(Locale.ROOT, "generated %s in %.2f s (%,.0f messages/s), %,d bytes on disk: %s%n",
            out, seconds, result.messages() / seconds, size, result.summary());
        return Ringside.EXIT_OK;
    }

    /** A count with an optional k, m or g suffix: 50m = 50,000,000. Underscores and commas are ignored. */
    public static final class MessageCount implements CommandLine.ITypeConverter<Long>
    {
        public Long convert(final String value)
        {
            final String digits = value.trim().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
            if (digits.isEmpty())
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a count");
            }
            final char last = digits.charAt(digits.length() - 1);
            final long multiplier = last == 'k' ? 1_000L : last == 'm' ? 1_000_000L : last == 'g' ? 1_000_000_000L : 1L;
            final String number = multiplier == 1 ? digits : digits.substring(0, digits.length() - 1);
            try
            {
                return Math.multiplyExact(Long.parseLong(number), multiplier);
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a count (digits, optionally followed by k, m or g)");
            }
        }
    }
}
