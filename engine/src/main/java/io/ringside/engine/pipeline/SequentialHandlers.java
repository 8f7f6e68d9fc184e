package io.ringside.engine.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * The three handlers on one thread, each event through surveillance, the strategy and egress in turn (the compact
 * layout's ring consumer, and a cluster member's service thread):
 * on few cores three threads waking for every event cost more than the parallelism gives (the handlers take
 * a few hundred nanoseconds an event, a wake-up tens of microseconds). Each stage keeps its own state and its own
 * failure handling, so a throw in one does not skip the others, as on separate threads.
 */
public final class SequentialHandlers implements EventHandler<RingSlot>
{
    private final SurveillanceStage surveillance;
    private final StrategyStage strategy;
    private final EgressStage egress;
    private final HandlerFailures surveillanceFailures;
    private final HandlerFailures strategyFailures;
    private final HandlerFailures egressFailures;

    public SequentialHandlers(
        final SurveillanceStage surveillance,
        final StrategyStage strategy,
        final EgressStage egress,
        final HandlerFailures[] failures)
    {
        this.surveillance = surveillance;
        this.strategy = strategy;
        this.egress = egress;
        this.surveillanceFailures = failures[HandlerGraph.SURVEILLANCE];
        this.strategyFailures = failures[HandlerGraph.STRATEGY];
        this.egressFailures = failures[HandlerGraph.EGRESS];
    }

    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        try
        {
            surveillance.onEvent(slot, sequence, endOfBatch);
        }
        catch (final Throwable ex)
        {
            surveillanceFailures.handleEventException(ex, sequence, slot);
        }
        try
        {
            strategy.onEvent(slot, sequence, endOfBatch);
        }
        catch (final Throwable ex)
        {
            strategyFailures.handleEventException(ex, sequence, slot);
        }
        try
        {
            egress.onEvent(slot, sequence, endOfBatch);
        }
        catch (final Throwable ex)
        {
            egressFailures.handleEventException(ex, sequence, slot);
        }
    }
}
