package io.ringside.codecs.recording;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.recorded.MappedFile;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.ReadErrors;
import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.ringside.codecs.recording.RecordingFormat.BYTE_ORDER;

/**
 * Reads a recording ({@link RecordingFormat}) back as the frames that were written, byte for byte, envelopes
 * included: unlike the text readers, sequence, source id and send times are those recorded, and a publisher may
 * restamp them.
 * <p>
 * The file is memory-mapped; each frame is checked with {@link FrameCheck#check} and copied to the caller's buffer,
 * nothing is allocated. A frame that fails the check is reported as {@code bad_frame} at {@code file@offset} (the
 * record's offset) and skipped: its length prefix says where the next record is. A final record cut short is
 * reported as {@code truncated}; a length prefix out of range as {@code bad_length}, and reading ends there, because
 * without a trustworthy length the next record cannot be found. Files over 2 GiB are not supported.
 */
public final class RecordingReader implements RecordedEventReader
{
    private final ReadErrors errors;
    private final MappedFile input;
    private final UnsafeBuffer file;
    private final int fileLength;
    private final int schemaId;
    private final int schemaVersion;

    private int position = RecordingFormat.HEADER_LENGTH;
    private int lastRecordOffset = -1;
    private boolean stopped;
    private long eventsRead;

    /**
     * @param file         the recording.
     * @param errorHandler told of each frame refused.
     * @throws IllegalArgumentException when the file is not a recording this build reads: too short for the header,
     *                                  another magic, format version or schema id (the message says what was
     *                                  expected).
     */
    public RecordingReader(final Path file, final ReadErrorHandler errorHandler)
    {
        this.errors = new ReadErrors(file, errorHandler);
        this.input = new MappedFile(file, "recordings");
        this.file = input.buffer();
        this.fileLength = input.length();
        if (fileLength < RecordingFormat.HEADER_LENGTH)
        {
            close();
            throw new IllegalArgumentException(file + " is " + fileLength + " bytes: not a recording, expected a " +
                RecordingFormat.HEADER_LENGTH + "-byte header starting with magic RSIDEREC");
        }

        final byte[] magic = new byte[RecordingFormat.MAGIC.length];
        this.file.getBytes(RecordingFormat.MAGIC_OFFSET, magic);
        final int formatVersion = this.file.getInt(RecordingFormat.FORMAT_VERSION_OFFSET, BYTE_ORDER);
        this.schemaId = this.file.getInt(RecordingFormat.SCHEMA_ID_OFFSET, BYTE_ORDER);
        this.schemaVersion = this.file.getInt(RecordingFormat.SCHEMA_VERSION_OFFSET, BYTE_ORDER);
        final String refusal;
        if (!Arrays.equals(magic, RecordingFormat.MAGIC))
        {
            refusal = "magic is " + printable(magic) + ", expected RSIDEREC: not a Ringside recording";
        }
        else if (formatVersion != RecordingFormat.FORMAT_VERSION)
        {
            refusal = "format version is " + formatVersion + ", expected " + RecordingFormat.FORMAT_VERSION;
        }
        else if (schemaId != RecordingFormat.SCHEMA_ID)
        {
            refusal = "SBE schema id is " + schemaId + ", expected " + RecordingFormat.SCHEMA_ID;
        }
        else
        {
            refusal = null;
        }
        if (null != refusal)
        {
            close();
            throw new IllegalArgumentException(file + ": " + refusal);
        }
    }

    /** True when the file starts with the recording magic, RSIDEREC. */
    public static boolean looksLikeRecording(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return Arrays.equals(in.readNBytes(RecordingFormat.MAGIC.length), RecordingFormat.MAGIC);
        }
    }

    /** SBE schema id the writer's codecs had (always Ringside's: others are refused). */
    public int schemaId()
    {
        return schemaId;
    }

    /**
     * SBE schema version the writer's codecs had. Any is accepted: each frame's header carries its own version, and
     * {@link FrameCheck} decides whether this build can read it.
     */
    public int schemaVersion()
    {
        return schemaVersion;
    }

    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        final UnsafeBuffer file = this.file;
        final int fileLength = this.fileLength;
        while (!stopped && position < fileLength)
        {
            final int recordOffset = position;
            if (fileLength - recordOffset < RecordingFormat.LENGTH_PREFIX)
            {
                position = fileLength;
                refuse("truncated", recordOffset, "the file ends " + (fileLength - recordOffset) +
                    " bytes into a record's length prefix");
                return 0;
            }
            final int length = file.getInt(recordOffset, BYTE_ORDER);
            if (length < 1 || length > MAX_FRAME_LENGTH)
            {
                position = fileLength;
                refuse("bad_length", recordOffset, "record length " + length + " is not 1 to " + MAX_FRAME_LENGTH +
                    "; the records after it cannot be found");
                return 0;
            }
            final int frameOffset = recordOffset + RecordingFormat.LENGTH_PREFIX;
            if (length > fileLength - frameOffset)
            {
                position = fileLength;
                refuse("truncated", recordOffset, "the file ends " + (fileLength - frameOffset) + " bytes into a " +
                    length + "-byte frame");
                return 0;
            }
            // A last record whose padding is missing is still whole.
            position = (int)Math.min(fileLength, (long)recordOffset + RecordingFormat.recordLength(length));

            final int check = FrameCheck.check(file, frameOffset, length);
            if (FrameCheck.OK != check)
            {
                if (!refuse("bad_frame", recordOffset, FrameCheck.name(check) + ": " + FrameCheck.describe(check) +
                    " (" + length + "-byte frame)"))
                {
                    return 0;
                }
                continue;
            }

            buffer.putBytes(offset, file, frameOffset, length);
            lastRecordOffset = recordOffset;
            eventsRead++;
            return length;
        }
        return 0;
    }

    /** The file offset of the record whose frame {@link #next} returned last; -1 before the first. */
    public int lastRecordOffset()
    {
        return lastRecordOffset;
    }

    public long eventsRead()
    {
        return eventsRead;
    }

    public long errors()
    {
        return errors.count();
    }

    public double progress()
    {
        return fileLength == 0 ? 1.0 : Math.min(1.0, (double)position / fileLength);
    }

    public void close()
    {
        input.close();
    }

    private boolean refuse(final String kind, final int recordOffset, final String problem)
    {
        stopped = !errors.atByte(kind, recordOffset, problem);
        return !stopped;
    }

    private static String printable(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder("'");
        for (final byte b : bytes)
        {
            text.append(b >= 0x20 && b < 0x7F ? (char)b : '?');
        }
        return text.append('\'').toString();
    }
}
