package io.ringside.cli;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.latency.demo.Demo;
import io.ringside.transport.FailureLatch;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringside engine}: the engine, until a signal stops it. */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = "Run the engine until SIGINT or SIGTERM, then print its summary and write its counts and "
        + "histograms to --report-dir.")
final class EngineCommand implements Callable<Integer>
{
    /** Stopping drains the ring (30 s at most) after ingress has stopped (10 s at most); more than that is stuck. */
    static final long STOP_TIMEOUT_MS = 60_000;
    private static final String LOG_STOPPED = "the log stopped growing";
    private static final System.Logger LOG = System.getLogger(EngineCommand.class.getName());

    @Mixin
    EngineOptions options;

    public Integer call()
    {
        final EngineContext ctx = options.toContext().conclude();
        Demo.printConfiguration(System.out, ctx);
        // Closing the barrier releases the JVM's shutdown, which waits until the summary is out.
        final FailureLatch failures;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final Engine engine = Engine.launch(ctx);
            failures = engine.failures();
            failures.onFailure(barrier::signal);
            if (ctx.durableLog().durable())
            {
                final long loaded = engine.snapshotLoadedEvents();
                System.out.println(0 == loaded ? "recovery: no snapshot; the log is replayed from its start" :
                    String.format(Locale.ROOT, "recovery: started from a snapshot of %,d events; the log is "
                        + "replayed from there (the summary's events in count only what comes after)", loaded));
            }
            System.out.println("ringside engine running; SIGINT or SIGTERM stops it");
            System.out.flush();
            barrier.await();
            try (StopDeadline deadline = StopDeadline.start("ringside engine", STOP_TIMEOUT_MS, System.err);
                Engine stopping = engine)
            {
                final EngineSummary summary = stopping.stop();
                summary.print(System.out);
                if (ctx.durableLog().durable())
                {
                    System.out.println("  recovered outputs  " + stopping.suppressedOutputs()
                        + " recomputed from the log and not published again (an earlier run had)");
                }
                summary.writeTo(ctx.reportDirectory());
                System.out.println("counts and histograms written to " + ctx.reportDirectory());
            }
            // Before the barrier closes: on a signal, the JVM exits as soon as it has.
            if (failures.hasFailed())
            {
                final String reason = failures.reason();
                LOG.log(System.Logger.Level.ERROR, "stopped on a failure: {0}", reason);
                System.out.println("ringside engine stopped: " + reason + "; the counts above are the engine's as it "
                    + "stopped" + (!ctx.durableLog().durable() ? "" :
                    (reason.contains(LOG_STOPPED) ? "" : "; " + LOG_STOPPED) + "; restarted on a working driver and "
                    + "archive, a durable engine continues from the log"));
            }
        }
        return failures.hasFailed() ? Ringside.EXIT_FAILED : Ringside.EXIT_OK;
    }
}
