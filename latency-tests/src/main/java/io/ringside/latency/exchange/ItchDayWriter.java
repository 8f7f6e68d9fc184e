package io.ringside.latency.exchange;

import io.ringside.codecs.itch.ItchMessages;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static io.ringside.codecs.itch.ItchMessages.ACTION_REASON;
import static io.ringside.codecs.itch.ItchMessages.ACTION_RESERVED;
import static io.ringside.codecs.itch.ItchMessages.ACTION_STATE;
import static io.ringside.codecs.itch.ItchMessages.ACTION_STOCK;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_AUTHENTICITY;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ETP_FLAG;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ETP_LEVERAGE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_FINANCIAL_STATUS;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_INVERSE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_IPO_FLAG;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ISSUE_CLASSIFICATION;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ISSUE_SUBTYPE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_LULD_TIER;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_MARKET_CATEGORY;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ROUND_LOTS_ONLY;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_ROUND_LOT_SIZE;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_SHORT_SALE_THRESHOLD;
import static io.ringside.codecs.itch.ItchMessages.DIRECTORY_STOCK;
import static io.ringside.codecs.itch.ItchMessages.STOCK_LENGTH;
import static io.ringside.codecs.itch.ItchMessages.STOCK_LOCATE;
import static io.ringside.codecs.itch.ItchMessages.SYSTEM_EVENT_CODE;
import static io.ringside.codecs.itch.ItchMessages.TIMESTAMP;
import static io.ringside.codecs.itch.ItchMessages.TRACKING_NUMBER;
import static io.ringside.codecs.itch.ItchMessages.TYPE;

/**
 * The output file in NASDAQ's layout (2-byte big-endian length before each message), through a 1 MiB buffer;
 * gzip-compressed when its name ends in .gz. It writes the generator's own messages (S, R, H) and copies of the
 * source's, and counts what it wrote. A message is only flushed when the next one needs its room, so a copy's fields
 * can still be rewritten in {@link #buffer()} after {@link #copy}.
 */
final class ItchDayWriter
{
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final int BUFFER_SIZE = 1 << 20;

    private final Path path;
    /** Each locate's 8-character stock name, at {@code locate * STOCK_LENGTH}. */
    private final byte[] names;
    private final byte[] bytes = new byte[BUFFER_SIZE];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final long[] messagesByType = new long[128];
    private OutputStream output;
    private int position;
    private long bytesWritten;
    private long messagesWritten;
    private long lastTimestamp;

    /**
     * @param path           the file to write.
     * @param names          each locate's stock name, 8 bytes at {@code locate * 8}.
     * @param firstTimestamp the time of the messages written before the first copy.
     */
    ItchDayWriter(final Path path, final byte[] names, final long firstTimestamp)
    {
        this.path = path;
        this.names = names;
        this.lastTimestamp = firstTimestamp;
    }

    void open() throws IOException
    {
        final OutputStream file = Files.newOutputStream(path);
        output = path.getFileName().toString().endsWith(".gz") ? fastGzip(file) : file;
    }

    /** Flush and close: the file is complete. */
    void close() throws IOException
    {
        flush();
        output.close();
        output = null;
    }

    /** Close without flushing and delete the file: a failed day leaves nothing half-written behind. */
    void abandon()
    {
        try
        {
            if (null != output)
            {
                output.close();
            }
        }
        catch (final IOException ignore)
        {
            // the output is deleted below; the first failure is the one to report
        }
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // as above
        }
    }

    /** Where the messages are written, for rewriting the fields of a {@link #copy}. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    long messages()
    {
        return messagesWritten;
    }

    /** Bytes of ITCH written, before compression. */
    long bytes()
    {
        return bytesWritten;
    }

    long lastTimestamp()
    {
        return lastTimestamp;
    }

    long[] messagesByType()
    {
        return messagesByType.clone();
    }

    void systemEvent(final char code)
    {
        final int o = newMessage('S', 0);
        buffer.putByte(o + SYSTEM_EVENT_CODE, (byte)code);
        endMessage(o);
    }

    /** The reference data of a common stock: the values of AAPL's R in NASDAQ's own session file. */
    void stockDirectory(final int locate)
    {
        final int o = newMessage('R', locate);
        putStock(o + DIRECTORY_STOCK, locate);
        buffer.putByte(o + DIRECTORY_MARKET_CATEGORY, (byte)'Q');
        buffer.putByte(o + DIRECTORY_FINANCIAL_STATUS, (byte)'N');
        buffer.putInt(o + DIRECTORY_ROUND_LOT_SIZE, 100, BE);
        buffer.putByte(o + DIRECTORY_ROUND_LOTS_ONLY, (byte)'N');
        buffer.putByte(o + DIRECTORY_ISSUE_CLASSIFICATION, (byte)'C');
        buffer.putByte(o + DIRECTORY_ISSUE_SUBTYPE, (byte)'Z');
        buffer.putByte(o + DIRECTORY_ISSUE_SUBTYPE + 1, (byte)' ');
        buffer.putByte(o + DIRECTORY_AUTHENTICITY, (byte)'P');
        buffer.putByte(o + DIRECTORY_SHORT_SALE_THRESHOLD, (byte)'N');
        buffer.putByte(o + DIRECTORY_IPO_FLAG, (byte)'N');
        buffer.putByte(o + DIRECTORY_LULD_TIER, (byte)'1');
        buffer.putByte(o + DIRECTORY_ETP_FLAG, (byte)'N');
        buffer.putInt(o + DIRECTORY_ETP_LEVERAGE, 0, BE);
        buffer.putByte(o + DIRECTORY_INVERSE, (byte)'N');
        endMessage(o);
    }

    /** H with state T (trading). */
    void tradingAction(final int locate)
    {
        final int o = newMessage('H', locate);
        putStock(o + ACTION_STOCK, locate);
        buffer.putByte(o + ACTION_STATE, (byte)'T');
        buffer.putByte(o + ACTION_RESERVED, (byte)' ');
        for (int i = 0; i < 4; i++)
        {
            buffer.putByte(o + ACTION_REASON + i, (byte)' ');
        }
        endMessage(o);
    }

    /** Copy the source message at {@code m} with its locate and time rewritten: its offset in {@link #buffer()}. */
    int copy(final DirectBuffer source, final int m, final int locate, final long timestamp)
    {
        final int length = ItchMessages.lengthOf(ItchMessages.type(source, m));
        final int o = beginMessage(length);
        buffer.putBytes(o, source, m, length);
        buffer.putShort(o + STOCK_LOCATE, (short)locate, BE);
        lastTimestamp = timestamp;
        putTimestamp(o, lastTimestamp);
        endMessage(o);
        return o;
    }

    /** The locate's stock name into the 8-byte field at {@code index}. */
    void putStock(final int index, final int locate)
    {
        buffer.putBytes(index, names, locate * STOCK_LENGTH, STOCK_LENGTH);
    }

    /**
     * Gzip at the fastest level: the default level writes a 10M-message day at a tenth of the plain file's speed,
     * and the file is a test input, read once, not an archive.
     */
    private static OutputStream fastGzip(final OutputStream file) throws IOException
    {
        return new GZIPOutputStream(file, 1 << 16)
        {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** A message of the generator's own, at the latest time written: type, locate, tracking 0, timestamp. */
    private int newMessage(final char type, final int locate)
    {
        final int length = ItchMessages.lengthOf(type);
        final int o = beginMessage(length);
        buffer.setMemory(o, length, (byte)0);
        buffer.putByte(o + TYPE, (byte)type);
        buffer.putShort(o + STOCK_LOCATE, (short)locate, BE);
        buffer.putShort(o + TRACKING_NUMBER, (short)0, BE);
        putTimestamp(o, lastTimestamp);
        return o;
    }

    /** Room for a message of {@code length} and its length prefix: the offset of the message (its type byte). */
    private int beginMessage(final int length)
    {
        if (position + 2 + length > bytes.length)
        {
            flush();
        }
        buffer.putShort(position, (short)length, BE);
        return position + 2;
    }

    private void endMessage(final int o)
    {
        final char type = ItchMessages.type(buffer, o);
        position = o + ItchMessages.lengthOf(type);
        messagesByType[type]++;
        messagesWritten++;
    }

    private void putTimestamp(final int o, final long timestamp)
    {
        buffer.putShort(o + TIMESTAMP, (short)(timestamp >>> 32), BE);
        buffer.putInt(o + TIMESTAMP + 2, (int)timestamp, BE);
    }

    private void flush()
    {
        try
        {
            output.write(bytes, 0, position);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write at byte " + bytesWritten + ": " + ex.getMessage(), ex);
        }
        bytesWritten += position;
        position = 0;
    }
}
