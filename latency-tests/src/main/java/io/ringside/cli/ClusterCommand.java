package io.ringside.cli;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.ringside.engine.EngineContext;
import io.ringside.engine.cluster.ClusterLayout;
import io.ringside.engine.cluster.ClusterMember;
import io.ringside.engine.cluster.IngressGateway;
import io.ringside.transport.EmbeddedMediaDriver;
import io.ringside.transport.IdleStrategies;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside cluster}: one member of a Ringside cluster, or its ingress gateway, until SIGINT or SIGTERM. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Run one member of a Ringside cluster (media driver, archive, consensus module and the engine as a "
        + "clustered service), or with --gateway the ingress gateway that forwards the engine's ingress streams "
        + "into the cluster, so feeds publish as they do to one engine. Outputs leave from the leader only.")
final class ClusterCommand implements Callable<Integer>
{
    @Option(names = "--member", paramLabel = "N", defaultValue = "0",
        description = "This member's id: its place in --members, from 0. Default: ${DEFAULT-VALUE}.")
    int member;

    @Option(names = "--members", paramLabel = "HOSTS", split = ",", defaultValue = "localhost,localhost,localhost",
        description = "Every member's host, in id order. Default: ${DEFAULT-VALUE}.")
    List<String> hosts;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "" + ClusterLayout.DEFAULT_BASE_PORT,
        description = "Member N listens on ports from PORT + 10 N (archive +1, ingress +2, consensus +3, log +4, "
            + "catch-up +5). Default: ${DEFAULT-VALUE}.")
    int basePort;

    @Option(names = "--cluster-dir", paramLabel = "DIR", defaultValue = "ringside-cluster",
        description = "Where member N keeps its archive and cluster files (DIR/member-N; ClusterTool reads "
            + "DIR/member-N/cluster). Default: ${DEFAULT-VALUE}.")
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

    public Integer call()
    {
        final ClusterLayout layout = new ClusterLayout(hosts, basePort);
        final EngineContext ctx = streams.applyTo(new EngineContext().configFile(config))
            .timerIntervalNs(timerIntervalNs).conclude();
        return gateway ? gateway(layout, ctx) : member(layout, ctx);
    }

    private int member(final ClusterLayout layout, final EngineContext ctx)
    {
        // A member's driver is its own: feeds never publish to it, the gateway's driver is where they do.
        final String memberAeronDir = aeron.aeronDir + "-cluster-" + member;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            ClusterMember running = ClusterMember.launch(new ClusterMember.Settings()
                .memberId(member)
                .layout(layout)
                .dir(clusterDir.resolve("member-" + member))
                .aeronDirectoryName(memberAeronDir)
                .cleanStart(clean)
                .leaderHeartbeatTimeoutMs(TimeUnit.NANOSECONDS.toMillis(heartbeatTimeoutNs)), ctx))
        {
            System.out.println("ringside cluster member " + member + " of " + layout.memberCount() + " running ("
                + layout.clusterMembers() + "); driver " + memberAeronDir + ", cluster dir " + running.clusterDir()
                + "; outputs on " + ctx.streams().egressChannel() + " from the leader; SIGINT or SIGTERM stops it");
            System.out.flush();
            barrier.await();
        }
        System.out.println("ringside cluster member " + member + " stopped");
        return Ringside.EXIT_OK;
    }

    private int gateway(final ClusterLayout layout, final EngineContext ctx)
    {
        MediaDriver driver = null;
        Aeron client = null;
        AgentRunner runner = null;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            driver = EmbeddedMediaDriver.launch(aeron.aeronDir, ctx.driverThreadingMode(),
                IdleStrategies.of("driver-idle", ctx.driverIdleStrategy()), ctx.termBufferLength());
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeron.aeronDir));
            final IngressGateway forwarder = new IngressGateway(client, ctx.streams().ingressStreams(),
                new AeronCluster.Context()
                    .aeronDirectoryName(aeron.aeronDir)
                    .ingressChannel("aeron:udp")
                    .ingressEndpoints(layout.ingressEndpoints())
                    .egressChannel("aeron:udp?endpoint=" + egressHost + ":0")
                    .messageTimeoutNs(TimeUnit.SECONDS.toNanos(30))
                    .newLeaderTimeoutNs(TimeUnit.SECONDS.toNanos(30)),
                64 * 1024, ctx.fragmentLimit());
            runner = new AgentRunner(IdleStrategies.of("ingress-idle", ctx.ingressIdleStrategy()),
                (ex) -> System.err.println("ringside cluster gateway: " + ex), null, forwarder);
            AgentRunner.startOnThread(runner);
            System.out.println("ringside cluster gateway running on " + aeron.aeronDir + ": " +
                ctx.streams().ingressStreams() + " into " + layout.ingressEndpoints() + "; SIGINT or SIGTERM stops it");
            System.out.flush();
            barrier.await();
        }
        finally
        {
            CloseHelper.closeAll(runner, client, driver);
        }
        System.out.println("ringside cluster gateway stopped");
        return Ringside.EXIT_OK;
    }
}
