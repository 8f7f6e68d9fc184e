package io.ringside.engine;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.ringside.engine.durable.OutputHistory;
import io.ringside.engine.durable.RecordedIngress;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.pipeline.EgressStage;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.engine.snapshot.SnapshotLoader;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.InvokedArchive;
import org.agrona.CloseHelper;
import org.agrona.concurrent.NanoClock;

/**
 * How a durable engine starts: it connects to the archive, reads back what earlier runs published, restores the
 * newest usable snapshot, and ingests the recorded log from where that snapshot left off, so outputs already
 * published are not published again.
 */
final class DurableStart implements AutoCloseable
{
    /** Replays to this engine go over IPC on its own driver. */
    static final String REPLAY_CHANNEL = "aeron:ipc";

    private final EngineContext ctx;
    private final AeronArchive archive;
    private final long lastAlertSequence;
    private final long lastOrderSequence;
    private SnapshotLoader.Loaded loaded;
    private long loadedEventCount;

    private DurableStart(
        final EngineContext ctx,
        final AeronArchive archive,
        final long lastAlertSequence,
        final long lastOrderSequence)
    {
        this.ctx = ctx;
        this.archive = archive;
        this.lastAlertSequence = lastAlertSequence;
        this.lastOrderSequence = lastOrderSequence;
    }

    /**
     * Before this run's egress publications exist: what is read back must be only what earlier runs published.
     *
     * @param invokedArchive the embedded archive when the ingress thread runs it (and the driver), else null: the
     *                       client then runs them while it waits (on that thread; elsewhere the driver only).
     */
    static DurableStart connect(final Aeron aeron, final EngineContext ctx, final InvokedArchive invokedArchive)
    {
        final AeronArchive archive = AeronArchive.connect(
            ArchivingDriver.clientContext(ctx.aeronDirectoryName()).aeron(aeron).ownsAeronClient(false)
                .agentInvoker(null == invokedArchive ? null : invokedArchive.clientInvoker()));
        try
        {
            final DurableLogSettings log = ctx.durableLog();
            final long lastAlertSequence = OutputHistory.lastOutputSequence(archive, ctx.streams().egressChannel(),
                ctx.streams().alertStreamId(), REPLAY_CHANNEL, log.replayStreamId(), log.recoveryTimeoutMs());
            final long lastOrderSequence = OutputHistory.lastOutputSequence(archive, ctx.streams().egressChannel(),
                ctx.streams().orderStreamId(), REPLAY_CHANNEL, log.replayStreamId(), log.recoveryTimeoutMs());
            return new DurableStart(ctx, archive, lastAlertSequence, lastOrderSequence);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(archive);
            throw ex;
        }
    }

    /**
     * The newest usable snapshot, its handlers restored; null when snapshots are off or none is usable, and the
     * engine starts from fresh handlers. Each snapshot refused is counted and named on stderr.
     */
    SnapshotLoader.Loaded loadSnapshot(final EngineCounters counters)
    {
        if (ctx.takesSnapshots())
        {
            final SnapshotLoader loader = new SnapshotLoader(ctx.snapshots().directory(), ctx.durableLogStreams(),
                ctx.maxInstruments(), ctx.surveillanceConfig(), ctx.tradingConfig());
            loaded = loader.loadLatest(archive, lastAlertSequence, lastOrderSequence, (refusal) ->
            {
                counters.snapshotsRefused().incrementRelease();
                System.err.println(refusal);
            });
        }
        return loaded;
    }

    /**
     * The ingress agent, reading the recorded log from where the snapshot (if any) left off; egress resumes after
     * what was already published. The agent owns the archive client from here: it is not thread safe, and the agent
     * closes it.
     */
    RecordedIngress ingress(
        final IngressHandler ingress,
        final EgressStage egress,
        final EngineCounters counters,
        final NanoClock clock)
    {
        egress.resumeAfter(lastAlertSequence, lastOrderSequence);
        final RecordedIngress recorded = new RecordedIngress(archive, ctx.durableLogStreams(), REPLAY_CHANNEL,
            ctx.durableLog().replayStreamId(), ingress, ctx.fragmentLimit(), ingress::onDutyCycle, clock);
        recorded.behindGauge(counters.durableBehind());
        if (null != loaded)
        {
            loadedEventCount = loaded.apply(recorded, ingress.sources(), ingress.instruments(), egress);
            counters.snapshotLoadedEvents().setRelease(loadedEventCount);
        }
        return recorded;
    }

    /** The events of the log the restored snapshot had handled, from which the engine counts on; 0 without one. */
    long loadedEventCount()
    {
        return loadedEventCount;
    }

    public void close()
    {
        CloseHelper.close(archive);
    }
}
