package io.ringside.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ScratchArchiveTest
{
    @TempDir
    Path tmp;

    @Test
    void freshPrivateAndTaggedWithThePid() throws Exception
    {
        final Path scratch = Path.of(ScratchArchive.create(tmp));
        assertTrue(Files.isDirectory(scratch));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch)));
        assertEquals(Optional.of(ProcessHandle.current().pid()), ScratchArchive.pid(scratch.getFileName().toString()));
        assertTrue(!scratch.equals(Path.of(ScratchArchive.create(tmp))), "a new directory each time");
    }

    @Test
    void thoseOfDeadProcessesAreDeletedAndTheLivingKept() throws Exception
    {
        final Process exited = new ProcessBuilder("true").start();
        assertTrue(exited.waitFor(10, TimeUnit.SECONDS));
        final Path dead = tmp.resolve(ScratchArchive.PREFIX + exited.pid() + "-123");
        Files.createDirectories(dead.resolve("snapshots"));
        Files.writeString(dead.resolve("0-0.rec"), "recording");
        final Path living = tmp.resolve(ScratchArchive.PREFIX + ProcessHandle.current().pid() + "-456");
        Files.createDirectories(living);
        final Path other = Files.createDirectories(tmp.resolve("ringside-archive-notapid"));

        assertEquals(1, ScratchArchive.deleteDead(tmp));
        assertFalse(Files.exists(dead));
        assertTrue(Files.isDirectory(living));
        assertTrue(Files.isDirectory(other));
    }
}
