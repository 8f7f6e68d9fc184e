package io.ringside.cli;

/**
 * Whether this build carries the benchmarks and JMH: ringside.jar does, ringside-runtime.jar (what production runs)
 * does not, and there the commands that need them say so instead of failing on a missing class.
 */
final class Benchmarks
{
    private static final String[] NEEDED = { "org.openjdk.jmh.Main", "io.ringside.latency.bench.Bench" };

    private Benchmarks()
    {
    }

    static boolean present()
    {
        try
        {
            for (final String name : NEEDED)
            {
                Class.forName(name, false, Benchmarks.class.getClassLoader());
            }
            return true;
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            return false;
        }
    }

    /** The one-line reason a benchmark command cannot run in this build. */
    static String absent(final String command)
    {
        return command + ": not in this build: ringside-runtime.jar leaves out JMH and the benchmarks; run it from "
            + "ringside.jar (bin/ringside in a checkout)";
    }

    /** @throws IllegalStateException when the benchmarks are not in this build. */
    static void require(final String command)
    {
        if (!present())
        {
            throw new IllegalStateException(absent(command));
        }
    }
}
