package io.ringside.latency.exchange;

import io.ringside.codecs.itch.ItchMessages;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The source file in NASDAQ's layout (2-byte big-endian length before each message), plain or gzip, read message by
 * message through a 1 MiB buffer and checked as it goes: a message that is not ITCH 5.0 (unknown type, length not the
 * type's), a timestamp before the previous one or a file that ends inside a message is an
 * {@link IllegalArgumentException} naming {@code file@offset}, the offset of the message's length prefix in the
 * decompressed stream. A read failure (a damaged gzip stream among them) is an {@link UncheckedIOException} naming
 * the file and offset. It is read once per pass: {@link #open()}, {@link #next()} until -1, {@link #close()}.
 */
final class ItchSource
{
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final int BUFFER_SIZE = 1 << 20;

    private final Path path;
    // Index i of the buffer is byte base + i of the (decompressed) stream.
    private final byte[] bytes = new byte[BUFFER_SIZE];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private InputStream input;
    private long base;
    private int position;
    private int limit;
    private boolean end;
    private long lastTimestamp;
    private long framing;

    ItchSource(final Path path)
    {
        this.path = path;
    }

    Path path()
    {
        return path;
    }

    /** The buffer the offsets {@link #next()} returns are in. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    void open()
    {
        try
        {
            final InputStream file = Files.newInputStream(path);
            input = isGzip() ? new GZIPInputStream(file, 1 << 16) : file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path + ": " + ex.getMessage(), ex);
        }
        base = 0;
        position = 0;
        limit = 0;
        end = false;
        lastTimestamp = 0;
    }

    void close()
    {
        try
        {
            input.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + path + ": " + ex.getMessage(), ex);
        }
        input = null;
    }

    /** The next message's offset in the buffer (its type byte), checked; -1 at the end of the source. */
    int next()
    {
        while (true)
        {
            final int available = limit - position;
            if (available >= 2)
            {
                final int length = buffer.getShort(position, BE) & 0xFFFF;
                if (available >= 2 + length)
                {
                    framing = base + position;
                    final int m = position + 2;
                    position = m + length;
                    check(m, length);
                    return m;
                }
            }
            if (!refill())
            {
                if (limit > position)
                {
                    framing = base + position;
                    throw error(available < 2 ?
                        "the file ends 1 byte into a message's 2-byte length (truncated)" :
                        "the file ends " + (available - 2) + " bytes into a message of length " +
                        (buffer.getShort(position, BE) & 0xFFFF) + " (truncated)");
                }
                return -1;
            }
        }
    }

    /** A problem with the message {@link #next()} returned last, located in the file. */
    IllegalArgumentException error(final String problem)
    {
        return new IllegalArgumentException(path + "@" + framing + ": " + problem);
    }

    private boolean isGzip() throws IOException
    {
        if (path.getFileName().toString().endsWith(".gz"))
        {
            return true;
        }
        try (InputStream head = Files.newInputStream(path))
        {
            return head.read() == 0x1f && head.read() == 0x8b;
        }
    }

    private void check(final int m, final int length)
    {
        if (length == 0)
        {
            throw error("length 0: no message type");
        }
        final int type = buffer.getByte(m) & 0xFF;
        final int expected = ItchMessages.lengthOf((char)type);
        if (expected == 0)
        {
            throw error("type 0x" + Integer.toHexString(type) + " is not an ITCH 5.0 message type " +
                "(is the file ITCH 5.0 with 2-byte length prefixes?)");
        }
        if (expected != length)
        {
            throw error("type '" + (char)type + "' is " + expected + " bytes in ITCH 5.0; its length field says " +
                length);
        }
        final long timestamp = ItchMessages.timestamp(buffer, m);
        if (timestamp < lastTimestamp)
        {
            throw error("type '" + (char)type + "' timestamp " + timestamp + " ns after midnight is before the " +
                "previous message's " + lastTimestamp);
        }
        lastTimestamp = timestamp;
    }

    /** Bring more of the source into the buffer, keeping the bytes from the position on; false at its end. */
    private boolean refill()
    {
        if (end)
        {
            return false;
        }
        final int kept = limit - position;
        System.arraycopy(bytes, position, bytes, 0, kept);
        base += position;
        position = 0;
        limit = kept;
        try
        {
            int read;
            while (limit < bytes.length && (read = input.read(bytes, limit, bytes.length - limit)) >= 0)
            {
                limit += read;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path + " at byte " + (base + limit) +
                " (of its decompressed stream, for gzip): " + ex.getMessage(), ex);
        }
        end = limit < bytes.length;
        return limit > kept;
    }
}
