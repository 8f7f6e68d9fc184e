package io.ringside.cli;

import picocli.CommandLine.Option;

/** Whether to embed a media driver or use one already running. */
final class ExternalDriverOption
{
    @Option(names = "--external-driver",
        description = "Use a media driver already running at --aeron-dir instead of embedding one.")
    boolean external;
}
