package io.ringside.latency.bench;

import io.ringside.engine.cluster.ClusterMember;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.report.FailoverTime;
import io.ringside.latency.report.Report;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The cluster's failover, once per bench: a fresh cluster fed at a fixed rate, warmed up as any run, then fed for
 * {@value #KILL_AFTER_SECONDS} s before its leader's process is killed with SIGKILL, and on for
 * {@value #AFTER_KILL_SECONDS} s more (the gateway holds and sends again what the dead leader never logged). From the
 * kill: the time until a surviving member's consensus module is leader (its role counter, polled every millisecond)
 * and, from what the feed receives ({@link FailoverWatch}), until the new leader's first output and the first output
 * not received before. The run's feed files are in failover-cluster-RATE.
 */
final class Failover
{
    static final long KILL_AFTER_SECONDS = 3;
    /** Well past a leader heartbeat timeout and an election on a loaded machine, so the new leader is seen. */
    static final long AFTER_KILL_SECONDS = 12;
    private static final long ELECTION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(AFTER_KILL_SECONDS);

    private final Bench bench;
    private final BenchContext ctx;

    Failover(final Bench bench, final BenchContext ctx)
    {
        this.bench = bench;
        this.ctx = ctx;
    }

    FailoverTime run(final long rate)
    {
        final BenchConfig config = BenchConfig.parse(BenchConfig.Kind.CLUSTER.text());
        final Path directory = ctx.reportDirectory().resolve("failover-" + config.directoryName() + "-" + rate);
        final String aeronDir = Bench.aeronDir();
        final FailoverWatch watch = new FailoverWatch();
        final AtomicReference<ClusterTarget.Kill> kill = new AtomicReference<>();
        final long[] electedNs = { -1 };
        final int[] newLeader = { -1 };
        final FeedResult result;
        try (ClusterTarget cluster = ClusterTarget.start(bench.engineContext(config, directory, aeronDir), directory))
        {
            final Feed warmUp = bench.feed(aeronDir, cluster, Pacing.rate(rate), rate * ctx.warmupSeconds(), 1,
                directory.resolve(Bench.WARMUP_DIRECTORY), Long.MIN_VALUE, null);
            warmUp.run();
            final Feed feed = bench.feed(aeronDir, cluster, Pacing.rate(rate),
                rate * (KILL_AFTER_SECONDS + AFTER_KILL_SECONDS), 2, directory, warmUp.lastEventTime() + 1, watch);
            final Thread killer = new Thread(() ->
            {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(KILL_AFTER_SECONDS));
                final ClusterTarget.Kill killed = cluster.killLeader();
                if (null == killed)
                {
                    return;
                }
                watch.killed(killed.atNs());
                kill.set(killed);
                while (System.nanoTime() - killed.atNs() < ELECTION_TIMEOUT_NS)
                {
                    final int leader = cluster.leader(killed.member());
                    if (leader >= 0)
                    {
                        electedNs[0] = System.nanoTime() - killed.atNs();
                        newLeader[0] = leader;
                        return;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }, "ringside-bench-failover");
            killer.setDaemon(true);
            killer.start();
            result = feed.run();
            join(killer);
        }
        Feed.write(result, directory);
        Report.read(directory).write();
        final ClusterTarget.Kill killed = kill.get();
        return new FailoverTime(rate, null == killed ? -1 : killed.member(), newLeader[0], electedNs[0],
            watch.newLeaderOutputNs(), watch.firstNewOutputNs(), ClusterMember.DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS,
            watch.repeated(), watch.lost(), directory.getFileName().toString());
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench: interrupted during the failover run", ex);
        }
    }
}
