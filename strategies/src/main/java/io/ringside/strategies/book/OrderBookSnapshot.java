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
    private OrderBookSnapshot()
    {
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
        if (used > book.orderPrices.length)
        {
            book.growOrders(Math.max(used, book.orderPrices.length << 1));
        }
        Arrays.fill(book.orderQuantities, 0, used, 0);
        book.usedSlotCount = used;
        book.duplicateOrderIds = decoder.duplicateOrderIds();
        book.unknownOrderEvents = decoder.unknownOrderEvents();
        book.untrackedOrderEvents = decoder.untrackedOrderEvents();
        book.invalidEvents = decoder.invalidEvents();
        for (final OrderBookStateDecoder.OrdersDecoder order : decoder.orders())
        {
            final int slot = order.slot();
            book.orderPrices[slot] = order.price();
            book.orderQuantities[slot] = order.quantity();
            book.orderSides[slot] = (byte)order.side();
            book.slotByOrderId.put(order.orderId(), slot);
        }
        for (final OrderBookStateDecoder.FreeSlotsDecoder free : decoder.freeSlots())
        {
            book.freeSlots[book.freeSlotCount++] = free.slot();
        }
        final OrderBookStateDecoder.BidsDecoder bidLevels = decoder.bids();
        book.bids.restore(bidLevels.count());
        while (bidLevels.hasNext())
        {
            bidLevels.next();
            book.bids.restoreLevel(bidLevels.price(), bidLevels.quantity(), bidLevels.untrackedQuantity(),
                bidLevels.orderCount());
        }
        final OrderBookStateDecoder.AsksDecoder askLevels = decoder.asks();
        book.asks.restore(askLevels.count());
        while (askLevels.hasNext())
        {
            askLevels.next();
            book.asks.restoreLevel(askLevels.price(), askLevels.quantity(), askLevels.untrackedQuantity(),
                askLevels.orderCount());
        }
    }
}
