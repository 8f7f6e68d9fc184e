package io.ringside.engine;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.aeron.Counter;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's handler graph, declared here and nowhere else:
 * <pre>
 *   ingress (Aeron subscription, one producer)
 *      -> ring -> surveillance --\
 *              -> strategy -------+-> egress (alerts and orders out on Aeron)
 * </pre>
 * Surveillance and the strategy both see every event, in parallel, each on its own thread with its own state.
 * Egress runs on a slot only after both have finished with it.
 */
final class HandlerGraph
{
    private HandlerGraph()
    {
    }

    static Disruptor<RingSlot> build(
        final EngineContext ctx,
        final SurveillanceStage surveillance,
        final StrategyStage strategy,
        final EgressStage egress,
        final EngineCounters counters,
        final AtomicReference<Throwable> firstHandlerError)
    {
        final Disruptor<RingSlot> disruptor = new Disruptor<>(
            RingSlot::new,
            ctx.ringSize(),
            threadFactory(),
            ProducerType.SINGLE,
            WaitStrategies.of("handler-wait", ctx.handlerWaitStrategy()));

        disruptor.handleEventsWith(surveillance, strategy).then(egress);

        disruptor.handleExceptionsFor(surveillance).with(
            new CountingExceptionHandler(counters.surveillanceErrors, firstHandlerError));
        disruptor.handleExceptionsFor(strategy).with(
            new CountingExceptionHandler(counters.strategyErrors, firstHandlerError));
        disruptor.handleExceptionsFor(egress).with(
            new CountingExceptionHandler(counters.egressErrors, firstHandlerError));
        return disruptor;
    }

    private static ThreadFactory threadFactory()
    {
        final String[] names = { "ringside-surveillance", "ringside-strategy", "ringside-egress" };
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
     * A handler that throws on one event must not stop the engine: count it, keep the first for the summary, and
     * carry on with the next event.
     */
    private static final class CountingExceptionHandler implements ExceptionHandler<RingSlot>
    {
        private final Counter counter;
        private final AtomicReference<Throwable> first;

        CountingExceptionHandler(final Counter counter, final AtomicReference<Throwable> first)
        {
            this.counter = counter;
            this.first = first;
        }

        public void handleEventException(final Throwable ex, final long sequence, final RingSlot event)
        {
            counter.incrementRelease();
            first.compareAndSet(null, ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            first.compareAndSet(null, ex);
            counter.incrementRelease();
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            first.compareAndSet(null, ex);
            counter.incrementRelease();
        }
    }
}
