package io.ringside.cli;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.EngineContext;
import io.ringside.engine.cluster.ClusterLayout;
import io.ringside.engine.cluster.ClusterMember;
import io.ringside.engine.cluster.IngressGateway;
import io.ringside.engine.cluster.ShardMap;
import io.ringside.engine.cluster.ShardRouter;
import io.ringside.engine.cluster.ShardedGateway;
import io.ringside.engine.config.RingsideConfig;
import io.ringside.engine.config.ShardAssignments;
import io.ringside.transport.EmbeddedMediaDriver;
import io.ringside.transport.IdleStrategies;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside cluster}: one member of a Ringside cluster, or its ingress gateway, until SIGINT or SIGTERM. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Run one member of a Ringside cluster (media driver, archive, consensus module and the engine as a "
        + "clustered service), or with --gateway the ingress gateway that forwards the engine's ingress streams "
        + "into the cluster, so feeds publish as they do to one engine. Outputs leave from the leader only. With "
        + "--shards N, instruments are spread over N clusters: members take --shard K, the one gateway routes each "
        + "instrument's events to its shard.")
final class ClusterCommand implements Callable<Integer>
{
    /** Messages the gateway keeps until acknowledged (up to 1 KiB each), shared equally by the shards. */
    private static final int KEPT_MESSAGES = 64 * 1024;
    private static final int MIN_KEPT_PER_SHARD = 1024;

    @Option(names = "--member", paramLabel = "N", defaultValue = "0",
        description = "This member's id: its place in --members, from 0. Default: ${DEFAULT-VALUE}.")
    int member;

    @Option(names = "--members", paramLabel = "HOSTS", split = ",", defaultValue = "localhost,localhost,localhost",
        description = "Every member's host, in id order. Default: ${DEFAULT-VALUE}.")
    List<String> hosts;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "" + ClusterLayout.DEFAULT_BASE_PORT,
        description = "Member N of shard K listens on ports from PORT + 100 K + 10 N (archive +1, ingress +2, "
            + "consensus +3, log +4, catch-up +5). Default: ${DEFAULT-VALUE}.")
    int basePort;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
        description = "Instruments spread over N clusters, each instrument on the shard the config's "
            + "instrument.SYMBOL.shard names, else on its symbol's hash; every member and the gateway take the same "
            + "N. 1 to " + ShardAssignments.MAX_SHARDS + ". Default: ${DEFAULT-VALUE}.")
    int shards;

    @Option(names = "--shard", paramLabel = "K", defaultValue = "0",
        description = "The shard this member belongs to, from 0 (the gateway serves every shard). "
            + "Default: ${DEFAULT-VALUE}.")
    int shard;

    @Option(names = "--max-instruments", paramLabel = "N", defaultValue = "" + EngineContext.DEFAULT_MAX_INSTRUMENTS,
        description = "Distinct instruments a member's engine holds state for, and with --shards the gateway "
            + "routes; a further instrument's events are refused (the gateway counts them). Default: "
            + "${DEFAULT-VALUE}.")
    int maxInstruments;

    @Option(names = "--cluster-dir", paramLabel = "DIR", defaultValue = "ringside-cluster",
        description = "Where member N keeps its archive and cluster files (DIR/member-N, with --shards "
            + "DIR/shard-K/member-N; ClusterTool reads its cluster/ directory). Default: ${DEFAULT-VALUE}.")
    Path clusterDir;

    @Option(names = "--clean", description = "Delete this member's archive and cluster files first: a new cluster.")
    boolean clean;

    @Option(names = "--heartbeat-timeout", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = ClusterMember.DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS + "ms",
        description = "A leader silent this long is replaced; the floor of a failover. Default: ${DEFAULT-VALUE}.")
    long heartbeatTimeoutNs;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Rules, strategies and sources, as the engine's; every member must have the same.")
    Path config;

    @Option(names = "--timer-interval", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = "1s", description = "After this much cluster time without an event, a timer from the cluster's "
            + "timer service (in the log, so every member takes it alike), so rules and strategies see time pass in a "
            + "quiet market; 0 for none. Every member must have the same. Default: ${DEFAULT-VALUE}.")
    long timerIntervalNs;

    @Option(names = "--gateway", description = "Run the ingress gateway instead of a member.")
    boolean gateway;

    @Option(names = "--gateway-host", paramLabel = "HOST", defaultValue = "localhost",
        description = "The gateway's address as the members reach it, for their replies. Default: ${DEFAULT-VALUE}.")
    String egressHost;

    @Mixin
    AeronDirOption aeron;

    @Mixin
    EngineStreams streams;

    @Spec
    CommandSpec spec;

    public Integer call()
    {
        if (shards < 1 || shards > ShardAssignments.MAX_SHARDS)
        {
            throw new ParameterException(spec.commandLine(),
                "--shards: must be 1 to " + ShardAssignments.MAX_SHARDS + ": " + shards);
        }
        if (shard < 0 || shard >= shards)
        {
            throw new ParameterException(spec.commandLine(),
                "--shard: must be 0 to " + (shards - 1) + " (--shards " + shards + "): " + shard);
        }
        final EngineContext ctx = streams.applyTo(new EngineContext().configFile(config))
            .maxInstruments(maxInstruments).timerIntervalNs(timerIntervalNs).conclude();
        // Checked on members too, so a member and the gateway never start on maps that disagree.
        final ShardMap shardMap = new ShardMap(shards,
            (null == config ? new RingsideConfig() : RingsideConfig.load(config)).shards());
        return gateway ? gateway(shardMap, ctx) : member(ClusterLayout.ofShard(hosts, basePort, shard), ctx);
    }

    private int member(final ClusterLayout layout, final EngineContext ctx)
    {
        // A member's driver is its own: feeds never publish to it, the gateway's driver is where they do.
        final String name = shards > 1 ? "shard-" + shard + "-cluster-" + member : "cluster-" + member;
        final String memberAeronDir = aeron.aeronDir + "-" + name;
        final Path memberDir = (shards > 1 ? clusterDir.resolve("shard-" + shard) : clusterDir)
            .resolve("member-" + member);
        // The engine's error log and counters live beside the member's driver, the one directory sure to exist.
        ctx.aeronDirectoryName(memberAeronDir);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            ClusterMember running = ClusterMember.launch(new ClusterMember.Settings()
                .memberId(member)
                .layout(layout)
                .dir(memberDir)
                .aeronDirectoryName(memberAeronDir)
                .cleanStart(clean)
                .leaderHeartbeatTimeoutMs(TimeUnit.NANOSECONDS.toMillis(heartbeatTimeoutNs)), ctx))
        {
            System.out.println("ringside cluster member " + member + " of " + layout.memberCount() +
                (shards > 1 ? " of shard " + shard + " of " + shards : "") + " running ("
                + layout.clusterMembers() + "); driver " + memberAeronDir + ", cluster dir " + running.clusterDir()
                + "; outputs on " + ctx.streams().egressChannel() + " from the leader; SIGINT or SIGTERM stops it");
            System.out.flush();
            barrier.await();
        }
        System.out.println("ringside cluster member " + member + " stopped");
        return Ringside.EXIT_OK;
    }

    private int gateway(final ShardMap shardMap, final EngineContext ctx)
    {
        MediaDriver driver = null;
        Aeron client = null;
        AgentRunner runner = null;
        ShardRouter router = null;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            // The gateway's agent does not run a driver: an INVOKER default (the compact profile) is SHARED here.
            driver = EmbeddedMediaDriver.launch(aeron.aeronDir, ThreadingMode.INVOKER == ctx.driverThreadingMode() ?
                ThreadingMode.SHARED : ctx.driverThreadingMode(),
                IdleStrategies.of("driver-idle", ctx.driverIdleStrategy()), ctx.termBufferLength());
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeron.aeronDir));
            final List<AeronCluster.Context> clusters = new ArrayList<>();
            final StringBuilder endpoints = new StringBuilder();
            for (int k = 0; k < shards; k++)
            {
                final ClusterLayout layout = ClusterLayout.ofShard(hosts, basePort, k);
                clusters.add(clusterClient(layout));
                endpoints.append(k > 0 ? "; " : "").append(shards > 1 ? "shard " + k + " " : "")
                    .append(layout.ingressEndpoints());
            }
            final Agent forwarder;
            if (shards > 1)
            {
                router = new ShardRouter(shardMap, ctx.maxInstruments());
                forwarder = new ShardedGateway(client, ctx.streams().ingressStreams(), clusters, router,
                    Math.max(MIN_KEPT_PER_SHARD, KEPT_MESSAGES / shards), ctx.fragmentLimit());
            }
            else
            {
                forwarder = new IngressGateway(client, ctx.streams().ingressStreams(), clusters.get(0),
                    KEPT_MESSAGES, ctx.fragmentLimit());
            }
            runner = new AgentRunner(IdleStrategies.of("ingress-idle", ctx.ingressIdleStrategy()),
                (ex) -> System.err.println("ringside cluster gateway: " + ex), null, forwarder);
            AgentRunner.startOnThread(runner);
            System.out.println("ringside cluster gateway running on " + aeron.aeronDir + ": " +
                ctx.streams().ingressStreams() + " into " + endpoints + "; SIGINT or SIGTERM stops it");
            System.out.flush();
            barrier.await();
            // Stopped and told while the barrier still holds the JVM's shutdown, which would otherwise cut it short.
            CloseHelper.closeAll(runner, client, driver);
            runner = null;
            client = null;
            driver = null;
            // Read once the agent has stopped: its thread was the router's only writer.
            System.out.println("ringside cluster gateway stopped" + (null == router ? "" : "; " + router.describe()));
            System.out.flush();
        }
        finally
        {
            CloseHelper.closeAll(runner, client, driver);
        }
        return Ringside.EXIT_OK;
    }

    private AeronCluster.Context clusterClient(final ClusterLayout layout)
    {
        return new AeronCluster.Context()
            .aeronDirectoryName(aeron.aeronDir)
            .ingressChannel("aeron:udp")
            .ingressEndpoints(layout.ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=" + egressHost + ":0")
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(30))
            .newLeaderTimeoutNs(TimeUnit.SECONDS.toNanos(30));
    }
}
