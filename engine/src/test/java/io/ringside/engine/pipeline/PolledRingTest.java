package io.ringside.engine.pipeline;

import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring drained by the thread that fills it: nothing is handled until that thread drains, a full ring is drained
 * by the claim that needs room, and the stop drains what is left, all in publish order.
 */
final class PolledRingTest
{
    @Test
    void handlersRunOnlyWhenTheFillingThreadDrainsAndAFullRingDrainsItself()
    {
        final List<Long> seen = new ArrayList<>();
        final PolledRing ring = new PolledRing(4, (slot, sequence, endOfBatch) -> seen.add(slot.receiveTime));
        for (long i = 1; i <= 3; i++)
        {
            publish(ring, i);
        }
        assertEquals(List.of(), seen, "published, not yet drained");
        assertEquals(3, ring.lag(HandlerGraph.EGRESS));
        assertEquals(1, ring.remainingCapacity());

        assertEquals(3, ring.drain());
        assertEquals(List.of(1L, 2L, 3L), seen);
        assertEquals(0, ring.drain());
        assertEquals(0, ring.lag(HandlerGraph.SURVEILLANCE));

        for (long i = 4; i <= 9; i++) // two more than the ring holds: the claims for 8 and 9 drain it first
        {
            publish(ring, i);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seen);
        assertEquals(2, ring.lag(HandlerGraph.STRATEGY));

        assertTrue(ring.drainAndStop(1, TimeUnit.SECONDS));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), seen);
        assertEquals(0, ring.lag(HandlerGraph.EGRESS));
    }

    @Test
    void theIngressThreadRunsIngressThenTheHandlersOnlyForTheInlineLayout() throws Exception
    {
        final PolledRing ring = new PolledRing(8, (slot, sequence, endOfBatch) -> { });
        final Agent ingress = new Agent()
        {
            public int doWork()
            {
                publish(ring, 1);
                publish(ring, 2);
                return 2;
            }

            public String roleName()
            {
                return "ringside-ingress";
            }
        };
        final Agent thread = HandlerGraph.ingressThread(ring, ingress);
        assertEquals("ringside-ingress", thread.roleName());
        assertEquals(4, thread.doWork(), "two taken in, two handled");
        assertEquals(0, ring.lag(HandlerGraph.EGRESS));
    }

    private static void publish(final PolledRing ring, final long value)
    {
        final RingSlot slot = ring.claim();
        slot.receiveTime = value;
        ring.publish(slot);
    }
}
