package io.ringside.engine.metrics;

import io.ringside.transport.IdlePriority;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples every stage once per interval into an HdrHistogram interval log (one histogram per stage per interval,
 * tagged with the stage's name, and the first stage's once more untagged, so HdrHistogram's HistogramLogProcessor
 * reads the log without -tag), so latency can be watched while the engine runs and a report can leave out a
 * warm-up. Its own thread, under {@link IdlePriority}; it sleeps between samples and touches nothing on the hot path.
 */
public final class LatencyLog implements Runnable, AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(LatencyLog.class.getName());
    private final List<StageLatency> stages;
    private final long intervalNs;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final Runnable eachInterval;
    private final Thread thread;
    private volatile boolean running = true;
    private long intervalStartMs;
    private Histogram untagged;

    public LatencyLog(final List<StageLatency> stages, final Path file, final long intervalMs)
    {
        this(stages, file, intervalMs, null);
    }

    /**
     * @param eachInterval run on this log's thread when it starts and at every interval, for other sampling that must
     *                     stay off the hot path; null for none.
     */
    public LatencyLog(
        final List<StageLatency> stages, final Path file, final long intervalMs, final Runnable eachInterval)
    {
        this.stages = stages;
        this.eachInterval = eachInterval;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("report-dir: cannot write " + file + ": " + ex.getMessage(), ex);
        }
        writer = new HistogramLogWriter(out);
        intervalStartMs = System.currentTimeMillis();
        writer.outputLogFormatVersion();
        writer.outputComment("ringside stage latencies, ns; one interval histogram per stage, tag = stage");
        if (!stages.isEmpty())
        {
            writer.outputComment("the untagged histograms repeat the first stage, " + stages.get(0).name()
                + ", for tools that read untagged ones only");
        }
        writer.outputStartTime(intervalStartMs);
        writer.setBaseTime(intervalStartMs);
        writer.outputBaseTime(intervalStartMs);
        writer.outputLegend();
        thread = new Thread(this, "ringside-latency-log");
        thread.setDaemon(true);
        thread.start();
    }

    public void run()
    {
        // Encoding and writing can wait; an engine thread waking on this core cannot.
        final String notIdle = IdlePriority.applyToCurrentThread();
        if (null != notIdle)
        {
            LOG.log(System.Logger.Level.WARNING, "latency log thread keeps normal priority: {0}", notIdle);
        }
        sampleOthers();
        long next = System.nanoTime() + intervalNs;
        while (running)
        {
            final long now = System.nanoTime();
            if (now >= next)
            {
                sampleOthers();
                sampleAll();
                next += intervalNs;
            }
            else
            {
                LockSupport.parkNanos(Math.min(next - now, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
    }

    private void sampleOthers()
    {
        if (null != eachInterval)
        {
            eachInterval.run();
        }
    }

    private synchronized void sampleAll()
    {
        final long endMs = System.currentTimeMillis();
        for (final StageLatency stage : stages)
        {
            final Histogram interval = stage.sample();
            interval.setTag(stage.name());
            interval.setStartTimeStamp(intervalStartMs);
            interval.setEndTimeStamp(endMs);
            writer.outputIntervalHistogram(interval);
            if (stage == stages.get(0))
            {
                // HdrHistogram's HistogramLogProcessor reads untagged histograms only unless given -tag.
                // Into one histogram kept for it: a copy a second would be half a megabyte of garbage a second, its
                // counts and the encoder's buffer, which the log's only reason to exist does not justify.
                if (null == untagged)
                {
                    untagged = interval.copy();
                }
                else
                {
                    interval.copyInto(untagged);
                }
                untagged.setTag(null);
                untagged.setStartTimeStamp(intervalStartMs);
                untagged.setEndTimeStamp(endMs);
                writer.outputIntervalHistogram(untagged);
            }
        }
        out.flush();
        intervalStartMs = endMs;
    }

    /** Take a last sample after the stages have stopped recording, and close the log. */
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        sampleAll();
        writer.close();
    }
}
