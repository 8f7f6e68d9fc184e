package io.ringside.engine.cluster;

import io.ringside.engine.pipeline.EgressStage;
import io.ringside.engine.pipeline.HandlerFailures;
import io.ringside.engine.pipeline.HandlerGraph;
import io.ringside.engine.pipeline.RingSlot;
import io.ringside.engine.pipeline.SequentialHandlers;
import io.ringside.engine.pipeline.StrategyStage;
import io.ringside.engine.pipeline.SurveillanceStage;

import java.util.concurrent.TimeUnit;

/**
 * The handler graph of a cluster member, run on the service thread: each message goes through surveillance, the
 * strategy and egress, the same stages as the ring's, before the cluster hands over the next. A Raft log delivers
 * one message at a time and a member's state must be whole at every log position (a snapshot, a role change, the
 * next message); a ring would have the service thread wait for three others on every message, for no parallelism.
 * A handler that throws is handled as the ring's exception handlers do: counted, dead-lettered, and the next goes on.
 */
final class InlinePipeline implements HandlerGraph.Pipeline
{
    private final RingSlot slot = new RingSlot();
    private final SequentialHandlers handlers;
    private long sequence;

    InlinePipeline(
        final SurveillanceStage surveillance,
        final StrategyStage strategy,
        final EgressStage egress,
        final HandlerFailures[] failures)
    {
        this.handlers = new SequentialHandlers(surveillance, strategy, egress, failures);
    }

    public RingSlot claim()
    {
        return slot;
    }

    public void publish(final RingSlot slot)
    {
        handlers.onEvent(slot, sequence++, true);
    }

    public void whileFull(final Runnable duty)
    {
        // claim never waits: each message is done before the next is taken
    }

    public long remainingCapacity()
    {
        return 1;
    }

    public long lag(final int handler)
    {
        return 0; // every stage is done with a message before the next is taken
    }

    public boolean drainAndStop(final long timeout, final TimeUnit unit)
    {
        return true; // nothing is ever in flight between two messages
    }
}
