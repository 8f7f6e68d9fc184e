package io.ringside.engine.pipeline;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

/**
 * The wall clock at ingress, in epoch nanoseconds, for the per-source lag: derived from the monotonic time ingress
 * already reads for every message, plus an offset to the epoch clock sampled now and then, so the event path reads
 * no second clock. Resampling follows the wall clock as NTP slews it. Handlers never see it: they
 * keep time from events alone.
 * <p>
 * The epoch clock may allocate (Agrona's system clock builds an {@code Instant}), so a thread that ticks anyway (the
 * engine's latency log, once an interval) samples it, and the ingress thread only reads the offset.
 */
final class IngressWallClock
{
    private final EpochNanoClock epochClock;
    private final NanoClock nanoClock;
    private volatile long offsetNs;

    IngressWallClock(final EpochNanoClock epochClock, final NanoClock nanoClock)
    {
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        sample();
    }

    /** The offset afresh, from the one thread that samples it (the latency log's, once an interval). */
    void sample()
    {
        final long before = nanoClock.nanoTime();
        offsetNs = epochClock.nanoTime() - before;
    }

    /** Epoch ns at {@code nanoTime}, a reading of the monotonic clock ingress uses. */
    long epochNanos(final long nanoTime)
    {
        return nanoTime + offsetNs;
    }
}
