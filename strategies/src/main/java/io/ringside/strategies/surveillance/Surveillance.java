package io.ringside.strategies.surveillance;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.OrderBook;
import org.agrona.DirectBuffer;

/**
 * The surveillance a venue or broker runs on every event: keeps its own books (it shares no state with any other
 * handler) and runs the rules. Rules judge an event against the book as it stood before that event; the book is
 * updated after.
 */
public final class Surveillance implements InboundListener
{
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final BookBuilder books;
    private final PriceBandRule priceBand;
    private AlertSink sink;

    public Surveillance(final PriceBandRule priceBand, final int initialOrderCapacityPerBook)
    {
        this.priceBand = priceBand;
        this.books = new BookBuilder(initialOrderCapacityPerBook);
    }

    /**
     * Judge one inbound frame and apply it to the books.
     *
     * @return the {@link io.ringside.codecs.FrameCheck} result: OK when the frame was handled.
     */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final AlertSink sink)
    {
        this.sink = sink;
        return dispatcher.dispatch(buffer, offset, length, this);
    }

    /** Start of a new session: empty books. Rule settings and counts are kept. */
    public void clear()
    {
        books.clear();
    }

    public OrderBook book(final int instrumentId)
    {
        return books.book(instrumentId);
    }

    public PriceBandRule priceBandRule()
    {
        return priceBand;
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
    {
        books.onInstrumentDefinition(event);
    }

    public void onAddOrder(final AddOrderDecoder event)
    {
        books.onAddOrder(event);
    }

    public void onOrderExecuted(final OrderExecutedDecoder event)
    {
        final int instrumentId = event.instrumentId();
        final OrderBook book = books.book(instrumentId);
        long price = event.price();
        if (price == OrderExecutedDecoder.priceNullValue() && null != book && book.containsOrder(event.orderId()))
        {
            price = book.orderPrice(event.orderId());
        }
        if (price != OrderExecutedDecoder.priceNullValue())
        {
            priceBand.onExecution(book, instrumentId, price, AlertSink.NO_ACCOUNT, AlertSink.NO_ACCOUNT, sink);
        }
        books.onOrderExecuted(event);
    }

    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        books.onOrderCancelled(event);
    }

    public void onOrderDeleted(final OrderDeletedDecoder event)
    {
        books.onOrderDeleted(event);
    }

    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        books.onOrderReplaced(event);
    }

    public void onTradePrint(final TradePrintDecoder event)
    {
        final int instrumentId = event.instrumentId();
        priceBand.onExecution(
            books.book(instrumentId), instrumentId, event.price(), AlertSink.NO_ACCOUNT, AlertSink.NO_ACCOUNT, sink);
    }

    public void onClientExecution(final ClientExecutionDecoder event)
    {
        final int instrumentId = event.instrumentId();
        priceBand.onExecution(
            books.book(instrumentId), instrumentId, event.price(), event.buyerAccount(), event.sellerAccount(), sink);
    }
}
