package io.ringside.engine.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A snapshot is the engine's whole state: its file and its directory are its owner's alone, whatever the umask. */
final class SnapshotFilePermissionsTest
{
    @TempDir
    Path dir;

    @Test
    void theFileIsReadableAndWritableByItsOwnerOnly() throws Exception
    {
        final Path snapshots = dir.resolve("snapshots");
        final byte[] content = new byte[64];
        SnapshotFiles.write(snapshots, 7, content, content.length, 3);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshots)));
        assertEquals("rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(SnapshotFiles.fileFor(snapshots, 7))));
    }
}
