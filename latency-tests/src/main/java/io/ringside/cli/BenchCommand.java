package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.latency.bench.Bench;
import io.ringside.latency.bench.BenchContext;
import io.ringside.latency.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside bench}: the latency harness. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "The latency harness: the engine at fixed rates on real order flow, side by side with raw Aeron "
        + "and with the same handlers behind ArrayBlockingQueues (and, with --configs, a durable engine, a cluster or "
        + "other profiles), in interleaved rounds, then a throughput search of raw Aeron and the engine. Prints one "
        + "table of medians per rate and writes every run's histograms and report, bench-summary.json and one page "
        + "for the lot, bench.html.")
final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--configs", paramLabel = "CONFIG", split = ",", defaultValue = "raw-aeron,engine,blocking-queue",
        description = "Configurations, in the order each round runs them: raw-aeron, engine, blocking-queue, durable "
            + "(the engine reading what its own archive records), cluster (three members and the gateway, each its "
            + "own process; adds one failover run), each but cluster optionally :PROFILE for that --profile "
            + "(engine:dedicated). Default: ${DEFAULT-VALUE}.")
    List<String> configs;

    @Option(names = "--failover-rate", paramLabel = "EVENTS/S", defaultValue = "10000",
        description = "With cluster in --configs: the rate of its one failover run, the leader killed with SIGKILL "
            + "mid-feed (0: none). Default: ${DEFAULT-VALUE}.")
    long failoverRate;

    @Option(names = "--rates", paramLabel = "EVENTS/S", split = ",", defaultValue = "10000,100000",
        description = "Fixed rates, events/s. Default: ${DEFAULT-VALUE}.")
    List<Long> rates;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "5s",
        description = "Warm-up of each run, not measured (whole seconds). Default: ${DEFAULT-VALUE}.")
    long warmupNs;

    @Option(names = "--measure", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "10s",
        description = "Measured phase of each run (whole seconds). Default: ${DEFAULT-VALUE}.")
    long measureNs;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = EngineContext.PROFILE_AUTO,
        description = "The engine's and raw Aeron echo's --profile: auto, single, compact, shared or dedicated. "
            + "Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--in-process", description = "Run the engine in this process instead of its own.")
    boolean inProcess;

    @Option(names = "--data", paramLabel = "FILE", description = "Market data to loop. Default: the bundled AAPL hour.")
    Path data;

    @Option(names = "--search-to", paramLabel = "EVENTS/S", defaultValue = "1600000",
        description = "Throughput search, raw Aeron echo and engine: double the rate from --search-from up to "
            + "this (0: no search). "
            + "Default: ${DEFAULT-VALUE}.")
    long searchTo;

    @Option(names = "--search-from", paramLabel = "EVENTS/S", defaultValue = "100000",
        description = "Throughput search: the first rate tried. Default: ${DEFAULT-VALUE}.")
    long searchFrom;

    @Option(names = "--search-p99", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "10ms",
        description = "Throughput search bound on p99 end to end. Default: ${DEFAULT-VALUE}.")
    long searchP99Ns;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
        description = "Rounds per configuration and rate, interleaved (the --configs in order, then again); tables give each percentile's median over the valid rounds with its min-max, and ratios of the "
            + "medians. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--pacing-bound", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = "1ms", description = "A run is invalid, and a search step not sustained, when its feed's "
            + "pacing error (actual - intended send time) p99 is over this: the feed fell behind its schedule. "
            + "Default: ${DEFAULT-VALUE}.")
    long pacingBoundNs;

    @Option(names = "--record", description = "Every configuration records its ingress and egress streams to disk "
        + "with an embedded Aeron Archive (raw Aeron's echo too). Default: none records.")
    boolean record;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = EngineContext.DEFAULT_REPORT_DIRECTORY + "/bench",
        description = "Where every run's directory, bench-summary.json and bench.html go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    public Integer call()
    {
        Benchmarks.require("bench");
        new Bench(new BenchContext()
            .configs(configs)
            .failoverRate(failoverRate)
            .rates(rates)
            .warmupSeconds(TimeUnit.NANOSECONDS.toSeconds(warmupNs))
            .measureSeconds(TimeUnit.NANOSECONDS.toSeconds(measureNs))
            .profile(profile)
            .ownProcess(!inProcess)
            .data(null != data ? data : Ringside.home().resolve(Demo.BUNDLED_DATA))
            .searchStartRate(searchFrom)
            .searchMaxRate(searchTo)
            .searchP99BoundMicros(searchP99Ns / 1_000.0)
            .rounds(rounds)
            .pacingBoundMicros(pacingBoundNs / 1_000.0)
            .record(record)
            .reportDirectory(reportDir), System.out).run();
        return Ringside.EXIT_OK;
    }
}
