package io.ringside.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import io.aeron.Counter;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineErrors;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one handler does when it throws on an event: counts it (in all, and by exception class), keeps the event and
 * the failure as a dead letter, records it in the engine's error logs, remembers the engine's first failure for the
 * summary, and goes on with the next event.
 * Input is checked at the door, so a failure here is a defect to be found, never the way bad input is refused.
 * The handler's thread only.
 */
public final class HandlerFailures implements ExceptionHandler<RingSlot>
{
    private final String stage;
    private final Counter total;
    private final EngineCounters counters;
    private final DeadLetters deadLetters;
    private final AtomicReference<Throwable> first;
    private final EngineErrors errors;
    private final Map<Class<?>, Counter> byClass = new IdentityHashMap<>();

    public HandlerFailures(
        final String stage,
        final Counter total,
        final EngineCounters counters,
        final DeadLetters deadLetters,
        final AtomicReference<Throwable> first,
        final EngineErrors errors)
    {
        this.errors = errors;
        this.stage = stage;
        this.total = total;
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.first = first;
    }

    public void handleEventException(final Throwable ex, final long sequence, final RingSlot event)
    {
        count(ex);
        if (null != event)
        {
            deadLetters.failed(event, ex);
        }
    }

    public void handleOnStartException(final Throwable ex)
    {
        count(ex);
    }

    public void handleOnShutdownException(final Throwable ex)
    {
        count(ex);
    }

    private void count(final Throwable ex)
    {
        total.incrementRelease();
        byClass.computeIfAbsent(ex.getClass(), (type) -> counters.handlerErrors(stage, type)).incrementRelease();
        first.compareAndSet(null, ex);
        errors.record(ex);
    }
}
