package io.ringside.engine.cluster;

import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.pipeline.Publishers;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The engine as a clustered service. The cluster's log delivers the messages its clients sent, committed and in the
 * same order on every member; each goes through the engine's door ({@link io.ringside.engine.pipeline.IngressHandler},
 * its publisher the cluster session) and every stage before the next is taken, so each member holds the same state
 * at the same log position, which is what a snapshot and a failover need. The handlers use event time only.
 * <p>
 * Outputs leave from the leader only. Each client session (a gateway) is told, by the leader, the hash of each of
 * its messages as it is handled, so it can drop what is safely in the log and send again what a lost leader never logged.
 * Snapshots are the cluster's: the engine's SBE snapshot on the snapshot stream, loaded again at start.
 */
public final class RingsideClusteredService implements ClusteredService
{
    /** Counter: {@link #stateDigest()}, on the member's driver. */
    public static final String STATE_DIGEST_COUNTER = "cluster.state_digest";
    /** Counter: {@link #snapshots()}, on the member's driver. */
    public static final String SNAPSHOTS_COUNTER = "cluster.snapshots_taken";

    private final EngineContext ctx;
    private final int keptOutputs;
    private final UnsafeBuffer ack = new UnsafeBuffer(new byte[Long.BYTES]);
    private final ClusterTimers timers;
    private Cluster cluster;
    private ClusteredEngine engine;
    private volatile long messages;
    private volatile long snapshots;
    private volatile long stateDigest;
    private volatile long logPosition;
    private volatile boolean leader;
    private Counter stateDigestCounter;
    private Counter snapshotsCounter;

    /**
     * @param ctx         the engine's configuration, concluded here; every member's must be the same.
     * @param keptOutputs outputs of each stream kept to publish again on becoming leader.
     */
    public RingsideClusteredService(final EngineContext ctx, final int keptOutputs)
    {
        this.ctx = ctx.conclude();
        this.keptOutputs = keptOutputs;
        this.timers = new ClusterTimers(this.ctx.timerIntervalNs());
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        final SnapshotStream.Contents state = null == snapshotImage ? null :
            SnapshotStream.read(snapshotImage, cluster.idleStrategy());
        final Publishers publishers = new Publishers()
        {
            public boolean isConnected(final long publisher)
            {
                // The timers are the cluster's own: always there, so no client can take their source id.
                return ClusterTimers.PUBLISHER == publisher || null != cluster.getClientSession(publisher);
            }

            public String describe(final long publisher)
            {
                return ClusterTimers.PUBLISHER == publisher ? "the cluster's timers" : "cluster session " + publisher;
            }
        };
        engine = new ClusteredEngine(ctx, cluster.aeron(), null == state ? null : state.engine(), publishers,
            keptOutputs);
        timers.onStart(null == state ? null : state.timers());
        // For other processes (a member is one of its own): whether members at the same position hold the same state.
        stateDigestCounter = cluster.aeron().addCounter(
            EngineCounters.RINGSIDE_COUNTER_TYPE_ID, EngineCounters.LABEL_PREFIX + STATE_DIGEST_COUNTER);
        snapshotsCounter = cluster.aeron().addCounter(
            EngineCounters.RINGSIDE_COUNTER_TYPE_ID, EngineCounters.LABEL_PREFIX + SNAPSHOTS_COUNTER);
    }

    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (engine.onMessage(buffer, offset, length, session.id(), header.position()) && timers.enabled())
        {
            timers.onData(cluster, buffer, offset, timestamp);
        }
        // Told from here, as the log is handled (the cluster takes egress from nowhere else): on a follower the offer
        // goes nowhere; one not taken is made good by the next, and at worst the gateway sends a message again.
        ack.putLong(0, FrameHash.of(buffer, offset, length), ByteOrder.LITTLE_ENDIAN);
        session.offer(ack, 0, Long.BYTES);
        messages = messages + 1; // single writer: the service thread
        logPosition = header.position();
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (ClusterTimers.CORRELATION_ID == correlationId && timers.enabled())
        {
            final int length = timers.onExpiry(cluster, timestamp, engine.lastTimerSequence(), engine.nanoTime());
            if (length > 0)
            {
                engine.onMessage(timers.frame(), 0, length, ClusterTimers.PUBLISHER, cluster.logPosition());
            }
        }
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final int length = engine.takeSnapshot();
        SnapshotStream.write(snapshotPublication, engine.snapshotBuffer(), length, timers, cluster.idleStrategy());
        stateDigest = FrameHash.of(engine.snapshotBuffer(), 0, length);
        snapshots = snapshots + 1;
        stateDigestCounter.setRelease(stateDigest);
        snapshotsCounter.setRelease(snapshots);
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
        final boolean leader = Cluster.Role.LEADER == newRole;
        engine.leader(leader);
        this.leader = leader;
    }

    public void onTerminate(final Cluster cluster)
    {
        CloseHelper.closeAll(stateDigestCounter, snapshotsCounter, engine);
    }

    /** Messages of the log this member handled since it started (not across a restart). */
    public long messages()
    {
        return messages;
    }

    /** Snapshots this member took since it started. */
    public long snapshots()
    {
        return snapshots;
    }

    /** Hash of the engine state in the last snapshot this member took: equal on members at the same position. */
    public long stateDigest()
    {
        return stateDigest;
    }

    /** Position in the log just after the last message handled. */
    public long logPosition()
    {
        return logPosition;
    }

    public boolean isLeader()
    {
        return leader;
    }

    /** The engine's counters on this member's driver; null before the service started. */
    public EngineCounters counters()
    {
        return null == engine ? null : engine.counters();
    }
}
