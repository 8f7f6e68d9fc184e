package io.ringside.strategies.trading;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.strategies.ControlReply;
import io.ringside.strategies.EventClock;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.OrderBook;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The trading host: keeps the books, runs the {@link MarketMaker} and the {@link OrderFlowImbalanceTaker} on them,
 * passes every order they send through the {@link RiskGate} and, when it passes, out to the {@link OrderSink} and
 * into the {@link FillSimulator}, whose fills make each strategy's position and PnL.
 * <p>
 * Per market event for an instrument: the book is updated; the simulator forgets what our fills took from the
 * displayed book and follows the mid; a trade (an execution, or a trade print) fills resting orders it printed
 * through; then the market maker and the taker, in that order, act on the result. A definition starts the
 * instrument's session: book emptied, resting orders and quotes forgotten (the venue cancelled them at the close),
 * positions kept. Client order ids rise by 1 from 1 per strategy, across instruments; every order sent, cancels
 * included, takes one, and a rejected order takes none. Takes time only from events: a replay sends the same orders.
 * <p>
 * Each strategy trades the instruments its configuration names by symbol ({@code strategy.NAME.instruments}), or all
 * of them. What an instrument costs here grows with what is done in it: a definition alone makes its state and, for
 * the market maker when it quotes it, its quote state, a few hundred bytes; a book, a mark, a holding and positions
 * come with its first market data and trades.
 * <p>
 * Its clock is the latest event time it has taken, a Timer's included (a Timer earlier than that does not move it
 * back). At a Timer the market maker withdraws its quotes on instruments silent for its stale-after-ns. Control
 * commands ({@link #onControlCommand}) switch a strategy's kill switch, or the strategy itself, on and off at runtime;
 * that state is in the snapshot. {@link #settingsChanged()} makes the strategies and the risk gate run on the
 * config's current values.
 */
public final class Trading implements InboundListener, FillListener
{
    /** Strategy ids, the index of each strategy's counters. */
    public static final int[] STRATEGY_IDS = { MarketMaker.STRATEGY_ID, OrderFlowImbalanceTaker.STRATEGY_ID };
    static final int MAX_STRATEGY_ID = 2;

    /** {@link #settingValue(String)} of a key that is not this handler's. */
    public static final long NO_SETTING = ControlReply.NO_SETTING;

    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final TradingSnapshot snapshot = new TradingSnapshot(this);
    final TradingInstruments instruments;
    final TradingConfig config;
    final BookBuilder books;
    final FillSimulator simulator;
    final RiskGate riskGate;
    final OrderRouting orders;
    final MarketMaker marketMaker;
    final OrderFlowImbalanceTaker ofiTaker;
    final TradingControl control;
    final EventClock clock = new EventClock();
    int pnlPriceScale = InstrumentState.DEFAULT_PRICE_SCALE;
    boolean anyDefinition;

    public Trading(final TradingConfig config)
    {
        this.config = config.conclude();
        final int expectedInstruments = config.books().expectedInstruments();
        instruments = new TradingInstruments(this.config, expectedInstruments);
        books = new BookBuilder(config.books());
        simulator = new FillSimulator(this, expectedInstruments);
        riskGate = new RiskGate(config, simulator, MAX_STRATEGY_ID);
        orders = new OrderRouting(riskGate, simulator);
        marketMaker = new MarketMaker(config.marketMaker(), orders, simulator, expectedInstruments);
        ofiTaker = new OrderFlowImbalanceTaker(config.ofiTaker(), orders, simulator, expectedInstruments);
        control = new TradingControl(this, this.config, riskGate);
    }

    /** The kebab-case name of a strategy, as in configuration keys and counts. */
    public static String strategyName(final int strategyId)
    {
        switch (strategyId)
        {
            case MarketMaker.STRATEGY_ID:
                return "market-maker";
            case OrderFlowImbalanceTaker.STRATEGY_ID:
                return "ofi-taker";
            default:
                throw new IllegalArgumentException("no strategy with id " + strategyId);
        }
    }

    /**
     * Apply one inbound frame and trade on the result.
     *
     * @return the {@link io.ringside.codecs.FrameCheck} result: OK when the frame was handled.
     */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final OrderSink sink)
    {
        orders.sink(sink);
        control.onFrame();
        return dispatcher.dispatch(buffer, offset, length, this);
    }

    /**
     * Start of a new session for every instrument: empty books, forget resting orders and quotes, no market time and
     * no clock (a session replayed again runs as the first time). Positions, PnL,
     * counters and the client order id sequences are kept, so ids never repeat.
     */
    public void clear()
    {
        books.clear();
        clock.clear();
        for (final InstrumentState instrument : instruments.values())
        {
            startSession(instrument);
            instrument.lastMarketTime = InstrumentState.NO_TIME;
        }
    }

    public TradingConfig config()
    {
        return config;
    }

    public OrderBook book(final int instrumentId)
    {
        return books.book(instrumentId);
    }

    /** @return the symbol of the instrument's definition, or null when it has none (yet). */
    public String symbol(final int instrumentId)
    {
        final InstrumentState instrument = instruments.get(instrumentId);
        return null == instrument ? null : instrument.symbol;
    }

    /** After a restore, as definitions did before it: configured symbols' books get their room here and in others. */
    public void reserveConfiguredBooks(final BookBuilder others)
    {
        instruments.reserveConfiguredBooks(books, others);
    }

    /** @return times the books' storage grew: the only allocation they make once created. */
    public long bookGrows()
    {
        return books.grows();
    }

    public int bookCount()
    {
        return books.bookCount();
    }

    public RiskGate riskGate()
    {
        return riskGate;
    }

    /** Whether the strategy runs: its configuration, then as STRATEGY_ENABLE/DISABLE and SETs left it. */
    public boolean isEnabled(final int strategyId)
    {
        return control.isEnabled(strategyId);
    }

    /** The latest event time taken, a Timer's included, or Long.MIN_VALUE before any. */
    public long clock()
    {
        return clock.time();
    }

    public FillSimulator fillSimulator()
    {
        return simulator;
    }

    public MarketMaker marketMaker()
    {
        return marketMaker;
    }

    public OrderFlowImbalanceTaker ofiTaker()
    {
        return ofiTaker;
    }

    /** Orders the strategy sent, cancels included. */
    public long ordersSent(final int strategyId)
    {
        return orders.ordersSent(strategyId);
    }

    public long ordersSent()
    {
        return orders.ordersSent();
    }

    public long ordersRejected(final int strategyId)
    {
        return riskGate.rejected(strategyId);
    }

    public long ordersRejected(final int strategyId, final RiskReject reason)
    {
        return riskGate.rejected(strategyId, reason);
    }

    public long fills(final int strategyId)
    {
        return simulator.fills(strategyId);
    }

    public long filledQuantity(final int strategyId)
    {
        return simulator.filledQuantity(strategyId);
    }

    /** The strategy's position summed over instruments. */
    public long position(final int strategyId)
    {
        return simulator.totalPosition(strategyId);
    }

    public long position(final int strategyId, final int instrumentId)
    {
        return simulator.position(strategyId, instrumentId);
    }

    /** Realised PnL, fixed point at the price scale (price times quantity), summed over instruments. */
    public long realisedPnl(final int strategyId)
    {
        return simulator.realisedPnl(strategyId);
    }

    /** Unrealised PnL marked to each instrument's last mid, fixed point at the price scale. */
    public long unrealisedPnl(final int strategyId)
    {
        return simulator.unrealisedPnl(strategyId);
    }

    /**
     * The decimal places of the PnL figures: the price scale every defined instrument shares (4 before any
     * definition), or -1 when instruments differ, whose sums then mix scales.
     */
    public int pnlPriceScale()
    {
        return pnlPriceScale;
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
    {
        final InstrumentState instrument = instruments.instrument(event.instrumentId());
        final long tick = event.tickSize();
        instrument.tickSize = tick > 0 ? tick : 1;
        final short scale = event.priceScale();
        instrument.scaleFactor = InstrumentState.pow10(scale >= 0 && scale <= 18 ? scale : 0);
        pnlPriceScale = !anyDefinition || pnlPriceScale == scale ? scale : -1;
        anyDefinition = true;
        final String symbol = event.symbol().strip(); // allocates, once per instrument per session
        if (!symbol.equals(instrument.symbol))
        {
            instruments.symbol(instrument, symbol);
        }
        books.onInstrumentDefinition(event);
        startSession(instrument);
        marketEvent(instrument, event.envelope().eventTime());
    }

    public void onTradingStatus(final TradingStatusDecoder event)
    {
        final InstrumentState instrument = instruments.instrument(event.instrumentId());
        marketEvent(instrument, event.envelope().eventTime());
        instrument.halted = event.state() != TradingState.TRADING;
        if (instrument.halted)
        {
            control.onHalt(instrument, event.envelope().eventTime());
        }
    }

    /** Time passing in silence: the market maker withdraws its quotes on instruments silent for too long. */
    public void onTimer(final TimerDecoder event)
    {
        advance(event.envelope().eventTime());
        clock.onTimer();
        control.onTimer(clock.time());
    }

    /**
     * KILL_SWITCH_ON/OFF, STRATEGY_ENABLE/DISABLE for a strategy or every one, and SET: see
     * {@link TradingControl#onControlCommand}.
     */
    public void onControlCommand(final ControlCommandDecoder event)
    {
        control.onControlCommand(event);
    }

    /** The {@link ControlResult} value of the last ControlCommand taken, or its NULL_VAL before any. */
    public int lastControlResult()
    {
        return control.reply().result();
    }

    /** For the last ControlCommand, a SET of this handler's: the key's value when it was taken; else 0. */
    public long lastControlPreviousValue()
    {
        return control.reply().previousValue();
    }

    /**
     * Make the strategies and the risk gate run on the config's current values, as a SET left them. Validates the
     * config first: on a bad value it throws the {@link IllegalArgumentException} naming the key, and the strategies
     * keep their values; the risk limits, though, are the config's own objects, read at each order, so a value is
     * best validated before it is applied. The strategies' settings and every risk limit act from the next event (an instrument override
     * follows the default limits it does not set; instruments take an override added since). A changed
     * {@code risk.kill-switch} or {@code strategy.NAME.enabled} is applied to every strategy (or that one), as the
     * commands would; the resting orders that it stops are cancelled at the next frame taken (this has no sink). A
     * SET that does not change them leaves the runtime state the commands made. Not at runtime: the instruments
     * lists, risk.max-orders-per-second, book sizing.
     */
    public void settingsChanged()
    {
        config.conclude();
        marketMaker.settingsChanged(config.marketMaker());
        ofiTaker.settingsChanged(config.ofiTaker());
        instruments.limitsChanged();
        control.settingsChanged();
    }

    /**
     * A configuration key's current value in this handler's config, for a SET's acknowledgement.
     *
     * @return the value, or {@link #NO_SETTING} when the key is not this handler's.
     */
    public long settingValue(final String key)
    {
        return TradingSettingValues.value(config, key);
    }

    /** Whether a SET of the key takes effect in a running handler: one of its keys that sizes or selects nothing. */
    public boolean isRuntimeSetting(final String key)
    {
        return TradingSettingValues.isRuntime(config, key);
    }

    public void onAddOrder(final AddOrderDecoder event)
    {
        books.onAddOrder(event);
        onMarketData(event.instrumentId(), event.envelope().eventTime(), OrderBook.NULL_PRICE, 0);
    }

    public void onOrderExecuted(final OrderExecutedDecoder event)
    {
        final int instrumentId = event.instrumentId();
        long price = event.price();
        if (OrderExecutedDecoder.priceNullValue() == price)
        {
            // the order's own price, known only before the execution takes it out of the book
            final OrderBook book = books.book(instrumentId);
            price = null == book ? OrderBook.NULL_PRICE : book.orderPrice(event.orderId());
        }
        books.onOrderExecuted(event);
        onMarketData(instrumentId, event.envelope().eventTime(), price, event.executedQuantity());
    }

    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        books.onOrderCancelled(event);
        onMarketData(event.instrumentId(), event.envelope().eventTime(), OrderBook.NULL_PRICE, 0);
    }

    public void onOrderDeleted(final OrderDeletedDecoder event)
    {
        books.onOrderDeleted(event);
        onMarketData(event.instrumentId(), event.envelope().eventTime(), OrderBook.NULL_PRICE, 0);
    }

    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        books.onOrderReplaced(event);
        onMarketData(event.instrumentId(), event.envelope().eventTime(), OrderBook.NULL_PRICE, 0);
    }

    public void onTradePrint(final TradePrintDecoder event)
    {
        final int instrumentId = event.instrumentId();
        final InstrumentState instrument = instruments.instrument(instrumentId);
        marketEvent(instrument, event.envelope().eventTime());
        simulator.onTrade(instrumentId, event.price(), event.quantity());
        trade(instrument, event.envelope().eventTime());
    }

    private void onMarketData(final int instrumentId, final long eventTime, final long tradePrice, final long tradeQuantity)
    {
        final InstrumentState instrument = instruments.instrument(instrumentId);
        marketEvent(instrument, eventTime);
        if (null == instrument.book)
        {
            instrument.book = books.book(instrumentId);
        }
        simulator.onBookChanged(instrumentId, instrument.book);
        if (OrderBook.NULL_PRICE != tradePrice && tradeQuantity > 0)
        {
            simulator.onTrade(instrumentId, tradePrice, tradeQuantity);
        }
        trade(instrument, eventTime);
    }

    // Market data for the instrument: its silence, if any, is over.
    private void marketEvent(final InstrumentState instrument, final long eventTime)
    {
        instrument.lastMarketTime = eventTime;
        advance(eventTime);
    }

    private void advance(final long time)
    {
        if (clock.advance(time))
        {
            instruments.assumeMarketTimes(time);
        }
    }

    private void trade(final InstrumentState instrument, final long eventTime)
    {
        if (control.isEnabled(MarketMaker.STRATEGY_ID) && instrument.marketMakerTrades)
        {
            marketMaker.onMarketData(instrument, eventTime);
        }
        if (control.isEnabled(OrderFlowImbalanceTaker.STRATEGY_ID) && instrument.ofiTakerTrades)
        {
            ofiTaker.onMarketData(instrument, eventTime);
        }
    }

    /**
     * Send an order from outside the strategies (manual entry, a test, a benchmark) as if the strategy had sent it:
     * through the same risk gate, out to {@code sink}, into the fill simulator.
     *
     * @return its client order id, or {@link OrderRouter#REJECTED} (0) when the risk gate rejected it.
     */
    public long submit(
        final int strategyId,
        final int instrumentId,
        final OrderAction action,
        final Side side,
        final long price,
        final long quantity,
        final long originalClientOrderId,
        final long eventTime,
        final OrderSink sink)
    {
        orders.sink(sink);
        final InstrumentState instrument = instruments.instrument(instrumentId);
        if (null == instrument.book)
        {
            instrument.book = books.book(instrumentId);
        }
        return orders.send(strategyId, instrument, action, side, price, quantity, originalClientOrderId, eventTime);
    }

    public void onFill(
        final int strategyId,
        final int instrumentId,
        final long clientOrderId,
        final Side side,
        final long price,
        final long quantity,
        final long remaining)
    {
        if (MarketMaker.STRATEGY_ID == strategyId)
        {
            marketMaker.onFill(instrumentId, clientOrderId, remaining);
        }
    }

    /**
     * Append the whole state (order id sequences, risk gate, instruments, quotes, holdings, fills, positions and PnL,
     * every book) as snapshot messages: TradingState, FillSimulatorState, then an OrderBookState per book. The
     * configuration is not in it: a restore is into a Trading made from the same configuration. It records each
     * strategy's kill switch and enabled state as commands left them, which a restore takes over the configuration's.
     * The time state (the clock, each instrument's last market time) is written only once a Timer has been taken:
     * before one it has decided nothing, and a handler that never saw a Timer snapshots as it did before Timers
     * existed. A restore without it assumes the market times at the first event after.
     *
     * @return bytes written from {@code offset}.
     */
    public int encodeState(final MutableDirectBuffer buffer, final int offset)
    {
        return snapshot.encode(buffer, offset);
    }

    /**
     * Replace the whole state by a snapshot's, as {@link #encodeState} wrote it, into a Trading made from the same
     * configuration (risk limits are looked up again by symbol).
     *
     * @return the offset just after what was read.
     * @throws IllegalStateException when the bytes are not that state.
     */
    public int restoreState(final DirectBuffer buffer, final int offset, final int limit)
    {
        return StateMessages.restore("trading", snapshot::restore, buffer, offset, limit);
    }

    private void startSession(final InstrumentState instrument)
    {
        instrument.halted = false;
        simulator.onSessionStart(instrument.instrumentId);
        marketMaker.onSessionStart(instrument);
    }
}
