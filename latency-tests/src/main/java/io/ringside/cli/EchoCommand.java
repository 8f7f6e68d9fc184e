package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.latency.bench.AeronEcho;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code ringside echo}: the raw Aeron baseline the harness measures the engine against. */
@Command(name = "echo", mixinStandardHelpOptions = true,
    description = "The raw Aeron baseline: send every ingress frame straight back on the order stream, with no "
        + "engine, until SIGINT or SIGTERM. Takes the engine's transport options.")
final class EchoCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeron;

    @Mixin
    ExternalDriverOption externalDriver;

    @Mixin
    DriverOptions driver;

    @Mixin
    IngressOptions ingress;

    @Mixin
    EgressOptions egress;

    @Mixin
    IdleOptions idle;

    @Option(names = "--record", description = "Embedded driver only: record the ingress and egress streams with an "
        + "Aeron Archive, as the engine's embedded archive does. Default: no recording.")
    boolean record;

    public Integer call()
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(aeron.aeronDir)
            .embeddedDriver(!externalDriver.external)
            .driverTimeoutMs(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(externalDriver.driverTimeoutNs));
        ctx.streams()
            .ingressChannel(ingress.channel)
            .ingressStreamId(ingress.streamId)
            .egressChannel(egress.channel)
            .alertStreamId(egress.alertStreamId)
            .orderStreamId(egress.orderStreamId);
        ctx.durableLog().archive(record);
        driver.applyTo(ctx);
        idle.applyTo(ctx).conclude();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(); AeronEcho echo = new AeronEcho(ctx))
        {
            System.out.println("ringside echo running on " + ctx.aeronDirectoryName());
            System.out.flush();
            barrier.await();
        }
        return Ringside.EXIT_OK;
    }
}
