package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.ringside.engine.EngineContext;
import io.ringside.engine.cluster.ClusterLayout;
import io.ringside.engine.cluster.ClusterMember;
import io.ringside.engine.cluster.IngressGateway;
import io.ringside.system.ClusterFixture.Consumer;
import io.ringside.system.ClusterFixture.Reference;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ringside.system.ClusterFixture.await;
import static io.ringside.system.ClusterFixture.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members on loopback in this process, fed through the gateway, one of them killed mid-feed. The leader: a new
 * one is elected, the feed carries on, and the outputs (by outputSequence, each kept once) are a single engine's, byte
 * for byte. A follower: the outputs are the same, each published once, and the leader never changes. Either way every
 * member, the killed one restarted included, ends with the same state.
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
        killMidFeed(true);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void followerKilledMidFeedChangesNoOutput()
    {
        killMidFeed(false);
    }

    private void killMidFeed(final boolean killLeader)
    {
        final List<byte[]> frames = DurableFixture.frames(EVENTS);
        final Reference reference = ClusterFixture.singleEngine(dir, frames);
        assertTrue(reference.orders().size() > 1_000, "orders: " + reference.orders().size());

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
            driver = ClusterFixture.feedDriver(dir);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final Consumer alerts = new Consumer(client.addSubscription(EGRESS, 1002));
            final Consumer orders = new Consumer(client.addSubscription(EGRESS, 1003));
            final IngressGateway gateway = gateway(client, driver.aeronDirectoryName(), layout);
            gatewayRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, gateway);
            AgentRunner.startOnThread(gatewayRunner);
            final ExclusivePublication feed = client.addExclusivePublication("aeron:ipc", 1001);

            // A snapshot early on, so the member restarted at the end starts from one, then replays the log after it.
            publish(feed, frames, 0, EVENTS / 8);
            final int first = leader();
            await("an eighth handled", () -> handled(first) >= EVENTS / 8);
            assertTrue(members[first].requestSnapshot(), "snapshot toggle");
            await("the first snapshot on every member", () -> everyMember((m) -> m.service().snapshots() >= 1));

            // Half the feed in; a member killed with a share of it still in flight.
            publish(feed, frames, EVENTS / 8, EVENTS / 2);
            await("a quarter handled", () -> handled(first) >= EVENTS / 4);
            final int killed = killLeader ? first : (first + 1) % MEMBERS;
            final long seenAtKill = orders.highest();
            final long killedAt = System.nanoTime();
            members[killed].close();
            members[killed] = null;
            publish(feed, frames, EVENTS / 2, EVENTS);
            if (killLeader)
            {
                leader(); // waits for one
                final long electedNs = System.nanoTime() - killedAt;
                await("an output from the new leader", () -> orders.poll() > 0 && orders.highest() > seenAtKill);
                final long firstOutputNs = System.nanoTime() - killedAt;
                System.out.printf("cluster failover: leader %d killed; new leader %d elected after %d ms, first new "
                    + "output after %d ms%n", first, leader(), electedNs / 1_000_000, firstOutputNs / 1_000_000);
            }

            await("every event handled", () -> everyMember((m) -> m.service().counters().eventsIn().get() == EVENTS));
            await(() -> "every output received: alerts " + alerts.count() + " of " + reference.alerts().size() +
                ", orders " + orders.count() + " of " + reference.orders().size() + " (received " + orders.received() +
                ");  members' orders/undelivered: " + describe(), () ->
            {
                alerts.poll();
                orders.poll();
                return alerts.count() == reference.alerts().size() && orders.count() == reference.orders().size();
            });
            assertEquals(reference.alerts(), alerts.inOrder(), "alerts, by outputSequence, each once");
            assertEquals(reference.orders(), orders.inOrder(), "orders, by outputSequence, each once");
            everyMember((m) ->
            {
                assertEquals(reference.digest(), m.service().counters().outputDigest().get(), "output digest");
                return true;
            });
            if (killLeader)
            {
                assertTrue(gateway.leaderChanges() >= 1, "the gateway saw the new leader");
            }
            else
            {
                assertEquals(first, leader(), "the leader stayed");
                assertEquals(0, gateway.leaderChanges(), "no leader change");
                assertEquals(reference.alerts().size(), alerts.received(), "each alert published once");
                assertEquals(reference.orders().size(), orders.received(), "each order published once");
            }

            // The killed member back: it loads the snapshot, replays its log and catches up from the leader.
            members[killed] = launch(layout, killed, false);
            await("the restarted member caught up", () -> null != members[killed].service().counters() &&
                members[killed].service().counters().snapshotLoadedEvents().get() +
                members[killed].service().counters().eventsIn().get() == EVENTS);
            ClusterFixture.sameStateOnEveryMember(members);
            for (final ClusterMember member : members)
            {
                assertEquals(reference.digest(), member.service().counters().outputDigest().get(), "output digest");
            }
        }
        finally
        {
            CloseHelper.closeAll(gatewayRunner, client);
            CloseHelper.closeAll(members);
            CloseHelper.close(driver);
        }
    }

    /** The gateway, in this process: feeds publish to its driver, it forwards into the cluster. */
    static IngressGateway gateway(final Aeron client, final String aeronDir, final ClusterLayout layout)
    {
        return new IngressGateway(client, new EngineContext().conclude().streams().ingressStreams(),
            new AeronCluster.Context()
                .aeronDirectoryName(aeronDir)
                .ingressChannel("aeron:udp")
                .ingressEndpoints(layout.ingressEndpoints())
                .egressChannel("aeron:udp?endpoint=localhost:0")
                .messageTimeoutNs(TimeUnit.SECONDS.toNanos(30))
                .newLeaderTimeoutNs(TimeUnit.SECONDS.toNanos(30)),
            16 * 1024, 64);
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

    private String describe()
    {
        final StringBuilder out = new StringBuilder();
        for (final ClusterMember member : members)
        {
            if (null != member && null != member.service().counters())
            {
                out.append(member.service().counters().orders().get()).append('/')
                    .append(member.service().counters().snapshot().get("undelivered"))
                    .append(member.service().isLeader() ? " leader " : " ");
            }
        }
        return out.toString();
    }

    private long handled(final int member)
    {
        return members[member].service().messages();
    }

    private int leader()
    {
        return ClusterFixture.leader(members);
    }
}
