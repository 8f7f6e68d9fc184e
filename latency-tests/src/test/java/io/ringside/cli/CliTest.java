package io.ringside.cli;

import io.ringside.latency.report.Report;
import io.ringside.latency.report.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: exit codes, and messages that name what to fix, never a stack trace. */
final class CliTest
{
    private static final String LOBSTER_LINE = "34200.000000001,1,1,100,1000000,1";

    @TempDir
    Path tempDir;

    private record Run(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Run the command line in process with System.out and System.err captured (picocli writes to them lazily). */
    private static Run run(final String... args)
    {
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            exitCode = Ringside.execute(args);
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoStackTrace(final Run run)
    {
        assertFalse(run.err.contains("\tat ") || run.err.contains("Exception"), run.toString());
        assertFalse(run.out.contains("\tat ") || run.out.contains("Exception"), run.toString());
    }

    /** Exit 1, one line on stderr: "ringside COMMAND: error: MESSAGE". */
    private static void assertFailedWith(final Run run, final String command, final String message)
    {
        assertEquals(1, run.exitCode, run.toString());
        assertEquals("ringside " + command + ": error: " + message + System.lineSeparator(), run.err, run.toString());
        assertNoStackTrace(run);
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
            { "report", "--dir", "summary.json" },
            { "demo", "--data", "--rate" },
        };
        for (final String[] expectation : expectations)
        {
            final Run run = run(expectation[0], "--help");
            assertEquals(0, run.exitCode, run.toString());
            assertTrue(run.out.startsWith("Usage: ringside " + expectation[0] + " "), run.toString());
            assertTrue(run.out.contains(expectation[1]), run.toString());
            assertTrue(run.out.contains(expectation[2]), run.toString());
            assertEquals("", run.err, run.toString());
        }
    }

    @Test
    void topLevelHelpAndNoArgumentsListTheSubcommands()
    {
        for (final String[] args : new String[][]{ { "--help" }, {} })
        {
            final Run run = run(args);
            assertEquals(0, run.exitCode, run.toString());
            assertTrue(run.out.startsWith("Usage: ringside "), run.toString());
            for (final String subcommand : new String[]{ "engine", "feed", "report", "demo" })
            {
                assertTrue(run.out.contains("  " + subcommand + " "), subcommand + " in\n" + run);
            }
        }
        final Run version = run("--version");
        assertEquals(0, version.exitCode, version.toString());
        assertEquals("ringside 0.1.0" + System.lineSeparator(), version.out);
    }

    @Test
    void anUnknownOptionIsBadUsageNamingIt()
    {
        final Run run = run("report", "--bogus");
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("Unknown option: '--bogus'"), run.toString());
        assertTrue(run.err.contains("Usage: ringside report"), run.toString());
        assertEquals("", run.out);
        assertNoStackTrace(run);

        final Run topLevel = run("--frobnicate");
        assertEquals(2, topLevel.exitCode, topLevel.toString());
        assertTrue(topLevel.err.startsWith("Unknown option: '--frobnicate'"), topLevel.toString());
    }

    @Test
    void aValueOfTheWrongTypeIsBadUsageNamingTheOption()
    {
        final Run run = run("engine", "--ring-size", "lots", "--aeron-dir", unusedAeronDir());
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("Invalid value for option '--ring-size': 'lots' is not an int"), run.toString());
        assertNoStackTrace(run);
        assertFalse(Files.exists(Path.of(unusedAeronDir())));
    }

    @Test
    void feedOfAMissingFileFailsNamingFile()
    {
        final Run run = run("feed", "/no/such/file", "--aeron-dir", unusedAeronDir(), "--no-progress");
        assertFailedWith(run, "feed", "FILE: no such file: /no/such/file");
        assertFalse(Files.exists(Path.of(unusedAeronDir())));
    }

    @Test
    void feedOfAFileThatIsNotLobsterFailsNamingTheFormatExpectedWithoutWaitingForAnEngine() throws Exception
    {
        final Path notes = tempDir.resolve("notes.txt");
        Files.write(notes, List.of("shopping list", "eggs, milk"));
        final Run run = run("feed", notes.toString(), "--aeron-dir", unusedAeronDir(), "--no-progress");
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
        final Run run = run("feed", file.toString(), "--aeron-dir", unusedAeronDir(), "--no-progress");
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
        assertFailedWith(run("feed", file, "--speed", "2", "--max-gap-ms", "-1", "--aeron-dir", dir),
            "feed", "--max-gap must be >= 0: -1000000");
        assertFailedWith(run("feed", file, "--on-error", "maybe", "--aeron-dir", dir),
            "feed", "--on-error: expected skip or stop: maybe");
        assertFailedWith(run("feed", file, "--date", "21/06/2012", "--aeron-dir", dir),
            "feed", "--date: expected yyyy-mm-dd: 21/06/2012");
        assertFailedWith(run("feed", file, "--format", "parquet", "--aeron-dir", dir),
            "feed", "--format: unknown format 'parquet'; expected one of auto, lobster, itch, csv, recording, "
                + "activity");
        assertFailedWith(run("feed", file, "--instrument-id", "0", "--aeron-dir", dir),
            "feed", "--instrument-id: must be > 0: 0");
        assertFailedWith(run("feed", file, "--drain-timeout-ms", "-1", "--aeron-dir", dir),
            "feed", "--drain-timeout-ms: must be >= 0: -1");
        assertFalse(Files.exists(Path.of(dir)));
    }

    @Test
    void engineWithARingSizeThatIsNotAPowerOfTwoFailsBeforeLaunchingAnything()
    {
        final Path reportDir = tempDir.resolve("report");
        final Run run = run("engine", "--ring-size", "1000", "--aeron-dir", unusedAeronDir(),
            "--report-dir", reportDir.toString());
        assertFailedWith(run, "engine", "ring-size: must be a power of two from 2 to 16M: 1000");
        assertEquals("", run.out, "not even the configuration is printed");
        assertFalse(Files.exists(Path.of(unusedAeronDir())), "no media driver was launched");
        assertFalse(Files.exists(reportDir));
    }

    @Test
    void engineWithAnUnknownProfileFailsNamingProfile()
    {
        final Run run = run("engine", "--profile", "turbo", "--aeron-dir", unusedAeronDir());
        assertFailedWith(run, "engine", "profile: unknown profile 'turbo'; expected shared or dedicated");
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
        final Run run = run("report", "--dir", "/no/such");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("ringside report: error: --dir: no such directory: /no/such"), run.toString());
        assertNoStackTrace(run);
    }

    @Test
    void reportOfARunPrintsTheTableAndWritesTheFiles() throws Exception
    {
        final Path dir = tempDir.resolve("run");
        RunDirectory.writeEngine(dir);
        RunDirectory.writeFeed(dir);
        final Run run = run("report", "--dir", dir.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("", run.err);
        assertTrue(run.out.startsWith("ringside latency report: " + dir + System.lineSeparator()), run.toString());
        assertTrue(run.out.contains("  feed: fixed rate, 50000 events/s, 91998 events sent at 50000.0 events/s"),
            run.toString());
        assertTrue(run.out.contains(String.format("%-22s %10d", "end_to_end", 100)), run.toString());
        assertTrue(run.out.contains("written: ["), run.toString());
        assertTrue(Files.isRegularFile(dir.resolve(Report.SUMMARY_FILE)));
        assertTrue(Files.isRegularFile(dir.resolve("end_to_end.hgrm")));
        assertTrue(Files.isRegularFile(dir.resolve("custom.stage.hgrm")));
    }
}
