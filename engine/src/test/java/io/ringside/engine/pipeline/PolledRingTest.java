package io.ringside.engine.pipeline;

import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring drained by the thread that fills it: each event is handled as it is published, in publish order, before
 * the next is claimed, on the publishing thread itself.
 */
final class PolledRingTest
{
    @Test
    void eachEventIsHandledAsItIsPublishedInOrder()
    {
        final List<Long> seen = new ArrayList<>();
        final List<Long> lagSeen = new ArrayList<>();
        final PolledRing[] ring = new PolledRing[1];
        ring[0] = new PolledRing(4, (slot, sequence, endOfBatch) ->
        {
            seen.add(slot.receiveTime);
            lagSeen.add(ring[0].lag(HandlerGraph.EGRESS));
        });
        for (long i = 1; i <= 9; i++) // more than the ring holds
        {
            publish(ring[0], i);
            assertEquals(i, seen.size(), "handled as published");
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), seen);
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L), lagSeen, "only the one in hand outstanding");
        assertEquals(0, ring[0].lag(HandlerGraph.EGRESS));
        assertEquals(4, ring[0].remainingCapacity());
        assertTrue(ring[0].drainAndStop(1, TimeUnit.SECONDS));
    }

    @Test
    void anIngressAgentsDutyCycleHandlesWhatItPublishes() throws Exception
    {
        final List<Long> seen = new ArrayList<>();
        final PolledRing ring = new PolledRing(8, (slot, sequence, endOfBatch) -> seen.add(slot.receiveTime));
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
        assertEquals(2, ingress.doWork(), "two taken in and handled as published");
        assertEquals(List.of(1L, 2L), seen);
        assertEquals(0, ring.lag(HandlerGraph.EGRESS));
    }

    private static void publish(final PolledRing ring, final long value)
    {
        final RingSlot slot = ring.claim();
        slot.receiveTime = value;
        ring.publish(slot);
    }
}
