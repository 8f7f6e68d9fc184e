package io.ringside.cli;

import io.ringside.engine.EngineContext;
import picocli.CommandLine.Option;

/** How the engine's own threads wait for work: a profile, and each agent's strategy when the profile's is not wanted. */
final class IdleOptions
{
    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = EngineContext.PROFILE_AUTO,
        description = "The threads and how they wait: single (one thread: ingress runs the embedded driver, and each "
            + "event it puts in the ring through the handlers), compact (two threads, the embedded driver run by ingress, the "
            + "handlers on one parked consumer: few cores), shared (driver, ingress and three handler threads, "
            + "backoff and sleeping waits), dedicated (shared's threads busy spinning: isolated cores), auto (single "
            + "on up to 2 cores, compact on up to 4, else shared). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--ingress-idle", paramLabel = "STRATEGY", description = "Ingress agent idle strategy: backoff, "
        + "busy-spin, yielding, sleeping, noop. Default: from --profile.")
    String ingressIdle;

    @Option(names = "--egress-idle", paramLabel = "STRATEGY", description = "Egress back-pressure idle strategy: "
        + "backoff, busy-spin, yielding, sleeping, noop. Default: from --profile.")
    String egressIdle;

    EngineContext applyTo(final EngineContext ctx)
    {
        return ctx
            .profile(profile)
            .ingressIdleStrategy(ingressIdle)
            .egressIdleStrategy(egressIdle);
    }
}
