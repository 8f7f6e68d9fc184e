package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Latency;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A run directory built by hand, as an engine and a feed write it, with histograms whose percentiles are exact at
 * HdrHistogram's 3 significant digits (every value below 2048 ns has a bucket of its own).
 */
public final class RunDirectory
{
    public static final long EVENTS = 91_998;
    /** 91,998 events in 1.83996 s: exactly 50,000 events/s. */
    public static final long ELAPSED_NS = 1_839_960_000L;

    private RunDirectory()
    {
    }

    /** {@code count} times {@code value}. */
    public static Histogram constant(final long value, final int count)
    {
        final Histogram histogram = Latency.newHistogram();
        histogram.recordValueWithCount(value, count);
        return histogram;
    }

    /** 1, 2, ..., 1000 ns once each: p50 500, p90 900, p99 990, p99.9 999, p99.99 1000, max 1000. */
    public static Histogram oneToThousand()
    {
        final Histogram histogram = Latency.newHistogram();
        for (int value = 1; value <= 1000; value++)
        {
            histogram.recordValue(value);
        }
        return histogram;
    }

    /** 99 x 100 ns and one 2000 ns: p50, p90 and p99 100, p99.9, p99.99 and max 2000. */
    public static Histogram withOneOutlier()
    {
        final Histogram histogram = constant(100, 99);
        histogram.recordValue(2000);
        return histogram;
    }

    /** The engine's files: stages deliberately not in report order, one stage empty, plus a stage of no known name. */
    public static void writeEngine(final Path dir) throws IOException
    {
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        histograms.put(Stages.SERVICE_EGRESS, Latency.newHistogram());
        histograms.put("custom.stage", constant(7, 3));
        histograms.put(Stages.SERVICE_STRATEGY, constant(250, 10));
        histograms.put(Stages.TRANSPORT, oneToThousand());
        histograms.put(Stages.QUEUE_STRATEGY, constant(300, 10));
        histograms.put(Stages.SERVICE_SURVEILLANCE, constant(150, 10));
        histograms.put(Stages.QUEUE_SURVEILLANCE, withOneOutlier());
        Files.createDirectories(dir);
        EngineSummary.writeHistograms(dir.resolve(EngineSummary.HISTOGRAM_FILE), histograms);

        // As EngineSummary.writeTo stores them: every counter, then elapsed_ns and drained.
        final Properties counts = new Properties();
        counts.setProperty("events_in", Long.toString(EVENTS));
        counts.setProperty("events_in.add_order", "44336");
        counts.setProperty("rejected", "1");
        counts.setProperty("gaps", "2");
        counts.setProperty("gap_missing_events", "4");
        counts.setProperty("duplicates", "3");
        counts.setProperty("alerts", "7");
        counts.setProperty("orders", "1234");
        counts.setProperty("backpressure", "5");
        counts.setProperty("undelivered", "0");
        counts.setProperty("output_digest", "0123456789abcdef");
        counts.setProperty("elapsed_ns", "2000000000");
        counts.setProperty("drained", "true");
        try (Writer writer = Files.newBufferedWriter(dir.resolve(EngineSummary.COUNTS_FILE), StandardCharsets.UTF_8))
        {
            counts.store(writer, "ringside engine counts at shutdown");
        }
    }

    /** The feed's files, written by {@link Feed#write} itself. */
    public static FeedResult writeFeed(final Path dir)
    {
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        histograms.put(Stages.END_TO_END, constant(1000, 100));
        histograms.put(Stages.PUBLISHED, constant(960, 100));
        histograms.put(Stages.DELIVERY, constant(40, 100));
        histograms.put(Stages.PACING_ERROR, constant(20, 91_998));
        final FeedResult result = new FeedResult(
            Pacing.rate(50_000),
            EVENTS,
            2,
            Map.of("malformed_line", 2L),
            ELAPSED_NS,
            6,
            7,
            1234,
            0,
            true,
            histograms);
        Feed.write(result, dir);
        return result;
    }
}
