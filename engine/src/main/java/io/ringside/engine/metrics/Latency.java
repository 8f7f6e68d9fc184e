package io.ringside.engine.metrics;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** The one shape of latency histogram used everywhere: ns, 1 ns to 60 s, 3 significant digits, fixed size. */
public final class Latency
{
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    public static final int SIGNIFICANT_DIGITS = 3;

    private Latency()
    {
    }

    public static Histogram newHistogram()
    {
        // Fixed range: auto-resize would allocate on the recording thread.
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * Record without allocating or throwing: negative values (clocks of different hosts) count as 0, values beyond
     * the range as the range's top.
     */
    public static void record(final Histogram histogram, final long nanos)
    {
        histogram.recordValue(nanos < 0 ? 0 : Math.min(nanos, HIGHEST_TRACKABLE_NS));
    }
}
