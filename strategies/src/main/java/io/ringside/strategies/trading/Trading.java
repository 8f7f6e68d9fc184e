package io.ringside.strategies.trading;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ControlAction;
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
import io.ringside.codecs.snapshot.FillSimulatorStateDecoder;
import io.ringside.codecs.snapshot.FillSimulatorStateEncoder;
import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.OrderBookStateEncoder;
import io.ringside.codecs.snapshot.TradingStateDecoder;
import io.ringside.codecs.snapshot.TradingStateEncoder;
import io.ringside.strategies.IdOrder;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.BookSizing;
import io.ringside.strategies.book.OrderBook;
import io.ringside.strategies.SortedKeys;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.Arrays;
import java.util.Set;

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
public final class Trading implements InboundListener, OrderRouter, FillListener
{
    /** Strategy ids, the index of each strategy's counters. */
    public static final int[] STRATEGY_IDS = { MarketMaker.STRATEGY_ID, OrderFlowImbalanceTaker.STRATEGY_ID };
    static final int MAX_STRATEGY_ID = 2;

    /** {@link #settingValue(String)} of a key that is not this handler's. */
    public static final long NO_SETTING = Long.MIN_VALUE;

    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final Int2ObjectHashMap<InstrumentState> instruments;
    private final TradingConfig config;
    private final BookBuilder books;
    private final FillSimulator simulator;
    private final RiskGate riskGate;
    private final MarketMaker marketMaker;
    private final OrderFlowImbalanceTaker ofiTaker;
    // Whether each strategy runs, by strategy id: its configured enabled, then as commands and SETs leave it.
    private final boolean[] enabled = new boolean[MAX_STRATEGY_ID + 1];
    // The configured values last applied: a SET that changes one applies it, any other SET leaves the runtime state.
    private boolean configuredKillSwitch;
    private final boolean[] configuredEnabled = new boolean[MAX_STRATEGY_ID + 1];
    // Strategies whose resting orders are to be withdrawn at the next frame: a settingsChanged() has no sink.
    private final boolean[] cancelPending = new boolean[MAX_STRATEGY_ID + 1];
    private boolean anyCancelPending;
    private final IdOrder<InstrumentState> instrumentOrder;
    private long clock = InstrumentState.NO_TIME;
    // Whether a Timer has been taken: until then the time state is not worth a snapshot's bytes (see encodeState).
    private boolean timed;
    // Restored from a snapshot taken before any Timer, which did not carry the instruments' last market times.
    private boolean marketTimesUnknown;
    private int lastControlResult = ControlResult.NULL_VAL.value();
    private long lastControlPreviousValue;
    // The symbols each strategy trades; null for all of them, the instruments not defined yet included.
    private final Set<String> marketMakerSymbols;
    private final Set<String> ofiTakerSymbols;
    private final long[] nextClientOrderId = new long[MAX_STRATEGY_ID + 1];
    private final long[] ordersSent = new long[MAX_STRATEGY_ID + 1];
    private int pnlPriceScale = InstrumentState.DEFAULT_PRICE_SCALE;
    private boolean anyDefinition;
    private OrderSink sink;

    private final MessageHeaderEncoder stateHeader = new MessageHeaderEncoder();
    private final TradingStateEncoder stateEncoder = new TradingStateEncoder();
    private final FillSimulatorStateEncoder simulatorEncoder = new FillSimulatorStateEncoder();
    private final OrderBookStateEncoder bookEncoder = new OrderBookStateEncoder();
    private final MessageHeaderDecoder restoreHeader = new MessageHeaderDecoder();
    private final TradingStateDecoder stateDecoder = new TradingStateDecoder();
    private final FillSimulatorStateDecoder simulatorDecoder = new FillSimulatorStateDecoder();
    private final OrderBookStateDecoder bookDecoder = new OrderBookStateDecoder();
    private final SortedKeys sortedIds = new SortedKeys();

    public Trading(final TradingConfig config)
    {
        this.config = config.conclude();
        final int expectedInstruments = config.books().expectedInstruments();
        instruments = new Int2ObjectHashMap<>(BookSizing.mapCapacity(expectedInstruments, 0.65f), 0.65f);
        instrumentOrder = new IdOrder<>(expectedInstruments);
        books = new BookBuilder(config.books());
        simulator = new FillSimulator(this, expectedInstruments);
        riskGate = new RiskGate(config, simulator, MAX_STRATEGY_ID);
        marketMaker = new MarketMaker(config.marketMaker(), this, simulator, expectedInstruments);
        ofiTaker = new OrderFlowImbalanceTaker(config.ofiTaker(), this, simulator, expectedInstruments);
        configuredKillSwitch = config.killSwitch();
        configuredEnabled[MarketMaker.STRATEGY_ID] = config.marketMaker().enabled();
        configuredEnabled[OrderFlowImbalanceTaker.STRATEGY_ID] = config.ofiTaker().enabled();
        System.arraycopy(configuredEnabled, 0, enabled, 0, enabled.length);
        marketMakerSymbols = config.marketMaker().instrumentSymbols();
        ofiTakerSymbols = config.ofiTaker().instrumentSymbols();
        java.util.Arrays.fill(nextClientOrderId, 1);
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
        this.sink = sink;
        if (anyCancelPending)
        {
            cancelPending();
        }
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
        clock = InstrumentState.NO_TIME;
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
        if (config.books().hasSymbolCapacities())
        {
            for (final InstrumentState instrument : instruments.values())
            {
                if (null != instrument.symbol)
                {
                    books.reserve(instrument.instrumentId, instrument.symbol);
                    others.reserve(instrument.instrumentId, instrument.symbol);
                }
            }
        }
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
        return enabled[strategyId];
    }

    /** The latest event time taken, a Timer's included, or Long.MIN_VALUE before any. */
    public long clock()
    {
        return clock;
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
        return ordersSent[strategyId];
    }

    public long ordersSent()
    {
        long sum = 0;
        for (final long sent : ordersSent)
        {
            sum += sent;
        }
        return sum;
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
        final InstrumentState instrument = instrument(event.instrumentId());
        final long tick = event.tickSize();
        instrument.tickSize = tick > 0 ? tick : 1;
        final short scale = event.priceScale();
        instrument.scaleFactor = InstrumentState.pow10(scale >= 0 && scale <= 18 ? scale : 0);
        pnlPriceScale = !anyDefinition || pnlPriceScale == scale ? scale : -1;
        anyDefinition = true;
        final String symbol = event.symbol().strip(); // allocates, once per instrument per session
        if (!symbol.equals(instrument.symbol))
        {
            instrument.symbol = symbol;
            instrument.limits = config.riskFor(symbol);
            select(instrument);
        }
        books.onInstrumentDefinition(event);
        startSession(instrument);
        marketEvent(instrument, event.envelope().eventTime());
    }

    public void onTradingStatus(final TradingStatusDecoder event)
    {
        final InstrumentState instrument = instrument(event.instrumentId());
        marketEvent(instrument, event.envelope().eventTime());
        instrument.halted = event.state() != TradingState.TRADING;
        if (instrument.halted && enabled[MarketMaker.STRATEGY_ID] && instrument.marketMakerTrades)
        {
            marketMaker.onHalt(instrument, event.envelope().eventTime());
        }
    }

    /** Time passing in silence: the market maker withdraws its quotes on instruments silent for too long. */
    public void onTimer(final TimerDecoder event)
    {
        advance(event.envelope().eventTime());
        timed = true;
        if (enabled[MarketMaker.STRATEGY_ID])
        {
            for (int i = 0, size = instrumentOrder.size(); i < size; i++)
            {
                final InstrumentState instrument = instrumentOrder.get(i);
                if (instrument.marketMakerTrades)
                {
                    marketMaker.onTimer(instrument, clock);
                }
            }
        }
    }

    /**
     * KILL_SWITCH_ON and STRATEGY_DISABLE for a strategy (strategyId 1 or 2), or every one (0): cancel its resting
     * orders at once, then send nothing new (a killed strategy's orders are rejected by the risk gate, a disabled one
     * does not run); KILL_SWITCH_OFF and STRATEGY_ENABLE let it trade again from the next event. Result APPLIED, or
     * BAD_VALUE for another strategy id. SET: the engine applies the key to this handler's config and calls
     * {@link #settingsChanged()}, before or after handing the command here; this calls it too, which is harmless:
     * APPLIED for a key of this handler's that takes effect at runtime, NOT_AVAILABLE for one of its keys that does
     * not ({@link #isRuntimeSetting}), UNKNOWN_SETTING for another's. SNAPSHOT is the engine's: NOT_AVAILABLE here.
     * Reads a SET's key as a String: commands are rare, not the event path.
     */
    public void onControlCommand(final ControlCommandDecoder event)
    {
        lastControlPreviousValue = 0;
        final short action = event.actionRaw();
        if (ControlAction.SET.value() == action)
        {
            final String key = event.key();
            final long value = settingValue(key);
            if (NO_SETTING == value)
            {
                lastControlResult = ControlResult.UNKNOWN_SETTING.value();
                return;
            }
            lastControlPreviousValue = value;
            if (!isRuntimeSetting(key))
            {
                lastControlResult = ControlResult.NOT_AVAILABLE.value();
                return;
            }
            settingsChanged();
            if (anyCancelPending)
            {
                cancelPending();
            }
            lastControlResult = ControlResult.APPLIED.value();
            return;
        }
        if (ControlAction.KILL_SWITCH_ON.value() != action && ControlAction.KILL_SWITCH_OFF.value() != action &&
            ControlAction.STRATEGY_ENABLE.value() != action && ControlAction.STRATEGY_DISABLE.value() != action)
        {
            lastControlResult = ControlResult.NOT_AVAILABLE.value();
            return;
        }
        final int strategyId = event.strategyId();
        if (strategyId < 0 || strategyId > MAX_STRATEGY_ID)
        {
            lastControlResult = ControlResult.BAD_VALUE.value();
            return;
        }
        final int first = 0 == strategyId ? 1 : strategyId;
        final int last = 0 == strategyId ? MAX_STRATEGY_ID : strategyId;
        for (int id = first; id <= last; id++)
        {
            if (ControlAction.KILL_SWITCH_ON.value() == action)
            {
                riskGate.trip(id);
                cancelResting(id);
            }
            else if (ControlAction.KILL_SWITCH_OFF.value() == action)
            {
                riskGate.reset(id);
            }
            else if (ControlAction.STRATEGY_DISABLE.value() == action)
            {
                enabled[id] = false;
                cancelResting(id);
            }
            else
            {
                enabled[id] = true;
            }
        }
        lastControlResult = ControlResult.APPLIED.value();
    }

    /** The {@link ControlResult} value of the last ControlCommand taken, or its NULL_VAL before any. */
    public int lastControlResult()
    {
        return lastControlResult;
    }

    /** For the last ControlCommand, a SET of this handler's: the key's value when it was taken; else 0. */
    public long lastControlPreviousValue()
    {
        return lastControlPreviousValue;
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
        for (int i = 0, size = instrumentOrder.size(); i < size; i++)
        {
            final InstrumentState instrument = instrumentOrder.get(i);
            instrument.limits = config.riskFor(instrument.symbol);
        }
        if (config.killSwitch() != configuredKillSwitch)
        {
            configuredKillSwitch = config.killSwitch();
            for (final int strategyId : STRATEGY_IDS)
            {
                if (configuredKillSwitch)
                {
                    riskGate.trip(strategyId);
                    cancelLater(strategyId);
                }
                else
                {
                    riskGate.reset(strategyId);
                }
            }
        }
        configuredEnabled(MarketMaker.STRATEGY_ID, config.marketMaker().enabled());
        configuredEnabled(OrderFlowImbalanceTaker.STRATEGY_ID, config.ofiTaker().enabled());
    }

    private void configuredEnabled(final int strategyId, final boolean value)
    {
        if (value != configuredEnabled[strategyId])
        {
            configuredEnabled[strategyId] = value;
            enabled[strategyId] = value;
            if (!value)
            {
                cancelLater(strategyId);
            }
        }
    }

    private void cancelLater(final int strategyId)
    {
        cancelPending[strategyId] = true;
        anyCancelPending = true;
    }

    private void cancelPending()
    {
        anyCancelPending = false;
        for (final int strategyId : STRATEGY_IDS)
        {
            if (cancelPending[strategyId])
            {
                cancelPending[strategyId] = false;
                cancelResting(strategyId);
            }
        }
    }

    /**
     * Withdraw every resting order of the strategy: the market maker's quotes instrument by instrument in id order,
     * then any other order of the strategy's still resting (one {@link #submit}ted), oldest first. Through the risk
     * gate, which passes cancels, and out to the sink as every cancel goes.
     */
    private void cancelResting(final int strategyId)
    {
        if (MarketMaker.STRATEGY_ID == strategyId)
        {
            for (int i = 0, size = instrumentOrder.size(); i < size; i++)
            {
                marketMaker.cancelQuotes(instrumentOrder.get(i), clock);
            }
        }
        for (int i = simulator.firstResting(strategyId); i >= 0; i = simulator.firstResting(strategyId))
        {
            final long clientOrderId = simulator.restingIdAt(i);
            send(strategyId, instrument(simulator.restingInstrumentAt(i)), OrderAction.CANCEL,
                simulator.restingBuyAt(i) ? Side.BUY : Side.SELL, simulator.restingPriceAt(i), 0, clientOrderId, clock);
        }
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
        final InstrumentState instrument = instrument(instrumentId);
        marketEvent(instrument, event.envelope().eventTime());
        simulator.onTrade(instrumentId, event.price(), event.quantity());
        trade(instrument, event.envelope().eventTime());
    }

    private void onMarketData(final int instrumentId, final long eventTime, final long tradePrice, final long tradeQuantity)
    {
        final InstrumentState instrument = instrument(instrumentId);
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
        if (marketTimesUnknown)
        {
            assumeMarketTimes(time);
        }
        if (time > clock)
        {
            clock = time;
        }
    }

    /*
     * After a restore from a snapshot taken before any Timer, which did not carry the market times: every instrument
     * counts as last fed at the first event after the restore, the nearest time known to the snapshot's. Quotes on an
     * instrument silent since before the snapshot are then withdrawn at most that much later than without the restart.
     */
    private void assumeMarketTimes(final long time)
    {
        marketTimesUnknown = false;
        for (int i = 0, size = instrumentOrder.size(); i < size; i++)
        {
            final InstrumentState instrument = instrumentOrder.get(i);
            if (InstrumentState.NO_TIME == instrument.lastMarketTime)
            {
                instrument.lastMarketTime = time;
            }
        }
    }

    private void trade(final InstrumentState instrument, final long eventTime)
    {
        if (enabled[MarketMaker.STRATEGY_ID] && instrument.marketMakerTrades)
        {
            marketMaker.onMarketData(instrument, eventTime);
        }
        if (enabled[OrderFlowImbalanceTaker.STRATEGY_ID] && instrument.ofiTakerTrades)
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
        this.sink = sink;
        final InstrumentState instrument = instrument(instrumentId);
        if (null == instrument.book)
        {
            instrument.book = books.book(instrumentId);
        }
        return send(strategyId, instrument, action, side, price, quantity, originalClientOrderId, eventTime);
    }

    public long send(
        final int strategyId,
        final InstrumentState instrument,
        final OrderAction action,
        final Side side,
        final long price,
        final long quantity,
        final long originalClientOrderId,
        final long eventTime)
    {
        if (null != riskGate.check(
            strategyId, instrument, action, side, price, quantity, originalClientOrderId, eventTime))
        {
            return REJECTED;
        }
        final long id = nextClientOrderId[strategyId]++;
        ordersSent[strategyId]++;
        sink.onOrder(strategyId, instrument.instrumentId, action, side, price, quantity, id,
            OrderAction.NEW == action ? 0 : originalClientOrderId);

        if (OrderAction.NEW != action)
        {
            simulator.cancel(strategyId, originalClientOrderId);
        }
        if (OrderAction.CANCEL != action)
        {
            final OrderBook book = instrument.book;
            if (FillSimulator.isAggressive(book, side, price))
            {
                simulator.execute(strategyId, instrument.instrumentId, book, side, price, quantity, id);
            }
            else
            {
                simulator.rest(strategyId, instrument.instrumentId, side, price, quantity, id);
            }
        }
        return id;
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
        final TradingStateEncoder encoder = stateEncoder.wrapAndApplyHeader(buffer, offset, stateHeader)
            .bookCount(books.bookCount())
            .pnlPriceScale(pnlPriceScale)
            .anyDefinition(StateMessages.bool(anyDefinition))
            .killSwitch(StateMessages.bool(riskGate.isTripped()))
            .clock(timed ? clock : TradingStateEncoder.clockNullValue());
        final TradingStateEncoder.StrategiesEncoder strategies = encoder.strategiesCount(MAX_STRATEGY_ID + 1);
        for (int strategyId = 0; strategyId <= MAX_STRATEGY_ID; strategyId++)
        {
            strategies.next()
                .nextClientOrderId(nextClientOrderId[strategyId])
                .ordersSent(ordersSent[strategyId])
                .enabled(StateMessages.bool(enabled[strategyId]));
            riskGate.encode(strategyId, strategies);
        }
        final int count = sortedIds.sort(instruments);
        final int[] ids = sortedIds.ints();
        marketMaker.encode(encoder, ids, count);
        ofiTaker.encode(encoder, ids, count);
        final TradingStateEncoder.InstrumentsEncoder group = encoder.instrumentsCount(count);
        for (int i = 0; i < count; i++)
        {
            final InstrumentState instrument = instruments.get(ids[i]);
            group.next()
                .instrumentId(instrument.instrumentId)
                .tickSize(instrument.tickSize)
                .scaleFactor(instrument.scaleFactor)
                .halted(StateMessages.bool(instrument.halted))
                .hasSymbol(StateMessages.bool(null != instrument.symbol))
                .lastMarketTime(timed ?
                    instrument.lastMarketTime : TradingStateEncoder.InstrumentsEncoder.lastMarketTimeNullValue())
                .symbol(null == instrument.symbol ? "" : instrument.symbol);
        }
        int position = offset + MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        position += simulator.encode(buffer, position, stateHeader, simulatorEncoder);
        position += books.encodeState(buffer, position, stateHeader, bookEncoder);
        return position - offset;
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
        return StateMessages.restore("trading", this::restore, buffer, offset, limit);
    }

    private int restore(final DirectBuffer buffer, final int offset, final int limit)
    {
        int position = StateMessages.expect(
            restoreHeader, buffer, offset, limit, TradingStateDecoder.TEMPLATE_ID, "TradingState");
        final TradingStateDecoder decoder =
            stateDecoder.wrap(buffer, position, restoreHeader.blockLength(), restoreHeader.version());
        final int bookCount = decoder.bookCount();
        pnlPriceScale = decoder.pnlPriceScale();
        anyDefinition = StateMessages.bool(decoder.anyDefinition());
        // Each strategy's kill switch and enabled state are runtime state since commands set them (schema version 5):
        // a command given before the snapshot holds after a restart; the configuration applies only without a
        // snapshot. An older snapshot carries neither (its root killSwitch was the configuration's): they come from
        // the configuration, as they did. A configured value changed since is not applied over the snapshot's.
        configuredKillSwitch = config.killSwitch();
        configuredEnabled[MarketMaker.STRATEGY_ID] = config.marketMaker().enabled();
        configuredEnabled[OrderFlowImbalanceTaker.STRATEGY_ID] = config.ofiTaker().enabled();
        java.util.Arrays.fill(cancelPending, false);
        anyCancelPending = false;
        final long restoredClock = decoder.clock();
        timed = TradingStateDecoder.clockNullValue() != restoredClock;
        clock = timed ? restoredClock : InstrumentState.NO_TIME;
        marketTimesUnknown = !timed;
        final TradingStateDecoder.StrategiesDecoder strategies = decoder.strategies();
        if (strategies.count() != MAX_STRATEGY_ID + 1)
        {
            throw new IllegalStateException("snapshot has " + strategies.count() + " strategy slots, this engine "
                + (MAX_STRATEGY_ID + 1));
        }
        for (int strategyId = 0; strategyId <= MAX_STRATEGY_ID; strategyId++)
        {
            strategies.next();
            nextClientOrderId[strategyId] = strategies.nextClientOrderId();
            ordersSent[strategyId] = strategies.ordersSent();
            final short wasEnabled = strategies.enabled();
            enabled[strategyId] = TradingStateDecoder.StrategiesDecoder.enabledNullValue() == wasEnabled ?
                configuredEnabled[strategyId] : StateMessages.bool(wasEnabled);
            riskGate.restore(strategyId, strategies, configuredKillSwitch);
        }
        marketMaker.restore(decoder.quotes());
        ofiTaker.restore(decoder.holdings());
        instruments.clear();
        instrumentOrder.clear();
        for (final TradingStateDecoder.InstrumentsDecoder entry : decoder.instruments())
        {
            final InstrumentState instrument = instrument(entry.instrumentId());
            instrument.tickSize = entry.tickSize();
            instrument.scaleFactor = entry.scaleFactor();
            instrument.halted = StateMessages.bool(entry.halted());
            instrument.lastMarketTime = timed ? entry.lastMarketTime() : InstrumentState.NO_TIME;
            final boolean hasSymbol = StateMessages.bool(entry.hasSymbol());
            final String symbol = entry.symbol();
            instrument.symbol = hasSymbol ? symbol : null;
            instrument.limits = config.riskFor(instrument.symbol);
            select(instrument);
        }
        position = decoder.limit();

        position = StateMessages.expect(
            restoreHeader, buffer, position, limit, FillSimulatorStateDecoder.TEMPLATE_ID, "FillSimulatorState");
        simulator.restore(simulatorDecoder.wrap(buffer, position, restoreHeader.blockLength(), restoreHeader.version()));
        position = simulatorDecoder.limit();

        position = books.restoreState(buffer, position, limit, bookCount, restoreHeader, bookDecoder);
        // An instrument's book is the builder's: the one it had before, or none yet.
        for (final InstrumentState instrument : instruments.values())
        {
            instrument.book = books.book(instrument.instrumentId);
        }
        return position;
    }

    private void startSession(final InstrumentState instrument)
    {
        instrument.halted = false;
        simulator.onSessionStart(instrument.instrumentId);
        marketMaker.onSessionStart(instrument);
    }

    private InstrumentState instrument(final int instrumentId)
    {
        InstrumentState instrument = instruments.get(instrumentId);
        if (null == instrument)
        {
            instrument = new InstrumentState(instrumentId, config.riskFor(null)); // once per instrument
            select(instrument);
            instruments.put(instrumentId, instrument);
            instrumentOrder.add(instrumentId, instrument);
        }
        return instrument;
    }

    // Decided when the symbol is known or changes, so the hot path reads a flag.
    private void select(final InstrumentState instrument)
    {
        final String symbol = instrument.symbol;
        instrument.marketMakerTrades =
            null == marketMakerSymbols || (null != symbol && marketMakerSymbols.contains(symbol));
        instrument.ofiTakerTrades = null == ofiTakerSymbols || (null != symbol && ofiTakerSymbols.contains(symbol));
    }
}
