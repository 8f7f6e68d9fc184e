package io.ringside.engine;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringside.engine.durable.OutputHistory;
import io.ringside.engine.durable.RecordedIngress;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.GcMonitor;
import io.ringside.engine.metrics.LatencyLog;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.engine.metrics.Stages;
import io.ringside.engine.pipeline.EgressStage;
import io.ringside.engine.pipeline.HandlerGraph;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.engine.pipeline.InstrumentAdmission;
import io.ringside.engine.pipeline.StrategyStage;
import io.ringside.engine.pipeline.SurveillanceStage;
import io.ringside.engine.snapshot.SnapshotLoader;
import io.ringside.engine.snapshot.SnapshotTaker;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.BackPressuredPublisher;
import io.ringside.transport.EmbeddedMediaDriver;
import io.ringside.transport.IdleStrategies;
import io.ringside.transport.SubscriptionAgent;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The running engine: media driver (embedded unless configured otherwise), the ingress agent, the ring and its
 * handlers, the egress publications. {@link #launch} starts it; {@link #close()} drains the ring and stops it.
 */
public final class Engine implements AutoCloseable
{
    private final EngineContext ctx;
    private final AutoCloseable driver;
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
    private final Trading trading;
    private final long startNanos;
    private final EgressStage egressStage;
    private SnapshotTaker snapshotTaker;
    private EngineSummary summary;

    private Engine(final EngineContext ctx)
    {
        this.ctx = ctx;
        final NanoClock clock = ctx.nanoClock();
        AutoCloseable driver = null;
        Aeron aeron = null;
        AeronArchive archive = null;
        LatencyLog latencyLog = null;
        try
        {
            if (ctx.embeddedDriver() && ctx.archive())
            {
                driver = launchArchivingDriver(ctx);
            }
            else if (ctx.embeddedDriver())
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
            // The live subscriptions come first, before the counters and the egress publications that tell other
            // processes the engine is up: an IPC subscriber joins a stream at its current position, so a feed that
            // saw another subscriber (the embedded archive records ingress from launch) and started publishing before
            // these existed would have its first events missed. Until the ring polls them, flow control holds the
            // feed back; nothing is lost.
            final Subscription subscription = ctx.durable() ? null :
                aeron.addSubscription(ctx.ingressChannel(), ctx.ingressStreamId());
            final Subscription activitySubscription = ctx.durable() ? null :
                aeron.addSubscription(ctx.activityChannel(), ctx.activityStreamId());
            this.counters = new EngineCounters(aeron);
            this.gcMonitor = new GcMonitor(
                counters.gcCount(), counters.gcPauseMicros(), counters.heapAfterGcBytes(), counters.heapUsedBytes());

            // ---- durable log (issue 6): what earlier runs published, before this run's publications exist
            long lastAlertSequence = 0;
            long lastOrderSequence = 0;
            if (ctx.durable())
            {
                archive = AeronArchive.connect(
                    ArchivingDriver.clientContext(ctx.aeronDirectoryName()).aeron(aeron).ownsAeronClient(false));
                lastAlertSequence = OutputHistory.lastOutputSequence(archive, ctx.egressChannel(), ctx.alertStreamId(),
                    REPLAY_CHANNEL, ctx.replayStreamId(), ctx.recoveryTimeoutMs());
                lastOrderSequence = OutputHistory.lastOutputSequence(archive, ctx.egressChannel(), ctx.orderStreamId(),
                    REPLAY_CHANNEL, ctx.replayStreamId(), ctx.recoveryTimeoutMs());
            }
            // ---- end durable log
            final ExclusivePublication alertPublication =
                aeron.addExclusivePublication(ctx.egressChannel(), ctx.alertStreamId());
            final ExclusivePublication orderPublication =
                aeron.addExclusivePublication(ctx.egressChannel(), ctx.orderStreamId());

            final StageLatency transport = stage(Stages.TRANSPORT);
            // ---- snapshots (issue 6): the newest usable snapshot's state, or fresh handlers
            final SnapshotLoader.Loaded loaded = ctx.snapshots() ?
                SnapshotLoader.loadLatest(ctx, archive, lastAlertSequence, lastOrderSequence, (refusal) ->
                {
                    counters.snapshotsRefused().incrementRelease();
                    System.err.println(refusal);
                }) : null;
            if (null != loaded)
            {
                surveillance = loaded.surveillance();
                trading = loaded.trading();
            }
            else
            {
                surveillance = new Surveillance(ctx.surveillanceConfig(), ctx.tradingConfig().books());
                trading = new Trading(ctx.tradingConfig());
            }
            // ---- end snapshots

            final SurveillanceStage surveillanceStage = new SurveillanceStage(
                surveillance, counters, clock,
                stage(Stages.QUEUE_SURVEILLANCE), stage(Stages.SERVICE_SURVEILLANCE));
            final StrategyStage strategyStage = new StrategyStage(
                trading, counters, clock, stage(Stages.QUEUE_STRATEGY), stage(Stages.SERVICE_STRATEGY));
            final EgressStage egressStage = new EgressStage(
                new BackPressuredPublisher(
                    alertPublication, IdleStrategies.of("egress-idle", ctx.egressIdleStrategy()),
                    counters.backPressure(), counters.undelivered(), 0),
                new BackPressuredPublisher(
                    orderPublication, IdleStrategies.of("egress-idle", ctx.egressIdleStrategy()),
                    counters.backPressure(), counters.undelivered(), 0),
                counters, clock, stage(Stages.SERVICE_EGRESS));

            latencyLog = new LatencyLog(stages, ctx.reportDirectory().resolve(EngineSummary.HISTOGRAM_FILE),
                ctx.latencyIntervalMs(), gcMonitor::sampleHeap);
            this.latencyLog = latencyLog;
            pipeline = HandlerGraph.build(ctx.pipeline(), ctx.ringSize(), ctx.handlerWaitStrategy(), surveillanceStage, strategyStage, egressStage, counters, firstHandlerError);

            ingress = new IngressHandler(pipeline, counters, clock, transport,
                new InstrumentAdmission(ctx.maxInstruments(), ctx.undefinedInstruments(), System.err));
            this.egressStage = egressStage;
            final Agent ingressAgent;
            if (ctx.durable())
            {
                egressStage.resumeAfter(lastAlertSequence, lastOrderSequence);
                // The agent owns the archive client from here: it is not thread safe, and the agent closes it.
                final RecordedIngress recorded = new RecordedIngress(archive, ctx.durableLogStreams(), REPLAY_CHANNEL,
                    ctx.replayStreamId(), ingress, ctx.fragmentLimit(), ingress::updateGauges, clock);
                ingressAgent = recorded;
                long eventCount = 0;
                if (null != loaded)
                {
                    eventCount = loaded.apply(recorded, ingress.sequences(), ingress.instruments(), egressStage);
                    counters.snapshotLoadedEvents().setRelease(eventCount);
                }
                if (ctx.snapshots())
                {
                    snapshotTaker = new SnapshotTaker(ctx.snapshotDirectory(), ctx.snapshotsKept(),
                        counters.snapshotsTaken(), counters.snapshotsFailed());
                    surveillanceStage.snapshots(snapshotTaker);
                    strategyStage.snapshots(snapshotTaker);
                    egressStage.snapshots(snapshotTaker);
                    ingress.snapshots(snapshotTaker, ctx.snapshotIntervalEvents(),
                        TimeUnit.MILLISECONDS.toNanos(ctx.snapshotIntervalMs()), recorded, eventCount);
                    snapshotTaker.start();
                }
            }
            else
            {
                final SubscriptionAgent marketAgent = new SubscriptionAgent(
                    "ringside-ingress", subscription, ingress, ctx.fragmentLimit(), ingress::updateGauges);
                // Client activity goes through the same handler on the same thread: the ring keeps its single
                // producer. Each agent has its own assembler, so fragments of the two streams never mix.
                final SubscriptionAgent activityAgent = new SubscriptionAgent(
                    "ringside-activity", activitySubscription, ingress, ctx.fragmentLimit(), null);
                ingressAgent = new CompositeAgent(marketAgent, activityAgent)
                {
                    public String roleName()
                    {
                        return "ringside-ingress"; // the thread's name, as before the activity stream
                    }
                };
            }
            ingressRunner = new AgentRunner(
                IdleStrategies.of("ingress-idle", ctx.ingressIdleStrategy()),
                (throwable) ->
                {
                    counters.ingressErrors().incrementRelease();
                    firstHandlerError.compareAndSet(null, throwable);
                },
                null,
                ingressAgent);
            AgentRunner.startOnThread(ingressRunner);
            startNanos = clock.nanoTime();
            gcMonitor.startCounting();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(snapshotTaker, latencyLog, archive, aeron, driver);
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

    // ---- durable log (issue 6)
    /** Replays to this engine go over IPC on its own driver. */
    static final String REPLAY_CHANNEL = "aeron:ipc";

    private static ArchivingDriver launchArchivingDriver(final EngineContext ctx)
    {
        return ArchivingDriver.launch(EngineDrivers.embedded(ctx));
    }

    /** Durable mode: alerts and orders recomputed while recovering and not published again, as they had been. */
    public long suppressedOutputs()
    {
        return egressStage.suppressedAlerts() + egressStage.suppressedOrders();
    }

    /** Durable mode: the events of the log the snapshot this engine started from had handled; 0 without one. */
    public long snapshotLoadedEvents()
    {
        return counters.snapshotLoadedEvents().get();
    }
    // ---- end durable log

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

    /** The strategies' host: read it only once {@link #stop()} has returned, its thread owns it until then. */
    public Trading trading()
    {
        return trading;
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
        if (null != snapshotTaker)
        {
            // A clean stop leaves a snapshot at the very end, so the next start replays nothing it has seen.
            ingress.requestStop();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ingress.stopped() && !ingressRunner.isClosed() && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        CloseHelper.close(ingressRunner);
        final boolean drained = pipeline.drainAndStop(30, TimeUnit.SECONDS);
        CloseHelper.close(snapshotTaker); // the last snapshot on disk before the counts are read
        final long elapsedNanos = ctx.nanoClock().nanoTime() - startNanos;
        latencyLog.close();
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (final StageLatency stage : stages)
        {
            histograms.put(stage.name(), stage.total().copy());
        }
        final Map<String, Long> counts = counters.snapshot();
        EngineSummary.putStrategyCounts(trading, counts);
        EngineSummary.putRuleCounts(surveillance, counts);
        summary = new EngineSummary(
            ctx.describe(),
            counts,
            histograms,
            elapsedNanos,
            drained,
            ingress.lastRejectReason(),
            ingress.lastRejectPosition(),
            firstHandlerError.get());
        return summary;
    }

    public void close()
    {
        stop();
        CloseHelper.closeAll(gcMonitor, counters, aeron, driver);
    }

}
