package io.ringside.engine.cluster;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringside.transport.ArchivingDriver;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The gateway of instruments spread over several clusters (shards): it reads the engine's ingress streams once, asks
 * the {@link ShardRouter} where each message goes, and hands it to that shard's {@link IngressGateway}, which keeps
 * it until that cluster's leader acknowledges it and sends it again to a new leader. One reader, one router: the
 * order in which a definition and its instrument's events are taken is the same for every routing decision, so an
 * instrument's messages all go to one shard, in the order they came. While any shard has no room for a message, no
 * stream is polled, and Aeron's flow control holds the producers back: a slow or leaderless shard holds back the
 * others, rather than letting them run ahead with an unbounded queue.
 */
public final class ShardedGateway implements Agent
{
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final IngressGateway[] shards;
    private final ShardRouter router;
    private final FragmentHandler onMessage;
    private final int fragmentLimit;

    /**
     * @param aeron    the client of the driver the producers publish to.
     * @param streams  the ingress streams to read, in the order they are polled.
     * @param clusters each shard's cluster client context, shard 0 first; one per shard of the router.
     * @param router   where each message goes.
     * @param capacity messages kept per shard awaiting acknowledgement.
     */
    public ShardedGateway(
        final Aeron aeron,
        final List<ArchivingDriver.Stream> streams,
        final List<AeronCluster.Context> clusters,
        final ShardRouter router,
        final int capacity,
        final int fragmentLimit)
    {
        if (clusters.size() != router.shards())
        {
            throw new IllegalArgumentException("shards: " + router.shards() + " routed, but " + clusters.size() +
                " clusters given");
        }
        if (fragmentLimit < 1)
        {
            throw new IllegalArgumentException("fragment limit: must be >= 1: " + fragmentLimit);
        }
        this.router = router;
        this.fragmentLimit = fragmentLimit;
        this.shards = new IngressGateway[clusters.size()];
        try
        {
            for (int i = 0; i < shards.length; i++)
            {
                shards[i] = new IngressGateway(aeron, List.of(), clusters.get(i), capacity, fragmentLimit);
            }
            for (final ArchivingDriver.Stream stream : streams)
            {
                subscriptions.add(aeron.addSubscription(stream.channel(), stream.streamId()));
            }
        }
        catch (final RuntimeException ex)
        {
            onClose();
            throw ex;
        }
        this.onMessage = new FragmentAssembler(this::onIngress);
    }

    public String roleName()
    {
        return "ringside-sharded-gateway";
    }

    public int doWork()
    {
        int work = 0;
        for (final IngressGateway shard : shards)
        {
            work += shard.doWork();
        }
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            // A message may go to every shard: poll no more fragments than the fullest shard has room for.
            final int room = room();
            if (room <= 0)
            {
                break;
            }
            work += subscriptions.get(i).poll(onMessage, Math.min(room, fragmentLimit));
        }
        return work;
    }

    private int room()
    {
        int room = Integer.MAX_VALUE;
        for (final IngressGateway shard : shards)
        {
            room = Math.min(room, shard.room());
        }
        return room;
    }

    private void onIngress(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int shard = router.route(buffer, offset, length);
        if (shard >= 0)
        {
            shards[shard].forward(buffer, offset, length);
        }
        else if (ShardRouter.ALL == shard)
        {
            for (final IngressGateway each : shards)
            {
                each.forward(buffer, offset, length);
            }
        }
    }

    /** The gateway into one shard's cluster. */
    public IngressGateway shard(final int shard)
    {
        return shards[shard];
    }

    public ShardRouter router()
    {
        return router;
    }

    public void onClose()
    {
        for (final IngressGateway shard : shards)
        {
            if (null != shard)
            {
                shard.onClose();
            }
        }
        CloseHelper.closeAll(subscriptions);
    }
}
