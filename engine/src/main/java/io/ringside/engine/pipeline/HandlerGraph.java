package io.ringside.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's handler graph, declared here and nowhere else:
 * <pre>
 *   ingress (Aeron subscription, one producer)
 *      -> ring -> surveillance --\
 *              -> strategy -------+-> egress (alerts and orders out on Aeron)
 * </pre>
 * Surveillance and the strategy both see every event, in parallel, each on its own thread with its own state.
 * Egress runs on a slot only after both have finished with it. That is the {@link #PARALLEL} layout, for cores to
 * spare; {@link #SEQUENTIAL} runs the same three stages on one consumer thread, in that order, for few cores;
 * {@link #INLINE} runs them on ingress's own thread, which drains each event from the ring as it publishes it ({@link PolledRing}).
 * <p>
 * The same graph comes in two builds. {@link #disruptor} is the engine: a pre-allocated Disruptor ring, no locks.
 * {@link #blockingQueues} is the naive design it is measured against ({@code --pipeline blocking-queue}): the same
 * stages on their own threads behind {@link ArrayBlockingQueue}s (one per handler, one into egress), with slots
 * from a pool so that what differs is the queueing alone.
 */
public final class HandlerGraph
{
    public static final String DISRUPTOR = "disruptor";
    public static final String BLOCKING_QUEUE = "blocking-queue";

    /** Surveillance and the strategy on a thread each, egress on a third. */
    public static final String PARALLEL = "parallel";
    /** Surveillance, the strategy and egress on one ring consumer thread. */
    public static final String SEQUENTIAL = "sequential";
    /** Surveillance, the strategy and egress on the ingress thread, which drains the ring it fills. */
    public static final String INLINE = "inline";

    /** Indexes of the handlers' {@link HandlerFailures}, as {@link #build} takes them. */
    public static final int SURVEILLANCE = 0;
    public static final int STRATEGY = 1;
    public static final int EGRESS = 2;

    private HandlerGraph()
    {
    }

    /** Where ingress puts events: the ring, or the baseline's queues. */
    public interface Pipeline
    {
        /** A slot to fill; waits while the pipeline is full. */
        RingSlot claim();

        /** Hand a filled slot to the handlers. */
        void publish(RingSlot slot);

        /**
         * Before ingress starts: what its thread must go on doing while {@link #claim} waits for room in a full ring
         * (an embedded driver it runs: egress, which makes the room, waits on the driver when back-pressured).
         */
        void whileFull(Runnable duty);

        /** Room left, for the gauge. */
        long remainingCapacity();

        /** Events published and not yet done by a handler ({@link #SURVEILLANCE} and so on), for its lag gauge. */
        long lag(int handler);

        /** Let the handlers finish every published slot, then stop them; false if that took longer than allowed. */
        boolean drainAndStop(long timeout, TimeUnit unit);
    }

    /**
     * The handlers behind {@code pipeline} ({@link #DISRUPTOR} or {@link #BLOCKING_QUEUE}) of {@code ringSize} slots,
     * the ring's consumers laid out as {@code layout} ({@link #PARALLEL}, {@link #SEQUENTIAL} or {@link #INLINE}) and waiting with
     * {@code handlerWaitStrategy}. The blocking-queue baseline is always parallel.
     */
    public static Pipeline build(
        final String pipeline,
        final int ringSize,
        final String layout,
        final String handlerWaitStrategy,
        final SurveillanceStage surveillance,
        final StrategyStage strategy,
        final EgressStage egress,
        final HandlerFailures[] failures)
    {
        return switch (pipeline)
        {
            case DISRUPTOR ->
                disruptor(ringSize, layout, handlerWaitStrategy, surveillance, strategy, egress, failures);
            case BLOCKING_QUEUE -> blockingQueues(ringSize, surveillance, strategy, egress, failures);
            default -> throw new IllegalArgumentException("pipeline: unknown pipeline " + pipeline);
        };
    }

    static Pipeline disruptor(
        final int ringSize,
        final String layout,
        final String handlerWaitStrategy,
        final SurveillanceStage surveillance,
        final StrategyStage strategy,
        final EgressStage egress,
        final HandlerFailures[] failures)
    {
        if (INLINE.equals(layout))
        {
            return new PolledRing(ringSize, new SequentialHandlers(surveillance, strategy, egress, failures));
        }
        final Disruptor<RingSlot> disruptor = new Disruptor<>(
            RingSlot::new,
            ringSize,
            threadFactory(layout),
            ProducerType.SINGLE,
            WaitStrategies.of("handler-wait", handlerWaitStrategy));

        final EventHandler<RingSlot>[] consumers = consumers(disruptor, layout, surveillance, strategy, egress, failures);
        final RingBuffer<RingSlot> ring = disruptor.start();
        return new Pipeline()
        {
            private Runnable whileFull;

            public RingSlot claim()
            {
                final Runnable whileFull = this.whileFull;
                if (null != whileFull)
                {
                    while (!ring.hasAvailableCapacity(1)) // one producer: once there is room, next() cannot wait
                    {
                        whileFull.run();
                        LockSupport.parkNanos(1); // as the ring's own wait does: the consumers need the core

                    }
                }
                final long sequence = ring.next();
                final RingSlot slot = ring.get(sequence);
                slot.sequence = sequence;
                return slot;
            }

            public void publish(final RingSlot slot)
            {
                ring.publish(slot.sequence);
            }

            public void whileFull(final Runnable duty)
            {
                whileFull = duty;
            }

            public long remainingCapacity()
            {
                return ring.remainingCapacity();
            }

            public long lag(final int handler)
            {
                return ring.getCursor() - disruptor.getSequenceValueFor(consumers[handler]);
            }

            public boolean drainAndStop(final long timeout, final TimeUnit unit)
            {
                try
                {
                    disruptor.shutdown(timeout, unit);
                    return true;
                }
                catch (final TimeoutException ex)
                {
                    disruptor.halt();
                    return false;
                }
            }
        };
    }

    static Pipeline blockingQueues(
        final int ringSize,
        final SurveillanceStage surveillance,
        final StrategyStage strategy,
        final EgressStage egress,
        final HandlerFailures[] failures)
    {
        return new BlockingQueuePipeline(ringSize, surveillance, strategy, egress, failures);
    }

    /** The graph declared, by layout; the consumer each of {@link #SURVEILLANCE} and so on runs in, for its lag. */
    @SuppressWarnings("unchecked")
    private static EventHandler<RingSlot>[] consumers(
        final Disruptor<RingSlot> disruptor,
        final String layout,
        final SurveillanceStage surveillance,
        final StrategyStage strategy,
        final EgressStage egress,
        final HandlerFailures[] failures)
    {
        switch (layout)
        {
            case PARALLEL ->
            {
                disruptor.handleEventsWith(surveillance, strategy).then(egress);
                disruptor.handleExceptionsFor(surveillance).with(failures[SURVEILLANCE]);
                disruptor.handleExceptionsFor(strategy).with(failures[STRATEGY]);
                disruptor.handleExceptionsFor(egress).with(failures[EGRESS]);
                return new EventHandler[]{ surveillance, strategy, egress };
            }
            case SEQUENTIAL ->
            {
                final SequentialHandlers all = new SequentialHandlers(surveillance, strategy, egress, failures);
                disruptor.handleEventsWith(all); // each stage's failures are handled inside, by its own handler
                return new EventHandler[]{ all, all, all };
            }
            default -> throw new IllegalArgumentException(
                "handler-layout: unknown layout '" + layout + "'; expected parallel, sequential or inline");
        }
    }

    private static ThreadFactory threadFactory(final String layout)
    {
        final String[] names = SEQUENTIAL.equals(layout) ? new String[]{ "ringside-handlers" } :
            new String[]{ "ringside-surveillance", "ringside-strategy", "ringside-egress" };
        final int[] next = { 0 };
        return (runnable) ->
        {
            final int index = next[0]++;
            final Thread thread = new Thread(runnable, index < names.length ? names[index] : "ringside-handler-" + index);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The baseline: ArrayBlockingQueue between ingress and each handler and into egress. Egress takes a slot when
     * the second of the two handlers finishes it; two handler threads can hand over adjacent slots in either order,
     * so unlike the ring it does not promise egress sees slots in arrival order.
     */
    private static final class BlockingQueuePipeline implements Pipeline
    {
        private final RingSlot[] pool;
        private final AtomicInteger[] pending;
        private final ArrayBlockingQueue<RingSlot> toSurveillance;
        private final ArrayBlockingQueue<RingSlot> toStrategy;
        private final ArrayBlockingQueue<RingSlot> toEgress;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger egressDone = new AtomicInteger();
        private int claimed;
        private volatile boolean running = true;

        BlockingQueuePipeline(
            final int capacity,
            final SurveillanceStage surveillance,
            final StrategyStage strategy,
            final EgressStage egress,
            final HandlerFailures[] failures)
        {
            // A slot is in flight from claim until egress is done with it: at most a queue's worth waiting for each
            // handler plus one in hand, and a queue's worth waiting for egress. Four queues' worth is never reused early.
            pool = new RingSlot[4 * capacity];
            pending = new AtomicInteger[pool.length];
            for (int i = 0; i < pool.length; i++)
            {
                pool[i] = new RingSlot();
                pool[i].sequence = i;
                pending[i] = new AtomicInteger();
            }
            toSurveillance = new ArrayBlockingQueue<>(capacity);
            toStrategy = new ArrayBlockingQueue<>(capacity);
            toEgress = new ArrayBlockingQueue<>(capacity);

            start("ringside-surveillance", toSurveillance, surveillance, true, failures[SURVEILLANCE]);
            start("ringside-strategy", toStrategy, strategy, true, failures[STRATEGY]);
            start("ringside-egress", toEgress, egress, false, failures[EGRESS]);
        }

        private void start(
            final String name,
            final ArrayBlockingQueue<RingSlot> queue,
            final EventHandler<RingSlot> handler,
            final boolean beforeEgress,
            final HandlerFailures errors)
        {
            final Thread thread = new Thread(() ->
            {
                while (running || !queue.isEmpty())
                {
                    final RingSlot slot;
                    try
                    {
                        slot = queue.poll(10, TimeUnit.MILLISECONDS);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                    if (null == slot)
                    {
                        continue;
                    }
                    try
                    {
                        handler.onEvent(slot, slot.sequence, queue.isEmpty());
                    }
                    catch (final Throwable ex)
                    {
                        errors.handleEventException(ex, slot.sequence, slot);
                    }
                    if (!beforeEgress)
                    {
                        egressDone.incrementAndGet();
                    }
                    else if (pending[(int)slot.sequence].decrementAndGet() == 0)
                    {
                        putUninterruptibly(toEgress, slot);
                    }
                }
            }, name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        public RingSlot claim()
        {
            final int index = claimed++ % pool.length;
            final RingSlot slot = pool[index];
            pending[index].set(2);
            return slot;
        }

        public void publish(final RingSlot slot)
        {
            putUninterruptibly(toSurveillance, slot);
            putUninterruptibly(toStrategy, slot);
        }

        public void whileFull(final Runnable duty)
        {
            // The baseline never shares its ingress thread with the driver (EngineContext keeps it SHARED).
            throw new UnsupportedOperationException("the blocking-queue baseline runs no driver on its ingress thread");
        }

        public long remainingCapacity()
        {
            return Math.min(toSurveillance.remainingCapacity(), toStrategy.remainingCapacity());
        }

        public long lag(final int handler)
        {
            return SURVEILLANCE == handler ? toSurveillance.size() : STRATEGY == handler ? toStrategy.size() :
                toEgress.size();
        }

        public boolean drainAndStop(final long timeout, final TimeUnit unit)
        {
            final long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (egressDone.get() < claimed && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            final boolean drained = egressDone.get() >= claimed;
            running = false;
            for (final Thread thread : threads)
            {
                try
                {
                    thread.join(TimeUnit.SECONDS.toMillis(1));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            return drained;
        }

        private static void putUninterruptibly(final ArrayBlockingQueue<RingSlot> queue, final RingSlot slot)
        {
            boolean interrupted = false;
            while (true)
            {
                try
                {
                    queue.put(slot);
                    break;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A handler that throws on one event must not stop the engine: count it, keep the first for the summary, and
     * carry on with the next event.
     */
}
