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
        final List<String> command = new ArrayList<>();
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
        command.addAll(args);
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    }
}
