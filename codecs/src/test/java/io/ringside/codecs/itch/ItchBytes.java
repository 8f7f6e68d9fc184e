package io.ringside.codecs.itch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test helper: writes ITCH 5.0 messages field by field, in the specification's order and widths, big-endian, each
 * preceded by its 2-byte big-endian length (NASDAQ's file layout). Independent of {@link ItchMessages}: the layouts
 * are typed here again from the specification, so an offset wrong in the reader is not repeated in the test.
 */
final class ItchBytes
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteBuffer message = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);

    /** Start a message: type, stock locate (2), tracking number (2), timestamp (6). */
    ItchBytes msg(final char type, final int locate, final int tracking, final long timestamp)
    {
        message.clear();
        message.put((byte)type);
        message.putShort((short)locate);
        message.putShort((short)tracking);
        u48(timestamp);
        return this;
    }

    ItchBytes alpha(final char c)
    {
        message.put((byte)c);
        return this;
    }

    /** Alpha field of {@code width} characters, left-justified and space-padded as the specification says. */
    ItchBytes alpha(final String text, final int width)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < width; i++)
        {
            message.put(i < bytes.length ? bytes[i] : (byte)' ');
        }
        return this;
    }

    ItchBytes u16(final int value)
    {
        message.putShort((short)value);
        return this;
    }

    ItchBytes u32(final long value)
    {
        message.putInt((int)value);
        return this;
    }

    ItchBytes u48(final long value)
    {
        message.putShort((short)(value >>> 32));
        message.putInt((int)value);
        return this;
    }

    ItchBytes u64(final long value)
    {
        message.putLong(value);
        return this;
    }

    /** End the message, framed with its true length. */
    ItchBytes end()
    {
        return endWithLength(message.position());
    }

    /** End the message, framed with the given length field (for bad input: the body is written as built). */
    ItchBytes endWithLength(final int lengthField)
    {
        out.write((lengthField >>> 8) & 0xFF);
        out.write(lengthField & 0xFF);
        out.write(message.array(), 0, message.position());
        return this;
    }

    /** Length of the message being built (to check a layout against the specification's length). */
    int messageLength()
    {
        return message.position();
    }

    ItchBytes raw(final byte... bytes)
    {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    int size()
    {
        return out.size();
    }

    byte[] bytes()
    {
        return out.toByteArray();
    }

    // The messages, complete, with every field of the specification.

    ItchBytes systemEvent(final int tracking, final long ts, final char code)
    {
        return msg('S', 0, tracking, ts).alpha(code).end();
    }

    ItchBytes stockDirectory(final int locate, final long ts, final String stock)
    {
        return msg('R', locate, 0, ts).alpha(stock, 8).alpha('Q').alpha('N').u32(100).alpha('N').alpha('C')
            .alpha("Z", 2).alpha('P').alpha('N').alpha(' ').alpha('1').alpha('N').u32(0).alpha('N').end();
    }

    ItchBytes tradingAction(final int locate, final long ts, final String stock, final char state)
    {
        return msg('H', locate, 0, ts).alpha(stock, 8).alpha(state).alpha(' ').alpha("    ", 4).end();
    }

    ItchBytes addOrder(final int locate, final long ts, final long ref, final char side, final long shares,
        final String stock, final long price)
    {
        return msg('A', locate, 0, ts).u64(ref).alpha(side).u32(shares).alpha(stock, 8).u32(price).end();
    }

    ItchBytes addOrderMpid(final int locate, final long ts, final long ref, final char side, final long shares,
        final String stock, final long price, final String mpid)
    {
        return msg('F', locate, 0, ts).u64(ref).alpha(side).u32(shares).alpha(stock, 8).u32(price).alpha(mpid, 4).end();
    }

    ItchBytes executed(final int locate, final long ts, final long ref, final long shares, final long match)
    {
        return msg('E', locate, 0, ts).u64(ref).u32(shares).u64(match).end();
    }

    ItchBytes executedWithPrice(final int locate, final long ts, final long ref, final long shares, final long match,
        final char printable, final long price)
    {
        return msg('C', locate, 0, ts).u64(ref).u32(shares).u64(match).alpha(printable).u32(price).end();
    }

    ItchBytes cancel(final int locate, final long ts, final long ref, final long shares)
    {
        return msg('X', locate, 0, ts).u64(ref).u32(shares).end();
    }

    ItchBytes delete(final int locate, final long ts, final long ref)
    {
        return msg('D', locate, 0, ts).u64(ref).end();
    }

    ItchBytes replace(final int locate, final long ts, final long original, final long newRef, final long shares,
        final long price)
    {
        return msg('U', locate, 0, ts).u64(original).u64(newRef).u32(shares).u32(price).end();
    }

    ItchBytes trade(final int locate, final long ts, final long ref, final char side, final long shares,
        final String stock, final long price, final long match)
    {
        return msg('P', locate, 0, ts).u64(ref).alpha(side).u32(shares).alpha(stock, 8).u32(price).u64(match).end();
    }

    ItchBytes crossTrade(final int locate, final long ts, final long shares, final String stock, final long price,
        final long match, final char crossType)
    {
        return msg('Q', locate, 0, ts).u64(shares).alpha(stock, 8).u32(price).u64(match).alpha(crossType).end();
    }
}
