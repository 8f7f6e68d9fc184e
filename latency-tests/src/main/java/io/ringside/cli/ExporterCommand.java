package io.ringside.cli;

import io.ringside.latency.stat.MetricsServer;
import io.ringside.latency.stat.PrometheusStat;
import io.ringside.latency.stat.StatSample;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ringside exporter}: the engine's counters for Prometheus, read from outside the engine. */
@Command(name = "exporter", mixinStandardHelpOptions = true,
    description = {
        "Serve the engine's counters and liveness over HTTP for Prometheus (GET /metrics, text format 0.0.4), read "
            + "from the media driver's CnC file at each scrape, so the engine does no work for it. An engine that "
            + "is stopped or gone is reported by ringside_engine_up and ringside_engine_state, not by an error. "
            + "Runs until SIGINT or SIGTERM.",
        "Exit status: the JVM's after the signal (130 SIGINT, 143 SIGTERM), once it has stopped listening; 1 cannot "
            + "listen, or --bind refused; 2 bad usage."
    })
final class ExporterCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeron;

    @Option(names = "--port", paramLabel = "PORT", required = true,
        description = "TCP port to listen on (0: any free one, printed at start).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "Address to listen on; a non-loopback one needs --allow-remote. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--allow-remote",
        description = "Allow a --bind address other hosts can reach: the counters are served without "
            + "authentication, so only behind a firewall or on a trusted network.")
    boolean allowRemote;

    @Mixin
    StaleAfterOption staleAfter;

    @Mixin
    EngineNameOption engine;

    public Integer call()
    {
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("--port: must be from 0 to 65535: " + port);
        }
        final InetAddress address = address();
        final Path directory = Path.of(aeron.aeronDir);
        final long staleAfterMs = staleAfter.millis();
        final String name = engine.name;
        // The barrier lets the JVM exit once it is closed, so the last words come before that.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            try (MetricsServer server = new MetricsServer(new InetSocketAddress(address, port),
                () -> PrometheusStat.format(StatSample.read(directory, staleAfterMs, name))))
            {
                final InetSocketAddress listening = server.address();
                System.out.println("ringside exporter: http://" + listening.getAddress().getHostAddress() + ":"
                    + listening.getPort() + MetricsServer.PATH + " serving the engine at " + directory
                    + "; SIGINT or SIGTERM stops it");
                System.out.flush();
                barrier.await();
            }
            System.out.println("ringside exporter: stopped");
            System.out.flush();
        }
        return Ringside.EXIT_OK;
    }

    private InetAddress address()
    {
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(bind);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("--bind: not an address or a known host name: " + bind);
        }
        if (!address.isLoopbackAddress())
        {
            if (!allowRemote)
            {
                throw new IllegalArgumentException("--bind: " + bind + " is reachable from other hosts and the "
                    + "counters are served without authentication; add --allow-remote to mean it");
            }
            System.err.println("ringside exporter: warning: serving on " + bind + ", reachable from other hosts, "
                + "without authentication");
        }
        return address;
    }
}
