package io.ringside.codecs.recording;

import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.ringside.codecs.recording.RecordingFormat.BYTE_ORDER;

/**
 * Appends SBE frames to a recording file ({@link RecordingFormat}). Frames are copied into a reused direct buffer
 * and written through a FileChannel when it fills, on {@link #flush()} and on {@link #close()}: appending allocates
 * nothing and makes no system call per frame. Not thread safe. The file is created, or truncated when it exists.
 */
public final class RecordingWriter implements AutoCloseable
{
    /** Default size of the write buffer: big enough that writes are few, small enough to stay in cache. */
    public static final int DEFAULT_BUFFER_LENGTH = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private int buffered;
    private long position;
    private long framesWritten;
    private boolean closed;

    public RecordingWriter(final Path file)
    {
        this(file, DEFAULT_BUFFER_LENGTH);
    }

    /**
     * @param file         the recording to write; created, or truncated when it exists.
     * @param bufferLength bytes buffered before a write, at least one record of the largest frame.
     */
    public RecordingWriter(final Path file, final int bufferLength)
    {
        if (bufferLength < RecordingFormat.recordLength(RecordedEventReader.MAX_FRAME_LENGTH))
        {
            throw new IllegalArgumentException("bufferLength " + bufferLength + " cannot hold the largest record");
        }
        this.path = file;
        try
        {
            this.channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        this.byteBuffer = ByteBuffer.allocateDirect(bufferLength);
        this.buffer = new UnsafeBuffer(byteBuffer);

        buffer.setMemory(0, RecordingFormat.HEADER_LENGTH, (byte)0);
        buffer.putBytes(RecordingFormat.MAGIC_OFFSET, RecordingFormat.MAGIC);
        buffer.putInt(RecordingFormat.FORMAT_VERSION_OFFSET, RecordingFormat.FORMAT_VERSION, BYTE_ORDER);
        buffer.putInt(RecordingFormat.SCHEMA_ID_OFFSET, RecordingFormat.SCHEMA_ID, BYTE_ORDER);
        buffer.putInt(RecordingFormat.SCHEMA_VERSION_OFFSET, RecordingFormat.SCHEMA_VERSION, BYTE_ORDER);
        buffered = RecordingFormat.HEADER_LENGTH;
        position = RecordingFormat.HEADER_LENGTH;
    }

    /**
     * Append one frame as given; it is not checked, so a recording holds exactly what was published.
     *
     * @return the file offset of the record (its length prefix), for indexes and error reports.
     * @throws IllegalArgumentException when length is not 1 to {@link RecordedEventReader#MAX_FRAME_LENGTH}: a
     *                                  reader could not return it.
     */
    public long append(final DirectBuffer frame, final int offset, final int length)
    {
        if (length < 1 || length > RecordedEventReader.MAX_FRAME_LENGTH)
        {
            throw new IllegalArgumentException(
                "frame length " + length + " is not 1 to " + RecordedEventReader.MAX_FRAME_LENGTH);
        }
        if (closed)
        {
            throw new IllegalStateException(path + " is closed");
        }
        final int recordLength = RecordingFormat.recordLength(length);
        if (buffered + recordLength > buffer.capacity())
        {
            flush();
        }
        final int at = buffered;
        buffer.putInt(at, length, BYTE_ORDER);
        buffer.putBytes(at + RecordingFormat.LENGTH_PREFIX, frame, offset, length);
        final int frameEnd = at + RecordingFormat.LENGTH_PREFIX + length;
        buffer.setMemory(frameEnd, at + recordLength - frameEnd, (byte)0);
        buffered += recordLength;

        final long recordOffset = position;
        position += recordLength;
        framesWritten++;
        return recordOffset;
    }

    /** Frames appended so far. */
    public long framesWritten()
    {
        return framesWritten;
    }

    /** Length the file has once everything appended is flushed: header and every record. */
    public long position()
    {
        return position;
    }

    /** Write what is buffered to the file (to the OS: no fsync). */
    public void flush()
    {
        if (buffered == 0)
        {
            return;
        }
        try
        {
            byteBuffer.clear().limit(buffered);
            while (byteBuffer.hasRemaining())
            {
                channel.write(byteBuffer);
            }
            buffered = 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + path + ": " + ex.getMessage(), ex);
        }
    }

    /** Flush and close the file; the buffer's memory goes with it. */
    public void close()
    {
        if (closed)
        {
            return;
        }
        try
        {
            flush();
        }
        finally
        {
            closed = true;
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot close " + path + ": " + ex.getMessage(), ex);
            }
            finally
            {
                BufferUtil.free(byteBuffer);
            }
        }
    }
}
