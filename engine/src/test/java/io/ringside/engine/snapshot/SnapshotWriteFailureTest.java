package io.ringside.engine.snapshot;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot writes that fail: the temporary file goes with the failure, retention keeps the file just written whatever
 * its name, and an Error in the writer is counted like any failure, never leaving a snapshot in progress for ever.
 */
final class SnapshotWriteFailureTest
{
    private static final byte[] CONTENT = new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 };

    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws IOException
    {
        // The rename fails, for root too: the final name is a directory that is not empty.
        final Path target = SnapshotFiles.fileFor(dir, 100);
        Files.createDirectories(target);
        Files.write(target.resolve("in-the-way"), CONTENT);

        assertThrows(IOException.class, () -> SnapshotFiles.write(dir, 100, CONTENT, CONTENT.length, 3));
        assertEquals(List.of("in-the-way"), names(target));
        assertEquals(List.of(target.getFileName().toString()), names(dir), "no .rss.tmp left behind");
    }

    @Test
    void aWriteIntoADirectoryThatCannotBeMadeFails()
    {
        final Path notADirectory = dir.resolve("file");
        assertThrows(IOException.class, () ->
        {
            Files.write(notADirectory, CONTENT);
            SnapshotFiles.write(notADirectory.resolve("snapshots"), 1, CONTENT, CONTENT.length, 3);
        });
    }

    @Test
    void retentionNeverDeletesTheFileJustWritten() throws IOException
    {
        for (final long stale : new long[]{ 10_000, 15_000, 20_000 })
        {
            Files.write(SnapshotFiles.fileFor(dir, stale), CONTENT);
        }
        SnapshotFiles.write(dir, 3_000, CONTENT, CONTENT.length, 3);
        assertEquals(List.of(SnapshotFiles.fileFor(dir, 20_000), SnapshotFiles.fileFor(dir, 15_000),
            SnapshotFiles.fileFor(dir, 3_000)), SnapshotFiles.list(dir), "the new one and the newest two others kept");

        SnapshotFiles.write(dir, 6_000, CONTENT, CONTENT.length, 1);
        assertEquals(List.of(SnapshotFiles.fileFor(dir, 6_000)), SnapshotFiles.list(dir));
    }

    @Test
    void anErrorInTheWriterIsCountedAndClearsTheSnapshotInProgress() throws IOException
    {
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));
        final AtomicCounter taken = counters.newCounter("snapshots.taken");
        final AtomicCounter failed = counters.newCounter("snapshots.write_failed");
        final AtomicInteger calls = new AtomicInteger();
        final SnapshotTaker.FileWriter writer = (directory, eventCount, bytes, length, kept) ->
        {
            if (calls.incrementAndGet() == 1)
            {
                throw new OutOfMemoryError("injected");
            }
            SnapshotFiles.write(directory, eventCount, bytes, length, kept);
        };
        try (SnapshotTaker snapshots = new SnapshotTaker(dir, 3, taken, failed, writer))
        {
            snapshots.begin(header(snapshots), 1);
            assertFalse(snapshots.awaitIdle(0), "not started: no writer to wait for, so ingress skips");

            snapshots.start();
            handOver(snapshots, 1);
            assertTrue(snapshots.awaitIdle(TimeUnit.SECONDS.toNanos(30)), "the Error ends the snapshot in progress");
            assertEquals(1, failed.get());
            assertEquals(0, taken.get());
            assertTrue(snapshots.lastFailed());
            assertInstanceOf(OutOfMemoryError.class, snapshots.lastFailure());
            assertTrue(snapshots.writerAlive(), "the writer goes on");

            handOver(snapshots, 2);
            assertTrue(snapshots.awaitIdle(TimeUnit.SECONDS.toNanos(30)));
            assertEquals(1, taken.get(), "the next snapshot is written");
            assertFalse(snapshots.lastFailed());
            assertEquals(List.of(SnapshotFiles.fileFor(dir, 2)), SnapshotFiles.list(dir));
        }
    }

    // What ingress and the handlers would do for one snapshot, with empty handler parts.
    private static void handOver(final SnapshotTaker snapshots, final long eventCount)
    {
        snapshots.begin(header(snapshots), eventCount);
        snapshots.surveillanceLength = 0;
        snapshots.tradingLength = 0;
        snapshots.write(0, 0, 0);
    }

    private static int header(final SnapshotTaker snapshots)
    {
        final io.ringside.codecs.snapshot.MessageHeaderEncoder messageHeader =
            new io.ringside.codecs.snapshot.MessageHeaderEncoder();
        final io.ringside.codecs.snapshot.SnapshotHeaderEncoder header =
            new io.ringside.codecs.snapshot.SnapshotHeaderEncoder().wrapAndApplyHeader(snapshots.header, 0, messageHeader);
        header.positionsCount(0);
        header.sourcesCount(0);
        return io.ringside.codecs.snapshot.MessageHeaderEncoder.ENCODED_LENGTH + header.encodedLength();
    }

    private static List<String> names(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map((p) -> p.getFileName().toString()).sorted().toList();
        }
    }
}
