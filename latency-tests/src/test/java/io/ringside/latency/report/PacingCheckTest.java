package io.ringside.latency.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run is invalid exactly when its feed's pacing error p99 is over the bound, or it sent nothing. */
final class PacingCheckTest
{
    /** 99 sends on time (10 µs late) and one very late: p99 is the on-time value, the outlier is past it. */
    private static Histogram onScheduleWithOneStall()
    {
        final Histogram h = RunDirectory.constant(10_000, 99);
        h.recordValue(50_000_000);
        return h;
    }

    /** Two of a hundred sends 2 ms late: p99 is 2 ms. */
    private static Histogram fellBehind()
    {
        final Histogram h = RunDirectory.constant(10_000, 98);
        h.recordValue(2_000_000);
        h.recordValue(2_000_000);
        return h;
    }

    @Test
    void withinTheBoundIsValidEvenWithAStallPastP99()
    {
        final PacingCheck.Verdict verdict = PacingCheck.of(onScheduleWithOneStall(), 1_000);
        assertTrue(verdict.valid());
        assertEquals(10_007, verdict.pacingP99Ns(), "10 µs at the histogram's resolution (3 digits)");
        assertEquals("", verdict.reason());
    }

    @Test
    void overTheBoundIsInvalidAndSaysWhy()
    {
        final PacingCheck.Verdict verdict = PacingCheck.of(fellBehind(), 1_000);
        assertFalse(verdict.valid());
        assertEquals(2_000_895, verdict.pacingP99Ns(), "2 ms at the histogram's resolution (3 digits)");
        assertEquals("the feed fell behind its schedule: pacing error p99 2,000.9 us > 1,000 us", verdict.reason());
    }

    @Test
    void theBoundDecides()
    {
        assertTrue(PacingCheck.of(fellBehind(), 2_001).valid(), "p99 2,000.895 us within 2,001 us");
        assertFalse(PacingCheck.of(fellBehind(), 2_000).valid(), "p99 2,000.895 us over 2,000 us");
        assertTrue(PacingCheck.of(onScheduleWithOneStall(), 10.007).valid(), "p99 10.007 us: at the bound is within");
        assertFalse(PacingCheck.of(onScheduleWithOneStall(), 10).valid(), "p99 10.007 us over 10 us");
    }

    @Test
    void aFeedThatSentNothingIsInvalid()
    {
        assertFalse(PacingCheck.of(null, 1_000).valid());
        final PacingCheck.Verdict empty = PacingCheck.of(RunDirectory.constant(1, 0), 1_000);
        assertFalse(empty.valid());
        assertEquals(-1, empty.pacingP99Ns());
        assertEquals("the feed sent nothing", empty.reason());
    }
}
