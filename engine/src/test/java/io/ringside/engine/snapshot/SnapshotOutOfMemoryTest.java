package io.ringside.engine.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot whose loading runs the heap out is refused and set aside like a damaged one, so the next start does not
 * fail on it again: a restart never loops. The OutOfMemoryError is real, in a JVM of its own with its heap nearly full.
 */
final class SnapshotOutOfMemoryTest
{
    private static final int FILE_BYTES = 6 * 1024 * 1024; // under a quarter of the child's 32 MB heap

    @TempDir
    Path dir;

    @Test
    void aSnapshotThatRunsTheHeapOutIsSetAsideAndTheNextStartDoesNotMeetIt() throws Exception
    {
        final Path file = SnapshotFiles.fileFor(dir, 1_000);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw"))
        {
            sparse.setLength(FILE_BYTES);
        }

        final String first = load();
        assertTrue(first.startsWith("snapshot-dir: refused " + file + ": java.lang.OutOfMemoryError: Java heap space; "
            + "renamed to snapshot-00000000000000001000.rss.refused; replaying the log from its start"), first);
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(dir.resolve("snapshot-00000000000000001000.rss.refused")));

        final String second = load();
        assertTrue(second.startsWith("loaded null with "), "the next start meets no snapshot: " + second);
    }

    private String load() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens"))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            FullHeapLoad.class.getName(), dir.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the loading JVM finished");
        final String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
