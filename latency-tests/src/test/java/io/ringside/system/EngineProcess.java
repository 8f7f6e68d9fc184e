package io.ringside.system;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `ringside engine` in a JVM of its own, as an operator runs it, on this test JVM's class path and module flags. */
final class EngineProcess
{
    private EngineProcess()
    {
    }

    /**
     * @param heap       the child's -Xmx, e.g. {@code 256m}.
     * @param engineArgs the engine command's options.
     * @param log        where its stdout and stderr go.
     */
    static Process start(final String heap, final List<String> engineArgs, final Path log) throws IOException
    {
        final List<String> args = new ArrayList<>();
        args.add("engine");
        args.addAll(engineArgs);
        return ringside(heap, args, log);
    }

    /**
     * Any {@code ringside} command in a JVM of its own.
     *
     * @param heap the child's -Xmx, e.g. {@code 64m}.
     * @param args the command and its options.
     * @param log  where its stdout and stderr go.
     */
    static Process ringside(final String heap, final List<String> args, final Path log) throws IOException
    {
        return builder(heap, args)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    }

    /**
     * Any command ({@code driver}, {@code feed}, ...), stdout and stderr apart, in {@code workingDirectory}: where a JVM
     * that crashed leaves its hs_err file.
     */
    static Process command(
        final List<String> commandAndArgs, final Path workingDirectory, final Path out, final Path err)
        throws IOException
    {
        return builder("256m", commandAndArgs)
            .directory(workingDirectory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    }

    /**
     * Whether {@code env --default-signal} is here to start a child with SIGINT's default action, as bin/ringside
     * does: a suite started in the background by a shell without job control ignores SIGINT, its children inherit
     * that, and a JVM that starts with SIGINT ignored keeps ignoring it, so a test of SIGINT would wait in vain.
     */
    private static final boolean DEFAULT_SIGINT = defaultSigintAvailable();

    private static boolean defaultSigintAvailable()
    {
        try
        {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ProcessBuilder builder(final String heap, final List<String> commandAndArgs)
    {
        final List<String> command = new ArrayList<>();
        if (DEFAULT_SIGINT)
        {
            command.add("env");
            command.add("--default-signal=INT");
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:-EliminateAllocations"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.ringside.cli.Ringside");
        command.addAll(commandAndArgs);
        return new ProcessBuilder(command);
    }
}
