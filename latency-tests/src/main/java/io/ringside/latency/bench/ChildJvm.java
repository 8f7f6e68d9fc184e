package io.ringside.latency.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code ringside} command in a process of its own, with the same java, JVM flags and class path as this one, so a
 * configuration run apart pays for the same JVM as the others; its output, stdout and stderr, to one file.
 */
final class ChildJvm
{
    private ChildJvm()
    {
    }

    /** @param arguments the command and its options, as after {@code bin/ringside}. */
    static Process start(final List<String> arguments, final Path outputFile)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.ringside.cli.Ringside");
        command.addAll(arguments);
        try
        {
            Files.createDirectories(outputFile.toAbsolutePath().getParent());
            return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("bench: cannot start " + command.get(0) + ": " + ex.getMessage(), ex);
        }
    }

    /** SIGTERM, so it drains and writes what it writes at a stop; SIGKILL when it has not gone within a minute. */
    static void stop(final Process process)
    {
        if (process.isAlive())
        {
            process.destroy();
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

    /** Why a process that should be running is not: its exit value and where its output is. */
    static String exited(final Process process, final Path outputFile)
    {
        return outputFile.getFileName() + " process exited with " + process.exitValue() + "; see " + outputFile;
    }
}
