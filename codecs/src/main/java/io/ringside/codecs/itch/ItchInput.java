package io.ringside.codecs.itch;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

import static io.ringside.codecs.itch.ItchMessages.LENGTH;

/**
 * The bytes of an ITCH file, brought into view a window at a time for {@link ItchReader} to parse in place. A plain
 * file is memory-mapped in windows of up to 1 GiB, so full-day files above 2 GiB work. A gzip file (name ending in
 * .gz, or starting with the gzip magic 1f 8b) is streamed through {@link GZIPInputStream} into one reused 1 MiB
 * buffer: no temporary file (a day's ITCH is ~10 GB uncompressed), no second pass. Only moving to the next map
 * window allocates.
 * <p>
 * The view holds bytes {@link #base()} to {@code base() + limit()} of the (decompressed) stream; its memory is
 * {@link #array()} at {@link #address()}, for Unsafe reads.
 */
final class ItchInput
{
    static final int DEFAULT_WINDOW = 1 << 30;
    static final int DEFAULT_GZIP_BUFFER = 1 << 20;
    /** A window must hold the largest message the framing can describe: 2 + 65535 bytes. */
    static final int MIN_WINDOW = 2 + 0xFFFF;

    private final String fileName;
    private final FileChannel channel;
    private final long fileSize;
    private final boolean gzip;
    private final int windowSize;

    // Plain input: the file, mapped window by window.
    private MappedByteBuffer mapped;

    // Gzip input: decompressed into a reused array.
    private final InputStream inflating;
    private final byte[] inflated;
    private boolean inflatedEnd;
    private boolean gzipCutShort;

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long base;
    private int limit;

    /** @param windowSize map window (plain) or buffer (gzip) size for tests; 0 for the defaults. */
    ItchInput(final Path file, final int windowSize)
    {
        if (windowSize != 0 && windowSize < MIN_WINDOW)
        {
            throw new IllegalArgumentException("window " + windowSize + " is below " + MIN_WINDOW);
        }
        this.fileName = file.toString();
        try
        {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.fileSize = channel.size();
            this.gzip = isGzip(file, channel);
            if (gzip)
            {
                this.windowSize = windowSize != 0 ? windowSize : DEFAULT_GZIP_BUFFER;
                this.inflated = new byte[this.windowSize];
                this.inflating = new GZIPInputStream(Channels.newInputStream(channel), 1 << 16);
                view.wrap(inflated, 0, inflated.length);
            }
            else
            {
                this.windowSize = windowSize != 0 ? windowSize : DEFAULT_WINDOW;
                this.inflated = null;
                this.inflating = null;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static boolean isGzip(final Path file, final FileChannel channel) throws IOException
    {
        if (file.getFileName().toString().endsWith(".gz"))
        {
            return true;
        }
        final ByteBuffer magic = ByteBuffer.allocate(2);
        channel.read(magic, 0);
        return magic.position() == 2 && (magic.get(0) & 0xFF) == 0x1f && (magic.get(1) & 0xFF) == 0x8b;
    }

    /** See {@link ItchReader#looksLikeItch}. */
    static boolean startsLikeItch(final Path file) throws IOException
    {
        final byte[] head = new byte[2 * (2 + 50)];
        final int n = head(file, head);
        if (n < 0)
        {
            return false;
        }
        int p = 0;
        for (int message = 0; message < 2; message++)
        {
            if (n - p < 3)
            {
                return message > 0;
            }
            final int length = ((head[p] & 0xFF) << 8) | (head[p + 1] & 0xFF);
            final int type = head[p + 2];
            if (type < 0 || LENGTH[type] == 0 || LENGTH[type] != length)
            {
                return false;
            }
            p += 2 + length;
        }
        return true;
    }

    /**
     * Read the first bytes of a file's stream, decompressed when it is gzip, into {@code head}.
     *
     * @return how many were read, or -1 when the file looks like gzip but does not decompress.
     */
    private static int head(final Path file, final byte[] head) throws IOException
    {
        int n = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final boolean gz = isGzip(file, channel);
            channel.position(0);
            final InputStream in = Channels.newInputStream(channel);
            try (InputStream source = gz ? new GZIPInputStream(in) : in)
            {
                int r;
                while (n < head.length && (r = source.read(head, n, head.length - n)) > 0)
                {
                    n += r;
                }
            }
            catch (final IOException ex)
            {
                return -1; // a .gz that is not gzip
            }
        }
        return n;
    }

    boolean isGzip()
    {
        return gzip;
    }

    byte[] array()
    {
        return view.byteArray();
    }

    long address()
    {
        return view.addressOffset();
    }

    /** Offset in the (decompressed) stream of the view's first byte. */
    long base()
    {
        return base;
    }

    /** Bytes in view. */
    int limit()
    {
        return limit;
    }

    /**
     * Once there is no more input: what is wrong with how it ended, reading having stopped at {@code position}.
     *
     * @return the problem, or null when the input ended after a whole message.
     */
    String truncation(final int position)
    {
        final int left = limit - position;
        if (left > 0)
        {
            return left < 2 ? "file ends 1 byte into a message's 2-byte length" :
                "file ends " + (left - 2) + " bytes into a message of length " +
                (view.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF) +
                (left > 2 ? " (type '" + (char)view.getByte(position + 2) + "')" : "");
        }
        return gzipCutShort ?
            "the gzip stream ends before its end (a truncated .gz file); every whole message before it was read" : null;
    }

    /**
     * Bring more input into view, keeping the bytes from {@code position} on: they move to the start of the view
     * when anything moves.
     *
     * @return false when there is no more input.
     */
    boolean refill(final int position)
    {
        final long at = base + position;
        final int kept = limit - position;
        try
        {
            if (gzip)
            {
                if (inflatedEnd)
                {
                    return false;
                }
                System.arraycopy(inflated, position, inflated, 0, kept);
                base = at;
                limit = kept;
                int r;
                try
                {
                    while (limit < inflated.length &&
                        (r = inflating.read(inflated, limit, inflated.length - limit)) >= 0)
                    {
                        limit += r;
                    }
                }
                catch (final EOFException ex)
                {
                    // A gzip stream cut short: what inflated so far is read, then the reader reports the cut, as
                    // it does for a plain file that ends inside a message.
                    gzipCutShort = true;
                    inflatedEnd = true;
                    return limit > kept;
                }
                if (limit < inflated.length)
                {
                    inflatedEnd = true;
                }
                return limit > kept;
            }

            if (at + kept >= fileSize)
            {
                return false;
            }
            final long size = Math.min(windowSize, fileSize - at);
            unmap();
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, at, size);
            view.wrap(mapped);
            base = at;
            limit = (int)size;
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + fileName + " at byte " + at + ": " + ex.getMessage(), ex);
        }
    }

    /** Back to the first byte of a plain file; allocates nothing when it fits in one map window. */
    void rewind()
    {
        if (base != 0)
        {
            unmap();
            base = 0;
            limit = 0;
        }
    }

    /** Fraction of the file consumed up to {@code position} in the view, 0.0 to 1.0. */
    double progress(final int position)
    {
        try
        {
            final long done = gzip ? channel.position() : base + position;
            return fileSize == 0 ? 1.0 : Math.min(1.0, (double)done / fileSize);
        }
        catch (final IOException ex)
        {
            return 0.0;
        }
    }

    void close()
    {
        unmap();
        try
        {
            if (null != inflating)
            {
                inflating.close();
            }
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void unmap()
    {
        if (null != mapped)
        {
            IoUtil.unmap(mapped);
            mapped = null;
            view.wrap(0, 0);
        }
    }
}
