package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.ExclusivePublication;
import io.aeron.cluster.ClusterTool;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.ringside.engine.cluster.ClusterLayout;
import io.ringside.engine.cluster.IngressGateway;
import io.ringside.engine.cluster.RingsideClusteredService;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.OutputDigest;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.system.ClusterFixture.Consumer;
import io.ringside.system.ClusterFixture.Reference;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.ringside.system.ClusterFixture.await;
import static io.ringside.system.ClusterFixture.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three {@code ringside cluster --member N} processes on loopback, fed the AAPL hour through the gateway; the leader's
 * JVM, or a follower's, is killed with SIGKILL mid-feed. The feed carries on (past a new leader's election when the
 * leader died), the outputs (by outputSequence, each kept once) are a single engine's, byte for byte, and the killed
 * member, started again, catches up and ends with the same state as the others. What each member process holds is
 * read from the counters on its own driver.
 */
final class ClusterProcessFailoverTest
{
    /** The whole AAPL hour. */
    private static final int EVENTS = 91_997;
    private static final int MEMBERS = 3;
    private static final int BASE_PORT = 24_300;
    private static final String EGRESS = "aeron:udp?endpoint=localhost:24390";
    /** Aeron's: a mark file not updated for this long is a dead process's (10 of its 1 s updates). */
    private static final long MARK_FILE_LIVENESS_MS = 10_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} killed")
    @ValueSource(strings = { "leader", "follower" })
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void memberKilledWithSigkillMidFeedLosesNoOutputAndTheRestartedMemberCatchesUp(final String victim)
        throws Exception
    {
        final boolean killLeader = "leader".equals(victim);
        final long started = System.nanoTime();
        final List<byte[]> frames = DurableFixture.frames(EVENTS);
        // With the command line's defaults, as the members have them.
        final Reference reference =
            ClusterFixture.singleEngine(dir, frames, BookBuilder.DEFAULT_INITIAL_ORDER_CAPACITY);
        assertTrue(reference.orders().size() > 1_000, "orders: " + reference.orders().size());

        final ClusterLayout layout = new ClusterLayout(List.of("localhost", "localhost", "localhost"), BASE_PORT);
        final Process[] members = new Process[MEMBERS];
        @SuppressWarnings("unchecked")
        final Supplier<String>[] diagnostics = new Supplier[1];
        MediaDriver driver = null;
        Aeron client = null;
        AgentRunner gatewayRunner = null;
        try (RingsideProcesses processes = new RingsideProcesses(dir))
        {
            for (int i = 0; i < MEMBERS; i++)
            {
                members[i] = startMember(processes, "member-" + i, i, true);
            }
            for (int i = 0; i < MEMBERS; i++)
            {
                processes.awaitLine("member-" + i, members[i], "ringside cluster member", 60);
            }
            driver = ClusterFixture.feedDriver(dir);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final Consumer alerts = new Consumer(client.addSubscription(EGRESS, 1002));
            final Consumer orders = new Consumer(client.addSubscription(EGRESS, 1003));
            final IngressGateway gateway = ClusterFailoverTest.gateway(client, driver.aeronDirectoryName(), layout);
            gatewayRunner =
                new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, gateway);
            AgentRunner.startOnThread(gatewayRunner);
            final ExclusivePublication feed = client.addExclusivePublication("aeron:ipc", 1001);
            diagnostics[0] = () ->
            {
                final StringBuilder out = new StringBuilder("alerts " + alerts.count() + "/" +
                    reference.alerts().size() + " (received " + alerts.received() + "), orders " + orders.count() +
                    "/" + reference.orders().size() + " (received " + orders.received() + ")");
                for (int i = 0; i < MEMBERS; i++)
                {
                    out.append("\nmember ").append(i).append(':');
                    for (final String name : List.of("events_in", "alerts", "orders", "undelivered", "backpressure"))
                    {
                        out.append(' ').append(name).append('=').append(counter(i, name));
                    }
                }
                return out.toString();
            };

            // Half the feed in; the leader's (or a follower's) JVM killed with a share of it still in flight.
            publish(feed, frames, 0, EVENTS / 2);
            final int leaderBefore = leader(members);
            final int first = killLeader ? leaderBefore : (leaderBefore + 1) % MEMBERS;
            await("a quarter handled", () -> counter(first, "events_in") >= EVENTS / 4);
            final long seenAtKill = orders.highest();
            final long killedAt = System.nanoTime();
            members[first].destroyForcibly();
            assertTrue(members[first].waitFor(10, TimeUnit.SECONDS), "the " + victim + "'s JVM gone");
            assertEquals(137, members[first].exitValue(), "killed by SIGKILL");
            publish(feed, frames, EVENTS / 2, EVENTS);
            final int next = leader(members);
            final long electedNs = System.nanoTime() - killedAt;
            if (!killLeader)
            {
                assertEquals(leaderBefore, next, "a follower's loss changes no leader");
            }
            await("an output after the kill", () -> orders.poll() > 0 && orders.highest() > seenAtKill);
            System.out.printf("cluster failover (processes): %s %d killed; leader %d after %d ms, "
                + "first new output after %d ms%n", victim, first, next, electedNs / 1_000_000,
                (System.nanoTime() - killedAt) / 1_000_000);

            await("every event handled", () -> everyLive(members, (i) -> counter(i, "events_in") == EVENTS));
            await("every output received", () ->
            {
                alerts.poll();
                orders.poll();
                return alerts.count() == reference.alerts().size() && orders.count() == reference.orders().size();
            });
            assertEquals(reference.alerts(), alerts.inOrder(), "alerts, by outputSequence, each once");
            assertEquals(reference.orders(), orders.inOrder(), "orders, by outputSequence, each once");
            if (killLeader)
            {
                assertTrue(gateway.leaderChanges() >= 1, "the gateway saw the new leader");
            }
            else
            {
                assertEquals(0, gateway.leaderChanges(), "no new leader, nothing sent again");
                assertEquals(0, gateway.resent());
            }

            // The killed member back: no snapshot yet, so it replays its own log, then catches up from the leader. Not
            // before its archive's and consensus module's mark files have gone stale (10 s without an update): until
            // then they look like a member still running and Aeron refuses to start on them.
            final long staleNs =
                killedAt + TimeUnit.MILLISECONDS.toNanos(MARK_FILE_LIVENESS_MS + 500) - System.nanoTime();
            if (staleNs > 0)
            {
                LockSupport.parkNanos(staleNs);
            }
            members[first] = startMember(processes, "member-" + first + "-restarted", first, false);
            processes.awaitLine("member-" + first + "-restarted", members[first], "ringside cluster member", 60);
            await("the restarted member caught up", () -> counter(first, "events_in") == EVENTS);

            final PrintStream toolOut = new PrintStream(new ByteArrayOutputStream());
            assertTrue(ClusterTool.snapshot(clusterDir(leader(members)), toolOut), "ClusterTool snapshot");
            await("the snapshot on every member",
                () -> everyLive(members, (i) -> counter(i, RingsideClusteredService.SNAPSHOTS_COUNTER) >= 1));
            final long state = counter(next, RingsideClusteredService.STATE_DIGEST_COUNTER);
            assertNotEquals(0, state);
            for (int i = 0; i < MEMBERS; i++)
            {
                assertEquals(state, counter(i, RingsideClusteredService.STATE_DIGEST_COUNTER),
                    "state digest of member " + i);
                assertEquals(reference.digest(), counter(i, OutputDigest.COUNTER_NAME), "output digest of member " + i);
            }
            processes.assertNoCrashReport();
            System.out.printf("cluster failover (processes): %d events, whole test %d ms%n", EVENTS,
                (System.nanoTime() - started) / 1_000_000);
        }
        catch (final Exception | AssertionError ex)
        {
            if (null != diagnostics[0])
            {
                System.err.println(diagnostics[0].get());
            }
            for (int i = 0; i < MEMBERS; i++)
            {
                for (final String name : List.of("member-" + i, "member-" + i + "-restarted"))
                {
                    if (dir.resolve(name + ".out").toFile().exists())
                    {
                        System.err.println("--- " + name + " ---\n" + new RingsideProcesses(dir).output(name));
                    }
                }
            }
            throw ex;
        }
        finally
        {
            CloseHelper.closeAll(gatewayRunner, client);
            CloseHelper.close(driver);
        }
    }

    private Process startMember(final RingsideProcesses processes, final String name, final int id,
        final boolean clean) throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("cluster", "--member", "" + id,
            "--base-port", "" + BASE_PORT,
            "--cluster-dir", dir.resolve("cluster").toString(),
            "--aeron-dir", dir.resolve("aeron").toString(),
            "--egress-channel", EGRESS,
            "--heartbeat-timeout", "1500ms",
            // No silence timers: the failover is a silence of seconds, after which they would cancel the quotes, which
            // a single engine fed without a pause does not. ClusterTimersTest has them.
            "--timer-interval", "0"));
        if (clean)
        {
            args.add("--clean");
        }
        return processes.start(name, args);
    }

    private File clusterDir(final int member)
    {
        return dir.resolve("cluster").resolve("member-" + member).resolve("cluster").toFile();
    }

    private Path aeronDir(final int member)
    {
        return dir.resolve("aeron-cluster-" + member);
    }

    private long counter(final int member, final String name)
    {
        return RingsideProcesses.counter(aeronDir(member), EngineCounters.LABEL_PREFIX + name);
    }

    private interface MemberCheck
    {
        boolean test(int member);
    }

    private static boolean everyLive(final Process[] members, final MemberCheck check)
    {
        for (int i = 0; i < members.length; i++)
        {
            if (members[i].isAlive() && !check.test(i))
            {
                return false;
            }
        }
        return true;
    }

    /** The live member whose consensus module says it leads, from the role counter on its driver. */
    private int leader(final Process[] members)
    {
        final int[] leader = { -1 };
        await("a leader", () ->
        {
            for (int i = 0; i < members.length; i++)
            {
                if (members[i].isAlive() && Cluster.Role.LEADER.code() ==
                    counterOfType(aeronDir(i), ConsensusModule.Configuration.CLUSTER_NODE_ROLE_TYPE_ID))
                {
                    leader[0] = i;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /** The first counter of the type on the driver's CnC file, -1 when there is none (yet). */
    private static long counterOfType(final Path aeronDir, final int typeId)
    {
        final File cnc = aeronDir.resolve(CncFileDescriptor.CNC_FILE).toFile();
        if (!cnc.isFile() || cnc.length() == 0)
        {
            return -1;
        }
        final MappedByteBuffer buffer = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(buffer);
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(buffer, metaData),
                CncFileDescriptor.createCountersValuesBuffer(buffer, metaData));
            final long[] value = { -1 };
            counters.forEach((id, type, key, label) ->
            {
                if (type == typeId && -1 == value[0])
                {
                    value[0] = counters.getCounterValue(id);
                }
            });
            return value[0];
        }
        finally
        {
            IoUtil.unmap(buffer);
        }
    }
}
