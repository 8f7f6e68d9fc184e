package io.ringside.cli;

import io.ringside.latency.bench.ScaleBench;
import io.ringside.latency.exchange.ExchangeDayGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside scale-bench}: {@link ScaleBench} on the command line. */
@Command(name = "scale-bench", mixinStandardHelpOptions = true,
    description = "The cost of scale: the same engine (each run a fresh one in its own process, default settings, "
        + "these JVM flags) on the AAPL hour (one instrument, looped) and on an exchange day (thousands of "
        + "instruments), rounds alternating the two. Per round and input: throughput (the first --max-events events "
        + "as fast as the engine takes them, GCs during it) and latency at --rate (warm-up, then a measured phase: "
        + "end to end and per stage, GCs, heap after the warm-up). Prints medians with min-max over the rounds and "
        + "the ratios exchange / aapl; writes bench-scale.json and every run's report into --report-dir. About 10 "
        + "minutes with the defaults on 2 cores.")
public final class ScaleBenchCommand implements Callable<Integer>
{
    @Option(names = "--aapl", paramLabel = "FILE",
        description = "The single-instrument baseline, ITCH 5.0 (plain or gzip). Default: "
            + GenerateCommand.DEFAULT_SOURCE + ", from the project directory.")
    Path aapl;

    @Option(names = "--exchange", paramLabel = "FILE",
        description = "The exchange day, ITCH 5.0 with a yyyy-mm-dd in its name. Default: one generated from --aapl "
            + "with --symbols and --messages into --data-dir, or the one generated there before with the same.")
    Path exchange;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "ringside-out/data",
        description = "Where a generated exchange day (1.5 GB with the defaults) is kept for the next run. "
            + "Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "" + ExchangeDayGenerator.DEFAULT_SYMBOLS,
        description = "Symbols of a generated exchange day. Default: ${DEFAULT-VALUE}.")
    int symbols;

    @Option(names = "--messages", paramLabel = "COUNT", defaultValue = "50m",
        converter = GenerateCommand.MessageCount.class,
        description = "Messages of a generated exchange day; k, m and g multiply. Default: ${DEFAULT-VALUE}.")
    long messages;

    @Option(names = "--max-events", paramLabel = "COUNT", defaultValue = "10m",
        converter = GenerateCommand.MessageCount.class,
        description = "Events each throughput run feeds, the input looped as needed (the AAPL hour is 92,083); "
            + "0 for the whole exchange day, and as many of the AAPL hour. 10m rather than the day's 50m keeps a run "
            + "at about 25 s instead of 2 minutes. Default: ${DEFAULT-VALUE}.")
    long maxEvents;

    @Option(names = "--rate", paramLabel = "EVENTS/S", defaultValue = "100000",
        description = "The latency runs' fixed rate, events/s. Default: ${DEFAULT-VALUE}.")
    long rate;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "5s",
        description = "Each latency run's warm-up, left out of its measurements (whole seconds). "
            + "Default: ${DEFAULT-VALUE}.")
    long warmupNs;

    @Option(names = "--measure", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "10s",
        description = "Each latency run's measured phase (whole seconds). Default: ${DEFAULT-VALUE}.")
    long measureNs;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
        description = "Rounds, each running aapl then exchange. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "ringside-out/scale-bench",
        description = "Where bench-scale.json and each run's directory go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    public Integer call()
    {
        Benchmarks.require("scale-bench");
        new ScaleBench(new ScaleBench.Settings(
            null != aapl ? aapl : Ringside.home().resolve(GenerateCommand.DEFAULT_SOURCE).normalize(),
            exchange, dataDir, symbols, messages, maxEvents, rate, TimeUnit.NANOSECONDS.toSeconds(warmupNs),
            TimeUnit.NANOSECONDS.toSeconds(measureNs), rounds, reportDir),
            System.out).run();
        return Ringside.EXIT_OK;
    }
}
