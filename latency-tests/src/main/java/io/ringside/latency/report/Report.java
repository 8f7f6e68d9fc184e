package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Latency;
import io.ringside.engine.metrics.PercentileTable;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.Feed;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static io.ringside.latency.report.JsonString.quote;

/**
 * Turns a run directory (what the engine and the feed wrote) into the percentile table, one standard {@code .hgrm}
 * percentile file per stage, and {@value #SUMMARY_FILE} for scripts.
 */
public final class Report
{
    public static final String SUMMARY_FILE = "summary.json";
    /**
     * When present in a run directory: the measured phase's {@code start_ms} and {@code end_ms} (ms since the epoch).
     * An engine that ran through a warm-up first logged it too; its intervals outside the phase are left out.
     */
    public static final String MEASURED_PHASE_FILE = "measured-phase.properties";

    /** Write {@value #MEASURED_PHASE_FILE}: the run's measured phase, ms since the epoch. */
    public static void writeMeasuredPhase(final Path directory, final long startMs, final long endMs)
    {
        final Properties phase = new Properties();
        phase.setProperty("start_ms", Long.toString(startMs));
        phase.setProperty("end_ms", Long.toString(endMs));
        try (Writer writer = Files.newBufferedWriter(directory.resolve(MEASURED_PHASE_FILE),
            StandardCharsets.UTF_8))
        {
            phase.store(writer, "ringside: the measured phase, ms since the epoch");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--report-dir: cannot write " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /** Run-level fields of summary.json, in order, and where each comes from. */
    private static final String[][] RUN_FIELDS =
    {
        { "events_in", "engine" }, { "rejected", "engine" }, { "gaps", "engine" }, { "duplicates", "engine" },
        { "alerts", "engine" }, { "orders", "engine" }, { "backpressure", "engine" }, { "undelivered", "engine" },
        { "events_sent", "feed" }, { "read_errors", "feed" }, { "feed_backpressure", "feed" },
        { "alerts_received", "feed" }, { "orders_received", "feed" }, { "output_sequence_errors", "feed" },
    };

    private final Path directory;
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();
    private final Properties engineCounts;
    private final Properties feedCounts;
    private final Map<String, List<Interval>> intervals = new LinkedHashMap<>();

    private Report(final Path directory, final Properties engineCounts, final Properties feedCounts)
    {
        this.directory = directory;
        this.engineCounts = engineCounts;
        this.feedCounts = feedCounts;
    }

    /**
     * Read a run directory.
     *
     * @throws IllegalArgumentException when it holds neither an engine's nor a feed's results.
     */
    public static Report read(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("--report-dir: no such directory: " + directory
                + " (run the engine and a feed, or the demo, with --report-dir there first)");
        }
        final Path engineHistograms = directory.resolve(EngineSummary.HISTOGRAM_FILE);
        final Path feedHistograms = directory.resolve(Feed.HISTOGRAM_FILE);
        if (!Files.exists(engineHistograms) && !Files.exists(feedHistograms))
        {
            throw new IllegalArgumentException("--report-dir: " + directory + " holds no run: expected "
                + EngineSummary.HISTOGRAM_FILE + " and/or " + Feed.HISTOGRAM_FILE);
        }

        final Report report = new Report(
            directory, load(directory.resolve(EngineSummary.COUNTS_FILE)), load(directory.resolve(Feed.COUNTS_FILE)));
        final Properties phase = load(directory.resolve(MEASURED_PHASE_FILE));
        final long fromMs = Long.parseLong(phase.getProperty("start_ms", "0"));
        final long toMs = Long.parseLong(phase.getProperty("end_ms", Long.toString(Long.MAX_VALUE)));
        final Map<String, Histogram> found = new LinkedHashMap<>();
        final Map<String, List<Interval>> intervals = new LinkedHashMap<>();
        readLog(engineHistograms, fromMs, toMs, found, intervals);
        readLog(feedHistograms, fromMs, toMs, found, null);
        readLog(directory.resolve(Feed.INTERVALS_FILE), fromMs, toMs, null, intervals);
        for (final String stage : Stages.ALL)
        {
            final Histogram histogram = found.remove(stage);
            if (null != histogram)
            {
                report.histograms.put(stage, histogram);
            }
        }
        report.histograms.putAll(found);
        for (final String stage : report.histograms.keySet())
        {
            final List<Interval> stageIntervals = intervals.get(stage);
            if (null != stageIntervals)
            {
                report.intervals.put(stage, Collections.unmodifiableList(stageIntervals));
            }
        }
        return report;
    }

    /**
     * A histogram log, summed per stage into {@code sums} and kept interval by interval into {@code intervals} (either
     * may be null). A histogram stamped with a time outside [fromMs, toMs] is left out; a whole-run one (stamped 0) is
     * always kept.
     */
    private static void readLog(
        final Path file,
        final long fromMs,
        final long toMs,
        final Map<String, Histogram> sums,
        final Map<String, List<Interval>> intervals)
    {
        if (!Files.exists(file))
        {
            return;
        }
        try
        {
            final HistogramLogReader reader = new HistogramLogReader(file.toFile());
            EncodableHistogram next;
            while (null != (next = reader.nextIntervalHistogram()))
            {
                final long startMs = next.getStartTimeStamp();
                if (startMs != 0 && (startMs < fromMs || next.getEndTimeStamp() > toMs))
                {
                    continue;
                }
                if (null == next.getTag())
                {
                    continue; // a copy of a tagged stage, there for tools that read untagged histograms only
                }
                final String tag = next.getTag();
                final Histogram h = (Histogram)next;
                if (null != sums)
                {
                    sums.computeIfAbsent(tag, (ignore) -> Latency.newHistogram()).add(h);
                }
                if (null != intervals)
                {
                    final boolean empty = h.getTotalCount() == 0;
                    intervals.computeIfAbsent(tag, (ignore) -> new ArrayList<>()).add(new Interval(
                        h.getStartTimeStamp(), h.getEndTimeStamp(), h.getTotalCount(),
                        empty ? 0 : h.getValueAtPercentile(50.0), empty ? 0 : h.getValueAtPercentile(99.0),
                        empty ? 0 : h.getMaxValue()));
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException("cannot read histogram log " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static Properties load(final Path file)
    {
        final Properties properties = new Properties();
        if (Files.exists(file))
        {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
            }
        }
        return properties;
    }

    public Map<String, Histogram> histograms()
    {
        return histograms;
    }

    /**
     * Intervals per stage, from the engine's {@value EngineSummary#HISTOGRAM_FILE} and the feed's
     * {@value Feed#INTERVALS_FILE}, in the order of {@link #histograms()}.
     */
    public Map<String, List<Interval>> intervals()
    {
        return Collections.unmodifiableMap(intervals);
    }

    /** The run directory read. */
    public Path directory()
    {
        return directory;
    }

    /** A copy of the engine's counts at shutdown ({@value EngineSummary#COUNTS_FILE}); empty when absent. */
    public Properties engineCounts()
    {
        final Properties copy = new Properties();
        copy.putAll(engineCounts);
        return copy;
    }

    /** A copy of the feed's counts and pacing ({@value Feed#COUNTS_FILE}); empty when absent. */
    public Properties feedCounts()
    {
        final Properties copy = new Properties();
        copy.putAll(feedCounts);
        return copy;
    }

    public void print(final PrintStream out)
    {
        out.println("ringside latency report: " + directory);
        final String pacing = feedCounts.getProperty("pacing");
        if (null != pacing)
        {
            out.printf(Locale.ROOT, "  feed: %s, %s events sent at %s events/s%n",
                pacing, feedCounts.getProperty("events_sent"), feedCounts.getProperty("rate"));
        }
        if (!engineCounts.isEmpty())
        {
            out.printf(Locale.ROOT, "  engine: events_in %s, rejected %s, gaps %s, duplicates %s, alerts %s, orders %s,"
                + " backpressure %s%n",
                engineCounts.getProperty("events_in"), engineCounts.getProperty("rejected"),
                engineCounts.getProperty("gaps"), engineCounts.getProperty("duplicates"),
                engineCounts.getProperty("alerts"), engineCounts.getProperty("orders"),
                engineCounts.getProperty("backpressure"));
        }
        out.println();
        out.print(PercentileTable.format(histograms));
    }

    /**
     * Write {@code STAGE.hgrm} per stage (HdrHistogram's percentile distribution, values in microseconds) and
     * summary.json.
     *
     * @return the files written.
     */
    public Map<String, Path> write()
    {
        final Map<String, Path> written = new LinkedHashMap<>();
        try
        {
            for (final Map.Entry<String, Histogram> entry : histograms.entrySet())
            {
                final Path file = directory.resolve(entry.getKey() + ".hgrm");
                try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
                {
                    entry.getValue().outputPercentileDistribution(out, 5, 1000.0);
                }
                written.put(entry.getKey(), file);
            }
            final Path summary = directory.resolve(SUMMARY_FILE);
            Files.writeString(summary, toJson(), StandardCharsets.UTF_8);
            written.put(SUMMARY_FILE, summary);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the report into " + directory + ": " + ex.getMessage(), ex);
        }
        return written;
    }

    /** summary.json: every latency in ns. */
    public String toJson()
    {
        final StringBuilder json = new StringBuilder(1024);
        json.append("{\n");
        json.append("  \"units\": \"ns\",\n");
        json.append("  \"pacing\": ").append(quote(feedCounts.getProperty("pacing", ""))).append(",\n");
        json.append("  \"rate\": ").append(number(feedCounts.getProperty("rate"))).append(",\n");
        json.append("  \"target_rate\": ").append(number(feedCounts.getProperty("target_rate"))).append(",\n");
        for (final String[] field : RUN_FIELDS)
        {
            final Properties source = "engine".equals(field[1]) ? engineCounts : feedCounts;
            json.append("  \"").append(field[0]).append("\": ").append(number(source.getProperty(field[0])))
                .append(",\n");
        }
        // A hash in hex, as the engine wrote it: a string, since JSON numbers cannot hold 64 bits exactly.
        final String digest = engineCounts.getProperty("output_digest");
        json.append("  \"output_digest\": ").append(null == digest ? "null" : quote(digest)).append(",\n");
        json.append("  \"stages\": {");
        boolean first = true;
        for (final Map.Entry<String, Histogram> entry : histograms.entrySet())
        {
            final Histogram h = entry.getValue();
            json.append(first ? "\n" : ",\n");
            first = false;
            json.append("    ").append(quote(entry.getKey())).append(": { \"count\": ").append(h.getTotalCount());
            for (int i = 0; i < PercentileTable.PERCENTILES.length; i++)
            {
                json.append(", \"").append(PercentileTable.PERCENTILE_KEYS[i]).append("\": ")
                    .append(h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(PercentileTable.PERCENTILES[i]));
            }
            json.append(", \"max\": ").append(h.getMaxValue()).append(" }");
        }
        json.append("\n  }\n}\n");
        return json.toString();
    }

    private static String number(final String value)
    {
        if (null == value)
        {
            return "null";
        }
        try
        {
            Double.parseDouble(value);
            return value;
        }
        catch (final NumberFormatException ex)
        {
            return "null";
        }
    }
}
