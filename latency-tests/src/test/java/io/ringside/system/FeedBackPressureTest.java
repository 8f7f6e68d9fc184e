package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.transport.EmbeddedMediaDriver;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.io.Reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A feed whose stream nothing takes (its one subscriber never polls: an engine or archive that stopped) gives up after
 * --back-pressure-timeout with its summary, the reason and exit 1, instead of blocking for ever.
 */
final class FeedBackPressureTest
{
    @TempDir
    Path dir;

    @Test
    void feedStopsAfterItsBackPressureTimeout() throws Exception
    {
        final Path aeronDir = dir.resolve("aeron");
        try (MediaDriver driver = EmbeddedMediaDriver.launch(
                aeronDir.toString(), ThreadingMode.SHARED, new BackoffIdleStrategy(), 64 * 1024);
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString()));
            Subscription neverPolled = client.addSubscription("aeron:ipc", 1001);
            RingsideProcesses processes = new RingsideProcesses(dir))
        {
            final Process feed = processes.start("feed", List.of("feed", "--aeron-dir=" + aeronDir, "--no-listen",
                "--no-progress", "--back-pressure-timeout=1s", "--report-dir=" + dir.resolve("feed-report"),
                DurableFixture.BUNDLED.toAbsolutePath().toString()));
            processes.assertExits("feed", feed, 1, 15);
            final String out = Files.readString(processes.out("feed"));
            assertTrue(out.contains("ringside feed summary"), processes.output("feed"));
            final Properties counts = new Properties();
            try (Reader reader = Files.newBufferedReader(dir.resolve("feed-report").resolve("feed.properties")))
            {
                counts.load(reader);
            }
            final long sent = Long.parseLong(counts.getProperty("events_sent"));
            assertTrue(sent > 0, "some events went before the stream filled: " + sent);
            final String reason = "back-pressured for 1000 ms without progress after " + sent + " events: nothing is "
                + "taking aeron:ipc stream 1001 (the engine, or the archive recording it, stopped); stopping";
            assertTrue(out.contains("ringside feed stopped early: " + reason), processes.output("feed"));
            assertEquals("ringside feed: " + reason + System.lineSeparator(), Files.readString(processes.err("feed")),
                "the reason, and nothing else");
            assertTrue(neverPolled.isConnected(), "the subscriber was there all along");
        }
    }
}
