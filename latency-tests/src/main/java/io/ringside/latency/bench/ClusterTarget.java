package io.ringside.latency.bench;

import io.aeron.AeronCounters;
import io.aeron.cluster.service.Cluster;
import io.ringside.engine.EngineContext;
import io.ringside.latency.report.CounterStat;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Ringside cluster on this host as {@code docs/cluster.md} runs it: three {@code ringside cluster --member N}
 * processes, each with its own media driver, archive and consensus module, and {@code ringside cluster --gateway} on
 * the bench's driver directory, where the feed publishes; the members publish their outputs (the leader only) to a
 * UDP endpoint the feed listens on. A fresh cluster each time, on ports found free, its files in a scratch directory
 * deleted at the stop.
 */
final class ClusterTarget extends BenchTarget
{
    static final int MEMBERS = 3;
    private static final String HOSTS = "localhost,localhost,localhost";
    /** What the gateway prints once it is connected to the cluster's leader. */
    private static final String GATEWAY_READY = "ringside cluster gateway running";
    private static final long READY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    /** Clear of the defaults (20700) and the cluster tests' ports (21700), so a bench does not meet either. */
    private static final int FIRST_BASE_PORT = 22_700;
    /** The egress endpoint, after the members' ten ports each. */
    private static final int EGRESS_PORT_OFFSET = 90;

    private final Process[] members = new Process[MEMBERS];
    private final Path[] memberLogs = new Path[MEMBERS];
    private final String[] memberAeronDirs = new String[MEMBERS];
    private final Path clusterDir;
    private final String egressChannel;
    private Process gateway;
    private Path gatewayLog;
    private boolean stopped;

    /** A member killed: which, and when (System.nanoTime()) the signal went. */
    record Kill(int member, long atNs)
    {
    }

    private ClusterTarget(final String aeronDir, final int basePort, final Path clusterDir)
    {
        this.clusterDir = clusterDir;
        this.egressChannel = "aeron:udp?endpoint=localhost:" + (basePort + EGRESS_PORT_OFFSET);
        for (int i = 0; i < MEMBERS; i++)
        {
            // As `ringside cluster` names a member's own driver directory.
            memberAeronDirs[i] = aeronDir + "-cluster-" + i;
        }
    }

    /**
     * Three members, then the gateway once they run; returns when the gateway is connected to a leader.
     *
     * @param ctx       the bench's driver directory (the gateway's, where the feed publishes) and streams.
     * @param directory the run's directory: member-N.log and gateway.log go there.
     */
    static ClusterTarget start(final EngineContext ctx, final Path directory)
    {
        final int basePort = freeBasePort();
        final Path clusterDir;
        try
        {
            clusterDir = Files.createTempDirectory("ringside-bench-cluster-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("bench: cannot create a cluster directory: " + ex.getMessage(), ex);
        }
        final ClusterTarget target = new ClusterTarget(ctx.aeronDirectoryName(), basePort, clusterDir);
        try
        {
            final List<String> common = List.of("--members=" + HOSTS, "--base-port=" + basePort,
                "--cluster-dir=" + clusterDir, "--aeron-dir=" + ctx.aeronDirectoryName(),
                "--egress-channel=" + target.egressChannel);
            for (int i = 0; i < MEMBERS; i++)
            {
                final List<String> arguments = new ArrayList<>(List.of("cluster", "--member=" + i, "--clean"));
                arguments.addAll(common);
                target.memberLogs[i] = directory.resolve("member-" + i + ".log");
                target.members[i] = ChildJvm.start(arguments, target.memberLogs[i]);
            }
            final List<String> arguments = new ArrayList<>(List.of("cluster", "--gateway"));
            arguments.addAll(common);
            target.gatewayLog = directory.resolve("gateway.log");
            target.gateway = ChildJvm.start(arguments, target.gatewayLog);
            target.awaitReady();
            return target;
        }
        catch (final RuntimeException ex)
        {
            target.stop();
            throw ex;
        }
    }

    String egressChannel()
    {
        return egressChannel;
    }

    /** The leader's driver: its engine's counters are the cluster's as the feed sees it. */
    String countersDirectory()
    {
        final int leader = leader(-1);
        return leader < 0 ? null : memberAeronDirs[leader];
    }

    /**
     * A follower's driver: every member's engine handles the whole log, so a feed can wait on any one to have taken
     * in what it sent, and a follower's outlives the leader's kill. Null when there is no live follower.
     */
    String accountingDirectory()
    {
        final int leader = leader(-1);
        for (int i = 0; i < MEMBERS; i++)
        {
            if (i != leader && members[i].isAlive())
            {
                return memberAeronDirs[i];
            }
        }
        return null;
    }

    /** The member whose consensus module is leader, other than {@code excluded}; -1 when none is. */
    int leader(final int excluded)
    {
        for (int i = 0; i < MEMBERS; i++)
        {
            if (i != excluded && members[i].isAlive() && isLeader(memberAeronDirs[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLeader(final String aeronDir)
    {
        if (!Files.exists(Path.of(aeronDir, "cnc.dat")))
        {
            return false;
        }
        try (CounterStat stat = new CounterStat(aeronDir))
        {
            return stat.valueOfType(AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID) == Cluster.Role.LEADER.code();
        }
        catch (final RuntimeException notYet)
        {
            return false; // a CnC file being created, or of a driver gone
        }
    }

    /** SIGKILL to the leader's process, as a crash: no handover, nothing flushed; null when there is no leader. */
    Kill killLeader()
    {
        final int leader = leader(-1);
        if (leader < 0)
        {
            return null;
        }
        final long atNs = System.nanoTime();
        members[leader].destroyForcibly();
        return new Kill(leader, atNs);
    }

    private void awaitReady()
    {
        final long deadline = System.nanoTime() + READY_TIMEOUT_NS;
        while (System.nanoTime() < deadline)
        {
            for (int i = 0; i < MEMBERS; i++)
            {
                if (!members[i].isAlive())
                {
                    throw new IllegalStateException("bench: cluster " + ChildJvm.exited(members[i], memberLogs[i]));
                }
            }
            if (!gateway.isAlive())
            {
                throw new IllegalStateException("bench: cluster " + ChildJvm.exited(gateway, gatewayLog));
            }
            if (gatewayReady() && leader(-1) >= 0)
            {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new IllegalStateException("bench: the cluster had no leader with its gateway connected within "
            + TimeUnit.NANOSECONDS.toSeconds(READY_TIMEOUT_NS) + " s; see " + gatewayLog + " and member-N.log beside it");
    }

    private boolean gatewayReady()
    {
        try
        {
            return Files.exists(gatewayLog) &&
                Files.readString(gatewayLog, StandardCharsets.UTF_8).contains(GATEWAY_READY);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** The gateway first, so nothing is offered to a cluster going away; then the members; then their files. */
    void stop()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        if (null != gateway)
        {
            ChildJvm.stop(gateway);
        }
        for (final Process member : members)
        {
            if (null != member)
            {
                ChildJvm.stop(member);
            }
        }
        // A killed member's driver never deleted its directory.
        for (final String aeronDir : memberAeronDirs)
        {
            IoUtil.delete(Path.of(aeronDir).toFile(), true);
        }
        IoUtil.delete(clusterDir.toFile(), true);
    }

    /** The first base port from which the members' ports and the egress port are all free on loopback. */
    private static int freeBasePort()
    {
        for (int base = FIRST_BASE_PORT; base < FIRST_BASE_PORT + 100 * 60; base += 100)
        {
            if (free(base, MEMBERS * 10) && free(base + EGRESS_PORT_OFFSET, 1))
            {
                return base;
            }
        }
        throw new IllegalStateException("bench: no free UDP ports for a cluster from " + FIRST_BASE_PORT);
    }

    private static boolean free(final int from, final int count)
    {
        for (int port = from; port < from + count; port++)
        {
            try (DatagramSocket socket = new DatagramSocket(null))
            {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            catch (final SocketException inUse)
            {
                return false;
            }
        }
        return true;
    }
}
