package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Retention trims whole segments from the start of a live recording and leaves an intact log; a full disk is an error. */
final class RetentionTest
{
    private static final int TERM = 64 * 1024;
    private static final int SEGMENT = 128 * 1024;

    @TempDir
    Path dir;

    @Test
    void sizeRetentionPurgesOldestWholeSegmentsAndTheRestReplaysIntact()
    {
        final List<byte[]> frames = RecordedFrames.frames(8_000);
        try (ArchivingDriver driver = ArchivingDriver.launch(new ArchivingDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .archiveDirectoryName(dir.resolve("archive").toString())
                .termBufferLength(TERM)
                .segmentFileLength(SEGMENT)
                .lowStorageSpaceThreshold(0)
                .record("aeron:ipc", 1001));
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString()));
            ExclusivePublication publication = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (final byte[] frame : frames)
            {
                buffer.wrap(frame);
                while (publication.offer(buffer, 0, frame.length) < 0)
                {
                    LockSupport.parkNanos(50_000);
                }
            }
            // The recording stays active: retention works on a log that is still being written.
            RecordingLog.Recording recording = awaitRecorded(driver, publication.position());
            final long end = publication.position();
            assertTrue(end > 4 * SEGMENT, "enough data for several segments: " + end);

            final long purged = new Retention(200 * 1024, 0).apply(driver.archive(), "aeron:ipc", 1001, 0);

            recording = RecordingLog.list(driver.archive(), "aeron:ipc", 1001, 0).get(0);
            assertEquals(purged, recording.startPosition());
            assertEquals(0, recording.startPosition() % SEGMENT, "a segment boundary");
            assertTrue(end - recording.startPosition() >= 200 * 1024, "keeps at least the limit");
            assertTrue(end - recording.startPosition() < 200 * 1024 + SEGMENT, "and less than a segment more");
            assertTrue(recording.isActive());

            final List<String> kept = new ArrayList<>();
            BoundedReplay.replay(driver.archive(), recording.recordingId(), recording.startPosition(), end,
                "aeron:ipc", 1201, (b, offset, length, header) ->
                {
                    final byte[] bytes = new byte[length];
                    b.getBytes(offset, bytes);
                    kept.add(HexFormat.of().formatHex(bytes));
                }, new BackoffIdleStrategy(), 10_000);
            final List<String> tail = new ArrayList<>();
            frames.subList(frames.size() - kept.size(), frames.size())
                .forEach((frame) -> tail.add(HexFormat.of().formatHex(frame)));
            assertEquals(tail, kept, "what is kept is the newest part of the log, frame for frame");
        }
    }

    @Test
    void aDiskBelowTheLowStorageThresholdIsAClearErrorAndNothingIsRecorded()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> ArchivingDriver.launch(
            new ArchivingDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron-full").toString())
                .archiveDirectoryName(dir.resolve("archive-full").toString())
                .lowStorageSpaceThreshold(Long.MAX_VALUE / 4)
                .record("aeron:ipc", 1001)).close());
        assertTrue(ex.getMessage().startsWith("archive-dir: " + dir.resolve("archive-full") + " has "), ex.getMessage());
        assertTrue(ex.getMessage().contains("below low-storage-threshold " + Long.MAX_VALUE / 4), ex.getMessage());
    }

    private static RecordingLog.Recording awaitRecorded(final ArchivingDriver driver, final long position)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            final List<RecordingLog.Recording> recordings = RecordingLog.list(driver.archive(), "aeron:ipc", 1001, 0);
            if (!recordings.isEmpty() && RecordingLog.recordedPosition(driver.archive(), recordings.get(0)) >= position)
            {
                return recordings.get(0);
            }
            if (System.nanoTime() > deadline)
            {
                fail("not recorded up to " + position + ": " + recordings);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
