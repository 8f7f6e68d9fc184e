package io.ringside.codecs.recorded;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A whole file memory-mapped read-only, for a reader that parses it in place with int offsets, hence at most 2 GiB.
 * An empty file is not mapped: it reads as an empty buffer.
 */
public final class MappedFile
{
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int length;

    /**
     * @param file  the file to map.
     * @param files what such files are called, for the refusal of a file over 2 GiB ("CSV files", "recordings").
     * @throws IllegalArgumentException when the file is over 2 GiB.
     * @throws UncheckedIOException     when it cannot be opened or mapped.
     */
    public MappedFile(final Path file, final String files)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException(file + " is " + size + " bytes; " + files +
                    " over 2 GiB are not supported");
            }
            this.length = (int)size;
            this.mapped = size > 0 ? channel.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
            this.buffer = size > 0 ? new UnsafeBuffer(mapped) : new UnsafeBuffer(new byte[0]);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** The file's bytes; not to be read after {@link #close()}. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    /** Unmap now rather than when the collector gets to it, so the file can be deleted or replaced at once. */
    public void close()
    {
        if (null != mapped)
        {
            IoUtil.unmap(mapped);
        }
    }
}
