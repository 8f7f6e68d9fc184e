package io.ringside.latency.feed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class PacingTest
{
    private static final long START = 5_000_000_000L;
    /** 09:30 on some day, in epoch ns: recorded times are large, only their differences matter. */
    private static final long T = 1_340_285_400_000_000_000L;

    @Test
    void rateSpacesEventsExactlyByOneSecondOverTheRateFromTheStartWithoutDrift()
    {
        final Pacing.Schedule schedule = Pacing.rate(3).start(START);
        final long[] intended = new long[4];
        for (int i = 0; i < intended.length; i++)
        {
            // Event times and now are ignored at a fixed rate.
            intended[i] = schedule.intendedSendTime(T + 7 * i, 123L);
        }
        assertArrayEquals(
            new long[]{ START, START + 333_333_333L, START + 666_666_666L, START + 1_000_000_000L }, intended);
    }

    @Test
    void rateComputesEachTimeFromTheIndexSoRoundingDoesNotAccumulate()
    {
        final Pacing.Schedule schedule = Pacing.rate(7).start(0);
        long last = -1;
        for (long i = 0; i <= 7_000; i++)
        {
            last = schedule.intendedSendTime(0, 0);
            assertEquals(i * 1_000_000_000L / 7, last, "event " + i);
        }
        assertEquals(1_000_000_000_000L, last, "the 7001st event is exactly 1000 s after the first");
    }

    @Test
    void recordedAtSpeedTwoHalvesEveryGapAndStartsAtTheStart()
    {
        final Pacing.Schedule schedule = Pacing.recorded(2.0, 0).start(START);
        assertEquals(START, schedule.intendedSendTime(T, 999L));
        assertEquals(START + 500, schedule.intendedSendTime(T + 1_000, 999L));
        assertEquals(START + 500, schedule.intendedSendTime(T + 1_000, 999L), "same event time: no gap");
        assertEquals(START + 500 + 1_500_000_000L, schedule.intendedSendTime(T + 1_000 + 3_000_000_000L, 999L));
        assertEquals(START + 500 + 1_500_000_000L + 1, schedule.intendedSendTime(T + 1_000 + 3_000_000_003L, 999L),
            "3 ns at speed 2 is 1.5 ns, truncated to 1");
    }

    @Test
    void recordedAtSpeedOneKeepsTheRecordedGaps()
    {
        final Pacing.Schedule schedule = Pacing.recorded(1.0, 0).start(0);
        assertEquals(0, schedule.intendedSendTime(T, 0));
        assertEquals(4_241_176, schedule.intendedSendTime(T + 4_241_176, 0));
        assertEquals(3_600_000_000_000L + 4_241_176, schedule.intendedSendTime(T + 3_600_000_000_000L + 4_241_176, 0),
            "an hour's gap is kept when there is no cap");
    }

    @Test
    void maxGapCapsEachGapAfterTheSpeedFactorAndLeavesShorterGapsAlone()
    {
        final Pacing.Schedule schedule = Pacing.recorded(2.0, 1_000_000).start(START);
        assertEquals(START, schedule.intendedSendTime(T, 0));
        // 60 s of recorded halt at speed 2 is 30 s: cut to the 1 ms cap.
        assertEquals(START + 1_000_000, schedule.intendedSendTime(T + 60_000_000_000L, 0));
        // 2 ms recorded is exactly 1 ms at speed 2: at the cap, kept.
        assertEquals(START + 2_000_000, schedule.intendedSendTime(T + 60_002_000_000L, 0));
        // 2 ms + 2 ns recorded is 1 ms + 1 ns: one over the cap, cut.
        assertEquals(START + 3_000_000, schedule.intendedSendTime(T + 60_004_000_002L, 0));
        // 10 us recorded: 5 us, under the cap.
        assertEquals(START + 3_005_000, schedule.intendedSendTime(T + 60_004_010_002L, 0));
    }

    @Test
    void aBackwardsEventTimeContributesNoGapAndTheNextGapIsFromIt()
    {
        final Pacing.Schedule schedule = Pacing.recorded(1.0, 0).start(START);
        assertEquals(START, schedule.intendedSendTime(T + 1_000, 0));
        assertEquals(START + 500, schedule.intendedSendTime(T + 1_500, 0));
        assertEquals(START + 500, schedule.intendedSendTime(T + 200, 0), "backwards: gap 0, never earlier");
        assertEquals(START + 800, schedule.intendedSendTime(T + 500, 0), "the next gap counts from the backwards time");
    }

    @Test
    void maxReturnsNowWhateverTheEventTime()
    {
        final Pacing.Schedule schedule = Pacing.max().start(START);
        assertEquals(42L, schedule.intendedSendTime(T, 42L));
        assertEquals(41L, schedule.intendedSendTime(T + 1_000_000_000L, 41L));
        assertEquals(START + 7, schedule.intendedSendTime(T - 5, START + 7));
    }

    @Test
    void schedulesAreIndependent()
    {
        final Pacing pacing = Pacing.rate(2);
        final Pacing.Schedule first = pacing.start(0);
        first.intendedSendTime(0, 0);
        first.intendedSendTime(0, 0);
        final Pacing.Schedule second = pacing.start(100);
        assertEquals(100, second.intendedSendTime(0, 0));
        assertEquals(1_000_000_000L, first.intendedSendTime(0, 0));
    }

    @Test
    void modesRatesAndDescriptions()
    {
        assertEquals(Pacing.Mode.RATE, Pacing.rate(50_000).mode());
        assertEquals(50_000, Pacing.rate(50_000).ratePerSecond());
        assertEquals("fixed rate, 50000 events/s", Pacing.rate(50_000).describe());
        assertEquals(Pacing.Mode.RECORDED, Pacing.recorded(2.0, 0).mode());
        assertEquals(2.0, Pacing.recorded(2.0, 0).speed());
        assertEquals(0, Pacing.recorded(2.0, 0).ratePerSecond());
        assertEquals("as recorded, speed x2.0", Pacing.recorded(2.0, 0).describe());
        assertEquals("as recorded, speed x0.5, gaps capped at 1000000 ns", Pacing.recorded(0.5, 1_000_000).describe());
        assertEquals(Pacing.Mode.MAX, Pacing.max().mode());
        assertEquals(0, Pacing.max().ratePerSecond());
        assertEquals("as fast as possible", Pacing.max().describe());
    }

    @Test
    void rateOutsideOneToOneBillionIsRefusedNamingRate()
    {
        assertEquals("--rate must be from 1 to 1e9 events/s: 0",
            assertThrows(IllegalArgumentException.class, () -> Pacing.rate(0)).getMessage());
        assertEquals("--rate must be from 1 to 1e9 events/s: -5",
            assertThrows(IllegalArgumentException.class, () -> Pacing.rate(-5)).getMessage());
        assertEquals("--rate must be from 1 to 1e9 events/s: 1000000001",
            assertThrows(IllegalArgumentException.class, () -> Pacing.rate(1_000_000_001L)).getMessage());
        assertEquals(1_000_000_000L, Pacing.rate(1_000_000_000L).ratePerSecond());
        assertEquals(1, Pacing.rate(1).ratePerSecond());
    }

    @Test
    void speedThatIsNotAPositiveFiniteNumberIsRefusedNamingSpeed()
    {
        for (final double speed : new double[]{ 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY })
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> Pacing.recorded(speed, 0), "speed " + speed);
            assertEquals("--speed must be a positive number: " + speed, ex.getMessage());
        }
    }

    @Test
    void negativeMaxGapIsRefusedNamingMaxGap()
    {
        assertEquals("--max-gap must be >= 0: -1",
            assertThrows(IllegalArgumentException.class, () -> Pacing.recorded(1.0, -1)).getMessage());
    }
}
