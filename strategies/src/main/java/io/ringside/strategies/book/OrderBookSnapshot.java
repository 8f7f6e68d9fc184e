package io.ringside.strategies.book;

import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.OrderBookStateEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * An {@link OrderBook} as an OrderBookState snapshot message and back: live orders in slot order with their slots, and
 * the free-slot stack, so a restored book reuses slots exactly as the original would and encodes to the same bytes.
 * Off the event path: a snapshot's only cost to the book is this class reading it.
 */
final class OrderBookSnapshot
{
    /** More orders than any one book of a day holds: a count beyond it is a damaged or forged file. */
    static final int MAX_SLOTS = 1 << 26;
    private static final long FREE_MARK = -1;

    private OrderBookSnapshot()
    {
    }

    private static int levels(final OrderBook book, final int count)
    {
        if (count < 0 || count > MAX_SLOTS)
        {
            throw refused(book, "level count " + count);
        }
        return count;
    }

    private static IllegalStateException refused(final OrderBook book, final String what)
    {
        return new IllegalStateException("snapshot book for instrument " + book.instrumentId + ": " + what);
    }

    static int encode(
        final OrderBook book,
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final OrderBookStateEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .instrumentId(book.instrumentId)
            .usedSlotCount(book.usedSlotCount)
            .duplicateOrderIds(book.duplicateOrderIds)
            .unknownOrderEvents(book.unknownOrderEvents)
            .untrackedOrderEvents(book.untrackedOrderEvents)
            .invalidEvents(book.invalidEvents);
        // Each slot's order id, from the map that already holds them: the events never pay for a snapshot.
        if (book.idBySlot.length < book.usedSlotCount)
        {
            book.idBySlot = new long[book.orderPrices.length];
        }
        for (final Long2LongHashMap.EntryIterator it = book.slotByOrderId.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            book.idBySlot[(int)it.getLongValue()] = it.getLongKey();
        }
        final OrderBookStateEncoder.OrdersEncoder orders = encoder.ordersCount(book.slotByOrderId.size());
        for (int slot = 0; slot < book.usedSlotCount; slot++)
        {
            if (book.orderQuantities[slot] > 0) // a live order's quantity is positive, a freed slot's 0
            {
                orders.next()
                    .slot(slot)
                    .orderId(book.idBySlot[slot])
                    .price(book.orderPrices[slot])
                    .quantity(book.orderQuantities[slot])
                    .side(book.orderSides[slot]);
            }
        }
        final OrderBookStateEncoder.FreeSlotsEncoder free = encoder.freeSlotsCount(book.freeSlotCount);
        for (int i = 0; i < book.freeSlotCount; i++)
        {
            free.next().slot(book.freeSlots[i]);
        }
        book.bids.encode(encoder.bidsCount(book.bids.size()));
        book.asks.encode(encoder.asksCount(book.asks.size()));
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static void restore(final OrderBook book, final OrderBookStateDecoder decoder)
    {
        if (decoder.instrumentId() != book.instrumentId)
        {
            throw new IllegalStateException(
                "snapshot book for instrument " + decoder.instrumentId() + " restored into book " + book.instrumentId);
        }
        book.clear();
        final int used = decoder.usedSlotCount();
        final OrderBookStateDecoder.OrdersDecoder orders = decoder.orders();
        // Every used slot is an order or a 4-byte free-slot entry: more than the message can hold is forged, and
        // would have the arrays sized for it before anything else is checked.
        final long possible = (long)orders.count() + (decoder.buffer().capacity() - decoder.limit()) / 4;
        if (used < 0 || used > MAX_SLOTS || used > possible)
        {
            throw refused(book, "used slot count " + used);
        }
        if (used > book.orderPrices.length)
        {
            book.resizeOrders(used); // sizing for the state restored, not growth on the event path
        }
        Arrays.fill(book.orderQuantities, 0, used, 0);
        book.usedSlotCount = used;
        book.duplicateOrderIds = decoder.duplicateOrderIds();
        book.unknownOrderEvents = decoder.unknownOrderEvents();
        book.untrackedOrderEvents = decoder.untrackedOrderEvents();
        book.invalidEvents = decoder.invalidEvents();
        // Every slot below the used count is a live order or on the free stack, once: anything else would hand one
        // slot to two orders, or index past the arrays, at the first event after the restore.
        int live = 0;
        for (final OrderBookStateDecoder.OrdersDecoder order : orders)
        {
            final int slot = order.slot();
            final long quantity = order.quantity();
            final short side = order.side();
            if (slot < 0 || slot >= used || 0 != book.orderQuantities[slot] || quantity <= 0 || side < 0 || side > 1 ||
                book.slotByOrderId.containsKey(order.orderId()))
            {
                throw refused(book, "order " + order.orderId() + " in slot " + slot + " (quantity " + quantity +
                    ", side " + side + ")");
            }
            book.orderPrices[slot] = order.price();
            book.orderQuantities[slot] = quantity;
            book.orderSides[slot] = (byte)side;
            book.slotByOrderId.put(order.orderId(), slot);
            live++;
        }
        for (final OrderBookStateDecoder.FreeSlotsDecoder free : decoder.freeSlots())
        {
            final int slot = free.slot();
            if (slot < 0 || slot >= used || 0 != book.orderQuantities[slot] || book.freeSlotCount >= used - live)
            {
                throw refused(book, "free slot " + slot);
            }
            book.orderQuantities[slot] = FREE_MARK;
            book.freeSlots[book.freeSlotCount++] = slot;
        }
        if (live + book.freeSlotCount != used)
        {
            throw refused(book, live + " orders and " + book.freeSlotCount + " free slots for " + used + " used");
        }
        for (int i = 0; i < book.freeSlotCount; i++)
        {
            book.orderQuantities[book.freeSlots[i]] = 0; // a freed slot's quantity is 0, as encode reads it
        }
        final OrderBookStateDecoder.BidsDecoder bidLevels = decoder.bids();
        book.bids.restore(levels(book, bidLevels.count()));
        while (bidLevels.hasNext())
        {
            bidLevels.next();
            book.bids.restoreLevel(bidLevels.price(), bidLevels.quantity(), bidLevels.untrackedQuantity(),
                bidLevels.orderCount());
        }
        final OrderBookStateDecoder.AsksDecoder askLevels = decoder.asks();
        book.asks.restore(levels(book, askLevels.count()));
        while (askLevels.hasNext())
        {
            askLevels.next();
            book.asks.restoreLevel(askLevels.price(), askLevels.quantity(), askLevels.untrackedQuantity(),
                askLevels.orderCount());
        }
    }
}
