package io.ringside.transport;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A media driver directory given as a symbolic link is refused before any driver starts, so what the link points to
 * is never cleaned at start nor deleted at stop.
 */
final class DriverDirectoryTest
{
    @TempDir
    Path dir;

    @Test
    void theDriverAndArchiveDirectoriesAreTheirOwnersAlone() throws Exception
    {
        final Path aeron = dir.resolve("aeron");
        try (MediaDriver driver = EmbeddedMediaDriver.launch(
            aeron.toString(), ThreadingMode.SHARED, new BackoffIdleStrategy(), 64 * 1024))
        {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aeron)));
        }
        final Path archivingAeron = dir.resolve("archiving-aeron");
        final Path archive = dir.resolve("archive");
        try (ArchivingDriver driver = ArchivingDriver.launch(new ArchivingDriver.Context()
            .aeronDirectoryName(archivingAeron.toString())
            .archiveDirectoryName(archive.toString())))
        {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archivingAeron)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        }
    }

    @Test
    void aSymbolicLinkIsRefusedByTheEmbeddedAndTheArchivingDriverAndWhatItPointsToIsUntouched() throws Exception
    {
        final Path precious = Files.createDirectories(dir.resolve("precious"));
        final Path file = Files.writeString(precious.resolve("keep.txt"), "keep");
        final Path link = Files.createSymbolicLink(dir.resolve("aeron-link"), precious);
        final String expected = "aeron-dir: " + link + " is a symbolic link (to " + precious + "); the driver " +
            "deletes what its directory holds at start and the directory at stop: give a real directory";

        final IllegalArgumentException embedded = assertThrows(IllegalArgumentException.class, () ->
            EmbeddedMediaDriver.launch(link.toString(), ThreadingMode.SHARED, new BackoffIdleStrategy(), 64 * 1024));
        assertEquals(expected, embedded.getMessage());

        final IllegalArgumentException archiving = assertThrows(IllegalArgumentException.class, () ->
            ArchivingDriver.launch(new ArchivingDriver.Context()
                .aeronDirectoryName(link.toString())
                .archiveDirectoryName(dir.resolve("archive").toString())));
        assertEquals(expected, archiving.getMessage());

        assertTrue(Files.isDirectory(precious));
        assertEquals("keep", Files.readString(file));
        assertEquals(1, Files.list(precious).count());
    }
}
