package io.ringside.cli;

import picocli.CommandLine.Option;

import java.util.concurrent.TimeUnit;

/** How old an engine's heartbeat may be before the commands that watch it call it gone. */
final class StaleAfterOption
{
    @Option(names = "--stale-after", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "3s",
        description = "An engine whose heartbeat (Aeron's client heartbeat, every 500ms) is older than this is gone: "
            + "killed, crashed or hung. Default: ${DEFAULT-VALUE}.")
    long staleAfterNs;

    long millis()
    {
        final long ms = TimeUnit.NANOSECONDS.toMillis(staleAfterNs);
        if (ms < 1)
        {
            throw new IllegalArgumentException("--stale-after: must be >= 1ms: " + staleAfterNs + "ns");
        }
        return ms;
    }
}
