package io.ringside.latency.report;

/**
 * One interval of one stage, from the engine's interval log: when it started and ended (ms since the epoch, as the
 * log recorded them), how many values it holds and its p50, p99 and max (ns; 0 when the interval is empty).
 */
public record Interval(long startMs, long endMs, long count, long p50, long p99, long max)
{
    /** Values per second over the interval, or 0 when it has no length. */
    public double ratePerSecond()
    {
        final long lengthMs = endMs - startMs;
        return lengthMs <= 0 ? 0.0 : count * 1000.0 / lengthMs;
    }
}
