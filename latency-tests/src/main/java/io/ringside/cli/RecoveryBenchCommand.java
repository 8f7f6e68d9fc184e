package io.ringside.cli;

import io.ringside.latency.bench.RecoveryBench;
import io.ringside.latency.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ringside recovery-bench}: how fast a durable engine recovers, with and without a snapshot. */
@Command(name = "recovery-bench", mixinStandardHelpOptions = true,
    description = "Recovery speed: record N events with no engine running, then time a durable engine replaying "
        + "them all into its handlers (no snapshot), and one starting from a snapshot --snapshot-tail events "
        + "before the end.")
final class RecoveryBenchCommand implements Callable<Integer>
{
    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
        description = "Events recorded and recovered. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--snapshot-tail", paramLabel = "N", defaultValue = "10000",
        description = "Events after the snapshot the second recovery starts from. Default: ${DEFAULT-VALUE}.")
    long snapshotTail;

    @Option(names = "--scratch-dir", paramLabel = "DIR", description = "Scratch directory for the driver and the "
        + "archive (deleted after). Default: a new one under java.io.tmpdir.")
    Path scratchDir;

    public Integer call() throws IOException
    {
        Benchmarks.require("recovery-bench");
        final Path scratch = null != scratchDir ? scratchDir : Files.createTempDirectory("ringside-recovery-bench");
        RecoveryBench.run(Ringside.home().resolve(Demo.BUNDLED_DATA), events, snapshotTail, scratch, System.out);
        return Ringside.EXIT_OK;
    }
}
