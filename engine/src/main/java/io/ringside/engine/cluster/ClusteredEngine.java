package io.ringside.engine.cluster;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.ringside.engine.EngineContext;
import io.ringside.engine.RuntimeSettingsRestore;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.UndefinedInstrumentPolicy;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineErrors;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.engine.metrics.Stages;
import io.ringside.engine.pipeline.ControlAcks;
import io.ringside.engine.pipeline.DeadLetters;
import io.ringside.engine.pipeline.EgressStage;
import io.ringside.engine.pipeline.HandlerFailures;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.engine.pipeline.InstrumentAdmission;
import io.ringside.engine.pipeline.Publishers;
import io.ringside.engine.pipeline.Sources;
import io.ringside.engine.pipeline.StrategyStage;
import io.ringside.engine.pipeline.SurveillanceStage;
import io.ringside.engine.pipeline.TimerSource;
import io.ringside.engine.snapshot.SnapshotLoader;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.Trading;
import io.ringside.transport.BackPressuredPublisher;
import io.ringside.transport.IdleStrategies;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine of one cluster member: the same door ({@link IngressHandler}) and the same stages as a single engine's,
 * on the service thread ({@link InlinePipeline}), with outputs published from the leader only
 * ({@link LeaderOutputs}). Its counters are the engine's, on the member's media driver.
 */
final class ClusteredEngine implements AutoCloseable
{
    private final EngineCounters counters;
    private final NanoClock clock;
    private final Sources sources;
    private final IngressHandler ingress;
    private final LeaderOutputs outputs;
    private final ClusterSnapshot snapshot = new ClusterSnapshot();
    private final AtomicReference<Throwable> firstHandlerError = new AtomicReference<>();
    private final ExclusivePublication alertPublication;
    private final ExclusivePublication orderPublication;
    private final ExclusivePublication controlResponsePublication;
    private final ControlAcks acks;

    /**
     * @param state      a snapshot this engine starts from, whole; null to start fresh.
     * @param publishers who can tell whether a cluster session is still open.
     * @param kept       outputs of each stream kept to publish again on becoming leader.
     */
    private final EngineErrors errors;

    ClusteredEngine(
        final EngineContext ctx,
        final Aeron aeron,
        final UnsafeBuffer state,
        final Publishers publishers,
        final int kept)
    {
        clock = ctx.nanoClock();
        counters = new EngineCounters(aeron, ctx.name());
        errors = EngineErrors.create(Path.of(ctx.aeronDirectoryName()), ctx.errorLogLength());
        final SnapshotLoader.Loaded loaded = null == state ? null : new SnapshotLoader(
            null, List.of(), ctx.maxInstruments(), ctx.surveillanceConfig(), ctx.tradingConfig()).load(state);
        final Surveillance surveillance = null != loaded ? loaded.surveillance() :
            new Surveillance(ctx.surveillanceConfig(), ctx.tradingConfig().books());
        final Trading trading = null != loaded ? loaded.trading() : new Trading(ctx.tradingConfig());
        final SurveillanceStage surveillanceStage = new SurveillanceStage(surveillance, counters, clock,
            new StageLatency(Stages.QUEUE_SURVEILLANCE), new StageLatency(Stages.SERVICE_SURVEILLANCE),
            RuntimeSettingsRestore.of(RuntimeSettings.Owner.SURVEILLANCE, ctx, loaded));
        final StrategyStage strategyStage = new StrategyStage(trading, counters, clock,
            new StageLatency(Stages.QUEUE_STRATEGY), new StageLatency(Stages.SERVICE_STRATEGY),
            RuntimeSettingsRestore.of(RuntimeSettings.Owner.TRADING, ctx, loaded));

        final StreamSettings streams = ctx.streams();
        alertPublication = aeron.addExclusivePublication(streams.egressChannel(), streams.alertStreamId());
        orderPublication = aeron.addExclusivePublication(streams.egressChannel(), streams.orderStreamId());
        outputs = new LeaderOutputs(
            publisher(ctx, alertPublication), publisher(ctx, orderPublication), kept);
        // Acknowledgements of commands from the leader only, as outputs, on the control response stream (egress
        // channel): the commanding process listens there, not on the gateway's cluster session. Not kept for a new
        // leader: a command's sender that misses one sees the command's effect in the outputs.
        controlResponsePublication = aeron.addExclusivePublication(
            streams.controlResponseStream().channel(), streams.controlResponseStream().streamId());
        acks = new ControlAcks(controlResponsePublication);
        acks.publishing(false);
        final EgressStage egress = new EgressStage(
            null, null, acks, counters, clock, new StageLatency(Stages.SERVICE_EGRESS));
        egress.tap(outputs);

        final HandlerFailures[] failures =
        {
            failures(aeron, ctx, "surveillance", counters.surveillanceErrors(), DeadLetters.SURVEILLANCE),
            failures(aeron, ctx, "strategy", counters.strategyErrors(), DeadLetters.STRATEGY),
            failures(aeron, ctx, "egress", counters.egressErrors(), DeadLetters.EGRESS),
        };
        final InlinePipeline pipeline = new InlinePipeline(surveillanceStage, strategyStage, egress, failures);
        sources = new Sources(ctx.ingressConfig(), System.getLogger(Sources.class.getName()));
        sources.counters(counters);
        sources.publishers(publishers);
        ingress = new IngressHandler(new TimerSource(null, 0), pipeline, counters, clock, ctx.epochClock(),
            new StageLatency(Stages.TRANSPORT), sources, new InstrumentAdmission(
            ctx.maxInstruments(), UndefinedInstrumentPolicy.REFUSE == ctx.undefinedInstruments(),
            System.getLogger(InstrumentAdmission.class.getName())),
            deadLetters(aeron, ctx, DeadLetters.INGRESS));

        surveillanceStage.snapshots(snapshot);
        strategyStage.snapshots(snapshot);
        egress.snapshots(snapshot);
        final long eventCount;
        if (null != loaded)
        {
            // A cluster snapshot follows no recording: the log it resumes is the cluster's, positioned by the cluster.
            eventCount = loaded.apply(null, sources, ingress.instruments(), egress);
            counters.snapshotLoadedEvents().setRelease(eventCount);
        }
        else
        {
            eventCount = 0;
        }
        // No interval: the consensus module decides when a snapshot is taken.
        ingress.snapshots(snapshot, 0, 0, (header) -> header.positionsCount(0), eventCount);
    }

    /**
     * One message of the log, in log order; returns once every stage has handled it.
     *
     * @param publisher the cluster session that sent it, or {@link ClusterTimers#PUBLISHER}.
     * @return whether it was a data event, taken.
     */
    boolean onMessage(
        final DirectBuffer buffer, final int offset, final int length, final long publisher, final long position)
    {
        final long before = counters.eventsIn().get();
        ingress.onMessage(buffer, offset, length, publisher, position);
        return counters.eventsIn().get() != before;
    }

    /** The last timer sequence taken: a timer's sequence goes on from it, a snapshot's included. */
    long lastTimerSequence()
    {
        return sources.lastSequenceOf(IngressConfig.TIMER_SOURCE_ID);
    }

    long nanoTime()
    {
        return clock.nanoTime();
    }

    /**
     * The engine's state at this log position in the engine's snapshot layout, in {@link #snapshotBuffer()}.
     *
     * @return its length.
     * @throws IllegalStateException when a handler failed to encode its part.
     */
    int takeSnapshot()
    {
        ingress.takeSnapshotNow();
        if (snapshot.length() < 0)
        {
            throw new IllegalStateException("a handler failed to encode its state (see handler_errors)");
        }
        return snapshot.length();
    }

    MutableDirectBuffer snapshotBuffer()
    {
        return snapshot.buffer();
    }

    void leader(final boolean leader)
    {
        outputs.leader(leader);
        acks.publishing(leader);
    }

    boolean isLeader()
    {
        return outputs.isLeader();
    }

    EngineCounters counters()
    {
        return counters;
    }

    Throwable firstHandlerError()
    {
        return firstHandlerError.get();
    }

    long republished()
    {
        return outputs.republished();
    }

    public void close()
    {
        CloseHelper.closeAll(alertPublication, orderPublication, controlResponsePublication, counters, errors);
    }

    private BackPressuredPublisher publisher(final EngineContext ctx, final ExclusivePublication publication)
    {
        return new BackPressuredPublisher(publication, IdleStrategies.of("egress-idle", ctx.egressIdleStrategy()),
            counters.backPressure(), counters.undelivered(), 0);
    }

    private HandlerFailures failures(
        final Aeron aeron, final EngineContext ctx, final String stage, final Counter total, final int deadLetterStage)
    {
        return new HandlerFailures(
            stage, total, counters, deadLetters(aeron, ctx, deadLetterStage), firstHandlerError, errors);
    }

    private DeadLetters deadLetters(final Aeron aeron, final EngineContext ctx, final int stage)
    {
        return new DeadLetters(aeron.addExclusivePublication(
            ctx.streams().deadLetterStream().channel(), ctx.streams().deadLetterStream().streamId()), stage,
            counters.deadLetters(), counters.deadLettersNotPublished());
    }
}
