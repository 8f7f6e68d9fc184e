package io.ringside.cli;

import io.ringside.latency.feed.FeedContext;
import org.agrona.collections.IntHashSet;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What to read from recorded files and how: the options {@code feed} and {@code convert} share. */
final class SelectionOptions
{
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
        description = "auto (detected from the file), recording (Ringside's own), itch (NASDAQ TotalView-ITCH 5.0, "
            + "plain or .gz), csv (trades and quotes), lobster or activity (client orders, cancels, executions). "
            + "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after this event time: epoch ns, "
        + "or ISO-8601 with an offset (2012-06-21T09:45:00-04:00).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events at or before this event time (as --from).")
    String to;

    @Option(names = "--instruments", paramLabel = "ID", split = ",",
        description = "Only these instrument ids (comma-separated).")
    int[] instruments;

    @Option(names = "--loop", paramLabel = "N", defaultValue = "1",
        description = "Replay the selection this many times; sequences keep rising. Default: ${DEFAULT-VALUE}.")
    int loops;

    @Option(names = "--instrument-id", paramLabel = "ID", defaultValue = "1", description = "Instrument id of the "
        + "first LOBSTER file (the next ones count up from it). Default: ${DEFAULT-VALUE}.")
    int instrumentId;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Symbol, when the file name does not give it.")
    String symbol;

    @Option(names = "--date", paramLabel = "yyyy-mm-dd",
        description = "Trading date, when the file name does not give it.")
    String date;

    @Option(names = "--source-id", paramLabel = "ID", defaultValue = "1", description = "Source id of the first file "
        + "(the next ones count up from it); a second replay into the same engine needs its own. "
        + "Default: ${DEFAULT-VALUE}.")
    int sourceId;

    @Option(names = "--max-time-skew", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "1s",
        description = "A record further ahead in event time than this of the last one read is checked against the "
            + "record after it, and refused (time_skew) when that one is back before it: one corrupt timestamp "
            + "costs one record. Default: ${DEFAULT-VALUE}.")
    long maxTimeSkewNs;

    @Option(names = "--on-error", paramLabel = "skip|stop", defaultValue = "skip",
        description = "skip (count bad records and go on) or stop. Default: ${DEFAULT-VALUE}.")
    String onError;

    /** Epoch ns from epoch ns or an ISO-8601 time with an offset; {@code absent} when not given. */
    static long eventTime(final String option, final String value, final long absent)
    {
        if (null == value)
        {
            return absent;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException notNanos)
        {
            try
            {
                final Instant instant = OffsetDateTime.parse(value).toInstant();
                return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
            }
            catch (final DateTimeParseException ex)
            {
                throw new IllegalArgumentException(option + ": expected epoch ns or an ISO-8601 time with an "
                    + "offset, such as 2012-06-21T09:45:00-04:00: " + value);
            }
        }
    }

    FeedContext toContext(final List<Path> files)
    {
        if (!"skip".equals(onError) && !"stop".equals(onError))
        {
            throw new IllegalArgumentException("--on-error: expected skip or stop: " + onError);
        }
        final LocalDate tradingDate;
        try
        {
            tradingDate = null == date ? null : LocalDate.parse(date);
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("--date: expected yyyy-mm-dd: " + date);
        }
        IntHashSet selected = null;
        if (null != instruments)
        {
            selected = new IntHashSet();
            for (final int id : instruments)
            {
                selected.add(id);
            }
        }
        return new FeedContext()
            .files(files)
            .fromNs(eventTime("--from", from, Long.MIN_VALUE))
            .toNs(eventTime("--to", to, Long.MAX_VALUE))
            .instruments(selected)
            .loops(loops)
            .format(format)
            .instrumentId(instrumentId)
            .symbol(symbol)
            .date(tradingDate)
            .sourceId(sourceId)
            .maxTimeSkewNs(maxTimeSkewNs)
            .stopOnError("stop".equals(onError));
    }
}
