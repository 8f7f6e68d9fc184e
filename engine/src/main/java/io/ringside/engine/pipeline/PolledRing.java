package io.ringside.engine.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The ring consumed by the thread that fills it (the {@link HandlerGraph#INLINE} layout): each event ingress
 * publishes into the ring is drained at once through surveillance, the strategy and egress in turn, with the
 * Disruptor's {@link EventPoller}, before the next is decoded. On two cores every busy thread the engine adds is one
 * the feed and the consumers of its outputs do not have: this one hands no event to another thread, so nothing waits
 * for a wake-up, and no event waits for later ones of its poll to be decoded (draining once per poll had the first of
 * 64 wait for the other 63). The ring keeps its pre-allocated slots, its sequences and its lag gauge.
 * <p>
 * No thread ever waits on the ring, so its wait strategy is one whose publish signals nobody (a blocking one would
 * take a lock on every publish). Should the ring be full, {@link #claim} drains it itself: the claiming thread is
 * the consumer.
 */
final class PolledRing implements HandlerGraph.Pipeline
{
    private final RingBuffer<RingSlot> ring;
    private final EventPoller<RingSlot> poller;
    private final EventPoller.Handler<RingSlot> handler;

    /** @param handlers every stage in turn, each stage's failures handled inside ({@link SequentialHandlers}). */
    PolledRing(final int ringSize, final EventHandler<RingSlot> handlers)
    {
        ring = RingBuffer.createSingleProducer(RingSlot::new, ringSize, new BusySpinWaitStrategy());
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        handler = (slot, sequence, endOfBatch) ->
        {
            handlers.onEvent(slot, sequence, endOfBatch);
            return true;
        };
    }

    public RingSlot claim()
    {
        while (!ring.hasAvailableCapacity(1))
        {
            drain();
        }
        final long sequence = ring.next();
        final RingSlot slot = ring.get(sequence);
        slot.sequence = sequence;
        return slot;
    }

    public void publish(final RingSlot slot)
    {
        ring.publish(slot.sequence);
        drain();
    }

    private void drain()
    {
        try
        {
            poller.poll(handler);
        }
        catch (final Exception ex)
        {
            // SequentialHandlers handles every stage's throw; one that escapes it is the handlers' own failure.
            throw new IllegalStateException("ring handlers failed", ex);
        }
    }

    public void whileFull(final Runnable duty)
    {
        // claim never waits on another thread: it drains the ring itself, and egress runs the driver while
        // back-pressured through its own idle strategy.
    }

    public long remainingCapacity()
    {
        return ring.remainingCapacity();
    }

    public long lag(final int handler)
    {
        return ring.getCursor() - poller.getSequence().get();
    }

    /** On the stopping thread, once ingress's has stopped: what is left in the ring goes through the handlers. */
    public boolean drainAndStop(final long timeout, final TimeUnit unit)
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (lag(HandlerGraph.EGRESS) > 0 && System.nanoTime() < deadline)
        {
            drain();
        }
        return 0 == lag(HandlerGraph.EGRESS);
    }
}
