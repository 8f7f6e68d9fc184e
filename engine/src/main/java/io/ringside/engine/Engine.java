package io.ringside.engine;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringside.engine.durable.RecordedIngress;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineErrors;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.GcMonitor;
import io.ringside.engine.metrics.LatencyLog;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.engine.metrics.Stages;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.pipeline.ControlAcks;
import io.ringside.engine.pipeline.DeadLetters;
import io.ringside.engine.pipeline.EgressStage;
import io.ringside.engine.pipeline.HandlerFailures;
import io.ringside.engine.pipeline.HandlerGraph;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.engine.pipeline.InstrumentAdmission;
import io.ringside.engine.pipeline.Sources;
import io.ringside.engine.pipeline.StrategyStage;
import io.ringside.engine.pipeline.SurveillanceStage;
import io.ringside.engine.pipeline.TimerSource;
import io.ringside.engine.snapshot.SnapshotLoader;
import io.ringside.engine.snapshot.SnapshotTaker;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.Trading;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.BackPressuredPublisher;
import io.ringside.transport.ClientConductorAgent;
import io.ringside.transport.EmbeddedMediaDriver;
import io.ringside.transport.FailureLatch;
import io.ringside.transport.InvokedArchive;
import io.ringside.transport.InvokedDriver;
import io.ringside.transport.IdleStrategies;
import io.ringside.transport.InvokerThread;
import io.ringside.transport.PublishTime;
import io.ringside.transport.WildcardEndpoints;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.errors.DistinctErrorLog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The running engine: media driver (embedded unless configured otherwise), the ingress agent, the ring and its
 * handlers, the egress publications. {@link #launch} starts it; {@link #close()} drains the ring and stops it.
 */
public final class Engine implements AutoCloseable
{
    /** Start and stop, for the operator's log: never written from the hot path. */
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final EngineContext ctx;
    private final AutoCloseable driver;
    /** The embedded driver's duty cycle when the ingress thread runs it (INVOKER), else null. */
    private final InvokedDriver driverInvoker;
    /**
     * A durable engine's driver INVOKER: the thread its driver and archive run on from their launch, which the
     * client's conductor and then ingress join; else null, and ingress has a thread of its own.
     */
    private final InvokerThread invokerThread;
    private final Agent clientConductor;
    private final Agent ingressAgent;
    private final Aeron aeron;
    private final EngineCounters counters;
    private final EngineErrors errors;
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
    private final StrategyStage strategyStage;
    private final FailureLatch failures = new FailureLatch("ringside engine", System.err);
    private SnapshotTaker snapshotTaker;
    private EngineSummary summary;
    private boolean closed;

    private Engine(final EngineContext ctx)
    {
        this.ctx = ctx;
        final NanoClock clock = ctx.nanoClock();
        AutoCloseable driver = null;
        Aeron aeron = null;
        DurableStart durableStart = null;
        LatencyLog latencyLog = null;
        EngineErrors errors = null;
        try
        {
            final List<ArchivingDriver.Stream> channels = EngineDrivers.channels(ctx);
            WildcardEndpoints.warn("ringside engine", channels, System.err);
            driver = launchDriver(ctx, failures);
            final ArchivingDriver archiving = driver instanceof ArchivingDriver archivingDriver ? archivingDriver : null;
            invokerThread = null == archiving ? null : archiving.invokerThread();
            final InvokedArchive invokedArchive = null == archiving ? null : archiving.invokedArchive();
            driverInvoker = null != archiving ? archiving.invokedDriver() : driver instanceof MediaDriver mediaDriver &&
                ThreadingMode.INVOKER == ctx.driverThreadingMode() ?
                new InvokedDriver(mediaDriver.sharedAgentInvoker(), driverInterval(channels)) : null;
            aeron = connect(ctx, failures, driverInvoker);
            this.driver = driver;
            this.aeron = aeron;
            // On the thread that runs the driver from now on: the client lives through however long the start takes,
            // and the images of the replays this thread waits on appear.
            clientConductor = null == invokerThread ? null : new ClientConductorAgent(aeron);
            if (null != invokerThread)
            {
                invokerThread.add(clientConductor);
            }
            errors = EngineErrors.create(Path.of(ctx.aeronDirectoryName()), ctx.errorLogLength())
                .driverLog(driverErrorLog(driver));
            this.errors = errors;
            // The live subscriptions come first, before the counters and the egress publications that tell other
            // processes the engine is up: an IPC subscriber joins a stream at its current position, so a feed that
            // saw another subscriber (the embedded archive records ingress from launch) and started publishing before
            // these existed would have its first events missed. Until the ring polls them, flow control holds the
            // feed back; nothing is lost.
            final LiveIngress live = ctx.durableLog().durable() ? null : new LiveIngress(aeron, ctx);
            this.counters = new EngineCounters(aeron, ctx.name());
            this.gcMonitor = new GcMonitor(
                counters.gcCount(), counters.gcPauseMicros(), counters.heapAfterGcBytes(), counters.heapUsedBytes());
            durableStart = ctx.durableLog().durable() ? DurableStart.connect(aeron, ctx, invokedArchive) : null;
            final StreamSettings streams = ctx.streams();
            final ExclusivePublication alerts =
                aeron.addExclusivePublication(streams.egressChannel(), streams.alertStreamId());
            final ExclusivePublication orders =
                aeron.addExclusivePublication(streams.egressChannel(), streams.orderStreamId());
            final StageLatency transport = stage(Stages.TRANSPORT);
            final SnapshotLoader.Loaded loaded = null == durableStart ? null : durableStart.loadSnapshot(counters);
            surveillance = null != loaded ? loaded.surveillance() :
                new Surveillance(ctx.surveillanceConfig(), ctx.tradingConfig().books());
            trading = null != loaded ? loaded.trading() : new Trading(ctx.tradingConfig());
            final SurveillanceStage surveillanceStage = new SurveillanceStage(surveillance, counters, clock,
                stage(Stages.QUEUE_SURVEILLANCE), stage(Stages.SERVICE_SURVEILLANCE),
                RuntimeSettingsRestore.of(RuntimeSettings.Owner.SURVEILLANCE, ctx, loaded));
            strategyStage = new StrategyStage(
                trading, counters, clock, stage(Stages.QUEUE_STRATEGY), stage(Stages.SERVICE_STRATEGY),
                RuntimeSettingsRestore.of(RuntimeSettings.Owner.TRADING, ctx, loaded));
            final ArchivingDriver.Stream responses = streams.controlResponseStream();
            final IntSupplier egressWaitsOn = egressWaitsOn(invokedArchive);
            egressStage = new EgressStage(publisher(alerts, egressWaitsOn), publisher(orders, egressWaitsOn),
                new ControlAcks(aeron.addExclusivePublication(responses.channel(), responses.streamId())),
                counters, clock, stage(Stages.SERVICE_EGRESS));
            final HandlerFailures[] failures =
            {
                failures(aeron, "surveillance", counters.surveillanceErrors(), DeadLetters.SURVEILLANCE),
                failures(aeron, "strategy", counters.strategyErrors(), DeadLetters.STRATEGY),
                failures(aeron, "egress", counters.egressErrors(), DeadLetters.EGRESS),
            };
            pipeline = HandlerGraph.build(ctx.pipeline(), ctx.ringSize(), ctx.handlerLayout(), ctx.handlerWaitStrategy(),
                surveillanceStage, strategyStage, egressStage, failures);
            if (null != egressWaitsOn)
            {
                // Egress, which makes the room, may be waiting on them.
                pipeline.whileFull(egressWaitsOn::getAsInt);
            }
            final Sources sources = new Sources(ctx.ingressConfig(), System.getLogger(Sources.class.getName()));
            sources.counters(counters);
            ingress = new IngressHandler(timerSource(aeron), pipeline, counters, clock, ctx.epochClock(), transport,
                sources, new InstrumentAdmission(
                    ctx.maxInstruments(), UndefinedInstrumentPolicy.REFUSE == ctx.undefinedInstruments(),
                    System.getLogger(InstrumentAdmission.class.getName())),
                deadLetters(aeron, DeadLetters.INGRESS));
            // The latency log's thread ticks once an interval anyway: it takes the wall clock's epoch sample as well.
            final Runnable wallClockSampler = ingress.wallClockSampler();
            final GcMonitor gc = gcMonitor;
            latencyLog = new LatencyLog(stages, ctx.reportDirectory().resolve(EngineSummary.HISTOGRAM_FILE),
                ctx.latencyIntervalMs(), () ->
                {
                    gc.sampleHeap();
                    wallClockSampler.run();
                });
            this.latencyLog = latencyLog;
            ingressAgent = null == durableStart ? live.agent(ingress, ctx.fragmentLimit(), driverInvoker, aeron) :
                recordedIngress(durableStart, surveillanceStage, strategyStage);
            // Starting allocates tens of megabytes (the ring, the books' tables, the driver's and archive's files
            // mapped, class loading) that would otherwise be collected in the first seconds of traffic: collected now,
            // before the first event and before the GC counters start, the young generation starts empty.
            System.gc();
            ingressRunner = null == invokerThread ? startIngress(ingressAgent) : null;
            if (null != invokerThread)
            {
                invokerThread.errorHandler(this::onIngressError);
                invokerThread.add(ingressAgent);
            }
            startNanos = clock.nanoTime();
            gcMonitor.startCounting();
            LOG.log(System.Logger.Level.INFO, "started: {5}, pid {0}, aeron-dir {1}, {2} driver, {3} ingest, "
                + "errors in {4}", Long.toString(ProcessHandle.current().pid()), ctx.aeronDirectoryName(),
                ctx.embeddedDriver() ? "embedded" : "external", ctx.durableLog().durable() ? "durable" : "live",
                errors.file().toString(), ctx.name());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(snapshotTaker, latencyLog, durableStart, aeron, errors, driver);
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

    private static AutoCloseable launchDriver(final EngineContext ctx, final FailureLatch failures)
    {
        if (!ctx.embeddedDriver())
        {
            return null;
        }
        if (ctx.durableLog().archive())
        {
            return ArchivingDriver.launch(EngineDrivers.embedded(ctx).failures(failures));
        }
        return EmbeddedMediaDriver.launch(
            ctx.aeronDirectoryName(),
            ctx.driverThreadingMode(),
            IdleStrategies.of("driver-idle", ctx.driverIdleStrategy()),
            ctx.termBufferLength());
    }

    /**
     * How often the ingress thread runs an invoked driver: every cycle when a stream is on UDP (the driver moves its
     * data), else only for housekeeping, every {@link InvokedDriver#IPC_HOUSEKEEPING_INTERVAL_NS}.
     */
    static long driverInterval(final List<ArchivingDriver.Stream> channels)
    {
        return channels.stream().allMatch((s) -> s.channel().startsWith("aeron:ipc")) ?
            InvokedDriver.IPC_HOUSEKEEPING_INTERVAL_NS : 0;
    }

    /** The embedded driver's own error log, in its CnC file; none with an external driver. */
    private static DistinctErrorLog driverErrorLog(final AutoCloseable driver)
    {
        if (driver instanceof ArchivingDriver archiving)
        {
            return archiving.mediaDriver().context().errorLog();
        }
        return driver instanceof MediaDriver mediaDriver ? mediaDriver.context().errorLog() : null;
    }

    // Timers go out on the control stream and come back through ingress with everything else.
    private TimerSource timerSource(final Aeron aeron)
    {
        final ArchivingDriver.Stream control = ctx.streams().controlStream();
        return 0 == ctx.timerIntervalNs() ? new TimerSource(null, 0) : new TimerSource(
            aeron.addExclusivePublication(control.channel(), control.streamId()), ctx.timerIntervalNs());
    }

    // Each writer of dead letters has a publication of its own: one writer per publication.
    private DeadLetters deadLetters(final Aeron aeron, final int stage)
    {
        final ArchivingDriver.Stream stream = ctx.streams().deadLetterStream();
        return new DeadLetters(aeron.addExclusivePublication(stream.channel(), stream.streamId()), stage,
            counters.deadLetters(), counters.deadLettersNotPublished());
    }

    private HandlerFailures failures(final Aeron aeron, final String stage, final Counter total, final int deadLetterStage)
    {
        return new HandlerFailures(
            stage, total, counters, deadLetters(aeron, deadLetterStage), firstHandlerError, errors);
    }

    /**
     * What egress waits on when the thread that runs the driver is the one it waits on: the driver, the client's
     * conductor and, when that thread runs it too, the archive recording the egress streams, whose position holds
     * their publications back. Null without an invoked driver.
     */
    private IntSupplier egressWaitsOn(final InvokedArchive invokedArchive)
    {
        if (null == driverInvoker)
        {
            return null;
        }
        final InvokedDriver invoked = driverInvoker;
        final AgentInvoker conductor = aeron.conductorAgentInvoker();
        return null == invokedArchive ? () -> invoked.doWork(conductor) :
            () -> invoked.doWork(conductor) + invokedArchive.doWork();
    }

    private BackPressuredPublisher publisher(final ExclusivePublication publication, final IntSupplier egressWaitsOn)
    {
        final IdleStrategy idle = IdleStrategies.of("egress-idle", ctx.egressIdleStrategy());
        // Egress on the thread that runs the driver: only that thread can move a back-pressured publication on.
        final boolean runsDriver = null != egressWaitsOn && HandlerGraph.INLINE.equals(ctx.handlerLayout());
        return new BackPressuredPublisher(publication,
            runsDriver ? InvokedDriver.idleRunning(egressWaitsOn, idle) : idle,
            counters.backPressure(), counters.undelivered(), 0, PublishTime.STAMP);
    }

    /**
     * Ingress from the recorded log. With snapshots, ingress puts a marker in the ring every interval, and each
     * handler records its part of the state as the marker passes it.
     */
    private Agent recordedIngress(
        final DurableStart durableStart,
        final SurveillanceStage surveillanceStage,
        final StrategyStage strategyStage)
    {
        final RecordedIngress recorded = durableStart.ingress(ingress, egressStage, counters, ctx.nanoClock());
        if (ctx.takesSnapshots())
        {
            snapshotTaker = new SnapshotTaker(ctx.snapshots().directory(), ctx.snapshots().kept(),
                counters.snapshotsTaken(), counters.snapshotsFailed());
            surveillanceStage.snapshots(snapshotTaker);
            strategyStage.snapshots(snapshotTaker);
            egressStage.snapshots(snapshotTaker);
            ingress.snapshots(snapshotTaker, ctx.snapshots().intervalEvents(),
                TimeUnit.MILLISECONDS.toNanos(ctx.snapshots().intervalMs()), recorded, durableStart.loadedEventCount());
            snapshotTaker.start();
        }
        return recorded;
    }

    private AgentRunner startIngress(final Agent ingressAgent)
    {
        final AgentRunner runner = new AgentRunner(
            IdleStrategies.of("ingress-idle", ctx.ingressIdleStrategy()), this::onIngressError, null, ingressAgent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    private void onIngressError(final Throwable throwable)
    {
        counters.ingressErrors().incrementRelease();
        firstHandlerError.compareAndSet(null, throwable);
        errors.record(throwable);
    }

    private boolean ingressRunning()
    {
        return null != ingressRunner ? !ingressRunner.isClosed() : !invokerThread.isClosed();
    }

    /** Ingress stops; on the invoker thread, the driver and the archive go on (egress and its recordings need them). */
    private void stopIngress()
    {
        if (null != ingressRunner)
        {
            CloseHelper.close(ingressRunner);
        }
        else if (!invokerThread.isClosed())
        {
            try
            {
                invokerThread.remove(ingressAgent);
            }
            catch (final IllegalStateException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "ingress did not stop: {0}; stopping its thread", ex.getMessage());
                invokerThread.close();
            }
        }
    }

    private static Aeron connect(final EngineContext ctx, final FailureLatch failures, final InvokedDriver driverInvoker)
    {
        try
        {
            // With the driver invoked, the client runs its duty cycle while it waits for a reply: at start no thread
            // runs it yet, and the one that will is started only once every publication is in place.
            return Aeron.connect(new Aeron.Context()
                .clientName(ctx.name())
                .useConductorAgentInvoker(null != driverInvoker)
                .driverAgentInvoker(null == driverInvoker ? null : driverInvoker.clientInvoker())
                .aeronDirectoryName(ctx.aeronDirectoryName())
                .errorHandler(failures.aeronClientErrors(ctx.aeronDirectoryName()))
                .driverTimeoutMs(ctx.driverTimeoutMs()));
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

    /** The embedded driver's duty cycle when the ingress thread runs it (INVOKER), else null. */
    InvokedDriver driverInvoker()
    {
        return driverInvoker;
    }

    /**
     * The first failure of the infrastructure under the engine (its driver gone, its archive no longer recording):
     * the engine's owner stops it on one, and exits non-zero with the reason.
     */
    public FailureLatch failures()
    {
        return failures;
    }

    public EngineCounters counters()
    {
        return counters;
    }

    /** Where the engine's handler and agent errors are recorded. */
    public EngineErrors errors()
    {
        return errors;
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
            while (!ingress.stopped() && ingressRunning() && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        stopIngress();
        final boolean drained = drainAndStop();
        CloseHelper.close(snapshotTaker); // the last snapshot on disk before the counts are read
        final long elapsedNanos = ctx.nanoClock().nanoTime() - startNanos;
        latencyLog.close();
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (final StageLatency stage : stages)
        {
            histograms.put(stage.name(), stage.total().copy());
        }
        // The handlers have stopped: the strategies' live state, published now and then while they ran, is made
        // exact for whoever reads the counters after the stop (the summary, stat).
        strategyStage.publishFinalState();
        ingress.updateRingLag();
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
        final Throwable firstError = firstHandlerError.get();
        LOG.log(drained && null == firstError ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
            "stopped: {0} events in, ring {1}, {2}", String.valueOf(counts.getOrDefault("events_in", 0L)),
            drained ? "drained" : "NOT drained", null == firstError ? "no handler error" :
            "first handler error " + firstError);
        return summary;
    }

    /**
     * Let the handlers finish the ring. With the driver run by the ingress thread, now stopped, this thread runs it
     * meanwhile: egress's publications move only while the driver does. The invoker thread goes on running it.
     */
    private boolean drainAndStop()
    {
        if (null != driverInvoker && null == invokerThread)
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            final AgentInvoker conductor = aeron.conductorAgentInvoker();
            while (pipeline.lag(HandlerGraph.EGRESS) > 0 && System.nanoTime() < deadline)
            {
                if (0 == driverInvoker.doWork(conductor))
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(10));
                }
            }
        }
        return pipeline.drainAndStop(30, TimeUnit.SECONDS);
    }

    public void close()
    {
        stop();
        if (!closed)
        {
            closed = true;
            if (!failures.hasFailed())
            {
                // A clean stop is marked while the client is up: closing it frees the counter unmarked.
                counters.markStopped();
            }
            if (null != invokerThread && !invokerThread.isClosed())
            {
                // Its conductor leaves the invoker thread before the client closes; the driver and the archive, still
                // running there, see the engine's streams end and the archive its recordings of them stop.
                try
                {
                    invokerThread.remove(clientConductor);
                }
                catch (final IllegalStateException ex)
                {
                    invokerThread.close();
                }
            }
            // The counters last but the driver: a client closed by a lost driver has left them to the engine.
            CloseHelper.closeAll(gcMonitor, aeron, counters, errors, driver);
        }
    }

}
