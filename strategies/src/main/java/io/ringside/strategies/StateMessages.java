package io.ringside.strategies;

import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Reading a snapshot's messages in their fixed order: each state class restores from the message it expects next, and
 * anything else (another template, another schema, a message running past the end) means the snapshot is not one
 * this code wrote, which is refused, not guessed at.
 */
public final class StateMessages
{
    private StateMessages()
    {
    }

    /**
     * Check the message at {@code offset} is {@code templateId} of the snapshot schema; {@code header} is left
     * wrapped on it, for its block length and version.
     *
     * @return the offset of its body.
     * @throws IllegalStateException naming what was expected and what was found.
     */
    public static int expect(
        final MessageHeaderDecoder header,
        final DirectBuffer buffer,
        final int offset,
        final int limit,
        final int templateId,
        final String what)
    {
        if (offset + MessageHeaderDecoder.ENCODED_LENGTH > limit)
        {
            throw new IllegalStateException("snapshot ends at byte " + offset + " where " + what + " was expected");
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.templateId() != templateId)
        {
            throw new IllegalStateException("snapshot has schema " + header.schemaId() + " template "
                + header.templateId() + " at byte " + offset + " where " + what + " (schema "
                + MessageHeaderDecoder.SCHEMA_ID + " template " + templateId + ") was expected");
        }
        if (header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            // Newer fields would be skipped through blockLength, but a newer version may also carry state this code
            // would silently drop: a snapshot is only ever read by the same or a newer engine.
            throw new IllegalStateException("snapshot " + what + " is schema version " + header.version()
                + ", newer than this engine's " + MessageHeaderDecoder.SCHEMA_VERSION);
        }
        return offset + MessageHeaderDecoder.ENCODED_LENGTH;
    }

    /** A state class's reading of its messages from {@code offset}; returns the offset just after them. */
    @FunctionalInterface
    public interface Restorer
    {
        int restore(DirectBuffer buffer, int offset, int limit);
    }

    /**
     * Run {@code restorer} over {@code buffer[offset..limit)} so that bytes cut short or running past the limit are
     * refused alike, as {@code what} state that is not whole.
     *
     * @return the offset just after what was read.
     * @throws IllegalStateException when the bytes are not that state.
     */
    public static int restore(
        final String what, final Restorer restorer, final DirectBuffer buffer, final int offset, final int limit)
    {
        final int position;
        try
        {
            position = restorer.restore(buffer, offset, limit);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new IllegalStateException("snapshot " + what + " state is cut short: " + ex.getMessage(), ex);
        }
        if (position > limit)
        {
            throw new IllegalStateException("snapshot " + what + " state runs past its end: " + position + " > " + limit);
        }
        return position;
    }

    public static boolean bool(final short value)
    {
        return 0 != value;
    }

    public static short bool(final boolean value)
    {
        return (short)(value ? 1 : 0);
    }
}
