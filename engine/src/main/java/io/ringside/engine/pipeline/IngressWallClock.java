package io.ringside.engine.pipeline;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The wall clock at ingress, in epoch nanoseconds, for the per-source lag: derived from the monotonic time ingress
 * already reads for every message, plus an offset to the epoch clock sampled now and then from the duty cycle, so the
 * event path reads no second clock. Resampling follows the wall clock as NTP slews it. Ingress thread only; handlers
 * never see it: they keep time from events alone.
 */
final class IngressWallClock
{
    static final long SAMPLE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final EpochNanoClock epochClock;
    private final NanoClock nanoClock;
    private long offsetNs;
    private long sampledAtNs;

    IngressWallClock(final EpochNanoClock epochClock, final NanoClock nanoClock)
    {
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        sample(nanoClock.nanoTime());
    }

    /** From the duty cycle: the offset afresh once a second. */
    void onDutyCycle(final long nowNs)
    {
        if (nowNs - sampledAtNs >= SAMPLE_INTERVAL_NS)
        {
            sample(nowNs);
        }
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
