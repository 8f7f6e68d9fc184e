package io.ringside.engine.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A snapshot file larger than this heap could restore is refused by its size, before a byte of it is read. */
final class SnapshotSizeTest
{
    @TempDir
    Path dir;

    @Test
    void aFileLargerThanAQuarterOfTheHeapIsRefusedBeforeItIsRead() throws Exception
    {
        final long limit = Runtime.getRuntime().maxMemory() / 4;
        final Path file = dir.resolve("snapshot-00000000000000001000.rss");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw"))
        {
            sparse.setLength(limit + 1); // sparse: no disk is used
        }
        final IllegalStateException refused =
            assertThrows(IllegalStateException.class, () -> SnapshotFiles.readVerified(file));
        assertEquals("too large: " + (limit + 1) + " bytes, more than this heap can restore (" + limit +
            " bytes, a quarter of -Xmx)", refused.getMessage());
    }
}
