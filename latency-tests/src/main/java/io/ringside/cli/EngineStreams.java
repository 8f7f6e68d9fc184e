package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.latency.feed.FeedContext;
import picocli.CommandLine.Mixin;

/** Every stream an engine reads and writes: the same options, and the same defaults, on both ends of each. */
final class EngineStreams
{
    @Mixin
    IngressOptions ingress;

    @Mixin
    ActivityOptions activity;

    @Mixin
    EgressOptions egress;

    EngineContext applyTo(final EngineContext ctx)
    {
        ctx.streams()
            .ingressChannel(ingress.channel)
            .ingressStreamId(ingress.streamId)
            .activityChannel(activity.channel)
            .activityStreamId(activity.streamId)
            .egressChannel(egress.channel)
            .alertStreamId(egress.alertStreamId)
            .orderStreamId(egress.orderStreamId)
            .deadLetterStreamId(egress.deadLetterStreamId);
        return ctx;
    }

    FeedContext applyTo(final FeedContext ctx)
    {
        return ctx
            .ingressChannel(ingress.channel)
            .ingressStreamId(ingress.streamId)
            .activityChannel(activity.channel)
            .activityStreamId(activity.streamId)
            .egressChannel(egress.channel)
            .alertStreamId(egress.alertStreamId)
            .orderStreamId(egress.orderStreamId)
            .deadLetterStreamId(egress.deadLetterStreamId);
    }
}
