package io.ringside.latency.report;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * Whether a feed kept to its schedule: its pacing error (actual minus intended send time) at p99 within a bound. A
 * feed that fell behind measured its own lateness as much as the target's, and at a lower load than asked for, so such
 * a run is marked invalid rather than compared.
 */
public final class PacingCheck
{
    /** The default bound on the pacing error's p99, µs. */
    public static final double DEFAULT_BOUND_MICROS = 1_000;

    /**
     * @param valid        the feed kept to its schedule.
     * @param pacingP99Ns  its pacing error at p99, ns; -1 when it sent nothing.
     * @param reason       why it is invalid, or "" when valid.
     */
    public record Verdict(boolean valid, long pacingP99Ns, String reason)
    {
    }

    private PacingCheck()
    {
    }

    /** @param pacingError the run's pacing error, ns; null or empty when the feed sent nothing. */
    public static Verdict of(final Histogram pacingError, final double boundMicros)
    {
        if (null == pacingError || pacingError.getTotalCount() == 0)
        {
            return new Verdict(false, -1, "the feed sent nothing");
        }
        final long p99 = pacingError.getValueAtPercentile(99);
        if (p99 > boundMicros * 1_000)
        {
            return new Verdict(false, p99, String.format(Locale.ROOT,
                "the feed fell behind its schedule: pacing error p99 %,.1f us > %,.0f us", p99 / 1e3, boundMicros));
        }
        return new Verdict(true, p99, "");
    }

    /** The bound as the page and the JSON state it. */
    public static String describe(final double boundMicros)
    {
        return String.format(Locale.ROOT, "a run is invalid when its feed's pacing error (actual - intended send "
            + "time) at p99 is over %,.0f us: the feed fell behind its schedule", boundMicros);
    }
}
