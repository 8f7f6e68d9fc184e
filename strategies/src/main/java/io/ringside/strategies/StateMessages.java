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

    public static boolean bool(final short value)
    {
        return 0 != value;
    }

    public static short bool(final boolean value)
    {
        return (short)(value ? 1 : 0);
    }
}
