package io.ringside.codecs.recorded;

/**
 * The readers' rule for a jump ahead in event time. A file's events come in time order, so a record whose time is
 * behind the last one accepted is refused ({@code time_backwards}). A record whose time is ahead of it by more than
 * the maximum skew is either a real gap (the session opening after the night, a quiet stock) or one corrupt
 * timestamp; were a corrupt one accepted, every good record after it would look as if time went backwards. So the
 * reader looks at the next readable record: when that one is more than the skew behind the jump, the jump is the
 * odd one out and is refused ({@code time_skew}) without moving the reader's clock; otherwise (and at the end of the
 * file) the jump is real and accepted. One corrupt timestamp costs one record; a real gap costs nothing.
 */
public final class TimeSkew
{
    /**
     * One second: a corrupt timestamp less than the skew ahead goes unnoticed and costs the records of that much
     * event time after it, refused as going backwards, so smaller is safer; a real gap larger than it costs only a
     * look at the next record. The real files beside the project have gaps of up to 3 s (an hour of AAPL), 38 s (a
     * day of AMZN at level 1) and 282 s (NASDAQ's session opening, before its stock directory).
     */
    public static final long DEFAULT_NS = 1_000_000_000L;

    /** How many records past a jump a reader looks for one whose time it can read, before taking the jump as real. */
    public static final int LOOKAHEAD_RECORDS = 16;

    private TimeSkew()
    {
    }

    /** @return the skew, when it is at least 0. */
    public static long check(final long maxTimeSkewNs)
    {
        if (maxTimeSkewNs < 0)
        {
            throw new IllegalArgumentException("the maximum event-time skew must be >= 0: " + maxTimeSkewNs + " ns");
        }
        return maxTimeSkewNs;
    }

    /** True when {@code time}, ahead of {@code last} by more than the skew, is refuted by the next record's. */
    public static boolean refutes(final long time, final long next, final long maxTimeSkewNs)
    {
        return next < time - maxTimeSkewNs;
    }
}
