package io.ringside.codecs.itch;

import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * One fixed-length SBE frame, the message header then the message's block, written into the caller's buffer at the
 * generated encoders' field offsets with one capacity check for the whole frame instead of one per field.
 * <p>
 * Why no put needs a check of its own: every event {@link ItchEvents} writes is an SBE message of fixed length (no
 * repeating groups, no variable-length data), so its frame is {@link MessageHeaderEncoder#ENCODED_LENGTH} plus the
 * message's {@code BLOCK_LENGTH} bytes, and each field lies at its generated {@code xxxEncodingOffset()}, inside the
 * block. {@link #begin} proves once that the whole frame, {@code [offset, offset + frame length)}, lies inside the
 * buffer (an expandable buffer is grown first, as the encoders' own puts would grow it; anything else is refused with
 * {@link IndexOutOfBoundsException} before a byte is written), and every put after it is at a field offset below the
 * frame length. The bytes are the generated encoders' to the byte: ItchFrameBytesTest holds them so.
 * <p>
 * The buffer is written through its {@link MutableDirectBuffer#byteArray()} and
 * {@link MutableDirectBuffer#addressOffset()}, which every Agrona buffer gives (null and an absolute address off the
 * heap).
 */
final class EventFrame
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    /** SBE writes in the schema's byte order: swap where the machine's is the other. */
    private static final boolean SWAP = ByteOrder.nativeOrder() != MessageHeaderEncoder.BYTE_ORDER;

    private byte[] array;
    /** Where the frame's block starts: {@code array} at this offset, or this absolute address when array is null. */
    private long block;

    /**
     * Start a frame at {@code offset} of {@code buffer}, after checking that all of it fits, and write its header.
     *
     * @return the frame's length.
     * @throws IndexOutOfBoundsException when the frame does not fit in the buffer at {@code offset}.
     */
    int begin(final MutableDirectBuffer buffer, final int offset, final int blockLength, final int templateId)
    {
        final int frameLength = HEADER + blockLength;
        if (offset < 0 || offset > buffer.capacity() - frameLength)
        {
            makeRoom(buffer, offset, frameLength);
        }
        array = buffer.byteArray();
        final long frame = buffer.addressOffset() + offset;
        block = frame + HEADER;
        UnsafeApi.putShort(array, frame + MessageHeaderEncoder.blockLengthEncodingOffset(), order((short)blockLength));
        UnsafeApi.putShort(array, frame + MessageHeaderEncoder.templateIdEncodingOffset(), order((short)templateId));
        UnsafeApi.putShort(array, frame + MessageHeaderEncoder.schemaIdEncodingOffset(),
            order((short)MessageHeaderEncoder.SCHEMA_ID));
        UnsafeApi.putShort(array, frame + MessageHeaderEncoder.versionEncodingOffset(),
            order((short)MessageHeaderEncoder.SCHEMA_VERSION));
        return frameLength;
    }

    /** The envelope at {@code at} in the block: the event time, and 0 where the engine fills in the rest. */
    void envelope(final int at, final long eventTime)
    {
        putLong(at + EnvelopeEncoder.sequenceEncodingOffset(), 0);
        putLong(at + EnvelopeEncoder.eventTimeEncodingOffset(), eventTime);
        putLong(at + EnvelopeEncoder.sendTimeEncodingOffset(), 0);
        putLong(at + EnvelopeEncoder.intendedSendTimeEncodingOffset(), 0);
        putInt(at + EnvelopeEncoder.sourceIdEncodingOffset(), 0);
    }

    // Puts at a field's offset in the block of the frame begun: inside it, as begin checked.

    void putByte(final int at, final byte value)
    {
        UnsafeApi.putByte(array, block + at, value);
    }

    void putInt(final int at, final int value)
    {
        UnsafeApi.putInt(array, block + at, SWAP ? Integer.reverseBytes(value) : value);
    }

    void putLong(final int at, final long value)
    {
        UnsafeApi.putLong(array, block + at, SWAP ? Long.reverseBytes(value) : value);
    }

    private static short order(final short value)
    {
        return SWAP ? Short.reverseBytes(value) : value;
    }

    /** Off the hot path: grow an expandable buffer to hold the frame, or refuse. */
    private static void makeRoom(final MutableDirectBuffer buffer, final int offset, final int frameLength)
    {
        if (offset < 0 || offset > Integer.MAX_VALUE - frameLength)
        {
            throw new IndexOutOfBoundsException("a frame of " + frameLength + " bytes cannot start at offset " + offset);
        }
        buffer.checkLimit(offset + frameLength); // grows an expandable buffer, throws for a fixed one
        if (offset > buffer.capacity() - frameLength)
        {
            throw new IndexOutOfBoundsException("a frame of " + frameLength + " bytes at offset " + offset +
                " does not fit a buffer of " + buffer.capacity());
        }
    }
}
