package io.ringside.strategies.book;

import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.OrderBookStateEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A book's snapshot message is input like any other: a damaged or forged one is refused with an IllegalStateException
 * naming what is wrong (the snapshot loader sets such a file aside), never an index error at the next event.
 */
final class OrderBookSnapshotTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderBookStateEncoder encoder = new OrderBookStateEncoder();

    @Test
    void aRestoredBookEncodesToTheSameBytesAndItsRestoreIsNotCountedAsGrowth()
    {
        final OrderBook book = new OrderBook(7, 4);
        for (int i = 0; i < 40; i++)
        {
            book.add(i, i % 2 == 0 ? Side.BUY : Side.SELL, 1_000 + i, 10);
        }
        book.delete(3, OrderBook.NULL_PRICE, OrderBook.NULL_QUANTITY, Side.NULL_VAL);
        final byte[] state = encode(book);

        final OrderBook restored = new OrderBook(7, 4);
        restored.restoreState(decoder(state));
        assertArrayEquals(state, encode(restored));
        assertEquals(0, restored.grows());
    }

    @Test
    void slotsThatWouldHandOneSlotToTwoOrdersOrIndexPastTheArraysAreRefused()
    {
        assertRefused("snapshot book for instrument 7: free slot 9", 3, new int[]{ 0, 1 }, new int[]{ 9 });
        assertRefused("snapshot book for instrument 7: free slot 1", 3, new int[]{ 0, 1 }, new int[]{ 1 });
        assertRefused("snapshot book for instrument 7: order 1 in slot 5 (quantity 10, side 0)", 3,
            new int[]{ 0, 5 }, new int[]{ 2 });
        assertRefused("snapshot book for instrument 7: order 1 in slot 0 (quantity 10, side 0)", 3,
            new int[]{ 0, 0 }, new int[]{ 2 });
        assertRefused("snapshot book for instrument 7: 2 orders and 0 free slots for 3 used", 3,
            new int[]{ 0, 1 }, new int[0]);
        assertRefused("snapshot book for instrument 7: used slot count 1073741824", 1 << 30, new int[0], new int[0]);
        // Within the absolute bound, but more slots than the message has room to describe: refused before sizing.
        assertRefused("snapshot book for instrument 7: used slot count 1000000", 1_000_000, new int[]{ 0 }, new int[0]);
    }

    private void assertRefused(final String message, final int used, final int[] orderSlots, final int[] freeSlots)
    {
        encoder.wrapAndApplyHeader(buffer, 0, header).instrumentId(7).usedSlotCount(used);
        final OrderBookStateEncoder.OrdersEncoder orders = encoder.ordersCount(orderSlots.length);
        for (int i = 0; i < orderSlots.length; i++)
        {
            orders.next().slot(orderSlots[i]).orderId(i).price(1_000).quantity(10).side((short)0);
        }
        final OrderBookStateEncoder.FreeSlotsEncoder free = encoder.freeSlotsCount(freeSlots.length);
        for (final int slot : freeSlots)
        {
            free.next().slot(slot);
        }
        encoder.bidsCount(0);
        encoder.asksCount(0);
        final byte[] state = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()];
        buffer.getBytes(0, state);
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> new OrderBook(7, 4).restoreState(decoder(state)));
        assertEquals(message, refused.getMessage());
    }

    private byte[] encode(final OrderBook book)
    {
        final int length = book.encodeState(buffer, 0, header, encoder);
        final byte[] state = new byte[length];
        buffer.getBytes(0, state);
        return state;
    }

    private static OrderBookStateDecoder decoder(final byte[] state)
    {
        final UnsafeBuffer view = new UnsafeBuffer(state);
        final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder().wrap(view, 0);
        return new OrderBookStateDecoder().wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
            messageHeader.version());
    }
}
