package io.ringside.engine.pipeline;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The wall clock at ingress, in epoch nanoseconds, for the per-source lag: derived from the monotonic time ingress
 * already reads for every message, plus an offset to the epoch clock sampled now and then from the duty cycle, so the
 * event path reads no second clock. Resampling follows the wall clock as NTP slews it. Handlers never see it: they
 * keep time from events alone.
 * <p>
 * The epoch clock may allocate (Agrona's system clock builds an {@code Instant}), so where another thread ticks anyway
 * (the engine's latency log, once an interval) that thread samples it, and the ingress thread only reads the offset.
 */
final class IngressWallClock
{
    static final long SAMPLE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final EpochNanoClock epochClock;
    private final NanoClock nanoClock;
    private volatile long offsetNs;
    private long sampledAtNs;
    private boolean sampledElsewhere;

    IngressWallClock(final EpochNanoClock epochClock, final NanoClock nanoClock)
    {
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        sample(nanoClock.nanoTime());
    }

    /** From the duty cycle: the offset afresh once a second, unless another thread samples it. */
    void onDutyCycle(final long nowNs)
    {
        if (!sampledElsewhere && nowNs - sampledAtNs >= SAMPLE_INTERVAL_NS)
        {
            sample(nowNs);
        }
    }

    /**
     * Before ingress starts: from now on one other thread calls {@link #sample()} now and then, and the duty cycle
     * leaves the epoch clock alone.
     */
    void sampledElsewhere()
    {
        sampledElsewhere = true;
    }

    /** The offset afresh, from the one thread that samples it. */
    void sample()
    {
        sample(nanoClock.nanoTime());
    }

    /** Epoch ns at {@code nanoTime}, a reading of the monotonic clock ingress uses. */
    long epochNanos(final long nanoTime)
    {
        return nanoTime + offsetNs;
    }

    private void sample(final long nowNs)
    {
        final long before = nanoClock.nanoTime();
        final long epochNs = epochClock.nanoTime();
        offsetNs = epochNs - before;
        sampledAtNs = nowNs;
    }
}
