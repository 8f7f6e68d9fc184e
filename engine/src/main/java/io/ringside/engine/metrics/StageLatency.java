package io.ringside.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One stage's latency: recorded wait-free and without allocation by the stage's single thread, sampled by another
 * (the latency log) into interval histograms while the engine runs, and accumulated into a total.
 */
public final class StageLatency
{
    private final String name;
    private final SingleWriterRecorder recorder =
        new SingleWriterRecorder(1, Latency.HIGHEST_TRACKABLE_NS, Latency.SIGNIFICANT_DIGITS);
    private final Histogram total = Latency.newHistogram();
    private Histogram interval;

    public StageLatency(final String name)
    {
        this.name = name;
    }

    public String name()
    {
        return name;
    }

    /** On the stage's thread only. Negative values count as 0, values past the range as its top. */
    public void record(final long nanos)
    {
        recorder.recordValue(nanos < 0 ? 0 : Math.min(nanos, Latency.HIGHEST_TRACKABLE_NS));
    }

    /**
     * On the sampling thread only: everything recorded since the last sample, also added to the total. The returned
     * histogram is reused by the next sample.
     */
    Histogram sample()
    {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** Everything sampled so far; read after a final {@link #sample()}. */
    public Histogram total()
    {
        return total;
    }
}
