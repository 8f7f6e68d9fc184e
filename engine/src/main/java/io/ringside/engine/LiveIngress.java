package io.ringside.engine;

import io.aeron.Aeron;
import io.aeron.Image;
import io.aeron.Subscription;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.engine.pipeline.Publishers;
import io.ringside.transport.SubscriptionAgent;
import io.ringside.transport.ClientConductorAgent;
import io.ringside.transport.InvokedDriver;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CompositeAgent;

/**
 * Ingress from the live streams: market data, client activity, and control (commands and the engine's own timers),
 * each subscribed as the engine starts, all polled by one agent into the same handler. It knows the streams'
 * publishers: a source id bound to a session is free again once that session's image has gone or reached its end of
 * stream (its publisher closed it: a command line that sent one command and exited, and the next may send as the
 * same source at once, without waiting for the driver to drop the image).
 */
final class LiveIngress implements Publishers
{
    private final Subscription market;
    private final Subscription activity;
    private final Subscription control;

    LiveIngress(final Aeron aeron, final EngineContext ctx)
    {
        market = aeron.addSubscription(ctx.streams().ingressChannel(), ctx.streams().ingressStreamId());
        activity = aeron.addSubscription(ctx.streams().activityChannel(), ctx.streams().activityStreamId());
        control = aeron.addSubscription(ctx.streams().controlStream().channel(), ctx.streams().controlStreamId());
    }

    public boolean isConnected(final long publisher)
    {
        return null != image(publisher);
    }

    public String describe(final long publisher)
    {
        final Image image = image(publisher);
        return "stream " + Publishers.streamId(publisher) + " session " + Publishers.sessionId(publisher) +
            (null == image ? " (gone)" : " from " + image.sourceIdentity());
    }

    private Image image(final long publisher)
    {
        final int streamId = Publishers.streamId(publisher);
        final int sessionId = Publishers.sessionId(publisher);
        if (market.streamId() == streamId)
        {
            final Image image = market.imageBySessionId(sessionId);
            if (null != image && !image.isClosed() && !image.isEndOfStream())
            {
                return image;
            }
        }
        if (activity.streamId() == streamId)
        {
            final Image image = activity.imageBySessionId(sessionId);
            if (null != image && !image.isClosed() && !image.isEndOfStream())
            {
                return image;
            }
        }
        if (control.streamId() == streamId)
        {
            final Image image = control.imageBySessionId(sessionId);
            if (null != image && !image.isClosed() && !image.isEndOfStream())
            {
                return image;
            }
        }
        return null;
    }

    /**
     * @param driverInvoker the embedded driver's duty cycle, run on the same thread first in each of ingress's (the
     *                      driver's INVOKER mode), then the client's conductor; null when both have threads of their own.
     */
    Agent agent(
        final IngressHandler ingress, final int fragmentLimit, final InvokedDriver driverInvoker, final Aeron aeron)
    {
        ingress.sources().publishers(this);
        final SubscriptionAgent marketAgent = new SubscriptionAgent(
            "ringside-ingress", market, ingress, fragmentLimit, ingress::onDutyCycle);
        // Client activity goes through the same handler on the same thread: the ring keeps its single producer.
        // Each agent has its own assembler, so fragments of the two streams never mix.
        final SubscriptionAgent activityAgent = new SubscriptionAgent(
            "ringside-activity", activity, ingress, fragmentLimit, null);
        final SubscriptionAgent controlAgent = new SubscriptionAgent(
            "ringside-control", control, ingress, fragmentLimit, null);
        final Agent[] agents = null == driverInvoker ?
            new Agent[]{ marketAgent, activityAgent, controlAgent } :
            new Agent[]{ driverInvoker, new ClientConductorAgent(aeron), marketAgent, activityAgent, controlAgent };
        return new CompositeAgent(agents)
        {
            public String roleName()
            {
                return "ringside-ingress"; // the thread's name, as before the activity stream
            }
        };
    }
}
