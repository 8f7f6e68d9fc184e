package io.ringside.latency.exchange;

/**
 * The time of a message copied in loop k. Loop k follows loop k-1: it starts at first + k x span (span = the source's
 * last timestamp - first + 1). When the loops would run past 16:00 (or the source's own last timestamp, if later),
 * all of them are scaled by one factor to end there: a 50M-message day is ~540 loops of the AAPL hour, which would run
 * for 540 hours, beyond the day and beyond ITCH's 48-bit timestamp.
 */
final class LoopClock
{
    private final long first;
    private final long span;
    private final boolean exact;
    private final double scale;

    LoopClock(final long first, final long last, final int loops)
    {
        this.first = first;
        span = last - first + 1;
        final long end = Math.max(ExchangeDayGenerator.MARKET_CLOSE, last + 1);
        final double totalSpan = (double)span * loops;
        exact = first + totalSpan <= end;
        scale = exact ? 1.0 : (end - first) / totalSpan;
    }

    /** The output time of a source message of {@code sourceTimestamp} copied in loop {@code loop}. */
    long timestamp(final int loop, final long sourceTimestamp)
    {
        final long elapsed = loop * span + (sourceTimestamp - first);
        // Both mappings are non-decreasing in elapsed (a positive factor, then rounding down), and elapsed rises
        // through a loop and from one loop to the next: time never goes backwards.
        return first + (exact ? elapsed : (long)(elapsed * scale));
    }
}
