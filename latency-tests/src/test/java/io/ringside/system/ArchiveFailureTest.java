package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.FailureLatch;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An archive that stops recording stops what depends on it, with the reason, instead of leaving a feed blocked and an
 * engine waiting on a log that no longer grows. The archive is made to fail by Aeron's own means: a storage-space
 * threshold above the disk's free space (it refuses to record), and a segment it cannot create (its next segment
 * file's name already taken by a directory: a write that fails, as on a full or broken disk, without needing root).
 */
final class ArchiveFailureTest
{
    private static final int SEGMENT = 128 * 1024;

    @TempDir
    Path dir;

    @Test
    void driverEngineAndFeedStopWhenTheArchiveCannotWriteItsNextSegment() throws Exception
    {
        final Path aeronDir = dir.resolve("aeron");
        final Path archiveDir = dir.resolve("archive");
        blockSecondSegments(archiveDir);
        try (RingsideProcesses processes = new RingsideProcesses(dir))
        {
            final Process driver = processes.start("driver", List.of("driver", "--aeron-dir=" + aeronDir,
                "--archive-dir=" + archiveDir, "--term-length=64k", "--segment-length=128k",
                "--low-storage-threshold=0"));
            processes.awaitLine("driver", driver, "ringside driver running", 15);
            final Process engine = processes.start("engine", List.of("engine", "--external-driver", "--durable",
                "--driver-timeout=2s", "--aeron-dir=" + aeronDir, "--ring-size=4096",
                "--report-dir=" + dir.resolve("report")));
            processes.awaitLine("engine", engine, "ringside engine running", 15);
            final long feedStart = System.nanoTime();
            final Process feed = processes.start("feed", List.of("feed", "--aeron-dir=" + aeronDir, "--rate=5000",
                "--loop=100", "--no-progress", "--driver-timeout=2s", "--report-dir=" + dir.resolve("feed-report"),
                DurableFixture.BUNDLED.toAbsolutePath().toString()));

            processes.assertExits("driver", driver, 1, 15);
            final long driverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - feedStart);
            final String stopped = "the archive at " + archiveDir + " stopped recording: "
                + "io.aeron.archive.client.ArchiveException: ERROR - segment file already exists: " + archiveDir;
            final String driverOut = Files.readString(processes.out("driver"));
            assertTrue(driverOut.contains("ringside driver stopped: " + stopped), processes.output("driver"));
            assertTrue(driverOut.contains("; the log stopped growing; stopping"), processes.output("driver"));
            assertTrue(Files.readString(processes.err("driver")).contains("ringside driver: " + stopped),
                processes.output("driver"));

            processes.assertExits("engine", engine, 1, 15);
            processes.assertExits("feed", feed, 1, 15);
            System.out.println("ArchiveFailureTest: the driver exited " + driverMs + " ms after the feed started; "
                + "the engine and the feed after it, on their driver timeout");
            final String gone = "the media driver at " + aeronDir + " is gone (";
            final String engineOut = Files.readString(processes.out("engine"));
            assertTrue(engineOut.contains("ringside engine stopped: " + gone), processes.output("engine"));
            assertTrue(engineOut.contains("; the log stopped growing; restarted on a working driver and archive, a "
                + "durable engine continues from the log"), processes.output("engine"));
            assertTrue(Files.readString(processes.out("feed")).contains("ringside feed stopped early: "),
                processes.output("feed"));
            processes.assertNoCrashReport();
        }
    }

    @Test
    void durableEngineStopsWhenItsEmbeddedArchiveCannotRecord() throws Exception
    {
        final Path archiveDir = dir.resolve("archive");
        for (int recordingId = 0; recordingId < 8; recordingId++)
        {
            Files.createDirectories(archiveDir.resolve(recordingId + "-0.rec"));
        }
        try (RingsideProcesses processes = new RingsideProcesses(dir))
        {
            final Process engine = processes.start("engine", List.of("engine", "--durable",
                "--aeron-dir=" + dir.resolve("aeron"), "--archive-dir=" + archiveDir, "--term-length=64k",
                "--ring-size=4096", "--report-dir=" + dir.resolve("report")));
            processes.assertExits("engine", engine, 1, 15);
            final String stopped = "the archive at " + archiveDir + " stopped recording: java.io.FileNotFoundException: "
                + archiveDir + "/";
            final String out = Files.readString(processes.out("engine"));
            assertTrue(out.contains("ringside engine stopped: " + stopped), processes.output("engine"));
            assertTrue(out.contains(".rec (Is a directory); the log stopped growing; stopping; the counts above are the "
                + "engine's as it stopped; restarted on a working driver and archive, a durable engine continues from "
                + "the log"), processes.output("engine"));
            assertTrue(out.contains("counts and histograms written to " + dir.resolve("report")), out);
            // Besides the engine's own log lines (its start, through System.Logger, may come first), the failure.
            assertTrue(Files.readString(processes.err("engine")).lines().filter((line) -> !line.contains(" INFO "))
                .findFirst().orElse("").startsWith("ringside engine: " + stopped), processes.output("engine"));
            processes.assertNoCrashReport();
        }
    }

    @Test
    void driverRefusesToStartWhenTheArchiveIsBelowItsStorageThreshold() throws Exception
    {
        try (RingsideProcesses processes = new RingsideProcesses(dir))
        {
            final Process driver = processes.start("driver", List.of("driver", "--aeron-dir=" + dir.resolve("aeron"),
                "--archive-dir=" + dir.resolve("archive"), "--term-length=64k", "--low-storage-threshold=1000000g"));
            processes.assertExits("driver", driver, 1, 15);
            final String err = Files.readString(processes.err("driver"));
            assertTrue(err.startsWith("ringside driver: error: archive-dir: " + dir.resolve("archive") + " has "), err);
            assertTrue(err.contains(" bytes free, below low-storage-threshold 1073741824000000; the archive refuses to "
                + "record (free space, or lower retention): "), err);
        }
    }

    @Test
    void anInProcessArchiveReportsTheFailureToItsOwner() throws Exception
    {
        final Path archiveDir = dir.resolve("archive");
        blockSecondSegments(archiveDir);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final FailureLatch failures = new FailureLatch("test", new PrintStream(err, true, StandardCharsets.UTF_8));
        final ArchivingDriver.Context ctx = new ArchivingDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .archiveDirectoryName(archiveDir.toString())
            .termBufferLength(64 * 1024)
            .segmentFileLength(SEGMENT)
            .lowStorageSpaceThreshold(0)
            .failures(failures)
            .record("aeron:ipc", 1001);
        try (ArchivingDriver driver = ArchivingDriver.launch(ctx);
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString()));
            Publication publication = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[1000]);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!failures.hasFailed() && System.nanoTime() < deadline)
            {
                publication.offer(message);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
        }
        assertTrue(failures.hasFailed(), "the archive's failure reached its owner");
        assertTrue(failures.reason().startsWith("the archive at " + archiveDir + " stopped recording: "
            + "io.aeron.archive.client.ArchiveException: ERROR - segment file already exists: " + archiveDir
            + "/0-131072.rec"), failures.reason());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("test: the archive at "), err.toString());
    }

    /** The second segment of the first recordings cannot be created: a directory has its name. */
    private static void blockSecondSegments(final Path archiveDir) throws Exception
    {
        for (int recordingId = 0; recordingId < 8; recordingId++)
        {
            Files.createDirectories(archiveDir.resolve(recordingId + "-" + SEGMENT + ".rec"));
        }
    }
}
