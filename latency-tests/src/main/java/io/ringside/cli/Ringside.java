package io.ringside.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The top of the command line: {@code ringside COMMAND}, one small class per command. A command is added with one
 * line in the subcommands list below.
 */
@Command(
    name = "ringside",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "Low-latency financial event engine: Aeron ingress -> SBE -> Disruptor -> handlers -> Aeron egress.",
    subcommands = {
        HelpCommand.class,
        EngineCommand.class,
        FeedCommand.class,
        ReportCommand.class,
        DemoCommand.class,
        ConvertCommand.class,
        RecordCommand.class,
        BenchCommand.class,
        EchoCommand.class,
        StatCommand.class,
        ExporterCommand.class,
        ControlCommand.class,
        JmhCommand.class,
        GenerateCommand.class,
        ScaleBenchCommand.class,
        DriverCommand.class,
        ClusterCommand.class,
        ReplayCommand.class,
        DeadLettersCommand.class,
        RecoveryBenchCommand.class,
        CompletionCommand.class,
        TailCommand.class,
        DumpCommand.class,
        ErrorsCommand.class,
    })
public final class Ringside implements Callable<Integer>
{
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    /** `feed`: the engine refused some of the feed's events (3 and 4 are `report --compare`'s and `stat`'s own). */
    static final int EXIT_REFUSED = 5;

    /** One line per message with an ISO-8601 time, unless the JVM was told another format. */
    static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n";

    public static void main(final String[] args)
    {
        if (null == System.getProperty("java.util.logging.SimpleFormatter.format"))
        {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
        }
        // The engine logs its stop while the JVM shuts down on SIGTERM; other commands keep the JVM's usual logging.
        if (args.length > 0 && "engine".equals(args[0]) && null == System.getProperty("java.util.logging.manager"))
        {
            System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        }
        System.exit(execute(args));
    }

    /**
     * Run a command line and return its exit code: 0 done, 1 failed (the message says why), 2 bad usage; 3 to 5 are
     * commands' own (report --compare's regression, stat's engine states, feed's refused events).
     */
    public static int execute(final String... args)
    {
        if (args.length > 0 && "jmh".equals(args[0]))
        {
            // JMH parses its own arguments, in order; picocli would reorder options and positionals.
            return JmhCommand.run(Arrays.copyOfRange(args, 1, args.length));
        }
        return commandLine().execute(args);
    }

    /** The whole command tree, configured as {@link #execute(String...)} runs it. */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new Ringside())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(Ringside::badUsage)
            .setExecutionExceptionHandler(Ringside::failed);
        for (final CommandLine subcommand : commandLine.getSubcommands().values())
        {
            subcommand.getCommandSpec().versionProvider(new BuildVersion());
        }
        return commandLine;
    }

    public Integer call()
    {
        commandLine().usage(System.out);
        return EXIT_OK;
    }

    /** Where the launcher says the project is, for the bundled demo data. */
    static Path home()
    {
        return Path.of(System.getProperty("ringside.home", "."));
    }

    /** Bad usage: one line naming the problem and where help is, not the whole usage, which hides the problem. */
    private static int badUsage(final ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        final String name = cmd.getCommandSpec().qualifiedName();
        String suggestion = "";
        if (ex instanceof UnmatchedArgumentException)
        {
            final List<String> suggestions = ((UnmatchedArgumentException)ex).getSuggestions();
            suggestion = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
        }
        cmd.getErr().println(name + ": error: " + ex.getMessage() + suggestion + "; try '" + name + " --help'");
        cmd.getErr().flush();
        return EXIT_USAGE;
    }

    /** Data and configuration errors are the user's to fix: a message naming the setting, not a stack trace. */
    private static int failed(final Exception ex, final CommandLine cmd, final ParseResult parseResult) throws Exception
    {
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException ||
            ex instanceof UncheckedIOException)
        {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + ex.getMessage());
            cmd.getErr().flush();
            return EXIT_FAILED;
        }
        throw ex;
    }
}
