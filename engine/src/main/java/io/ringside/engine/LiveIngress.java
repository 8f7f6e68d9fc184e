package io.ringside.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.transport.SubscriptionAgent;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CompositeAgent;

/**
 * Ingress from the live streams: market data and client activity, each subscribed as the engine starts, both polled
 * by one agent into the same handler.
 */
final class LiveIngress
{
    private final Subscription market;
    private final Subscription activity;

    LiveIngress(final Aeron aeron, final EngineContext ctx)
    {
        market = aeron.addSubscription(ctx.streams().ingressChannel(), ctx.streams().ingressStreamId());
        activity = aeron.addSubscription(ctx.streams().activityChannel(), ctx.streams().activityStreamId());
    }

    Agent agent(final IngressHandler ingress, final int fragmentLimit)
    {
        final SubscriptionAgent marketAgent = new SubscriptionAgent(
            "ringside-ingress", market, ingress, fragmentLimit, ingress::updateGauges);
        // Client activity goes through the same handler on the same thread: the ring keeps its single producer.
        // Each agent has its own assembler, so fragments of the two streams never mix.
        final SubscriptionAgent activityAgent = new SubscriptionAgent(
            "ringside-activity", activity, ingress, fragmentLimit, null);
        return new CompositeAgent(marketAgent, activityAgent)
        {
            public String roleName()
            {
                return "ringside-ingress"; // the thread's name, as before the activity stream
            }
        };
    }
}
