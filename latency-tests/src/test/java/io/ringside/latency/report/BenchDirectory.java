package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.ringside.latency.report.IntervalLog.INTERVAL_MS;
import static io.ringside.latency.report.IntervalLog.START_MS;

/**
 * A bench directory built by hand, as {@code bench} leaves it: at 1,000 and 2,000 events/s raw Aeron, the engine and
 * ArrayBlockingQueue in one valid round, a second engine round at 1,000 whose feed fell behind (invalid), then a
 * throughput search of two steps. Every feed ran two measured intervals from
 * {@link #MEASURED_MS}; every engine logged one warm-up interval before them whose values must not show.
 */
final class BenchDirectory
{
    static final long MEASURED_MS = START_MS + INTERVAL_MS;
    static final long WARM_UP_NS = 777_000;
    static final List<Long> RATES = List.of(1000L, 2000L);
    /** The configuration name the late round's files are written as: end to end of 9 ms everywhere. */
    static final String LATE_ROUND = "late";
    static final long LATE_PACING_NS = 5_000_000;
    static final Map<String, String> METADATA = new LinkedHashMap<>();
    static final BenchPage.Settings SETTINGS = new BenchPage.Settings(1, 1000, "off: no configuration records");

    static
    {
        METADATA.put("profile", "shared");
        METADATA.put("warm-up per run", "5 s");
        METADATA.put("measured phase per run", "10 s");
        METADATA.put("git commit", "0123456789abcdef0123456789abcdef01234567 (bench-html)");
        METADATA.put("JDK", "17.0.99 (Test VM)");
        METADATA.put("JVM flags", "-XX:+UseG1GC -Xmx1g");
        METADATA.put("cores", "2");
    }

    private BenchDirectory()
    {
    }

    /** End to end of a configuration, each distinct, in the two measured intervals together. */
    static Histogram endToEnd(final String config)
    {
        return switch (config)
        {
            case BenchPage.RAW_AERON -> RunDirectory.constant(300, 50);
            case BenchPage.ENGINE -> RunDirectory.oneToThousand();
            case LATE_ROUND -> RunDirectory.constant(9_000_000, 10);
            default -> RunDirectory.withOneOutlier();
        };
    }

    /** Its first measured interval: the first half of the values (all of them for the outlier one, but one). */
    private static List<Histogram> endToEndIntervals(final String config)
    {
        return switch (config)
        {
            case BenchPage.RAW_AERON -> List.of(RunDirectory.constant(300, 20), RunDirectory.constant(300, 30));
            case BenchPage.ENGINE -> List.of(range(1, 500), range(501, 1000));
            case LATE_ROUND -> List.of(RunDirectory.constant(9_000_000, 5), RunDirectory.constant(9_000_000, 5));
            default -> List.of(RunDirectory.constant(100, 99), RunDirectory.constant(2000, 1));
        };
    }

    static Histogram range(final int from, final int to)
    {
        final Histogram h = RunDirectory.constant(from, 1);
        for (int value = from + 1; value <= to; value++)
        {
            h.recordValue(value);
        }
        return h;
    }

    /** Events sent per measured interval of every run at a rate: the rate, then half of it. */
    static List<Integer> sent(final long rate)
    {
        return List.of((int)rate, (int)rate / 2);
    }

    /** Writes the directory; returns the runs as bench hands them to the page. */
    static List<BenchPage.Run> write(final Path benchDir) throws IOException
    {
        return write(benchDir, BenchPage.CONFIGS);
    }

    /** The same with other configurations: any but raw Aeron and the engine as ArrayBlockingQueue's are written. */
    static List<BenchPage.Run> write(final Path benchDir, final List<String> configs) throws IOException
    {
        final List<BenchPage.Run> runs = new ArrayList<>();
        for (final long rate : RATES)
        {
            for (final String config : configs)
            {
                final Path dir = benchDir.resolve(config + "-" + rate);
                writeRun(dir, config, rate);
                runs.add(new BenchPage.Run(config, rate, 1, false, dir, BenchPage.RAW_AERON.equals(config) ? -1 : 0,
                    BenchPage.RAW_AERON.equals(config) ? -1 : 0, false, true, 20));
            }
        }
        // A second engine round at the first rate whose feed fell behind: invalid, so out of the medians.
        final Path late = benchDir.resolve("round2-engine-" + RATES.get(0));
        writeRun(late, LATE_ROUND, RATES.get(0));
        runs.add(new BenchPage.Run(BenchPage.ENGINE, RATES.get(0), 2, false, late, 0, 0, false, false, LATE_PACING_NS));
        final Path held = benchDir.resolve("search-engine-100000");
        writeRun(held, BenchPage.ENGINE, 100_000);
        runs.add(new BenchPage.Run(BenchPage.ENGINE, 100_000, 0, true, held, 0, 0, true, true, 20));
        final Path broke = benchDir.resolve("search-engine-200000");
        writeRun(broke, BenchPage.ENGINE, 200_000);
        runs.add(new BenchPage.Run(BenchPage.ENGINE, 200_000, 0, true, broke, 3, 4500, false, true, 20));
        return runs;
    }

    private static void writeRun(final Path dir, final String config, final long rate) throws IOException
    {
        Files.createDirectories(dir);
        final List<Integer> sent = sent(rate);
        final Map<String, Histogram> whole = new LinkedHashMap<>();
        whole.put(Stages.END_TO_END, endToEnd(config));
        whole.put(Stages.PACING_ERROR, RunDirectory.constant(20, sent.get(0) + sent.get(1)));
        Feed.write(new FeedResult(Pacing.rate(rate), sent.get(0) + sent.get(1), 0, Map.of(), 1_500_000_000L, 0, 0,
            endToEnd(config).getTotalCount(), 0, true, whole), dir);
        final Map<String, List<Histogram>> feedIntervals = new LinkedHashMap<>();
        feedIntervals.put(Stages.END_TO_END, endToEndIntervals(config));
        feedIntervals.put(Stages.PACING_ERROR, List.of(
            RunDirectory.constant(20, sent.get(0)), RunDirectory.constant(20, sent.get(1))));
        IntervalLog.write(dir.resolve(Feed.INTERVALS_FILE), feedIntervals, MEASURED_MS);

        Report.writeMeasuredPhase(dir, MEASURED_MS, MEASURED_MS + 2 * INTERVAL_MS);
        if (BenchPage.RAW_AERON.equals(config))
        {
            return;
        }

        // The engine's log starts one interval before the measured phase: its warm-up, WARM_UP_NS everywhere.
        final Map<String, List<Histogram>> engine = new LinkedHashMap<>();
        engine.put(Stages.TRANSPORT, List.of(RunDirectory.constant(WARM_UP_NS, 5), RunDirectory.constant(2000, 10),
            RunDirectory.constant(3000, 10)));
        engine.put(Stages.QUEUE_SURVEILLANCE, List.of(RunDirectory.constant(WARM_UP_NS, 5),
            RunDirectory.constant(400, 10), RunDirectory.constant(500, 10)));
        engine.put(Stages.SERVICE_EGRESS, List.of(RunDirectory.constant(WARM_UP_NS, 5), RunDirectory.constant(150, 2),
            RunDirectory.constant(250, 2)));
        IntervalLog.write(dir.resolve(EngineSummary.HISTOGRAM_FILE), engine, START_MS);
        final Properties counts = new Properties();
        counts.setProperty("events_in", Long.toString(sent.get(0) + sent.get(1)));
        counts.setProperty("gaps", "0");
        counts.setProperty(EngineSummary.SETTING_PREFIX + "ring-size", "65536");
        counts.setProperty(EngineSummary.SETTING_PREFIX + "term-length", "16777216");
        counts.setProperty(EngineSummary.SETTING_PREFIX + "pipeline",
            BenchPage.ENGINE.equals(config) ? "disruptor" : "blocking-queue");
        counts.setProperty(EngineSummary.SETTING_PREFIX + "aeron-dir", "/dev/shm/ringside-test-" + rate);
        counts.setProperty(EngineSummary.SETTING_PREFIX + "report-dir", dir.toString());
        store(counts, dir.resolve(EngineSummary.COUNTS_FILE));
    }

    private static void store(final Properties properties, final Path file) throws IOException
    {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            properties.store(writer, null);
        }
    }

    static BenchPage page(final Path benchDir) throws IOException
    {
        return new BenchPage(benchDir, METADATA, write(benchDir),
            new BenchPage.Search(100_000, 400_000, 24_400_000.0, "p99 end to end <= 10000 us"), SETTINGS, null);
    }
}
