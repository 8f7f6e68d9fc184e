package io.ringside.strategies.book;

import io.ringside.codecs.InboundListener;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.OrderBookStateEncoder;
import io.ringside.strategies.SortedKeys;
import io.ringside.strategies.StateMessages;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;


/**
 * Builds an {@link OrderBook} per instrument from order-level events. A book is created on the first event for its
 * instrument, small, and grows with its live orders (see {@link OrderBook}): creating books and growing them are the
 * only allocations, both counted ({@link #bookCount()}, {@link #grows()}), so an instrument defined but never traded
 * costs nothing and a quiet one costs its few orders.
 * <p>
 * Optional fields absent from an event are passed on as {@link OrderBook#NULL_PRICE}, {@link OrderBook#NULL_QUANTITY}
 * and {@link Side#NULL_VAL}, which tell the book it cannot apply an event for an order it does not track.
 */
public final class BookBuilder implements InboundListener
{
    /** Orders a new book has room for, unless configured otherwise: most instruments of a day rest few at a time. */
    public static final int DEFAULT_INITIAL_ORDER_CAPACITY = 16;

    private final Int2ObjectHashMap<OrderBook> bookByInstrumentId;
    private final int initialOrderCapacityPerBook;
    private final BookSizing sizing;
    private final Growth growth = new Growth();
    private final SortedKeys sortedIds = new SortedKeys();

    public BookBuilder(final int initialOrderCapacityPerBook)
    {
        this(new BookSizing().initialOrderCapacity(initialOrderCapacityPerBook));
    }

    /**
     * @param sizing each book's starting capacity, by symbol where configured, and the instruments to make room for in
     *               the instrument map up front, so that map does not grow while the day's instruments arrive.
     */
    public BookBuilder(final BookSizing sizing)
    {
        this.sizing = sizing.conclude();
        this.initialOrderCapacityPerBook = sizing.initialOrderCapacity();
        bookByInstrumentId = new Int2ObjectHashMap<>(BookSizing.mapCapacity(sizing.expectedInstruments(), 0.65f), 0.65f);
    }

    /** @return times any book's storage grew, since this builder was made. */
    public long grows()
    {
        return growth.count;
    }

    /** Empty every book, keeping them and their capacity. */
    public void clear()
    {
        for (final OrderBook book : bookByInstrumentId.values())
        {
            book.clear();
        }
    }

    /**
     * Append every book's OrderBookState, in instrument id order so the bytes do not depend on the map's layout.
     *
     * @return bytes written.
     */
    public int encodeState(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final OrderBookStateEncoder encoder)
    {
        final int count = sortedIds.sort(bookByInstrumentId);
        final int[] ids = sortedIds.ints();
        int position = offset;
        for (int k = 0; k < count; k++)
        {
            position += bookByInstrumentId.get(ids[k]).encodeState(buffer, position, header, encoder);
        }
        return position - offset;
    }

    /**
     * Replace every book by the {@code count} OrderBookState messages at {@code offset}, as {@link #encodeState} wrote
     * them; {@code header} and {@code decoder} are the caller's, reused.
     *
     * @return the offset just after them.
     */
    public int restoreState(
        final DirectBuffer buffer,
        final int offset,
        final int limit,
        final int count,
        final MessageHeaderDecoder header,
        final OrderBookStateDecoder decoder)
    {
        bookByInstrumentId.clear();
        int position = offset;
        for (int i = 0; i < count; i++)
        {
            position = StateMessages.expect(header, buffer, position, limit, OrderBookStateDecoder.TEMPLATE_ID,
                "OrderBookState");
            decoder.wrap(buffer, position, header.blockLength(), header.version());
            bookFor(decoder.instrumentId()).restoreState(decoder);
            position = decoder.limit();
        }
        return position;
    }

    /**
     * @return the instrument's book, or null when no event for it has been seen.
     */
    /**
     * Give the instrument's book the room its symbol is configured for ({@link BookSizing}), making the book if need
     * be; nothing when the symbol has no size of its own. At a definition, and after a restore, whose books were sized
     * by definitions that came before the snapshot.
     */
    public void reserve(final int instrumentId, final String symbol)
    {
        final int capacity = sizing.capacityFor(symbol);
        if (capacity > initialOrderCapacityPerBook)
        {
            bookFor(instrumentId).reserve(capacity);
        }
    }

    public OrderBook book(final int instrumentId)
    {
        return bookByInstrumentId.get(instrumentId);
    }

    public int bookCount()
    {
        return bookByInstrumentId.size();
    }

    /**
     * An instrument's definition opens its session: a book left from an earlier session (a replay looping back, the
     * next trading day) is emptied, keeping its capacity.
     */
    public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
    {
        final OrderBook book = bookByInstrumentId.get(event.instrumentId());
        if (null != book)
        {
            book.clear();
        }
        if (sizing.hasSymbolCapacities())
        {
            // Reference data, before the instrument's orders: the only place a symbol's own size can be known.
            reserve(event.instrumentId(), event.symbol().strip());
        }
    }

    public void onAddOrder(final AddOrderDecoder event)
    {
        bookFor(event.instrumentId()).add(
            event.orderId(), side(event.sideRaw()), event.price(), event.quantity());
    }

    public void onOrderExecuted(final OrderExecutedDecoder event)
    {
        bookFor(event.instrumentId()).execute(
            event.orderId(),
            event.executedQuantity(),
            price(event.price(), OrderExecutedDecoder.priceNullValue()),
            side(event.sideRaw()));
    }

    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        bookFor(event.instrumentId()).cancel(
            event.orderId(),
            event.cancelledQuantity(),
            price(event.price(), OrderCancelledDecoder.priceNullValue()),
            side(event.sideRaw()));
    }

    public void onOrderDeleted(final OrderDeletedDecoder event)
    {
        bookFor(event.instrumentId()).delete(
            event.orderId(),
            price(event.price(), OrderDeletedDecoder.priceNullValue()),
            quantity(event.quantity(), OrderDeletedDecoder.quantityNullValue()),
            side(event.sideRaw()));
    }

    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        bookFor(event.instrumentId()).replace(
            event.originalOrderId(), event.newOrderId(), event.price(), event.quantity());
    }

    private OrderBook bookFor(final int instrumentId)
    {
        OrderBook book = bookByInstrumentId.get(instrumentId);
        if (null == book)
        {
            book = new OrderBook(instrumentId, initialOrderCapacityPerBook, growth);
            bookByInstrumentId.put(instrumentId, book);
        }

        return book;
    }

    // Mapped explicitly rather than relying on the schema's null value happening to equal the book's.
    private static long price(final long price, final long nullValue)
    {
        return nullValue == price ? OrderBook.NULL_PRICE : price;
    }

    private static long quantity(final long quantity, final long nullValue)
    {
        return nullValue == quantity ? OrderBook.NULL_QUANTITY : quantity;
    }

    // Side.get throws on a value outside the schema; a corrupt side must count as absent, not stop the thread.
    private static Side side(final short raw)
    {
        if (raw == Side.BUY.value())
        {
            return Side.BUY;
        }
        if (raw == Side.SELL.value())
        {
            return Side.SELL;
        }

        return Side.NULL_VAL;
    }
}
