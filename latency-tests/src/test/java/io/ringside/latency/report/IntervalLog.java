package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Latency;
import io.ringside.engine.metrics.Stages;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An engine interval log as the engine's LatencyLog writes it: a start and base time, then per interval every stage. */
final class IntervalLog
{
    /** Whole seconds, so the log's seconds-with-3-decimals round-trip to the same ms. */
    static final long START_MS = 1_700_000_000_000L;
    static final long INTERVAL_MS = 1000;

    private IntervalLog()
    {
    }

    /** Interval i of every stage spans [START_MS + i * INTERVAL_MS, START_MS + (i + 1) * INTERVAL_MS]. */
    static void write(final Path file, final Map<String, List<Histogram>> perStage) throws IOException
    {
        write(file, perStage, START_MS);
    }

    /** Interval i of every stage spans [firstMs + i * INTERVAL_MS, firstMs + (i + 1) * INTERVAL_MS]. */
    static void write(final Path file, final Map<String, List<Histogram>> perStage, final long firstMs)
        throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(START_MS);
            writer.setBaseTime(START_MS);
            writer.outputBaseTime(START_MS);
            writer.outputLegend();
            final int intervals = perStage.values().iterator().next().size();
            for (int i = 0; i < intervals; i++)
            {
                for (final Map.Entry<String, List<Histogram>> entry : perStage.entrySet())
                {
                    final Histogram interval = entry.getValue().get(i).copy();
                    interval.setTag(entry.getKey());
                    interval.setStartTimeStamp(firstMs + i * INTERVAL_MS);
                    interval.setEndTimeStamp(firstMs + (i + 1) * INTERVAL_MS);
                    writer.outputIntervalHistogram(interval);
                }
            }
        }
    }

    /**
     * A run directory whose engine log has three intervals: transport 1..1000 ns, then 500 x 2000 ns, then nothing;
     * queue.surveillance 100 ns x 10, the outlier histogram, 50 ns x 1; service.egress always empty. The feed's files
     * and the engine's counts are {@link RunDirectory}'s.
     */
    static Path writeRun(final Path dir) throws IOException
    {
        RunDirectory.writeEngine(dir);
        RunDirectory.writeFeed(dir);
        final Map<String, List<Histogram>> perStage = new LinkedHashMap<>();
        perStage.put(Stages.TRANSPORT, List.of(
            RunDirectory.oneToThousand(), RunDirectory.constant(2000, 500), Latency.newHistogram()));
        perStage.put(Stages.QUEUE_SURVEILLANCE, List.of(
            RunDirectory.constant(100, 10), RunDirectory.withOneOutlier(), RunDirectory.constant(50, 1)));
        perStage.put(Stages.SERVICE_EGRESS, List.of(
            Latency.newHistogram(), Latency.newHistogram(), Latency.newHistogram()));
        write(dir.resolve(EngineSummary.HISTOGRAM_FILE), perStage);
        return dir;
    }
}
