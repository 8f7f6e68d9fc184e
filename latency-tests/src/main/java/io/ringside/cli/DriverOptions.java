package io.ringside.cli;

import io.ringside.engine.EngineContext;
import picocli.CommandLine.Option;

/** How a media driver this process launches runs: the same options on every command that launches one. */
final class DriverOptions
{
    @Option(names = "--driver-threading", paramLabel = "MODE",
        description = "Media driver threading: ${COMPLETION-CANDIDATES} (any case; invoker: run by the engine's "
            + "ingress thread, embedded driver only, without an archive or with a durable engine's, which that "
            + "thread runs too). Default: from --profile (invoker for single and compact where it can, else shared).")
    DriverThreading threading;

    @Option(names = "--driver-idle", paramLabel = "STRATEGY", defaultValue = EngineContext.DEFAULT_DRIVER_IDLE_STRATEGY,
        description = "Idle strategy of the media driver's (and its archive's) threads: backoff, busy-spin, yielding, "
            + "sleeping, noop. Default: ${DEFAULT-VALUE}.")
    String idle;

    @Option(names = "--term-length", paramLabel = "SIZE", converter = Units.IntSize.class,
        description = "Aeron term buffer length, a power of two from 64k to 1g (16m, 65536). Default: ${DEFAULT-VALUE}.")
    int termLength = EngineContext.DEFAULT_TERM_BUFFER_LENGTH;

    EngineContext applyTo(final EngineContext ctx)
    {
        return ctx
            .driverThreadingMode(null == threading ? null : threading.mode())
            .driverIdleStrategy(idle)
            .termBufferLength(termLength);
    }
}
