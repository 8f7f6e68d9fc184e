package io.ringside.cli;

import io.ringside.latency.stat.EngineHealth;
import io.ringside.latency.stat.StatFormat;
import io.ringside.latency.stat.StatSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside stat}: a running engine's counters and whether it is alive, as Aeron's AeronStat reads a driver's. */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = {
        "Print whether the engine is live (its pid and heartbeat age) and its counters, read from the media "
            + "driver's CnC file like Aeron's AeronStat: events in per type, rejected per reason, gaps, duplicates, "
            + "alerts, orders, back-pressure, ring capacity left. Prints every --interval until the engine is no "
            + "longer live, or once with --once; from the second print on, events per second since the one before, "
            + "in all and per source (events_in/s, source.ID.events/s).",
        "Exit status: 0 live; 3 stopped (cleanly, or no engine or driver there); 4 gone (killed or crashed, or "
            + "its heartbeat older than --stale-after); 1 the CnC file cannot be read; 2 bad usage."
    })
final class StatCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeron;

    @Option(names = "--interval", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "1s",
        description = "Time between prints (1s, 250ms). Default: ${DEFAULT-VALUE}.")
    long intervalNs;

    @Option(names = "--once", description = "Print once and exit.")
    boolean once;

    @Option(names = "--all", description = "Also the media driver's own counters (text and json).")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text, json (one object per line) or prometheus (text exposition format 0.0.4). "
            + "Default: ${DEFAULT-VALUE}.")
    StatFormat format;

    @Mixin
    StaleAfterOption staleAfter;

    @Mixin
    EngineNameOption engine;

    public Integer call() throws InterruptedException
    {
        final long intervalMs = TimeUnit.NANOSECONDS.toMillis(intervalNs);
        if (intervalMs < 1)
        {
            throw new IllegalArgumentException("--interval: must be >= 1ms: " + intervalNs + "ns");
        }
        final Path directory = Path.of(aeron.aeronDir);
        final String name = engine.name;
        StatSample previous = null;
        while (true)
        {
            final StatSample sample = StatSample.read(directory, staleAfter.millis(), name);
            System.out.print(format.format(sample, all, previous));
            previous = sample;
            System.out.flush();
            final EngineHealth.State state = sample.health().state();
            // A reader gone (stat | head) shows only as an error the stream keeps: stop then, as the reader has.
            if (once || state != EngineHealth.State.LIVE || System.out.checkError())
            {
                return state.exitCode();
            }
            Thread.sleep(intervalMs);
        }
    }
}
