package io.ringside.cli;

import io.ringside.engine.EngineContext;
import picocli.CommandLine.Option;

/** Whether to embed a media driver or use one already running, and how long that one may stay silent. */
final class ExternalDriverOption
{
    @Option(names = "--external-driver",
        description = "Use a media driver already running at --aeron-dir instead of embedding one.")
    boolean external;

    @Option(names = "--driver-timeout", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = EngineContext.DEFAULT_DRIVER_TIMEOUT_MS + "ms", description = "A media driver silent this "
        + "long is gone: stop in order, write the summary and exit 1. Default: ${DEFAULT-VALUE}.")
    long driverTimeoutNs;
}
