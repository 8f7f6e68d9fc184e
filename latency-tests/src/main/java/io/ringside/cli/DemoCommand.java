package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.latency.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ringside demo}: {@link Demo} on the bundled data, or the file given. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the engine with an embedded media driver, feed it the bundled real AAPL data with the "
        + "scenario files planted in it, and print the summary and the latency report.")
final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--data", paramLabel = "FILE", description = "Market-data file. Default: the bundled AAPL hour ("
        + Demo.BUNDLED_DATA + ") with the scenario files of " + Demo.SCENARIOS + " and the configuration "
        + Demo.EXAMPLE_CONFIG + " (unless --config is given).")
    Path data;

    @Option(names = "--rate", paramLabel = "EVENTS/S", defaultValue = "" + Demo.DEFAULT_RATE,
        description = "Events/s. Default: ${DEFAULT-VALUE}.")
    long rate;

    @Option(names = "--warmup-passes", paramLabel = "N", defaultValue = "" + Demo.DEFAULT_WARMUP_PASSES,
        description = "Passes before the measured one, each on a separate engine fed the same data and then "
            + "dropped, so the measured pass runs warm code and still gives the same outputs; 0 measures the first "
            + "pass, mostly JIT compilation. Default: ${DEFAULT-VALUE}.")
    int warmupPasses;

    @Mixin
    EngineOptions options;

    public Integer call()
    {
        final Path file = null != data ? data : Ringside.home().resolve(Demo.BUNDLED_DATA);
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("--data: no such file: " + file);
        }
        final List<Path> files = null != data ? List.of(file) : Demo.bundledFiles(Ringside.home());
        if (null == data && null == options.config)
        {
            options.config = Ringside.home().resolve(Demo.EXAMPLE_CONFIG);
        }
        if (options.externalDriver.external)
        {
            throw new IllegalArgumentException("--external-driver: the demo runs its own embedded driver");
        }
        // A directory of its own, so the demo never disturbs an engine already running on the default one.
        if (options.aeron.isDefault())
        {
            options.aeron.aeronDir = options.aeron.aeronDir + "-demo-" + ProcessHandle.current().pid();
        }
        // A replay an hour long sent in two seconds: a pause of the machine is no silence of the market, so no timers,
        // and the same input gives the same outputs every time.
        final EngineContext engineCtx = options.toContext().timerIntervalNs(0);
        return new Demo(engineCtx, files, rate, warmupPasses, System.out, System.err).run() ?
            Ringside.EXIT_OK : Ringside.EXIT_FAILED;
    }
}
