package io.ringside.latency.bench;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.StreamSettings;
import io.ringside.latency.report.CounterStat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a benchmark run drives: the engine or the echo, in this process or in a child process of its own, or a cluster
 * ({@link ClusterTarget}, always in processes of its own).
 */
abstract class BenchTarget implements AutoCloseable
{
    abstract void stop();

    /** The media driver whose CnC file holds the engine's counters; null when none is known. */
    abstract String countersDirectory();

    /** The media driver whose engine's counters a feed waits on; null: the feed's own. */
    String accountingDirectory()
    {
        return null;
    }

    /** Where the target publishes its outputs, for the feed to listen on. */
    String egressChannel()
    {
        return StreamSettings.DEFAULT_CHANNEL;
    }

    public void close()
    {
        stop();
    }

    /**
     * A fresh target of the configuration, ready for a feed.
     *
     * @param ctx        the engine's context for it: its driver directory, profile, pipeline and durable log.
     * @param ownProcess whether a single engine or the echo runs in a process of its own.
     * @param directory  the run's directory: process logs go there.
     */
    static BenchTarget start(
        final BenchConfig config, final EngineContext ctx, final boolean ownProcess, final Path directory)
    {
        if (BenchConfig.Kind.CLUSTER == config.kind())
        {
            return ClusterTarget.start(ctx, directory);
        }
        if (ownProcess)
        {
            return new ChildProcess(config.kind(), ctx, directory.resolve("process.log"));
        }
        return BenchConfig.Kind.RAW_AERON == config.kind() ? new InProcessEcho(ctx) : new InProcessEngine(ctx);
    }

    /**
     * The options of {@code ringside echo} or {@code ringside engine} that give a child process the context's target.
     * A durable engine keeps its archive whatever the recording setting: it reads what the archive has recorded.
     */
    static List<String> arguments(final BenchConfig.Kind kind, final EngineContext ctx)
    {
        final List<String> arguments = new ArrayList<>();
        arguments.add(BenchConfig.Kind.RAW_AERON == kind ? "echo" : "engine");
        arguments.add("--aeron-dir=" + ctx.aeronDirectoryName());
        arguments.add("--profile=" + ctx.profile());
        if (BenchConfig.Kind.RAW_AERON == kind)
        {
            if (ctx.durableLog().archive())
            {
                arguments.add("--record");
            }
            // The echo has no pipeline and writes no report: it takes the transport's options alone.
            return arguments;
        }
        if (ctx.durableLog().durable())
        {
            arguments.add("--durable");
        }
        else if (!ctx.durableLog().archive())
        {
            arguments.add("--no-archive");
        }
        arguments.add("--pipeline=" + ctx.pipeline());
        arguments.add("--report-dir=" + ctx.reportDirectory());
        arguments.add("--latency-interval=" + ctx.latencyIntervalMs() + "ms");
        return arguments;
    }

    private static final class InProcessEngine extends BenchTarget
    {
        private final Engine engine;
        private final EngineContext ctx;
        private boolean stopped;

        InProcessEngine(final EngineContext ctx)
        {
            this.ctx = ctx;
            this.engine = Engine.launch(ctx);
        }

        String countersDirectory()
        {
            return ctx.aeronDirectoryName();
        }

        void stop()
        {
            if (!stopped)
            {
                stopped = true;
                engine.stop().writeTo(ctx.reportDirectory());
                engine.close();
            }
        }
    }

    private static final class InProcessEcho extends BenchTarget
    {
        private final AeronEcho echo;
        private final String aeronDir;
        private boolean stopped;

        InProcessEcho(final EngineContext ctx)
        {
            this.echo = new AeronEcho(ctx);
            this.aeronDir = ctx.aeronDirectoryName();
        }

        String countersDirectory()
        {
            return aeronDir;
        }

        void stop()
        {
            if (!stopped)
            {
                stopped = true;
                echo.close();
            }
        }
    }

    /** The same JVM, flags and class path as this one, running {@code ringside engine} or {@code ringside echo}. */
    private static final class ChildProcess extends BenchTarget
    {
        private final Process process;
        private final Path outputFile;
        private final String aeronDir;

        ChildProcess(final BenchConfig.Kind kind, final EngineContext ctx, final Path outputFile)
        {
            this.outputFile = outputFile;
            this.aeronDir = ctx.aeronDirectoryName();
            process = ChildJvm.start(arguments(kind, ctx), outputFile);
            awaitReady();
        }

        String countersDirectory()
        {
            return aeronDir;
        }

        private void awaitReady()
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline)
            {
                if (!process.isAlive())
                {
                    throw new IllegalStateException("bench: the " + ChildJvm.exited(process, outputFile));
                }
                if (Files.exists(Path.of(aeronDir, "cnc.dat")))
                {
                    try (CounterStat stat = new CounterStat(aeronDir))
                    {
                        if (stat.engineCounter("events_in") >= 0)
                        {
                            return;
                        }
                    }
                    catch (final RuntimeException notYet)
                    {
                        // the CnC file exists before it is ready to read
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            process.destroyForcibly();
            throw new IllegalStateException("bench: " + outputFile.getFileName() + " not ready within 30 s; see "
                + outputFile);
        }

        void stop()
        {
            ChildJvm.stop(process);
        }
    }
}
