package io.ringside.engine.cluster;

import io.aeron.cluster.service.Cluster;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.TimerEncoder;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.pipeline.Sources;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The engine's silence timers in a cluster, from the cluster's timer service and cluster time: both are in the log
 * (a timer's expiry is a log entry, with its timestamp), so every member, and a member replaying, decides alike.
 * <p>
 * One cluster timer, armed by the first data event taken and scheduled again on every expiry: for the end of the
 * current silence's interval, or the next interval while it lasts. When the inputs have been silent for the interval
 * of cluster time it builds the engine's {@code Timer}, as a single engine's ingress does ({@code TimerSource}): time
 * is the latest data event time taken plus the cluster time since that event was logged, the sequence goes on from
 * the last timer taken. It goes through the engine's door like any message. Its state is in the cluster snapshot.
 * <p>
 * Service thread only.
 */
final class ClusterTimers
{
    /** The cluster timer's correlation id: the only one this service schedules. */
    static final long CORRELATION_ID = 1;
    /** The publisher a timer comes from at the engine's door: no cluster session has this id. */
    static final long PUBLISHER = -1;
    /** Bytes of {@link #encode}. */
    static final int STATE_LENGTH = 3 * Long.BYTES;
    private static final long NONE = Long.MIN_VALUE;

    private final long intervalNs;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TimerEncoder timer = new TimerEncoder();
    private final EnvelopeDecoder envelope = new EnvelopeDecoder();
    private long interval;
    private TimeUnit timeUnit;
    private long newestDataTime = NONE;
    private long lastDataClusterTime = NONE;
    private long lastTimerClusterTime = NONE;
    private boolean armed;

    /**
     * @param intervalNs silence before a timer, and between timers; 0 for none.
     */
    ClusterTimers(final long intervalNs)
    {
        this.intervalNs = intervalNs;
    }

    /** At start: {@code state} from a snapshot's {@link #encode}, or null. */
    void onStart(final DirectBuffer state)
    {
        if (null != state)
        {
            newestDataTime = state.getLong(0, ByteOrder.LITTLE_ENDIAN);
            lastDataClusterTime = state.getLong(Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            lastTimerClusterTime = state.getLong(2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            // The cluster's own snapshot keeps the timer scheduled; scheduling it again is harmless.
            armed = NONE != lastDataClusterTime;
        }
    }

    boolean enabled()
    {
        return 0 != intervalNs;
    }

    /**
     * A data event was taken at this cluster time: time is its time, and the silence starts now.
     *
     * @param frame the event, its envelope after the message header.
     */
    void onData(final Cluster cluster, final DirectBuffer frame, final int offset, final long clusterTime)
    {
        timeUnit(cluster);
        envelope.wrap(frame, offset + MessageHeaderEncoder.ENCODED_LENGTH);
        newestDataTime = Math.max(newestDataTime, envelope.eventTime());
        lastDataClusterTime = clusterTime;
        if (!armed)
        {
            armed = schedule(cluster, clusterTime + interval);
        }
    }

    /**
     * The cluster timer expired at {@code clusterTime}: the length of the engine's {@code Timer} in {@link #frame()}
     * when the inputs have been silent for the interval, else 0. Either way the timer is scheduled again.
     *
     * @param lastTimerSequence the last timer sequence the engine took.
     * @param nowNs             the engine's clock, for the transport latency only (no handler reads it).
     */
    int onExpiry(final Cluster cluster, final long clusterTime, final long lastTimerSequence, final long nowNs)
    {
        timeUnit(cluster);
        int length = 0;
        final long silentUntil = Math.max(lastDataClusterTime, lastTimerClusterTime) + interval;
        if (NONE != lastDataClusterTime && clusterTime >= silentUntil)
        {
            final long silenceNs = TimeUnit.NANOSECONDS.convert(clusterTime - lastDataClusterTime, timeUnit);
            timer.wrapAndApplyHeader(frame, 0, header).instrumentId(0).envelope()
                .sourceId(IngressConfig.TIMER_SOURCE_ID)
                .sequence(lastTimerSequence + 1)
                .eventTime(newestDataTime + silenceNs)
                .sendTime(nowNs)
                .intendedSendTime(nowNs);
            length = MessageHeaderEncoder.ENCODED_LENGTH + timer.encodedLength();
            lastTimerClusterTime = clusterTime;
        }
        armed = schedule(cluster, length > 0 ? clusterTime + interval : Math.max(silentUntil, clusterTime + 1));
        return length;
    }

    MutableDirectBuffer frame()
    {
        return frame;
    }

    /** This state, for the cluster snapshot: {@link #STATE_LENGTH} bytes at {@code offset}. */
    void encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, newestDataTime, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + Long.BYTES, lastDataClusterTime, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 2 * Long.BYTES, lastTimerClusterTime, ByteOrder.LITTLE_ENDIAN);
    }

    // The cluster's time unit is known once the log has started, not yet at the service's start.
    private void timeUnit(final Cluster cluster)
    {
        if (null == timeUnit)
        {
            timeUnit = cluster.timeUnit();
            interval = Math.max(1, timeUnit.convert(intervalNs, TimeUnit.NANOSECONDS));
        }
    }

    private static boolean schedule(final Cluster cluster, final long deadline)
    {
        // Scheduling again replaces the timer: one at most is ever pending. Refused only when the consensus module
        // is gone (the member is stopping); the next data event tries again.
        return cluster.scheduleTimer(CORRELATION_ID, deadline);
    }
}
