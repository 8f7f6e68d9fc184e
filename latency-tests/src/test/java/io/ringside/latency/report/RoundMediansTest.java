package io.ringside.latency.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Medians over the rounds that count, their min and max, and ratios of medians: the arithmetic, exactly. */
final class RoundMediansTest
{
    /** Values of 100 ns to 1,000 ns, each exact in a histogram (3 significant digits). */
    private static Histogram round(final long p50, final long tail)
    {
        final Histogram h = RunDirectory.constant(p50, 98);
        h.recordValueWithCount(tail, 2);
        return h;
    }

    @Test
    void spreadIsMedianMinAndMax()
    {
        assertEquals(new Spread(5, 1, 9), Spread.of(9, 1, 5));
        assertEquals(new Spread(4, 1, 9), Spread.of(9, 1, 3, 5), "even count: the mean of the middle two");
        assertEquals(new Spread(7, 7, 7), Spread.of(7));
    }

    @Test
    void mediansAreOverTheValidRoundsOnly()
    {
        final RoundMedians medians = new RoundMedians(
            List.of(round(100, 900), round(300, 700), round(200, 800), round(5, 990)),
            List.of(true, true, true, false));
        assertEquals(List.of(0, 1, 2), medians.counted());
        assertTrue(medians.countedAreValid());
        assertEquals(3, medians.validRounds());
        assertEquals(new Spread(200, 100, 300), medians.spread(0), "p50");
        assertEquals(new Spread(800, 700, 900), medians.spread(RoundMedians.P99), "p99");
        assertEquals(new Spread(800, 700, 900), medians.spread(5), "max");
        assertEquals(990, medians.value(3, 5), "the invalid round keeps its own values");
        assertEquals(2, medians.medianRound(), "round 3 has the median p99");
        assertEquals(new Spread(100, 100, 100), medians.outputs());
    }

    @Test
    void withNoValidRoundEveryRoundWithOutputsCounts()
    {
        final RoundMedians medians = new RoundMedians(
            Arrays.asList(round(100, 900), null, round(300, 700)), List.of(false, false, false));
        assertEquals(List.of(0, 2), medians.counted());
        assertFalse(medians.countedAreValid());
        assertEquals(new Spread(200, 100, 300), medians.spread(0), "two rounds: the mean of both");
        assertEquals(-1, medians.value(1, 0), "no outputs, no value");
        assertEquals(2, medians.medianRound(), "the lower middle by p99: 700 before 900");
    }

    @Test
    void withNoOutputsAtAllThereIsNoMedian()
    {
        final RoundMedians medians = new RoundMedians(Arrays.asList(null, null), List.of(true, true));
        assertNull(medians.spread(0));
        assertEquals(-1, medians.medianRound());
        assertTrue(Double.isNaN(RoundMedians.ratio(medians.spread(0), new Spread(1, 1, 1))));
    }

    @Test
    void ratiosAreOfTheMedians()
    {
        assertEquals(2.5, RoundMedians.ratio(new Spread(500, 1, 10_000), new Spread(200, 199, 201)));
        assertTrue(Double.isNaN(RoundMedians.ratio(new Spread(500, 1, 1), new Spread(0, 0, 0))));
    }
}
