package io.ringside.strategies.surveillance;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.ControlReply;
import io.ringside.strategies.EventClock;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.BookSizing;
import io.ringside.strategies.book.OrderBook;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.function.IntConsumer;

/**
 * The surveillance a venue or broker runs on every event: keeps its own books (it shares no state with any other
 * handler) and runs the seven rules, configured by a {@link SurveillanceConfig}. Rules judge an event against the book
 * as it stood before that event; the book is updated after. On each event the rules that apply run in the order of
 * their ids:
 * <ul>
 *     <li>market executions and trade prints: {@link PriceBandRule price band} (then the last trade and the average
 *     trade size are updated);</li>
 *     <li>market adds, cancels, deletes, replaces: {@link QuoteStuffingRule quote stuffing};</li>
 *     <li>client new orders: price band, {@link SizeRule size}, {@link VelocityRule velocity},
 *     {@link SpoofingRule spoofing};</li>
 *     <li>client cancels: velocity, spoofing;</li>
 *     <li>client executions: price band, spoofing, {@link WashTradeRule wash trade};</li>
 *     <li>Timers: {@link StaleFeedRule stale feed}, over every instrument with market data, in id order.</li>
 * </ul>
 * Its clock is the latest event time it has taken, a Timer's included; a Timer earlier than that does not move it back.
 * Control commands: only SET concerns it (see {@link #onControlCommand}); {@link #settingsChanged()} makes the rules
 * run on its config's current values.
 * Per-instrument state (settings, last trade) is made on an instrument's first event, a few hundred bytes: the set of
 * instruments is not known up front, and a venue defines thousands that trade little or not at all. Its rule windows
 * cost what its activity needs: the trade sizes are made on its first trade, the quote counts on its first order
 * message, each growing (to its configured length at most) while the activity outgrows it, and never after.
 */
public final class Surveillance implements InboundListener
{
    /** Rule ids run from 1 to this. */
    public static final int RULE_COUNT = 7;

    /** {@link #settingValue(String)} of a key that is not this handler's. */
    public static final long NO_SETTING = ControlReply.NO_SETTING;

    private static final long NULL_ORDER_PRICE = OrderExecutedDecoder.priceNullValue();
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final SurveillanceSnapshot snapshot = new SurveillanceSnapshot(this);
    final BookBuilder books;
    private final SurveillanceConfig config;
    final PriceBandRule priceBand;
    final SizeRule size = new SizeRule();
    final VelocityRule velocity;
    final SpoofingRule spoofing;
    final WashTradeRule washTrade = new WashTradeRule();
    final QuoteStuffingRule quoteStuffing = new QuoteStuffingRule();
    final StaleFeedRule staleFeed = new StaleFeedRule();
    final ResolvedSettings resolved;
    private final RulesById rulesById;
    private final ClientOrderRules clientOrders;
    final SurveillanceInstruments instruments;
    final EventClock clock = new EventClock();
    private final ControlReply reply = new ControlReply();
    private final byte[] symbol = new byte[InstrumentDefinitionDecoder.symbolLength()];
    private AlertSink sink;


    /**
     * @param config concluded here if it has not been; its settings are copied, so changing it after has no effect.
     */
    public Surveillance(final SurveillanceConfig config, final int initialOrderCapacityPerBook)
    {
        this(config, new BookSizing().initialOrderCapacity(initialOrderCapacityPerBook));
    }

    /**
     * @param config concluded here if it has not been; its settings are copied, so changing it after has no effect.
     * @param books  how its books and instrument table start.
     */
    public Surveillance(final SurveillanceConfig config, final BookSizing books)
    {
        if (!config.isConcluded())
        {
            config.conclude();
        }
        this.config = config;
        this.books = new BookBuilder(books);
        this.priceBand = new PriceBandRule(config.priceBand().maxDeviationBps());
        this.velocity = new VelocityRule(config.expectedAccounts(), config.velocity().maxMessages());
        this.spoofing = new SpoofingRule(config.expectedOrders());
        this.resolved = new ResolvedSettings(config);
        instruments = new SurveillanceInstruments(resolved, books.expectedInstruments());
        rulesById = new RulesById(priceBand, size, velocity, spoofing, washTrade, quoteStuffing, staleFeed);
        clientOrders = new ClientOrderRules(priceBand, size, velocity, spoofing, washTrade, resolved);
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

    /**
     * Start of a new session: empty books and rule windows, no instrument fed yet and no clock (a session replayed
     * again runs as the first time). Rule settings and counts are kept.
     */
    public void clear()
    {
        books.clear();
        clock.clear();
        instruments.clearSession();
        velocity.clear();
        spoofing.clear();
    }

    public SurveillanceConfig config()
    {
        return config;
    }

    public OrderBook book(final int instrumentId)
    {
        return books.book(instrumentId);
    }

    public BookBuilder books()
    {
        return books;
    }

    /** Each instrument it holds state for, in no particular order. */
    public void forEachInstrument(final IntConsumer consumer)
    {
        instruments.forEachInstrument(consumer);
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

    /** Events a rule judged: see each rule's evaluated(). */
    public long evaluated(final int ruleId)
    {
        return rulesById.evaluated(ruleId);
    }

    /** Alerts a rule raised. */
    public long alerts(final int ruleId)
    {
        return rulesById.alerts(ruleId);
    }

    /** The rule's name as in the configuration keys, e.g. "price-band". */
    public static String ruleName(final int ruleId)
    {
        return RulesById.name(ruleId);
    }

    public PriceBandRule priceBandRule()
    {
        return priceBand;
    }

    public VelocityRule velocityRule()
    {
        return velocity;
    }

    public SpoofingRule spoofingRule()
    {
        return spoofing;
    }

    public QuoteStuffingRule quoteStuffingRule()
    {
        return quoteStuffing;
    }

    public StaleFeedRule staleFeedRule()
    {
        return staleFeed;
    }

    /** The latest event time taken, a Timer's included, or Long.MIN_VALUE before any. */
    public long clock()
    {
        return clock.time();
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
    {
        final InstrumentState state = state(event.instrumentId());
        event.getSymbol(symbol, 0);
        final int settingsIndex = resolved.settingsIndex(symbol);
        state.configure(resolved.settings(settingsIndex), settingsIndex,
            InstrumentState.currencyScale(event.priceScale()));
        books.onInstrumentDefinition(event);
        feed(state, event.envelope().eventTime());
    }

    public void onTradingStatus(final TradingStatusDecoder event)
    {
        feed(state(event.instrumentId()), event.envelope().eventTime());
    }

    /** Time passing in silence: the stale-feed rule judges every instrument at it. */
    public void onTimer(final TimerDecoder event)
    {
        advance(event.envelope().eventTime());
        clock.onTimer();
        staleFeed.onTimer(resolved.staleFeedSettings, instruments.inIdOrder, clock.time(), sink);
    }

    /**
     * Of the commands only SET concerns surveillance: the engine applies the key to this handler's config and calls
     * {@link #settingsChanged()}, before or after handing the command here; this calls it too, which is harmless.
     * {@link #lastControlResult()} is then APPLIED for a key of this handler's that takes effect at runtime,
     * NOT_AVAILABLE for one of its keys that does not ({@link #isRuntimeSetting}), UNKNOWN_SETTING for another's;
     * every other action is NOT_AVAILABLE here. Reads the key as a String: commands are rare, not the event path.
     */
    public void onControlCommand(final ControlCommandDecoder event)
    {
        reply.begin();
        if (ControlAction.SET.value() != event.actionRaw())
        {
            reply.result(ControlResult.NOT_AVAILABLE);
            return;
        }
        final String key = event.key();
        if (reply.set(settingValue(key), isRuntimeSetting(key)))
        {
            settingsChanged();
            reply.result(ControlResult.APPLIED);
        }
    }

    /** The {@link ControlResult} value of the last ControlCommand taken, or its NULL_VAL before any. */
    public int lastControlResult()
    {
        return reply.result();
    }

    /** For the last ControlCommand, a SET of this handler's: the key's value when it was taken; else 0. */
    public long lastControlPreviousValue()
    {
        return reply.previousValue();
    }

    public void onAddOrder(final AddOrderDecoder event)
    {
        orderMessage(event.instrumentId(), event.envelope().eventTime(), false);
        books.onAddOrder(event);
    }

    public void onOrderExecuted(final OrderExecutedDecoder event)
    {
        final int instrumentId = event.instrumentId();
        final InstrumentState state = state(instrumentId);
        final OrderBook book = books.book(instrumentId);
        long price = event.price();
        if (price == NULL_ORDER_PRICE && null != book && book.containsOrder(event.orderId()))
        {
            price = book.orderPrice(event.orderId());
        }
        if (price != NULL_ORDER_PRICE)
        {
            priceBand.judge(state, book, instrumentId, price, AlertSink.NO_ACCOUNT, AlertSink.NO_ACCOUNT, sink);
            state.lastTradePrice = price;
        }
        state.tradeSizes.onTrade(event.executedQuantity());
        books.onOrderExecuted(event);
        feed(state, event.envelope().eventTime());
    }

    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        orderMessage(event.instrumentId(), event.envelope().eventTime(), true);
        books.onOrderCancelled(event);
    }

    public void onOrderDeleted(final OrderDeletedDecoder event)
    {
        orderMessage(event.instrumentId(), event.envelope().eventTime(), true);
        books.onOrderDeleted(event);
    }

    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        orderMessage(event.instrumentId(), event.envelope().eventTime(), false);
        books.onOrderReplaced(event);
    }

    public void onTradePrint(final TradePrintDecoder event)
    {
        final int instrumentId = event.instrumentId();
        final InstrumentState state = state(instrumentId);
        priceBand.judge(state, books.book(instrumentId), instrumentId, event.price(), AlertSink.NO_ACCOUNT,
            AlertSink.NO_ACCOUNT, sink);
        state.lastTradePrice = event.price();
        state.tradeSizes.onTrade(event.quantity());
        feed(state, event.envelope().eventTime());
    }

    public void onClientNewOrder(final ClientNewOrderDecoder event)
    {
        final int instrumentId = event.instrumentId();
        final InstrumentState state = state(instrumentId);
        final OrderBook book = books.book(instrumentId);
        advance(event.envelope().eventTime());
        clientOrders.onNewOrder(event, state, book, sink);
    }

    public void onClientCancel(final ClientCancelDecoder event)
    {
        final InstrumentState state = state(event.instrumentId());
        advance(event.envelope().eventTime());
        clientOrders.onCancel(event, state, sink);
    }

    public void onClientExecution(final ClientExecutionDecoder event)
    {
        final InstrumentState state = state(event.instrumentId());
        advance(event.envelope().eventTime());
        clientOrders.onExecution(event, state, books.book(event.instrumentId()), sink);
    }

    private void orderMessage(final int instrumentId, final long time, final boolean cancel)
    {
        final InstrumentState state = state(instrumentId);
        if (state.settings.quoteStuffing.enabled())
        {
            quoteStuffing.onOrderMessage(state.settings.quoteStuffing, state.quoteWindow, instrumentId, time, cancel,
                sink);
        }
        feed(state, time);
    }

    // Market data for the instrument: its silence, if any, is over.
    private void feed(final InstrumentState state, final long time)
    {
        state.lastFeedTime = time;
        state.staleReported = false;
        advance(time);
    }

    private void advance(final long time)
    {
        if (clock.advance(time))
        {
            instruments.assumeFeedTimes(time, books);
        }
    }

    /**
     * Make every rule run on its config's current values, as a SET command left them: the defaults, each instrument
     * override (laid over the defaults again) and account group. Validates the config first: on a bad value it throws
     * the {@link IllegalArgumentException} naming the key, having changed nothing here. Most settings act from the
     * next event; a few size what a rule keeps and act later: an account's velocity max-messages from its first
     * message (accounts seen keep theirs; their window-ns changes now), the size rule's average-trades and the
     * quote-stuffing window-ms from the instrument's next definition; expected-accounts and expected-orders never.
     * Instrument overrides and account groups are those of construction: one added to the config later is not taken.
     */
    public void settingsChanged()
    {
        resolved.settingsChanged();
        velocity.windowsChanged(resolved.groupByAccount, resolved.groupVelocity);
    }

    /**
     * A configuration key's current value in this handler's config, for a SET's acknowledgement.
     *
     * @return the value, or {@link #NO_SETTING} when the key is not this handler's.
     */
    public long settingValue(final String key)
    {
        return SurveillanceSettingValues.value(config, resolved.overrides, key);
    }

    /** Whether a SET of the key takes effect in a running handler: one of its keys that sizes nothing. */
    public boolean isRuntimeSetting(final String key)
    {
        return SurveillanceSettingValues.isRuntime(config, resolved.overrides, key);
    }

    /**
     * Append the whole state (rule counts and windows, per-instrument state, the spoofing rule's orders and episodes,
     * every book) as snapshot messages: SurveillanceState, SpoofingState, then an OrderBookState per book. The
     * configuration is not in it: a restore is into a Surveillance made from the same configuration.
     *
     * @return bytes written from {@code offset}.
     */
    public int encodeState(final MutableDirectBuffer buffer, final int offset)
    {
        return snapshot.encode(buffer, offset);
    }

    /**
     * Replace the whole state by a snapshot's, as {@link #encodeState} wrote it, into a Surveillance made from the
     * same configuration.
     *
     * @return the offset just after what was read.
     * @throws IllegalStateException when the bytes are not that state.
     */
    public int restoreState(final DirectBuffer buffer, final int offset, final int limit)
    {
        return StateMessages.restore("surveillance", snapshot::restore, buffer, offset, limit);
    }

    private InstrumentState state(final int instrumentId)
    {
        return instruments.state(instrumentId);
    }
}
