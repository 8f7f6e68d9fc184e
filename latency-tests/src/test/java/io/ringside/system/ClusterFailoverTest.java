package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.cluster.ClusterLayout;
import io.ringside.engine.cluster.ClusterMember;
import io.ringside.engine.cluster.IngressGateway;
import io.ringside.engine.cluster.RingsideClusteredService;
import io.ringside.engine.metrics.OutputDigest;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three members on loopback in this process, fed through the gateway: the leader is killed mid-feed, a new one is
 * elected, the feed carries on, and the outputs (by outputSequence, each kept once) are a single engine's, byte for
 * byte; every member, the killed one restarted included, ends with the same state.
 */
final class ClusterFailoverTest
{
    private static final int EVENTS = 20_000;
    private static final int MEMBERS = 3;
    private static final int BASE_PORT = 21_700;
    private static final String EGRESS = "aeron:udp?endpoint=localhost:21790";

    @TempDir
    Path dir;

    private final ClusterMember[] members = new ClusterMember[MEMBERS];

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void leaderKilledMidFeedLosesNoOutputAndRepeatsNone()
    {
        final List<byte[]> frames = DurableFixture.frames(EVENTS);
        final Reference reference = singleEngine(frames);
        assertTrue(reference.orders.size() > 1_000, "orders: " + reference.orders.size());

        final ClusterLayout layout = new ClusterLayout(List.of("localhost", "localhost", "localhost"), BASE_PORT);
        MediaDriver driver = null;
        Aeron client = null;
        AgentRunner gatewayRunner = null;
        try
        {
            for (int i = 0; i < MEMBERS; i++)
            {
                members[i] = launch(layout, i, true);
            }
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("feed-aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final Consumer alerts = new Consumer(client.addSubscription(EGRESS, 1002));
            final Consumer orders = new Consumer(client.addSubscription(EGRESS, 1003));
            final EngineContext feedSide = new EngineContext().conclude();
            final IngressGateway gateway = new IngressGateway(client, feedSide.streams().ingressStreams(),
                new AeronCluster.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .ingressChannel("aeron:udp")
                    .ingressEndpoints(layout.ingressEndpoints())
                    .egressChannel("aeron:udp?endpoint=localhost:0")
                    .messageTimeoutNs(TimeUnit.SECONDS.toNanos(30))
                    .newLeaderTimeoutNs(TimeUnit.SECONDS.toNanos(30)),
                16 * 1024, 64);
            gatewayRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, gateway);
            AgentRunner.startOnThread(gatewayRunner);
            final ExclusivePublication feed = client.addExclusivePublication("aeron:ipc", 1001);

            // A snapshot early on, so the member restarted at the end starts from one, then replays the log after it.
            publish(feed, frames, 0, EVENTS / 8);
            final int first = leader();
            await("an eighth handled", () -> handled(first) >= EVENTS / 8);
            assertTrue(members[first].requestSnapshot(), "snapshot toggle");
            await("the first snapshot on every member", () -> everyMember((m) -> m.service().snapshots() >= 1));

            // Half the feed in; the leader killed with a share of it still in flight.
            publish(feed, frames, EVENTS / 8, EVENTS / 2);
            await("a quarter handled", () -> handled(first) >= EVENTS / 4);
            final long seenAtKill = orders.highest();
            final long killedAt = System.nanoTime();
            members[first].close();
            members[first] = null;
            publish(feed, frames, EVENTS / 2, EVENTS);
            await("a new leader", () -> leaderOrMinus() >= 0);
            final long electedNs = System.nanoTime() - killedAt;
            await("an output from the new leader", () -> orders.poll() > 0 && orders.highest() > seenAtKill);
            final long firstOutputNs = System.nanoTime() - killedAt;
            System.out.printf("cluster failover: leader %d killed; new leader %d elected after %d ms, first new output "
                + "after %d ms%n", first, leader(), electedNs / 1_000_000, firstOutputNs / 1_000_000);

            await("every event handled", () -> everyMember((m) -> m.service().counters().eventsIn().get() == EVENTS));
            await("every output received", () ->
            {
                alerts.poll();
                orders.poll();
                return alerts.count() == reference.alerts.size() && orders.count() == reference.orders.size();
            });
            assertEquals(reference.alerts, alerts.inOrder(), "alerts, by outputSequence, each once");
            assertEquals(reference.orders, orders.inOrder(), "orders, by outputSequence, each once");
            everyMember((m) ->
            {
                assertEquals(reference.digest, m.service().counters().outputDigest().get(), "output digest");
                return true;
            });

            // The killed member back: it loads the snapshot, replays its log and catches up from the leader.
            members[first] = launch(layout, first, false);
            await("the restarted member caught up", () -> null != members[first].service().counters() &&
                members[first].service().counters().snapshotLoadedEvents().get() +
                members[first].service().counters().eventsIn().get() == EVENTS);
            final int leader = leader();
            final long[] before = new long[MEMBERS];
            for (int i = 0; i < MEMBERS; i++)
            {
                before[i] = members[i].service().snapshots();
            }
            assertTrue(members[leader].requestSnapshot(), "snapshot toggle");
            await("the last snapshot on every member", () ->
            {
                for (int i = 0; i < MEMBERS; i++)
                {
                    if (members[i].service().snapshots() <= before[i])
                    {
                        return false;
                    }
                }
                return true;
            });
            final long state = members[leader].service().stateDigest();
            assertNotEquals(0, state);
            for (final ClusterMember member : members)
            {
                assertEquals(state, member.service().stateDigest(), "state digest of every member");
                assertEquals(reference.digest, member.service().counters().outputDigest().get(), "output digest");
            }
            assertTrue(gateway.leaderChanges() >= 1, "the gateway saw the new leader");
        }
        finally
        {
            CloseHelper.closeAll(gatewayRunner, client);
            CloseHelper.closeAll(members);
            CloseHelper.close(driver);
        }
    }

    private ClusterMember launch(final ClusterLayout layout, final int id, final boolean clean)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve("member-" + id + "-aeron").toString())
            .initialOrderCapacity(1024)
            .reportDirectory(dir.resolve("member-" + id + "-report"));
        ctx.streams().egressChannel(EGRESS);
        return ClusterMember.launch(new ClusterMember.Settings()
            .memberId(id)
            .layout(layout)
            .dir(dir.resolve("member-" + id))
            .aeronDirectoryName(dir.resolve("member-" + id + "-aeron").toString())
            .cleanStart(clean)
            .leaderHeartbeatTimeoutMs(1_500)
            .errorHandler((ex) -> System.err.println("member " + id + ": " + ex)), ctx);
    }

    private interface MemberCheck
    {
        boolean test(ClusterMember member);
    }

    private boolean everyMember(final MemberCheck check)
    {
        for (final ClusterMember member : members)
        {
            if (null != member && (null == member.service().counters() || !check.test(member)))
            {
                return false;
            }
        }
        return true;
    }

    private long handled(final int member)
    {
        return members[member].service().messages();
    }

    private int leader()
    {
        await("a leader", () -> leaderOrMinus() >= 0);
        return leaderOrMinus();
    }

    private int leaderOrMinus()
    {
        for (int i = 0; i < MEMBERS; i++)
        {
            if (null != members[i] && members[i].service().isLeader())
            {
                return i;
            }
        }
        return -1;
    }

    private static void publish(final ExclusivePublication feed, final List<byte[]> frames, final int from, final int to)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = from; i < to; i++)
        {
            buffer.wrap(frames.get(i));
            while (feed.offer(buffer, 0, buffer.capacity()) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("feed held back at event " + i);
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private record Reference(List<String> alerts, List<String> orders, long digest)
    {
    }

    /** The same frames through one live engine: what the cluster's outputs must equal. */
    private Reference singleEngine(final List<byte[]> frames)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve("single-aeron").toString())
            .ringSize(4096)
            .initialOrderCapacity(1024)
            .reportDirectory(dir.resolve("single-report"));
        try (Engine engine = Engine.launch(ctx);
            Subscription alertSubscription = engine.aeron().addSubscription("aeron:ipc", 1002);
            Subscription orderSubscription = engine.aeron().addSubscription("aeron:ipc", 1003);
            ExclusivePublication feed = engine.aeron().addExclusivePublication("aeron:ipc", 1001))
        {
            final Consumer alerts = new Consumer(alertSubscription);
            final Consumer orders = new Consumer(orderSubscription);
            await("the single engine subscribed", feed::isConnected);
            await("outputs subscribed", () -> alertSubscription.isConnected() && orderSubscription.isConnected());
            publish(feed, frames, 0, frames.size());
            await("the single engine's events", () ->
            {
                alerts.poll();
                orders.poll();
                return engine.counters().eventsIn().get() == frames.size();
            });
            final long expectedAlerts = engine.counters().alerts().get();
            await("the single engine's outputs", () ->
            {
                alerts.poll();
                orders.poll();
                return alerts.count() == expectedAlerts && orders.count() == engine.counters().orders().get();
            });
            final long digest = engine.counters().outputDigest().get();
            assertNotEquals(OutputDigest.empty(), digest);
            return new Reference(alerts.inOrder(), orders.inOrder(), digest);
        }
    }

    /** Keeps the first copy of each outputSequence; a later copy must be the same bytes. */
    private static final class Consumer
    {
        private final Subscription subscription;
        private final Map<Long, String> bySequence = new TreeMap<>();
        private final HexFormat hex = HexFormat.of();
        private volatile long highest;

        Consumer(final Subscription subscription)
        {
            this.subscription = subscription;
        }

        int poll()
        {
            return subscription.poll(this::onOutput, 256);
        }

        private void onOutput(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            final String message = hex.formatHex(bytes);
            final long sequence = DurableFixture.outputSequence(message);
            final String earlier = bySequence.putIfAbsent(sequence, message);
            if (null != earlier)
            {
                assertEquals(earlier, message, "output " + sequence + " published twice with different bytes");
            }
            highest = Math.max(highest, sequence);
        }

        long highest()
        {
            poll();
            return highest;
        }

        int count()
        {
            return bySequence.size();
        }

        List<String> inOrder()
        {
            final List<String> messages = new ArrayList<>(bySequence.values());
            for (int i = 0; i < messages.size(); i++)
            {
                assertEquals(i + 1, DurableFixture.outputSequence(messages.get(i)), "outputSequence " + (i + 1));
            }
            return messages;
        }
    }
}
