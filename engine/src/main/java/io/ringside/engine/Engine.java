package io.ringside.engine;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringside.strategies.surveillance.PriceBandRule;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.MarketMaker;
import io.ringside.transport.BackPressuredPublisher;
import io.ringside.transport.EmbeddedMediaDriver;
import io.ringside.transport.IdleStrategies;
import io.ringside.transport.SubscriptionAgent;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running engine: media driver (embedded unless configured otherwise), the ingress agent, the ring and its
 * handlers, the egress publications. {@link #launch} starts it; {@link #close()} drains the ring and stops it.
 */
public final class Engine implements AutoCloseable
{
    private final EngineContext ctx;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final EngineCounters counters;
    private final HandlerGraph.Pipeline pipeline;
    private final IngressHandler ingress;
    private final AgentRunner ingressRunner;
    private final List<StageLatency> stages = new ArrayList<>();
    private final LatencyLog latencyLog;
    private final GcMonitor gcMonitor;
    private final AtomicReference<Throwable> firstHandlerError = new AtomicReference<>();
    private final Surveillance surveillance;
    private final MarketMaker marketMaker;
    private final long startNanos;
    private EngineSummary summary;

    private Engine(final EngineContext ctx)
    {
        this.ctx = ctx;
        final NanoClock clock = ctx.nanoClock();
        MediaDriver driver = null;
        Aeron aeron = null;
        LatencyLog latencyLog = null;
        try
        {
            if (ctx.embeddedDriver())
            {
                driver = EmbeddedMediaDriver.launch(
                    ctx.aeronDirectoryName(),
                    ctx.driverThreadingMode(),
                    IdleStrategies.of("driver-idle", ctx.driverIdleStrategy()),
                    ctx.termBufferLength());
            }
            aeron = connect(ctx);
            this.driver = driver;
            this.aeron = aeron;
            this.counters = new EngineCounters(aeron);
            this.gcMonitor = new GcMonitor(counters.gcCount, counters.gcPauseMicros);

            final Subscription subscription = aeron.addSubscription(ctx.ingressChannel(), ctx.ingressStreamId());
            final Subscription activitySubscription =
                aeron.addSubscription(ctx.activityChannel(), ctx.activityStreamId());
            final ExclusivePublication alertPublication =
                aeron.addExclusivePublication(ctx.egressChannel(), ctx.alertStreamId());
            final ExclusivePublication orderPublication =
                aeron.addExclusivePublication(ctx.egressChannel(), ctx.orderStreamId());

            final StageLatency transport = stage(Stages.TRANSPORT);
            surveillance = new Surveillance(new PriceBandRule(ctx.priceBandBps()), ctx.initialOrderCapacity());
            marketMaker = new MarketMaker(
                ctx.mmQuoteQuantity(),
                ctx.mmHalfSpreadTicks(),
                ctx.mmRequoteTicks(),
                ctx.mmMinRequoteIntervalNs(),
                ctx.initialOrderCapacity());

            final SurveillanceStage surveillanceStage = new SurveillanceStage(
                surveillance, counters, clock,
                stage(Stages.QUEUE_SURVEILLANCE), stage(Stages.SERVICE_SURVEILLANCE));
            final StrategyStage strategyStage = new StrategyStage(
                marketMaker, counters, clock, stage(Stages.QUEUE_STRATEGY), stage(Stages.SERVICE_STRATEGY));
            final EgressStage egressStage = new EgressStage(
                new BackPressuredPublisher(
                    alertPublication, IdleStrategies.of("egress-idle", ctx.egressIdleStrategy()),
                    counters.backPressure, counters.undelivered, 0),
                new BackPressuredPublisher(
                    orderPublication, IdleStrategies.of("egress-idle", ctx.egressIdleStrategy()),
                    counters.backPressure, counters.undelivered, 0),
                counters, clock, stage(Stages.SERVICE_EGRESS));

            latencyLog = new LatencyLog(
                stages, ctx.reportDirectory().resolve(EngineSummary.HISTOGRAM_FILE), ctx.latencyIntervalMs());
            this.latencyLog = latencyLog;
            pipeline = HandlerGraph.build(
                ctx, surveillanceStage, strategyStage, egressStage, counters, firstHandlerError);

            ingress = new IngressHandler(pipeline, counters, clock, transport);
            final SubscriptionAgent ingressAgent = new SubscriptionAgent(
                "ringside-ingress", subscription, ingress, ctx.fragmentLimit(), ingress::updateGauges);
            // Client activity goes through the same handler on the same thread: the ring keeps its single producer.
            // Each agent has its own assembler, so fragments of the two streams never mix.
            final SubscriptionAgent activityAgent = new SubscriptionAgent(
                "ringside-activity", activitySubscription, ingress, ctx.fragmentLimit(), null);
            ingressRunner = new AgentRunner(
                IdleStrategies.of("ingress-idle", ctx.ingressIdleStrategy()),
                (throwable) ->
                {
                    counters.ingressErrors.incrementRelease();
                    firstHandlerError.compareAndSet(null, throwable);
                },
                null,
                new CompositeAgent(ingressAgent, activityAgent)
                {
                    public String roleName()
                    {
                        return "ringside-ingress"; // the thread's name, as before the activity stream
                    }
                });
            AgentRunner.startOnThread(ingressRunner);
            startNanos = clock.nanoTime();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(latencyLog, aeron, driver);
            throw ex;
        }
    }

    /**
     * Conclude the context and start the engine.
     *
     * @throws IllegalArgumentException for bad configuration, naming the setting.
     * @throws IllegalStateException    when there is no media driver to connect to.
     */
    public static Engine launch(final EngineContext ctx)
    {
        ctx.conclude();
        return new Engine(ctx);
    }

    private static Aeron connect(final EngineContext ctx)
    {
        try
        {
            return Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(ctx.aeronDirectoryName())
                .driverTimeoutMs(TimeUnit.SECONDS.toMillis(10)));
        }
        catch (final DriverTimeoutException | IllegalStateException ex)
        {
            throw new IllegalStateException("aeron-dir: no media driver answered at " + ctx.aeronDirectoryName()
                + " (start one there, or run with the embedded driver): " + ex.getMessage(), ex);
        }
    }

    private StageLatency stage(final String name)
    {
        final StageLatency stage = new StageLatency(name);
        stages.add(stage);
        return stage;
    }

    public EngineContext context()
    {
        return ctx;
    }

    public EngineCounters counters()
    {
        return counters;
    }

    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Stop taking input, let the handlers finish every event already in the ring, then stop.
     *
     * @return what the engine did, read after the handlers stopped.
     */
    public EngineSummary stop()
    {
        if (null != summary)
        {
            return summary;
        }
        CloseHelper.close(ingressRunner);
        final boolean drained = pipeline.drainAndStop(30, TimeUnit.SECONDS);
        final long elapsedNanos = ctx.nanoClock().nanoTime() - startNanos;
        latencyLog.close();
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (final StageLatency stage : stages)
        {
            histograms.put(stage.name(), stage.total().copy());
        }
        summary = new EngineSummary(
            ctx.describe(),
            counters.snapshot(),
            histograms,
            elapsedNanos,
            drained,
            ingress.lastRejectReason(),
            ingress.lastRejectPosition(),
            firstHandlerError.get(),
            surveillance.priceBandRule().evaluated());
        return summary;
    }

    public void close()
    {
        stop();
        CloseHelper.closeAll(gcMonitor, counters, aeron, driver);
    }

}
