package io.ringside.cli;

import io.aeron.CommonContext;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.EngineContext;
import io.ringside.engine.UndefinedInstrumentPolicy;
import io.ringside.latency.report.Report;
import io.ringside.latency.report.RunDirectory;
import io.ringside.strategies.trading.MarketMakerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: exit codes, and messages that name what to fix, never a stack trace. */
final class CliTest
{
    private static final String LOBSTER_LINE = "34200.000000001,1,1,100,1000000,1";

    @TempDir
    Path tempDir;


    private static CliRun run(final String... args)
    {
        return CliRun.of(args);
    }

    private static void assertNoStackTrace(final CliRun run)
    {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.toString());
        assertFalse(run.out().contains("\tat ") || run.out().contains("Exception"), run.toString());
    }

    /** Exit 1, one line on stderr: "ringside COMMAND: error: MESSAGE". */
    private static void assertFailedWith(final CliRun run, final String command, final String message)
    {
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("ringside " + command + ": error: " + message + System.lineSeparator(), run.err(), run.toString());
        assertNoStackTrace(run);
    }

    /** Exit 2, one line on stderr: the problem and where help is, nothing on stdout. */
    private static void assertBadUsage(final CliRun run, final String command, final String problem)
    {
        final String name = command.isEmpty() ? "ringside" : "ringside " + command;
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(name + ": error: " + problem + "; try '" + name + " --help'" + System.lineSeparator(), run.err(),
            run.toString());
        assertEquals("", run.out(), run.toString());
        assertNoStackTrace(run);
    }

    private static <T> T withProperty(final String name, final String value, final Supplier<T> action)
    {
        final String previous = System.getProperty(name);
        System.setProperty(name, value);
        try
        {
            return action.get();
        }
        finally
        {
            if (null == previous)
            {
                System.clearProperty(name);
            }
            else
            {
                System.setProperty(name, previous);
            }
        }
    }

    /** The command object picocli filled in for these arguments, nothing run. */
    private static <T> T parsed(final Class<T> type, final String... args)
    {
        ParseResult result = Ringside.commandLine().parseArgs(args);
        while (result.hasSubcommand())
        {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }

    private Path lobsterFile() throws Exception
    {
        final Path file = tempDir.resolve("TEST_2012-06-21_34200000_57600000_message_1.csv");
        Files.write(file, List.of(LOBSTER_LINE));
        return file;
    }

    /** An aeron dir nobody uses: a command that launched or connected to anything would create or wait on it. */
    private String unusedAeronDir()
    {
        return tempDir.resolve("aeron-unused").toString();
    }

    @Test
    void helpOfEachSubcommandExitsZeroAndPrintsItsUsage()
    {
        final String[][] expectations =
        {
            { "engine", "--ring-size", "--profile" },
            { "feed", "FILE", "--rate" },
            { "report", "--report-dir", "summary.json" },
            { "demo", "--data", "--rate" },
        };
        for (final String[] expectation : expectations)
        {
            final CliRun run = run(expectation[0], "--help");
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("Usage: ringside " + expectation[0] + " "), run.toString());
            assertTrue(run.out().contains(expectation[1]), run.toString());
            assertTrue(run.out().contains(expectation[2]), run.toString());
            assertEquals("", run.err(), run.toString());
        }
    }

    @Test
    void topLevelHelpAndNoArgumentsListTheSubcommands()
    {
        for (final String[] args : new String[][]{ { "--help" }, {} })
        {
            final CliRun run = run(args);
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("Usage: ringside "), run.toString());
            for (final String subcommand : new String[]{ "engine", "feed", "report", "demo" })
            {
                assertTrue(run.out().contains("  " + subcommand + " "), subcommand + " in\n" + run);
            }
        }
        final String expected = System.getProperty("ringside.expected.version");
        assertTrue(null != expected && !expected.isBlank(), "the build passes the project version to the tests");
        for (final String option : new String[]{ "--version", "-V" })
        {
            final CliRun version = run(option);
            assertEquals(0, version.exitCode(), version.toString());
            assertEquals("ringside " + expected + System.lineSeparator(), version.out());
        }
        final CliRun commit = withProperty(BuildVersion.COMMIT_PROPERTY, "abc1234", () -> run("engine", "--version"));
        assertEquals("ringside " + expected + " (commit abc1234)" + System.lineSeparator(), commit.out());
    }

    @Test
    void anUnknownOptionIsBadUsageNamingIt()
    {
        final CliRun run = run("report", "--bogus");
        assertBadUsage(run, "report", "Unknown option: '--bogus'");
        assertFalse(run.err().contains("Usage:"), "the problem, not the usage that would hide it: " + run);

        assertBadUsage(run("--frobnicate"), "", "Unknown option: '--frobnicate'");
    }

    @Test
    void aValueOfTheWrongTypeIsBadUsageNamingTheOption()
    {
        final CliRun run = run("engine", "--ring-size", "lots", "--aeron-dir", unusedAeronDir());
        assertBadUsage(run, "engine", "Invalid value for option '--ring-size': 'lots' is not an int");
        assertFalse(Files.exists(Path.of(unusedAeronDir())));
    }

    @Test
    void feedOfAMissingFileFailsNamingFile()
    {
        final CliRun run = run("feed", "/no/such/file", "--aeron-dir", unusedAeronDir(), "--no-progress");
        assertFailedWith(run, "feed", "FILE: no such file: /no/such/file");
        assertFalse(Files.exists(Path.of(unusedAeronDir())));
    }

    @Test
    void feedOfAFileThatIsNotLobsterFailsNamingTheFormatExpectedWithoutWaitingForAnEngine() throws Exception
    {
        final Path notes = tempDir.resolve("notes.txt");
        Files.write(notes, List.of("shopping list", "eggs, milk"));
        final CliRun run = run("feed", notes.toString(), "--aeron-dir", unusedAeronDir(), "--no-progress");
        assertFailedWith(run, "feed", "FILE: " + notes + " is not a format this feed reads: expected a Ringside "
            + "recording (RSIDEREC), NASDAQ TotalView-ITCH 5.0 (2-byte length-prefixed messages, plain or gzip), a CSV "
            + "of trades and quotes (a header row with time and symbol columns), a CSV of client activity (a header row "
            + "with time, event and instrument columns) or a LOBSTER message file (lines of "
            + "time,type,order id,size,price,direction)");
    }

    @Test
    void feedOfALobsterFileWhoseNameGivesNoSymbolFailsNamingSymbolWithoutWaitingForAnEngine() throws Exception
    {
        final Path file = tempDir.resolve("events.csv");
        Files.write(file, List.of(LOBSTER_LINE));
        final CliRun run = run("feed", file.toString(), "--aeron-dir", unusedAeronDir(), "--no-progress");
        assertFailedWith(run, "feed", "cannot tell the symbol of " + file
            + ": name it SYMBOL_yyyy-mm-dd_..._message_N.csv or give --symbol");
    }

    @Test
    void feedWithTwoPacingsFailsAskingForOne() throws Exception
    {
        final String file = lobsterFile().toString();
        assertFailedWith(run("feed", file, "--rate", "5", "--speed", "2", "--aeron-dir", unusedAeronDir()),
            "feed", "--rate, --speed and --max: choose one pacing");
        assertFailedWith(run("feed", file, "--rate", "5", "--max", "--aeron-dir", unusedAeronDir()),
            "feed", "--rate, --speed and --max: choose one pacing");
        assertFailedWith(run("feed", file, "--speed", "2", "--max", "--aeron-dir", unusedAeronDir()),
            "feed", "--rate, --speed and --max: choose one pacing");
        assertFalse(Files.exists(Path.of(unusedAeronDir())));
    }

    @Test
    void feedSettingsOutOfRangeFailNamingTheSetting() throws Exception
    {
        final String file = lobsterFile().toString();
        final String dir = unusedAeronDir();
        assertFailedWith(run("feed", file, "--rate", "0", "--aeron-dir", dir),
            "feed", "--rate must be from 1 to 1e9 events/s: 0");
        assertFailedWith(run("feed", file, "--speed", "-1", "--aeron-dir", dir),
            "feed", "--speed must be a positive number: -1.0");
        assertBadUsage(run("feed", file, "--speed", "2", "--max-gap", "-1", "--aeron-dir", dir), "feed",
            "Invalid value for option '--max-gap': '-1' is not a duration: a number with s, ms, us or ns (5s, 10ms, "
                + "500us)");
        assertFailedWith(run("feed", file, "--on-error", "maybe", "--aeron-dir", dir),
            "feed", "--on-error: expected skip or stop: maybe");
        assertFailedWith(run("feed", file, "--date", "21/06/2012", "--aeron-dir", dir),
            "feed", "--date: expected yyyy-mm-dd: 21/06/2012");
        assertFailedWith(run("feed", file, "--format", "parquet", "--aeron-dir", dir),
            "feed", "--format: unknown format 'parquet'; expected one of auto, lobster, itch, csv, recording, "
                + "activity");
        assertFailedWith(run("feed", file, "--instrument-id", "0", "--aeron-dir", dir),
            "feed", "--instrument-id: must be > 0: 0");
        assertBadUsage(run("feed", file, "--drain-timeout", "-1", "--aeron-dir", dir), "feed",
            "Invalid value for option '--drain-timeout': '-1' is not a duration: a number with s, ms, us or ns (5s, "
                + "10ms, 500us)");
        assertFalse(Files.exists(Path.of(dir)));
    }

    @Test
    void engineWithARingSizeThatIsNotAPowerOfTwoFailsBeforeLaunchingAnything()
    {
        final Path reportDir = tempDir.resolve("report");
        final CliRun run = run("engine", "--ring-size", "1000", "--aeron-dir", unusedAeronDir(),
            "--report-dir", reportDir.toString());
        assertFailedWith(run, "engine", "ring-size: must be a power of two from 2 to 16M: 1000");
        assertEquals("", run.out(), "not even the configuration is printed");
        assertFalse(Files.exists(Path.of(unusedAeronDir())), "no media driver was launched");
        assertFalse(Files.exists(reportDir));
    }

    @Test
    void engineWithAnUnknownProfileFailsNamingProfile()
    {
        final CliRun run = run("engine", "--profile", "turbo", "--aeron-dir", unusedAeronDir());
        assertFailedWith(run, "engine",
            "profile: unknown profile 'turbo'; expected auto, single, compact, shared or dedicated");
        assertFalse(Files.exists(Path.of(unusedAeronDir())));
    }

    @Test
    void engineSettingsOutOfRangeFailNamingTheSetting()
    {
        final String dir = unusedAeronDir();
        assertFailedWith(run("engine", "--term-length", "1000", "--aeron-dir", dir),
            "engine", "term-length: must be a power of two from 64 KiB to 1 GiB: 1000");
        assertFailedWith(run("engine", "--alert-stream", "7", "--order-stream", "7", "--aeron-dir", dir), "engine",
            "order-stream: must differ from alert-stream (7), alerts and orders have their own streams");
        assertFailedWith(run("engine", "--activity-stream", "1001", "--aeron-dir", dir), "engine",
            "activity-stream: must differ from ingress-stream (1001) on the same channel, client activity has its own "
                + "stream");
        assertFailedWith(run("engine", "--activity-stream", "1002", "--aeron-dir", dir), "engine",
            "activity-stream: 1002 is also an egress stream on the same channel");
        assertFailedWith(run("engine", "--activity-stream", "0", "--aeron-dir", dir), "engine",
            "activity-stream: stream id 0 is reserved");
        assertFailedWith(run("engine", "--price-band-bps", "0", "--aeron-dir", dir),
            "engine", "price-band-bps: must be >= 1: 0");
        assertFalse(Files.exists(Path.of(dir)));
    }

    @Test
    void clusterShardsOutOfRangeAndAShardMapNamingAShardNotRunningFailBeforeLaunchingAnything() throws Exception
    {
        final String dir = unusedAeronDir();
        assertBadUsage(run("cluster", "--shards", "0", "--aeron-dir", dir), "cluster", "--shards: must be 1 to 64: 0");
        assertBadUsage(run("cluster", "--shards", "65", "--aeron-dir", dir), "cluster",
            "--shards: must be 1 to 64: 65");
        assertBadUsage(run("cluster", "--shards", "2", "--shard", "2", "--aeron-dir", dir), "cluster",
            "--shard: must be 0 to 1 (--shards 2): 2");
        final Path config = tempDir.resolve("shards.conf");
        Files.write(config, List.of("instrument.AAPL.shard = 2"));
        assertFailedWith(run("cluster", "--gateway", "--shards", "2", "--config", config.toString(), "--aeron-dir",
            dir),
            "cluster", "instrument.AAPL.shard = 2: only shards 0 to 1 run (--shards 2)");
        assertFalse(Files.exists(Path.of(dir)), "no media driver was launched");
    }

    @Test
    void demoRefusesAMissingDataFileAndAnExternalDriverBeforeLaunchingAnything()
    {
        final String dir = unusedAeronDir();
        assertFailedWith(run("demo", "--data", "/no/such.csv", "--aeron-dir", dir),
            "demo", "--data: no such file: /no/such.csv");
        final Path bundled = Path.of("data", "AAPL_2012-06-21_34200000_37800000_message_50.csv");
        assertTrue(Files.isRegularFile(bundled), "the bundled demo data, from the module directory: " + bundled);
        assertFailedWith(run("demo", "--data", bundled.toString(), "--external-driver", "--aeron-dir", dir),
            "demo", "--external-driver: the demo runs its own embedded driver");
        assertFalse(Files.exists(Path.of(dir)));
    }

    @Test
    void reportOfAMissingDirectoryFailsNamingDir()
    {
        final CliRun run = run("report", "--report-dir", "/no/such");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("ringside report: error: --report-dir: no such directory: /no/such"),
            run.toString());
        assertNoStackTrace(run);
    }

    @Test
    void reportOfARunPrintsTheTableAndWritesTheFiles() throws Exception
    {
        final Path dir = tempDir.resolve("run");
        RunDirectory.writeEngine(dir);
        RunDirectory.writeFeed(dir);
        final CliRun run = run("report", "--report-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("ringside latency report: " + dir + System.lineSeparator()), run.toString());
        assertTrue(run.out().contains("  feed: fixed rate, 50000 events/s, 91998 events sent at 50000.0 events/s"),
            run.toString());
        assertTrue(run.out().contains(String.format("%-22s %10d", "end_to_end", 100)), run.toString());
        assertTrue(run.out().contains("written: ["), run.toString());
        assertTrue(Files.isRegularFile(dir.resolve(Report.SUMMARY_FILE)));
        assertTrue(Files.isRegularFile(dir.resolve("end_to_end.hgrm")));
        assertTrue(Files.isRegularFile(dir.resolve("custom.stage.hgrm")));
    }

    @Test
    void helpCommandPrintsACommandsUsageAndExitsZero()
    {
        final CliRun run = run("help", "engine");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Usage: ringside engine "), run.toString());
        assertTrue(run.out().contains("--term-length"), run.toString());
        assertEquals("", run.err(), run.toString());
    }

    @Test
    void everyCommandIsListedAndReachable()
    {
        final CliRun run = run("--help");
        for (final String command : Ringside.commandLine().getSubcommands().keySet())
        {
            assertTrue(run.out().contains("  " + command + " "), command + " in\n" + run);
            if (!"jmh".equals(command))
            {
                assertEquals(0, run(command, "--help").exitCode(), command);
            }
        }
    }

    @Test
    void sizesAndDurationsAreWrittenAsAeronWritesThem()
    {
        final EngineContext ctx = parsed(EngineCommand.class, "engine", "--term-length", "16m",
            "--latency-interval", "500ms", "--recovery-timeout", "5s", "--snapshot-interval", "2s",
            "--mm-min-requote-interval", "250us").options.toContext().conclude();
        assertEquals(16 * 1024 * 1024, ctx.termBufferLength());
        assertEquals(500, ctx.latencyIntervalMs());
        assertEquals(5_000, ctx.durableLog().recoveryTimeoutMs());
        assertEquals(2_000, ctx.snapshots().intervalMs());
        assertEquals(250_000, ctx.tradingConfig().marketMaker().minRequoteIntervalNs());
        assertEquals(64 * 1024, parsed(EngineCommand.class, "engine", "--term-length",
            "64k").options.driver.termLength);
        assertEquals(16 * 1024 * 1024, parsed(EngineCommand.class, "engine", "--term-length", "16777216")
            .options.driver.termLength);
        assertEquals(2 * 1024 * 1024, parsed(EngineCommand.class, "engine").options.toContext().conclude()
            .termBufferLength(), "the default: small enough that the driver's cleaning and unmapping stay short");

        final DriverCommand driver = parsed(DriverCommand.class, "driver", "--segment-length", "256m",
            "--retain-bytes", "4g", "--client-timeout", "3s", "--retention-interval", "10s");
        assertEquals(256 * 1024 * 1024, driver.segmentLength);
        assertEquals(4L << 30, driver.retainBytes);
        assertEquals(3_000_000_000L, driver.clientTimeoutNs);
        assertEquals(10_000_000_000L, driver.retentionIntervalNs);

        assertBadUsage(run("engine", "--term-length", "16q", "--aeron-dir", unusedAeronDir()), "engine",
            "Invalid value for option '--term-length': '16q' is not a size: bytes, optionally with k, m or g (64k, "
                + "16m, 1g)");
        assertFalse(Files.exists(Path.of(unusedAeronDir())));
    }

    @Test
    void enumValuesAreCaseInsensitiveAndTheSameOnEveryCommand()
    {
        final EngineContext ctx = parsed(EngineCommand.class, "engine", "--driver-threading", "dedicated",
            "--undefined-instruments", "Refuse").options.toContext().conclude();
        assertEquals(ThreadingMode.DEDICATED, ctx.driverThreadingMode());
        assertEquals(UndefinedInstrumentPolicy.REFUSE, ctx.undefinedInstruments());
        assertEquals(DriverThreading.SHARED_NETWORK,
            parsed(DriverCommand.class, "driver", "--driver-threading", "shared_network").driver.threading);
        assertEquals(DriverThreading.DEDICATED,
            parsed(EchoCommand.class, "echo", "--driver-threading", "DEDICATED").driver.threading);
        assertEquals("sleeping", parsed(DriverCommand.class, "driver", "--driver-idle", "sleeping").driver.idle);
    }

    @Test
    void theAeronDirectoryDefaultsToTheAeronDirPropertyAsEveryAeronToolDoes()
    {
        final String dir = tempDir.resolve("from-property").toString();
        final String viaProperty = withProperty(CommonContext.AERON_DIR_PROP_NAME, dir,
            () -> parsed(StatCommand.class, "stat").aeron.aeronDir);
        assertEquals(dir, viaProperty);
        final String given = withProperty(CommonContext.AERON_DIR_PROP_NAME, dir,
            () -> parsed(EngineCommand.class, "engine", "--aeron-dir", "/given").options.aeron.aeronDir);
        assertEquals("/given", given, "the option beats the property");
        final String env = System.getenv(AeronDirOption.AERON_DIR_ENV);
        final String unset = withProperty(CommonContext.AERON_DIR_PROP_NAME, "",
            () -> parsed(FeedCommand.class, "feed", "f").aeron.aeronDir);
        assertEquals(null == env || env.isBlank() ? EngineContext.defaultAeronDirectory() : env, unset);
    }

    @Test
    void theAeronDirEnvironmentVariableIsTheDefaultWithoutTheProperty() throws Exception
    {
        // The environment of this JVM cannot be changed: a child JVM gets AERON_DIR and prints stat's usage.
        final String dir = tempDir.resolve("from-env").toString();
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens"))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Ringside.class.getName(), "stat",
            "--help"));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(AeronDirOption.AERON_DIR_ENV, dir);
        final Process process = builder.start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        // Usage help wraps at any space or dot, so where a line breaks depends on the temporary directory's length.
        assertTrue(out.replaceAll("\\s+", "").contains("Default:" + dir + ":theaeron.dir"), out);
    }

    @Test
    void optionsGivenOnTheCommandLineWinOverTheConfigurationFile() throws Exception
    {
        final Path conf = tempDir.resolve("ringside.conf");
        Files.write(conf, List.of("surveillance.price-band.max-deviation-bps = 40",
            "strategy.market-maker.quote-quantity = 300", "strategy.market-maker.half-spread-ticks = 6"));
        final EngineContext ctx = parsed(EngineCommand.class, "engine", "--price-band-bps", "9", "--config",
            conf.toString(), "--mm-half-spread-ticks", "1").options.toContext().conclude();
        assertEquals(9, ctx.surveillanceConfig().priceBand().maxDeviationBps());
        assertEquals(1, ctx.tradingConfig().marketMaker().halfSpreadTicks());
        assertEquals(300, ctx.tradingConfig().marketMaker().quoteQuantity(), "not given: the file's");
        assertEquals(MarketMakerConfig.DEFAULT_REQUOTE_TICKS, ctx.tradingConfig().marketMaker().requoteTicks(),
            "in neither: the default");
    }

    @Test
    void everyOptionHasADescriptionAndALabelAndOneLabelPerName()
    {
        final Pattern defaultLabel = Pattern.compile("<[a-z][A-Za-z0-9]*>");
        final Map<String, String> labels = new HashMap<>();
        final List<CommandLine> commands = new ArrayList<>(List.of(Ringside.commandLine()));
        int checked = 0;
        while (!commands.isEmpty())
        {
            final CommandSpec spec = commands.remove(0).getCommandSpec();
            commands.addAll(spec.subcommands().values());
            final List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (final ArgSpec arg : args)
            {
                final String name = spec.qualifiedName() + " " + (arg instanceof OptionSpec ?
                    ((OptionSpec)arg).longestName() : arg.paramLabel());
                final String description = String.join(" ", arg.description()).trim();
                assertFalse(description.isEmpty(), name + " has no description");
                assertFalse(description.matches("Default: \\$\\{DEFAULT-VALUE}\\.?"), name + " says only its default");
                if (arg.arity().max() > 0)
                {
                    assertFalse(defaultLabel.matcher(arg.paramLabel()).matches(),
                        name + " has picocli's default label " + arg.paramLabel());
                    if (arg instanceof OptionSpec)
                    {
                        final String previous = labels.putIfAbsent(((OptionSpec)arg).longestName(), arg.paramLabel());
                        assertTrue(null == previous || previous.equals(arg.paramLabel()),
                            name + " is labelled " + arg.paramLabel() + " here and " + previous + " elsewhere");
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 150, "walked every command: " + checked);
    }

    @Test
    void completionPrintsAScriptForEveryCommand()
    {
        final CliRun run = run("completion");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("complete -F"), "a bash completion script");
        assertTrue(run.out().contains("recovery-bench") && run.out().contains("--term-length"),
            "every command and option");
    }
}
