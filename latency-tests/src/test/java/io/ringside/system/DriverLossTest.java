package io.ringside.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media driver killed with SIGKILL under a durable engine and a feed: both notice within their driver timeout,
 * stop in order, print and write their summaries, say why, and exit 1; neither JVM crashes (the driver's CnC file is
 * unmapped by the Aeron client as it closes, while the engine's threads still count) nor hangs.
 */
final class DriverLossTest
{
    private static final long DRIVER_TIMEOUT_S = 2;

    @TempDir
    Path dir;

    @Test
    void engineAndFeedStopWithTheirSummariesWhenTheDriverIsKilled() throws Exception
    {
        final Path aeronDir = dir.resolve("aeron");
        try (RingsideProcesses processes = new RingsideProcesses(dir))
        {
            final Process driver = processes.start("driver", List.of("driver", "--aeron-dir=" + aeronDir,
                "--archive-dir=" + dir.resolve("archive"), "--term-length=1m"));
            processes.awaitLine("driver", driver, "ringside driver running", 15);
            final Process engine = processes.start("engine", List.of("engine", "--external-driver", "--durable",
                "--driver-timeout=" + DRIVER_TIMEOUT_S + "s", "--aeron-dir=" + aeronDir, "--ring-size=4096",
                "--report-dir=" + dir.resolve("report")));
            processes.awaitLine("engine", engine, "ringside engine running", 15);
            final Process feed = processes.start("feed", List.of("feed", "--aeron-dir=" + aeronDir, "--rate=2000",
                "--loop=100", "--no-progress", "--driver-timeout=" + DRIVER_TIMEOUT_S + "s",
                "--report-dir=" + dir.resolve("feed-report"), DurableFixture.BUNDLED.toAbsolutePath().toString()));
            RingsideProcesses.awaitCounter(aeronDir, "ringside: events_in", 500, 15);

            final long killedAt = System.nanoTime();
            driver.destroyForcibly();
            processes.assertExits("engine", engine, 1, 15);
            final long engineMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            processes.assertExits("feed", feed, 1, 15);
            final long feedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.println("DriverLossTest: driver killed; engine exited after " + engineMs + " ms, feed after "
                + feedMs + " ms (driver timeout " + DRIVER_TIMEOUT_S + " s)");

            final String gone = "the media driver at " + aeronDir + " is gone (FATAL - MediaDriver (" + aeronDir
                + ") keepalive: age=";
            final String engineOut = Files.readString(processes.out("engine"));
            assertTrue(engineOut.contains("ringside engine stopped: " + gone), processes.output("engine"));
            assertTrue(engineOut.contains("; the log stopped growing; restarted on a working driver and archive, a "
                + "durable engine continues from the log"), processes.output("engine"));
            assertTrue(engineOut.contains("counts and histograms written to " + dir.resolve("report")), engineOut);
            // After the engine's own log lines (its start, through System.Logger), the failure first.
            assertTrue(Files.readString(processes.err("engine")).lines().filter((line) -> !line.contains(" INFO "))
                .findFirst().orElse("").startsWith("ringside engine: " + gone), processes.output("engine"));
            final long eventsIn = Long.parseLong(counts(dir.resolve("report").resolve("engine-counts.properties"))
                .getProperty("events_in"));
            assertTrue(eventsIn >= 500, "the engine's counts, as it stopped: events_in " + eventsIn);

            final String feedOut = Files.readString(processes.out("feed"));
            assertTrue(feedOut.contains("ringside feed summary"), processes.output("feed"));
            assertTrue(feedOut.contains("ringside feed stopped early: " + gone), processes.output("feed"));
            assertTrue(Files.readString(processes.err("feed")).startsWith("ringside feed: " + gone),
                processes.output("feed"));
            assertTrue(Files.isRegularFile(dir.resolve("feed-report").resolve("feed.properties")), "feed counts");
            processes.assertNoCrashReport();
        }
    }

    private static Properties counts(final Path file) throws Exception
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file))
        {
            properties.load(reader);
        }
        return properties;
    }
}
