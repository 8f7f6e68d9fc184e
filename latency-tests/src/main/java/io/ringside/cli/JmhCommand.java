package io.ringside.cli;

import org.openjdk.jmh.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code ringside jmh}: JMH, with its own arguments in its own order. */
@Command(name = "jmh",
    description = "Run the JMH benchmarks; every argument goes to JMH as given (jmh -h for JMH's help, jmh -l "
        + "to list; for example: jmh HandlerChain -prof gc -rf json -rff jmh.json).")
final class JmhCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "JMH-ARGS", description = "Arguments for JMH.")
    String[] jmhArgs = new String[0];

    public Integer call()
    {
        return run(jmhArgs);
    }

    static int run(final String[] args)
    {
        if (!Benchmarks.present())
        {
            System.err.println("ringside jmh: error: " + Benchmarks.absent("jmh"));
            return Ringside.EXIT_FAILED;
        }
        try
        {
            Main.main(args);
            return Ringside.EXIT_OK;
        }
        catch (final Exception ex)
        {
            System.err.println("ringside jmh: error: " + ex.getMessage());
            return Ringside.EXIT_FAILED;
        }
    }
}
