package io.ringside.latency.bench;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.latency.report.BenchPage;
import io.ringside.latency.report.CounterStat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** What a benchmark run drives: the engine or the echo, in this process or in a child process of its own. */
abstract class BenchTarget implements AutoCloseable
{
    static final String ENGINE = BenchPage.ENGINE;
    static final String BLOCKING_QUEUE = BenchPage.BLOCKING_QUEUE;
    static final String RAW_AERON = BenchPage.RAW_AERON;

    abstract void stop();

    public void close()
    {
        stop();
    }

    static BenchTarget start(
        final String config, final EngineContext ctx, final boolean ownProcess, final Path outputFile)
    {
        if (ownProcess)
        {
            return new ChildProcess(config, ctx, outputFile);
        }
        return RAW_AERON.equals(config) ? new InProcessEcho(ctx) : new InProcessEngine(ctx);
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
        private boolean stopped;

        InProcessEcho(final EngineContext ctx)
        {
            this.echo = new AeronEcho(ctx);
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

        ChildProcess(final String config, final EngineContext ctx, final Path outputFile)
        {
            this.outputFile = outputFile;
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.ringside.cli.Ringside");
            command.add(RAW_AERON.equals(config) ? "echo" : "engine");
            command.add("--aeron-dir=" + ctx.aeronDirectoryName());
            command.add("--profile=" + ctx.profile());
            if (RAW_AERON.equals(config))
            {
                if (ctx.durableLog().archive())
                {
                    command.add("--record");
                }
            }
            else
            {
                if (!ctx.durableLog().archive())
                {
                    command.add("--no-archive");
                }
                // The echo has no pipeline and writes no report: it takes the transport's options alone.
                command.add("--pipeline=" + ctx.pipeline());
                command.add("--report-dir=" + ctx.reportDirectory());
                command.add("--latency-interval=" + ctx.latencyIntervalMs() + "ms");
            }
            try
            {
                Files.createDirectories(outputFile.toAbsolutePath().getParent());
                process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile())
                    .start();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("bench: cannot start " + command.get(0) + ": " + ex.getMessage(), ex);
            }
            awaitReady(ctx.aeronDirectoryName());
        }

        private void awaitReady(final String aeronDir)
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline)
            {
                if (!process.isAlive())
                {
                    throw new IllegalStateException("bench: the " + outputFile.getFileName() + " process exited with "
                        + process.exitValue() + "; see " + outputFile);
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
            if (process.isAlive())
            {
                process.destroy(); // SIGTERM: the engine drains, prints and writes its summary
                try
                {
                    if (!process.waitFor(60, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly();
                    }
                }
                catch (final InterruptedException ex)
                {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
