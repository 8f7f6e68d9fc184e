package io.ringside.strategies.trading;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.OrderBook;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * A first market maker: quotes one bid and one ask {@code halfSpreadTicks} from the book's mid, and moves a quote
 * when its target has moved at least {@code requoteTicks} and at least {@code minRequoteIntervalNs} of event time has
 * passed since it last quoted that instrument. A halt cancels both quotes; quoting resumes at the next book change
 * once trading resumes. Keeps its own books and takes time only from events, so a replay sends the same orders.
 * <p>
 * Client order ids rise by 1 from 1 across all instruments; every order, cancels included, takes a new one, and a
 * REPLACE or CANCEL carries the id of the quote it acts on.
 */
public final class MarketMaker implements InboundListener
{
    public static final int STRATEGY_ID = 1;

    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final BookBuilder books;
    private final Int2ObjectHashMap<Quotes> quotesByInstrument = new Int2ObjectHashMap<>();
    private final long quoteQuantity;
    private final long halfSpreadTicks;
    private final long requoteTicks;
    private final long minRequoteIntervalNs;

    private OrderSink sink;
    private long nextClientOrderId = 1;
    private long ordersSent;

    public MarketMaker(
        final long quoteQuantity,
        final long halfSpreadTicks,
        final long requoteTicks,
        final long minRequoteIntervalNs,
        final int initialOrderCapacityPerBook)
    {
        if (quoteQuantity <= 0)
        {
            throw new IllegalArgumentException("mm-quote-quantity must be > 0: " + quoteQuantity);
        }
        if (halfSpreadTicks < 0)
        {
            throw new IllegalArgumentException("mm-half-spread-ticks must be >= 0: " + halfSpreadTicks);
        }
        if (requoteTicks <= 0)
        {
            throw new IllegalArgumentException("mm-requote-ticks must be > 0: " + requoteTicks);
        }
        if (minRequoteIntervalNs < 0)
        {
            throw new IllegalArgumentException("mm-min-requote-interval-ns must be >= 0: " + minRequoteIntervalNs);
        }
        this.quoteQuantity = quoteQuantity;
        this.halfSpreadTicks = halfSpreadTicks;
        this.requoteTicks = requoteTicks;
        this.minRequoteIntervalNs = minRequoteIntervalNs;
        this.books = new BookBuilder(initialOrderCapacityPerBook);
    }

    /**
     * Apply one inbound frame and quote on the result.
     *
     * @return the {@link io.ringside.codecs.FrameCheck} result: OK when the frame was handled.
     */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final OrderSink sink)
    {
        this.sink = sink;
        return dispatcher.dispatch(buffer, offset, length, this);
    }

    public long ordersSent()
    {
        return ordersSent;
    }

    /**
     * Start of a new session: empty books, forget live quotes (the venue cancelled them at the close) and trading
     * states. Tick sizes and the client order id sequence are kept, so ids never repeat.
     */
    public void clear()
    {
        books.clear();
        for (final Quotes quotes : quotesByInstrument.values())
        {
            quotes.halted = false;
            quotes.bidId = 0;
            quotes.askId = 0;
            quotes.lastQuoteTime = Long.MIN_VALUE / 2;
        }
    }

    public OrderBook book(final int instrumentId)
    {
        return books.book(instrumentId);
    }

    /** The live bid quote's price, or {@link OrderBook#NULL_PRICE} when none. */
    public long bidQuotePrice(final int instrumentId)
    {
        final Quotes quotes = quotesByInstrument.get(instrumentId);
        return null == quotes || 0 == quotes.bidId ? OrderBook.NULL_PRICE : quotes.bidPrice;
    }

    /** The live ask quote's price, or {@link OrderBook#NULL_PRICE} when none. */
    public long askQuotePrice(final int instrumentId)
    {
        final Quotes quotes = quotesByInstrument.get(instrumentId);
        return null == quotes || 0 == quotes.askId ? OrderBook.NULL_PRICE : quotes.askPrice;
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
    {
        // A definition opens the instrument's session: the venue cancelled the last session's quotes at its close.
        final long tick = event.tickSize();
        final Quotes quotes = quotes(event.instrumentId());
        quotes.tickSize = tick > 0 ? tick : 1;
        quotes.halted = false;
        quotes.bidId = 0;
        quotes.askId = 0;
        quotes.lastQuoteTime = Long.MIN_VALUE / 2;
        books.onInstrumentDefinition(event);
    }

    public void onTradingStatus(final TradingStatusDecoder event)
    {
        final int instrumentId = event.instrumentId();
        final Quotes quotes = quotes(instrumentId);
        quotes.halted = event.state() != TradingState.TRADING;
        if (quotes.halted)
        {
            if (0 != quotes.bidId)
            {
                send(instrumentId, OrderAction.CANCEL, Side.BUY, quotes.bidPrice, quotes.bidId);
                quotes.bidId = 0;
            }
            if (0 != quotes.askId)
            {
                send(instrumentId, OrderAction.CANCEL, Side.SELL, quotes.askPrice, quotes.askId);
                quotes.askId = 0;
            }
        }
    }

    public void onAddOrder(final AddOrderDecoder event)
    {
        books.onAddOrder(event);
        requote(event.instrumentId(), event.envelope().eventTime());
    }

    public void onOrderExecuted(final OrderExecutedDecoder event)
    {
        books.onOrderExecuted(event);
        requote(event.instrumentId(), event.envelope().eventTime());
    }

    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        books.onOrderCancelled(event);
        requote(event.instrumentId(), event.envelope().eventTime());
    }

    public void onOrderDeleted(final OrderDeletedDecoder event)
    {
        books.onOrderDeleted(event);
        requote(event.instrumentId(), event.envelope().eventTime());
    }

    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        books.onOrderReplaced(event);
        requote(event.instrumentId(), event.envelope().eventTime());
    }

    private void requote(final int instrumentId, final long eventTime)
    {
        final OrderBook book = books.book(instrumentId);
        final Quotes quotes = quotes(instrumentId);
        if (quotes.halted || null == book || !book.isTwoSided())
        {
            return;
        }

        final long tick = quotes.tickSize;
        final long twiceMid = book.bestBidPrice() + book.bestAskPrice();
        // Bid rounds down and ask rounds up to the tick, so quotes never land inside the intended spread.
        final long bidTarget = Math.floorDiv(Math.floorDiv(twiceMid - 2 * halfSpreadTicks * tick, 2), tick) * tick;
        final long askTarget = ceilDiv(ceilDiv(twiceMid + 2 * halfSpreadTicks * tick, 2), tick) * tick;

        if (0 == quotes.bidId && 0 == quotes.askId)
        {
            quotes.bidId = send(instrumentId, OrderAction.NEW, Side.BUY, bidTarget, 0);
            quotes.bidPrice = bidTarget;
            quotes.askId = send(instrumentId, OrderAction.NEW, Side.SELL, askTarget, 0);
            quotes.askPrice = askTarget;
            quotes.lastQuoteTime = eventTime;
            return;
        }

        if (eventTime - quotes.lastQuoteTime < minRequoteIntervalNs)
        {
            return;
        }

        final long threshold = requoteTicks * tick;
        boolean moved = false;
        if (Math.abs(bidTarget - quotes.bidPrice) >= threshold)
        {
            quotes.bidId = send(instrumentId, OrderAction.REPLACE, Side.BUY, bidTarget, quotes.bidId);
            quotes.bidPrice = bidTarget;
            moved = true;
        }
        if (Math.abs(askTarget - quotes.askPrice) >= threshold)
        {
            quotes.askId = send(instrumentId, OrderAction.REPLACE, Side.SELL, askTarget, quotes.askId);
            quotes.askPrice = askTarget;
            moved = true;
        }
        if (moved)
        {
            quotes.lastQuoteTime = eventTime;
        }
    }

    /**
     * @return the new order's client order id.
     */
    private long send(
        final int instrumentId,
        final OrderAction action,
        final Side side,
        final long price,
        final long originalClientOrderId)
    {
        final long id = nextClientOrderId++;
        final long quantity = action == OrderAction.CANCEL ? 0 : quoteQuantity;
        ordersSent++;
        sink.onOrder(STRATEGY_ID, instrumentId, action, side, price, quantity, id,
            action == OrderAction.NEW ? 0 : originalClientOrderId);
        return id;
    }

    private static long ceilDiv(final long x, final long y)
    {
        return -Math.floorDiv(-x, y);
    }

    private Quotes quotes(final int instrumentId)
    {
        Quotes quotes = quotesByInstrument.get(instrumentId);
        if (null == quotes)
        {
            quotes = new Quotes();
            quotesByInstrument.put(instrumentId, quotes);
        }
        return quotes;
    }

    private static final class Quotes
    {
        long tickSize = 1;
        boolean halted;
        long bidId;
        long bidPrice;
        long askId;
        long askPrice;
        long lastQuoteTime = Long.MIN_VALUE / 2;
    }
}
