package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.TradingStateDecoder;
import io.ringside.codecs.snapshot.TradingStateEncoder;
import io.ringside.strategies.book.OrderBook;
import io.ringside.strategies.book.BookSizing;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Quotes one bid and one ask around the book's microprice, skewed by inventory, hosted by {@link Trading}.
 * <p>
 * The microprice {@code (bidPx * askQty + askPx * bidQty) / (bidQty + askQty)} of the best levels leans towards the
 * side with less quantity, the one more likely to trade next; it is rounded to the nearest tick (half up), computed
 * as {@code bidPx + spread * bidQty / (bidQty + askQty)} so nothing overflows. The bid quote is
 * {@code halfSpreadTicks + skew} ticks under it and the ask {@code halfSpreadTicks - skew} ticks over it, where
 * {@code skew = position * skewTicksPerUnit / skewUnit} (truncated): a long position lowers both quotes, selling
 * more readily and buying less. A quote never reaches the far touch (the bid stays at least a tick under the best
 * ask, the ask a tick over the best bid, and the ask over the bid): the maker only ever rests.
 * <p>
 * A quote moves (REPLACE) when its target has moved at least {@code requoteTicks} and {@code minRequoteIntervalNs}
 * of event time has passed since the instrument was last quoted, or whatever its target when it is
 * {@code quoteMaxAgeNs} old (stale: refreshed at the current target). A side whose fill would take the position past
 * {@code maxPosition} is not quoted, and its live quote is cancelled. A quote the risk gate will not move is
 * cancelled, and quoted afresh at the next event. A fill that completes a quote frees its side, which is quoted
 * afresh (NEW) at once. A halt or pause (any status but TRADING) cancels both quotes; quoting resumes at the next
 * book change once trading resumes. A Timer that finds the instrument without market data for {@code staleAfterNs}
 * cancels both quotes too; the next market event quotes afresh.
 * <p>
 * Time is the event time of what triggered it; a replay sends the same orders.
 */
public final class MarketMaker
{
    public static final int STRATEGY_ID = 1;

    private final Int2ObjectHashMap<Quotes> quotesByInstrument;
    private final OrderRouter router;
    private final FillSimulator simulator;
    // Copied from its config, and again when the settings change at runtime.
    private long quoteQuantity;
    private long halfSpreadTicks;
    private long requoteTicks;
    private long minRequoteIntervalNs;
    private long skewTicksPerUnit;
    private long skewUnit;
    private long maxPosition;
    private long quoteMaxAgeNs;
    private long staleAfterNs;

    MarketMaker(final MarketMakerConfig config, final OrderRouter router, final FillSimulator simulator)
    {
        this(config, router, simulator, BookSizing.DEFAULT_EXPECTED_INSTRUMENTS);
    }

    MarketMaker(
        final MarketMakerConfig config,
        final OrderRouter router,
        final FillSimulator simulator,
        final int expectedInstruments)
    {
        quotesByInstrument = new Int2ObjectHashMap<>(BookSizing.mapCapacity(expectedInstruments, 0.65f), 0.65f);
        this.router = router;
        this.simulator = simulator;
        settingsChanged(config);
    }

    /** Take the config's current values: from the next event on, quotes are made with them. */
    void settingsChanged(final MarketMakerConfig config)
    {
        quoteQuantity = config.quoteQuantity();
        halfSpreadTicks = config.halfSpreadTicks();
        requoteTicks = config.requoteTicks();
        minRequoteIntervalNs = config.minRequoteIntervalNs();
        skewTicksPerUnit = config.skewTicksPerUnit();
        skewUnit = config.skewUnit();
        maxPosition = config.maxPosition();
        quoteMaxAgeNs = config.quoteMaxAgeNs();
        staleAfterNs = config.staleAfterNs();
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

    /** A new session: the venue cancelled the last session's quotes at its close. */
    void onSessionStart(final InstrumentState instrument)
    {
        // An instrument it does not quote gets no quote state; one it quoted before a definition that took it off
        // its list keeps its state, emptied, as the venue emptied the book.
        final Quotes quotes = instrument.marketMakerTrades ?
            quotes(instrument.instrumentId) : quotesByInstrument.get(instrument.instrumentId);
        if (null != quotes)
        {
            quotes.bidId = 0;
            quotes.askId = 0;
            quotes.lastQuoteTime = Long.MIN_VALUE / 2;
        }
    }

    void onHalt(final InstrumentState instrument, final long eventTime)
    {
        final Quotes quotes = quotes(instrument.instrumentId);
        cancelBid(instrument, quotes, eventTime);
        cancelAsk(instrument, quotes, eventTime);
    }

    /**
     * At a Timer: quotes on an instrument without market data for stale-after-ns are cancelled. The next market
     * event, which ends the silence, quotes it afresh.
     */
    void onTimer(final InstrumentState instrument, final long now)
    {
        final Quotes quotes = quotesByInstrument.get(instrument.instrumentId);
        if (null != quotes && (0 != quotes.bidId || 0 != quotes.askId) &&
            InstrumentState.NO_TIME != instrument.lastMarketTime && now - instrument.lastMarketTime >= staleAfterNs)
        {
            cancelBid(instrument, quotes, now);
            cancelAsk(instrument, quotes, now);
        }
    }

    /** Withdraw the instrument's quotes (its kill switch, or it is disabled): it quotes afresh when it runs again. */
    void cancelQuotes(final InstrumentState instrument, final long now)
    {
        final Quotes quotes = quotesByInstrument.get(instrument.instrumentId);
        if (null != quotes)
        {
            cancelBid(instrument, quotes, now);
            cancelAsk(instrument, quotes, now);
        }
    }

    void onFill(final int instrumentId, final long clientOrderId, final long remaining)
    {
        if (0 == remaining)
        {
            final Quotes quotes = quotesByInstrument.get(instrumentId);
            if (null != quotes)
            {
                if (quotes.bidId == clientOrderId)
                {
                    quotes.bidId = 0;
                }
                else if (quotes.askId == clientOrderId)
                {
                    quotes.askId = 0;
                }
            }
        }
    }

    void onMarketData(final InstrumentState instrument, final long eventTime)
    {
        final OrderBook book = instrument.book;
        if (instrument.halted || null == book || !book.isTwoSided())
        {
            return;
        }
        final Quotes quotes = quotes(instrument.instrumentId);
        final long tick = instrument.tickSize;
        final long bestBid = book.bestBidPrice();
        final long bestAsk = book.bestAskPrice();
        final long bidQty = book.bestBidQuantity();
        final long total = bidQty + book.bestAskQuantity();
        final long microTicks = Math.floorDiv(2 * (bestAsk - bestBid) * bidQty + total * tick, 2 * total * tick);
        final long micro = bestBid + microTicks * tick;

        final long position = simulator.position(STRATEGY_ID, instrument.instrumentId);
        final long skew = position * skewTicksPerUnit / skewUnit;
        final long bidTarget = Math.min(micro - (halfSpreadTicks + skew) * tick, bestAsk - tick);
        final long askTarget = Math.max(Math.max(micro + (halfSpreadTicks - skew) * tick, bestBid + tick),
            bidTarget + tick);

        final boolean mayMove = eventTime - quotes.lastQuoteTime >= minRequoteIntervalNs;
        final long threshold = requoteTicks * tick;

        if (position + quoteQuantity > maxPosition)
        {
            cancelBid(instrument, quotes, eventTime);
        }
        else if (0 == quotes.bidId)
        {
            quotes.bidId = send(instrument, OrderAction.NEW, Side.BUY, bidTarget, 0, eventTime);
            quotes.bidPrice = bidTarget;
            quotes.bidTime = eventTime;
        }
        else if ((mayMove && Math.abs(bidTarget - quotes.bidPrice) >= threshold) ||
            eventTime - quotes.bidTime >= quoteMaxAgeNs)
        {
            final long id = send(instrument, OrderAction.REPLACE, Side.BUY, bidTarget, quotes.bidId, eventTime);
            if (OrderRouter.REJECTED == id)
            {
                cancelBid(instrument, quotes, eventTime);
            }
            else
            {
                quotes.bidId = id;
                quotes.bidPrice = bidTarget;
                quotes.bidTime = eventTime;
            }
        }

        if (position - quoteQuantity < -maxPosition)
        {
            cancelAsk(instrument, quotes, eventTime);
        }
        else if (0 == quotes.askId)
        {
            quotes.askId = send(instrument, OrderAction.NEW, Side.SELL, askTarget, 0, eventTime);
            quotes.askPrice = askTarget;
            quotes.askTime = eventTime;
        }
        else if ((mayMove && Math.abs(askTarget - quotes.askPrice) >= threshold) ||
            eventTime - quotes.askTime >= quoteMaxAgeNs)
        {
            final long id = send(instrument, OrderAction.REPLACE, Side.SELL, askTarget, quotes.askId, eventTime);
            if (OrderRouter.REJECTED == id)
            {
                cancelAsk(instrument, quotes, eventTime);
            }
            else
            {
                quotes.askId = id;
                quotes.askPrice = askTarget;
                quotes.askTime = eventTime;
            }
        }
    }

    private long send(
        final InstrumentState instrument,
        final OrderAction action,
        final Side side,
        final long price,
        final long originalClientOrderId,
        final long eventTime)
    {
        final long id = router.send(
            STRATEGY_ID, instrument, action, side, price, quoteQuantity, originalClientOrderId, eventTime);
        if (OrderRouter.REJECTED != id)
        {
            quotesByInstrument.get(instrument.instrumentId).lastQuoteTime = eventTime;
        }
        return id;
    }

    private void cancelBid(final InstrumentState instrument, final Quotes quotes, final long eventTime)
    {
        if (0 != quotes.bidId)
        {
            router.send(STRATEGY_ID, instrument, OrderAction.CANCEL, Side.BUY, quotes.bidPrice, 0, quotes.bidId,
                eventTime);
            quotes.bidId = 0;
        }
    }

    private void cancelAsk(final InstrumentState instrument, final Quotes quotes, final long eventTime)
    {
        if (0 != quotes.askId)
        {
            router.send(STRATEGY_ID, instrument, OrderAction.CANCEL, Side.SELL, quotes.askPrice, 0, quotes.askId,
                eventTime);
            quotes.askId = 0;
        }
    }

    private Quotes quotes(final int instrumentId)
    {
        Quotes quotes = quotesByInstrument.get(instrumentId);
        if (null == quotes)
        {
            quotes = new Quotes(); // once per instrument
            quotesByInstrument.put(instrumentId, quotes);
        }
        return quotes;
    }

    private static final class Quotes
    {
        long bidId;
        long bidPrice;
        long bidTime;
        long askId;
        long askPrice;
        long askTime;
        long lastQuoteTime = Long.MIN_VALUE / 2;
    }

    /** Every instrument's quotes, in instrument id order ({@code sortedIds[0..count)}, ids the map holds or not). */
    void encode(final TradingStateEncoder encoder, final int[] sortedIds, final int count)
    {
        int present = 0;
        for (int i = 0; i < count; i++)
        {
            present += quotesByInstrument.containsKey(sortedIds[i]) ? 1 : 0;
        }
        final TradingStateEncoder.QuotesEncoder group = encoder.quotesCount(present);
        for (int i = 0; i < count; i++)
        {
            final Quotes quotes = quotesByInstrument.get(sortedIds[i]);
            if (null != quotes)
            {
                group.next()
                    .instrumentId(sortedIds[i])
                    .bidId(quotes.bidId)
                    .bidPrice(quotes.bidPrice)
                    .bidTime(quotes.bidTime)
                    .askId(quotes.askId)
                    .askPrice(quotes.askPrice)
                    .askTime(quotes.askTime)
                    .lastQuoteTime(quotes.lastQuoteTime);
            }
        }
    }

    void restore(final TradingStateDecoder.QuotesDecoder group)
    {
        quotesByInstrument.clear();
        for (final TradingStateDecoder.QuotesDecoder entry : group)
        {
            final Quotes quotes = quotes(entry.instrumentId());
            quotes.bidId = entry.bidId();
            quotes.bidPrice = entry.bidPrice();
            quotes.bidTime = entry.bidTime();
            quotes.askId = entry.askId();
            quotes.askPrice = entry.askPrice();
            quotes.askTime = entry.askTime();
            quotes.lastQuoteTime = entry.lastQuoteTime();
        }
    }
}
