package io.ringside.engine.cluster;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringside.transport.ArchivingDriver;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Forwards the engine's ingress streams into a cluster, so feeds and every other producer publish as they always
 * have. Each message is offered to the cluster as an {@link AeronCluster} client and kept until the leader says it was
 * handled ({@link RingsideClusteredService} sends the hash of the last one); when a new leader is elected, every
 * message not yet acknowledged is sent again, oldest first, and the engine's door drops those the log already had as
 * duplicates (by source and sequence). So a leader lost mid-feed loses nothing. While {@code capacity} messages wait
 * for their acknowledgement, the streams are not polled, and Aeron's flow control holds the producers back.
 */
public final class IngressGateway implements Agent, EgressListener
{
    /** Longest message kept for sending again; the engine refuses any longer as oversized anyway. */
    static final int MAX_KEPT_LENGTH = 1024;
    private static final long KEEP_ALIVE_NS = TimeUnit.SECONDS.toNanos(1);

    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AeronCluster cluster;
    private final FragmentHandler onMessage;
    private final int fragmentLimit;
    private final int capacity;
    private final UnsafeBuffer kept;
    private final int[] lengths;
    private final long[] hashes;
    private final UnsafeBuffer oversized = new UnsafeBuffer(0, 0);
    private long oldest;   // first message not acknowledged
    private long next;     // next to send
    private long end;      // one after the newest kept
    private long lastOfferNs = System.nanoTime();
    private long forwarded;
    private long resent;
    private long leaderChanges;

    /**
     * @param aeron    the client of the driver the producers publish to.
     * @param streams  the ingress streams to forward, in the order they are polled.
     * @param cluster  the cluster's client context; its egress listener is set here.
     * @param capacity messages kept awaiting acknowledgement.
     */
    public IngressGateway(
        final Aeron aeron,
        final List<ArchivingDriver.Stream> streams,
        final AeronCluster.Context cluster,
        final int capacity,
        final int fragmentLimit)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("gateway capacity: must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.fragmentLimit = fragmentLimit;
        this.kept = new UnsafeBuffer(new byte[capacity * MAX_KEPT_LENGTH]);
        this.lengths = new int[capacity];
        this.hashes = new long[capacity];
        this.onMessage = new FragmentAssembler(this::onIngress);
        for (final ArchivingDriver.Stream stream : streams)
        {
            subscriptions.add(aeron.addSubscription(stream.channel(), stream.streamId()));
        }
        this.cluster = AeronCluster.connect(cluster.egressListener(this));
    }

    public String roleName()
    {
        return "ringside-cluster-gateway";
    }

    public int doWork()
    {
        int work = cluster.pollEgress();
        work += send();
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            final int room = room();
            if (room <= 0)
            {
                break;
            }
            work += subscriptions.get(i).poll(onMessage, Math.min(room, fragmentLimit));
        }
        work += send();
        final long now = System.nanoTime();
        if (now - lastOfferNs > KEEP_ALIVE_NS && cluster.sendKeepAlive())
        {
            lastOfferNs = now;
        }
        return work;
    }

    private void onIngress(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        forward(buffer, offset, length);
    }

    /**
     * Keep one message and offer it to the cluster, after those waiting: for a gateway given no streams of its own
     * ({@link ShardedGateway}), which must first see {@link #room()} for it.
     */
    public void forward(final DirectBuffer buffer, final int offset, final int length)
    {
        forwarded++;
        if (length > MAX_KEPT_LENGTH)
        {
            // Refused at the engine's door whatever happens: sent once, never kept (after what is waiting).
            while (next < end && send() > 0)
            {
                // drain first, so the order is kept
            }
            oversized.wrap(buffer, offset, length);
            offerOnce(oversized, 0, length);
            return;
        }
        final int index = (int)(end % capacity);
        kept.putBytes(index * MAX_KEPT_LENGTH, buffer, offset, length);
        lengths[index] = length;
        hashes[index] = FrameHash.of(buffer, offset, length);
        end++;
        send();
    }

    // Offers what is kept and not yet sent, in order, until the cluster pushes back.
    private int send()
    {
        int sent = 0;
        while (next < end)
        {
            final int index = (int)(next % capacity);
            if (cluster.offer(kept, index * MAX_KEPT_LENGTH, lengths[index]) < 0)
            {
                break;
            }
            next++;
            sent++;
        }
        if (sent > 0)
        {
            lastOfferNs = System.nanoTime();
        }
        return sent;
    }

    private void offerOnce(final DirectBuffer buffer, final int offset, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (cluster.offer(buffer, offset, length) < 0 && System.nanoTime() < deadline)
        {
            cluster.pollEgress();
        }
    }

    /** The leader handled everything up to the message with this hash: drop it and those before it. */
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length != Long.BYTES)
        {
            return;
        }
        final long hash = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        for (long i = oldest; i < next; i++)
        {
            if (hashes[(int)(i % capacity)] == hash)
            {
                oldest = i + 1;
                return;
            }
        }
    }

    /** A new leader: what the old one may not have logged goes again, from the oldest not acknowledged. */
    public void onNewLeader(
        final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
    {
        leaderChanges++;
        resent += next - oldest;
        next = oldest;
    }

    /** Messages taken from the ingress streams. */
    public long forwarded()
    {
        return forwarded;
    }

    /** Messages sent again after a change of leader. */
    public long resent()
    {
        return resent;
    }

    public long leaderChanges()
    {
        return leaderChanges;
    }

    /** Messages that may be taken before one is acknowledged. */
    public int room()
    {
        return capacity - (int)(end - oldest);
    }

    /** Messages not yet acknowledged by the cluster. */
    public long unacknowledged()
    {
        return end - oldest;
    }

    public boolean isClosed()
    {
        return cluster.isClosed();
    }

    public void onClose()
    {
        CloseHelper.closeAll(cluster);
        CloseHelper.closeAll(subscriptions);
    }
}
