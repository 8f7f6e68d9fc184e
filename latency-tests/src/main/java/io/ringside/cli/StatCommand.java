package io.ringside.cli;

import io.ringside.latency.report.CounterStat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside stat}: a running engine's counters, as Aeron's AeronStat reads a driver's. */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Print the counters of a running engine (and its media driver) from the CnC file, like "
        + "Aeron's AeronStat: events in per type, rejected per reason, gaps, duplicates, alerts, orders, "
        + "back-pressure, ring capacity left.")
final class StatCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeron;

    @Option(names = "--interval", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "1s",
        description = "Time between prints (1s, 250ms). Default: ${DEFAULT-VALUE}.")
    long intervalNs;

    @Option(names = "--once", description = "Print once and exit.")
    boolean once;

    @Option(names = "--all", description = "Also the media driver's own counters.")
    boolean all;

    public Integer call() throws InterruptedException
    {
        final long intervalMs = TimeUnit.NANOSECONDS.toMillis(intervalNs);
        if (intervalMs < 1)
        {
            throw new IllegalArgumentException("--interval: must be >= 1ms: " + intervalNs + "ns");
        }
        try (CounterStat stat = new CounterStat(aeron.aeronDir))
        {
            do
            {
                stat.print(System.out, !all);
                if (!once)
                {
                    Thread.sleep(intervalMs);
                }
            }
            while (!once);
        }
        return Ringside.EXIT_OK;
    }
}
