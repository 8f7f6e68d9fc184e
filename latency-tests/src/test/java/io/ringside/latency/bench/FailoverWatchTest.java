package io.ringside.latency.bench;

import org.junit.jupiter.api.Test;

import static io.ringside.latency.bench.FailoverWatch.ALERTS;
import static io.ringside.latency.bench.FailoverWatch.ORDERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The new leader's first output, the first new one, repeats and losses, by outputSequence around a kill. */
final class FailoverWatchTest
{
    private static final long KILL = 1_000;

    @Test
    void theFirstRepeatAfterTheKillIsTheNewLeadersFirstOutput()
    {
        final FailoverWatch watch = new FailoverWatch();
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            watch.onOutput(ORDERS, sequence, 100 * sequence);
        }
        watch.onOutput(ALERTS, 1, 550);
        watch.killed(KILL);
        watch.onOutput(ORDERS, 6, KILL); // the old leader's, in flight at the kill: new, but not the new leader's
        watch.onOutput(ALERTS, 1, KILL + 40); // the new leader republishes what it kept, alerts first
        watch.onOutput(ORDERS, 4, KILL + 41);
        watch.onOutput(ORDERS, 5, KILL + 42);
        watch.onOutput(ORDERS, 6, KILL + 43);
        watch.onOutput(ORDERS, 7, KILL + 60); // the first the consumer did not have
        watch.onOutput(ALERTS, 2, KILL + 70);
        assertEquals(40, watch.newLeaderOutputNs());
        assertEquals(60, watch.firstNewOutputNs());
        assertEquals(4, watch.repeated());
        assertEquals(0, watch.lost());
    }

    @Test
    void whatNeverCameIsMinusOneAndGapsAreLost()
    {
        final FailoverWatch watch = new FailoverWatch();
        watch.onOutput(ORDERS, 10, 1);
        watch.onOutput(ORDERS, 12, 2);
        watch.onOutput(ALERTS, 3, 3);
        watch.onOutput(ALERTS, 6, 4);
        assertEquals(-1, watch.newLeaderOutputNs(), "no kill");
        watch.killed(KILL);
        watch.onOutput(ORDERS, 13, KILL + 5);
        assertEquals(-1, watch.newLeaderOutputNs(), "only the old leader's last output");
        assertEquals(-1, watch.firstNewOutputNs());
        watch.onOutput(ORDERS, 12, KILL + 9);
        assertEquals(9, watch.newLeaderOutputNs());
        assertEquals(-1, watch.firstNewOutputNs(), "nothing new yet");
        assertEquals(1 + 2, watch.lost(), "order 11, alerts 4 and 5");
    }
}
