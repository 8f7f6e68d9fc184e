package io.ringside.codecs.recording;

import io.ringside.codecs.sbe.MessageHeaderEncoder;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The layout of a Ringside recording: SBE frames exactly as they were published, so a replay needs no parsing.
 * <pre>
 *   file header, 32 bytes, little-endian:
 *     0  magic           8 bytes  "RSIDEREC"
 *     8  format version  int32    {@link #FORMAT_VERSION}
 *    12  schema id       int32    SBE schema id of the writer's codecs (7001)
 *    16  schema version  int32    SBE schema version of the writer's codecs
 *    20  reserved        12 bytes zero
 *   then records, each starting 8-byte aligned:
 *     0  length          int32    frame length in bytes, 1 to RecordedEventReader.MAX_FRAME_LENGTH
 *     4  frame           length bytes, the SBE header and message, envelope included
 *        padding         zero bytes to the next multiple of 8
 * </pre>
 * Alignment keeps every frame's 8-byte fields at a 4 (mod 8) file offset, and lets a reader skip a bad frame by its
 * length without scanning.
 */
public final class RecordingFormat
{
    public static final byte[] MAGIC = "RSIDEREC".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_LENGTH = 32;
    public static final int MAGIC_OFFSET = 0;
    public static final int FORMAT_VERSION_OFFSET = 8;
    public static final int SCHEMA_ID_OFFSET = 12;
    public static final int SCHEMA_VERSION_OFFSET = 16;
    public static final int LENGTH_PREFIX = 4;
    public static final int ALIGNMENT = 8;
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int SCHEMA_ID = MessageHeaderEncoder.SCHEMA_ID;
    public static final int SCHEMA_VERSION = MessageHeaderEncoder.SCHEMA_VERSION;

    private RecordingFormat()
    {
    }

    /** Bytes a record of a frame of {@code frameLength} takes, prefix and padding included. */
    public static int recordLength(final int frameLength)
    {
        return (LENGTH_PREFIX + frameLength + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
