package io.ringside.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumers park when there is nothing to do and the publish wakes them. A park here lasts up to an hour, so a
 * wake-up lost between a consumer's last look at the cursor and its park would hang the test until its timeout.
 */
final class ParkingWaitStrategyTest
{
    private static final long AN_HOUR_NS = TimeUnit.HOURS.toNanos(1);

    static final class Slot
    {
        long value;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyPublishIsSeenByParkedConsumersWhateverThePauses()
    {
        final int events = 20_000;
        final AtomicLong first = new AtomicLong();
        final AtomicLong second = new AtomicLong();
        final AtomicLong third = new AtomicLong();
        final Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 64, (r) -> new Thread(r, "consumer"),
            ProducerType.SINGLE, new ParkingWaitStrategy(0, AN_HOUR_NS));
        final EventHandler<Slot> one = (slot, sequence, endOfBatch) -> first.addAndGet(slot.value);
        final EventHandler<Slot> two = (slot, sequence, endOfBatch) -> second.addAndGet(slot.value);
        final EventHandler<Slot> after = (slot, sequence, endOfBatch) -> third.addAndGet(slot.value);
        disruptor.handleEventsWith(one, two).then(after);
        final RingBuffer<Slot> ring = disruptor.start();
        long expected = 0;
        for (int i = 1; i <= events; i++)
        {
            final long sequence = ring.next();
            ring.get(sequence).value = i;
            ring.publish(sequence);
            expected += i;
            // Now and then give the consumers time to run dry and park, at varying points of their wait.
            if (i % 97 == 0)
            {
                LockSupport.parkNanos(i % 5 * 20_000L);
            }
        }
        final long sum = expected;
        while (third.get() != sum)
        {
            Thread.onSpinWait();
        }
        disruptor.shutdown();
        assertEquals(expected, first.get());
        assertEquals(expected, second.get());
        assertEquals(expected, third.get());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anIdleConsumerIsParkedNotSpinning()
    {
        final AtomicLong seen = new AtomicLong();
        final Thread[] consumer = new Thread[1];
        final Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 8, (r) -> consumer[0] = new Thread(r, "consumer"),
            ProducerType.SINGLE, new ParkingWaitStrategy(100, AN_HOUR_NS));
        disruptor.handleEventsWith((slot, sequence, endOfBatch) -> seen.incrementAndGet());
        final RingBuffer<Slot> ring = disruptor.start();
        ring.publish(ring.next());
        while (seen.get() != 1 || consumer[0].getState() != Thread.State.TIMED_WAITING)
        {
            Thread.onSpinWait();
        }
        assertTrue(LockSupport.getBlocker(consumer[0]) instanceof ParkingWaitStrategy, "parked in the wait strategy");
        ring.publish(ring.next());
        while (seen.get() != 2)
        {
            Thread.onSpinWait();
        }
        disruptor.shutdown();
    }

    @Test
    void refusesANegativeSpinCount()
    {
        assertThrows(IllegalArgumentException.class, () -> new ParkingWaitStrategy(-1));
    }
}
