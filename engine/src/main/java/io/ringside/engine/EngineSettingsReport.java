package io.ringside.engine;

import io.aeron.driver.ThreadingMode;
import io.ringside.strategies.trading.MarketMakerConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** An engine's concluded settings in words, in the order it prints them at start (and the demo and summary show). */
final class EngineSettingsReport
{
    private EngineSettingsReport()
    {
    }

    static Map<String, String> of(final EngineContext ctx)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("name", ctx.name());
        settings.put("profile", ctx.profile());
        settings.put("aeron-dir", ctx.aeronDirectoryName());
        settings.put("embedded-driver", Boolean.toString(ctx.embeddedDriver()));
        settings.put("driver-threading", ctx.driverThreadingMode().name()
            + (ThreadingMode.INVOKER != ctx.driverThreadingMode() ? "" : ctx.durableLog().archive() ?
            " (run by the ingress thread, with the archive and the sequencer)" : " (run by the ingress thread)"));
        settings.put("driver-idle", ctx.driverIdleStrategy());
        settings.put("term-length", Integer.toString(ctx.termBufferLength()));
        settings.put("ingress", ctx.streams().ingressChannel() + " stream " + ctx.streams().ingressStreamId());
        settings.put("activity", ctx.streams().activityChannel() + " stream " + ctx.streams().activityStreamId());
        settings.put("alerts", ctx.streams().egressChannel() + " stream " + ctx.streams().alertStreamId());
        settings.put("orders", ctx.streams().egressChannel() + " stream " + ctx.streams().orderStreamId());
        settings.put("dead-letters", ctx.streams().egressChannel() + " stream " + ctx.streams().deadLetterStreamId());
        settings.put("ingress-idle", ctx.ingressIdleStrategy());
        settings.put("egress-idle", ctx.egressIdleStrategy());
        settings.put("handler-wait", ctx.handlerWaitStrategy());
        settings.put("handler-layout", ctx.handlerLayout());
        settings.put("pipeline", ctx.pipeline());
        settings.put("ring-size", Integer.toString(ctx.ringSize()));
        settings.put("instruments", "at most " + ctx.maxInstruments() + ", undefined ones "
            + (UndefinedInstrumentPolicy.ACCEPT == ctx.undefinedInstruments() ? "accepted" : "refused") + ", books start at "
            + ctx.initialOrderCapacity() + " orders");
        settings.put("memory", EngineMemory.describe(ctx));
        settings.put("sources", ctx.ingressConfig().registryOn() ?
            ctx.ingressConfig().sources().size() + " registered, others refused" :
            "any (no source registry: any process that can publish to the ingress streams is taken)");
        settings.put("timers", 0 == ctx.timerIntervalNs() ? "off" :
            "after " + Duration.ofNanos(ctx.timerIntervalNs()) + " of silence, on the control stream");
        settings.put("source-bounds", "sequence gap at most " + ctx.ingressConfig().maxSequenceGap() +
            ", event time at most " + Duration.ofNanos(ctx.ingressConfig().maxEventTimeSkewNs()) +
            " ahead, at most " + ctx.ingressConfig().maxSources() + " sources");
        settings.put("price-band-bps", Long.toString(ctx.surveillanceConfig().priceBand().maxDeviationBps()));
        final MarketMakerConfig mm = ctx.tradingConfig().marketMaker();
        settings.put("mm", "qty " + mm.quoteQuantity() + ", half-spread " + mm.halfSpreadTicks() + " ticks, requote "
            + mm.requoteTicks() + " ticks, min interval " + mm.minRequoteIntervalNs() + " ns");
        settings.put("config", null == ctx.configFile() ? "none (defaults)" : ctx.configFile().toString());
        settings.put("report-dir", ctx.reportDirectory().toString());
        settings.put("latency-interval", ctx.latencyIntervalMs() + " ms");
        settings.put("archive", ctx.embeddedDriver() ?
            (ctx.durableLog().archive() ? ctx.durableLog().archiveDirectoryName() : "off") : "external");
        settings.put("durable", ctx.durableLog().durable() ?
            "the recorded log, live up to the recorded position, replays on stream "
            + ctx.durableLog().replayStreamId() : "off");
        final long events = ctx.snapshots().intervalEvents();
        final long ms = ctx.snapshots().intervalMs();
        final String every = (events > 0 ? events + " events" : "") + (events > 0 && ms > 0 ? " or " : "")
            + (ms > 0 ? ms + " ms" : "");
        settings.put("snapshots", ctx.takesSnapshots() ? "every " + every + " and at stop, in " + ctx.snapshots().directory()
            + ", newest " + ctx.snapshots().kept() + " kept" : "off");
        return settings;
    }
}
