package io.ringside.engine.snapshot;

import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SnapshotEndDecoder;
import io.ringside.codecs.snapshot.SnapshotEndEncoder;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.transport.DriverDirectory;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Snapshot files in the snapshot directory: {@code snapshot-<event count, 20 digits>.rss}, so name order is age
 * order. A file is written whole to a temporary name, forced to disk, renamed over its final name and the directory
 * forced, so a crash at any moment leaves either the complete file or none under the final name. Each file ends with
 * a SnapshotEnd message holding the length and CRC-32 of everything before it; a file without a valid one is refused.
 * A refused file is renamed aside ({@code .rss.refused}, {@link #setAside}), kept for inspection but no longer a
 * snapshot: neither loaded nor counted by retention, so it can never crowd out the snapshots written after it.
 */
final class SnapshotFiles
{
    static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".rss";
    static final String TEMP_SUFFIX = ".rss.tmp";
    static final String REFUSED_SUFFIX = ".rss.refused";
    static final int END_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + SnapshotEndEncoder.BLOCK_LENGTH;

    private SnapshotFiles()
    {
    }

    static Path fileFor(final Path directory, final long eventCount)
    {
        return directory.resolve(String.format("%s%020d%s", PREFIX, eventCount, SUFFIX));
    }

    /** Append the SnapshotEnd over {@code buffer[0..length)}; returns the file's whole length. */
    static int seal(final UnsafeBuffer buffer, final int length, final CRC32 crc)
    {
        crc.reset();
        crc.update(buffer.byteArray(), 0, length);
        new SnapshotEndEncoder().wrapAndApplyHeader(buffer, length, new MessageHeaderEncoder())
            .length(length)
            .crc32(crc.getValue());
        return length + END_LENGTH;
    }

    /**
     * Write atomically, then delete all but the newest {@code kept}, never the one just written. Should the write
     * fail at any point, its temporary file is deleted before the failure is passed on.
     */
    static void write(final Path directory, final long eventCount, final byte[] bytes, final int length, final int kept)
        throws IOException
    {
        Files.createDirectories(directory);
        DriverDirectory.ownerOnly(directory); // a snapshot is the engine's whole state: its owner's alone
        final Path target = fileFor(directory, eventCount);
        final Path temp = directory.resolve(target.getFileName().toString().replace(SUFFIX, TEMP_SUFFIX));
        try
        {
            try (FileChannel channel = FileChannel.open(temp, Set.of(
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                DriverDirectory.ownerOnlyFile(directory)))
            {
                final ByteBuffer content = ByteBuffer.wrap(bytes, 0, length);
                while (content.hasRemaining())
                {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final Throwable ex)
        {
            try
            {
                Files.deleteIfExists(temp);
            }
            catch (final IOException | RuntimeException deleteFailure)
            {
                ex.addSuppressed(deleteFailure);
            }
            throw ex;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true); // the rename itself survives a crash
        }
        final List<Path> files = list(directory);
        int newer = 0;
        for (final Path file : files)
        {
            if (file.equals(target))
            {
                continue;
            }
            if (++newer >= kept) // the one just written is always one of the kept
            {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * A file the loader refused: renamed to {@code <name>.refused} beside it, so that neither loading nor retention
     * sees it again, but it is there to look at.
     *
     * @return the name it now has.
     */
    static Path setAside(final Path file) throws IOException
    {
        final Path aside = file.resolveSibling(file.getFileName().toString().replace(SUFFIX, REFUSED_SUFFIX));
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }

    /** Temporary files a writer killed mid-write left; never a snapshot, so never read. */
    static void deleteUnfinished(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return;
        }
        try (Stream<Path> entries = Files.list(directory))
        {
            for (final Path path : (Iterable<Path>)entries::iterator)
            {
                if (path.getFileName().toString().endsWith(TEMP_SUFFIX))
                {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Snapshot files of the directory, newest first; none when it does not exist. */
    static List<Path> list(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory))
        {
            entries.filter((p) ->
            {
                final String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).forEach(files::add);
        }
        files.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return files;
    }

    /**
     * Read a file and check it is whole: a SnapshotHeader first, a SnapshotEnd last whose length and CRC-32 match.
     *
     * @return the bytes before the SnapshotEnd.
     * @throws IllegalStateException saying what is wrong with it.
     */
    static UnsafeBuffer readVerified(final Path file) throws IOException
    {
        // Restoring holds the file and builds several times its size in handler state: a file past a quarter of the
        // heap cannot be restored here, and reading it would end in an OutOfMemoryError instead of a refusal.
        final long size = Files.size(file);
        final long limit = Runtime.getRuntime().maxMemory() / 4;
        if (size > limit)
        {
            throw new IllegalStateException("too large: " + size + " bytes, more than this heap can restore (" + limit +
                " bytes, a quarter of -Xmx)");
        }
        final byte[] bytes = Files.readAllBytes(file);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int endOffset = bytes.length - END_LENGTH;
        if (endOffset < MessageHeaderDecoder.ENCODED_LENGTH + SnapshotHeaderDecoder.BLOCK_LENGTH)
        {
            throw new IllegalStateException("truncated: " + bytes.length + " bytes, too short for a snapshot");
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, endOffset);
        if (header.schemaId() != SnapshotEndDecoder.SCHEMA_ID || header.templateId() != SnapshotEndDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("truncated or corrupt: no SnapshotEnd in its last " + END_LENGTH + " bytes");
        }
        final SnapshotEndDecoder end = new SnapshotEndDecoder().wrap(
            buffer, endOffset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (end.length() != endOffset)
        {
            throw new IllegalStateException("truncated or corrupt: SnapshotEnd says " + end.length()
                + " bytes before it, the file has " + endOffset);
        }
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, endOffset);
        if (crc.getValue() != end.crc32())
        {
            throw new IllegalStateException("corrupt: CRC-32 " + Long.toHexString(crc.getValue())
                + " does not match the recorded " + Long.toHexString(end.crc32()));
        }
        header.wrap(buffer, 0);
        if (header.schemaId() != SnapshotHeaderDecoder.SCHEMA_ID || header.templateId() != SnapshotHeaderDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("not a snapshot: it does not start with a SnapshotHeader");
        }
        return new UnsafeBuffer(bytes, 0, endOffset);
    }
}
