package io.ringside.engine.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the snapshots of a directory in a JVM whose heap is nearly full, so reading the newest runs out of memory:
 * run by {@link SnapshotOutOfMemoryTest} in a process of its own.
 */
final class FullHeapLoad
{
    private FullHeapLoad()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path directory = Path.of(args[0]);
        final long newest = SnapshotFiles.list(directory).isEmpty() ? 0 :
            Files.size(SnapshotFiles.list(directory).get(0));
        // Fill the heap, then free half the newest file's size: room for the loader's own work, not for the file.
        final int block = 64 * 1024;
        final List<byte[]> ballast = new ArrayList<>();
        try
        {
            while (true)
            {
                ballast.add(new byte[block]);
            }
        }
        catch (final OutOfMemoryError full)
        {
            for (long freed = 0; freed < newest / 2 && !ballast.isEmpty(); freed += block)
            {
                ballast.remove(ballast.size() - 1);
            }
        }
        final SnapshotLoader.Loaded loaded = new SnapshotLoader(directory, List.of(), 16, null, null)
            .loadLatest(null, 0, 0, System.out::println);
        System.out.println("loaded " + loaded + " with " + ballast.size() + " blocks of ballast held");
    }
}
