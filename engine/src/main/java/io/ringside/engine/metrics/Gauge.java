package io.ringside.engine.metrics;

import io.aeron.Counter;

/**
 * A counter that shows a value its one writer thread owns, stored only when the value changed: on the event path a
 * compare costs less than an ordered store into the CnC file that other processes' cores read.
 */
public final class Gauge
{
    private final Counter counter;
    private long shown;

    public Gauge(final Counter counter)
    {
        this.counter = counter;
        this.shown = counter.get();
    }

    public void set(final long value)
    {
        if (value != shown)
        {
            shown = value;
            counter.setRelease(value);
        }
    }
}
