package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.TradingStateDecoder;
import io.ringside.codecs.snapshot.TradingStateEncoder;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.book.OrderBook;
import io.ringside.strategies.book.BookSizing;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Takes liquidity on the side the book leans to, hosted by {@link Trading}.
 * <p>
 * The imbalance of the top {@code depth} levels is {@code (bidQty - askQty) * 10000 / (bidQty + askQty)} basis
 * points, truncated, where each quantity is the sum over that side's levels. When flat, out of its cooldown and the
 * imbalance is at or beyond {@code +thresholdBps} it buys {@code orderQuantity} at the best ask; at or beyond
 * {@code -thresholdBps} it sells at the best bid. These orders are aggressive, filled at once or not at all by the
 * simulator.
 * <p>
 * It holds what it got for {@code holdingPeriodNs} of event time from the entry, then closes the whole position
 * with an aggressive order at the touch; it closes early when the mid has moved {@code stopTicks} or more against
 * the position's average price. A close that does not fill it all is tried again at the next event. The cooldown:
 * no entry until {@code cooldownNs} after the position went flat, or after an entry that did not fill at all (or
 * was rejected). Nothing is sent while the instrument is halted or its book is not two-sided.
 */
public final class OrderFlowImbalanceTaker
{
    public static final int STRATEGY_ID = 2;
    private static final long BPS = 10_000;

    private final Int2ObjectHashMap<Holding> holdingByInstrument;
    private final OrderRouter router;
    private final FillSimulator simulator;
    // Copied from its config, and again when the settings change at runtime.
    private int depth;
    private long thresholdBps;
    private long orderQuantity;
    private long holdingPeriodNs;
    private long stopTicks;
    private long cooldownNs;

    OrderFlowImbalanceTaker(final OfiTakerConfig config, final OrderRouter router, final FillSimulator simulator)
    {
        this(config, router, simulator, BookSizing.DEFAULT_EXPECTED_INSTRUMENTS);
    }

    OrderFlowImbalanceTaker(
        final OfiTakerConfig config,
        final OrderRouter router,
        final FillSimulator simulator,
        final int expectedInstruments)
    {
        holdingByInstrument = new Int2ObjectHashMap<>(BookSizing.mapCapacity(expectedInstruments, 0.65f), 0.65f);
        this.router = router;
        this.simulator = simulator;
        settingsChanged(config);
    }

    /** Take the config's current values: from the next event on, it trades with them. */
    void settingsChanged(final OfiTakerConfig config)
    {
        depth = config.depth();
        thresholdBps = config.thresholdBps();
        orderQuantity = config.orderQuantity();
        holdingPeriodNs = config.holdingPeriodNs();
        stopTicks = config.stopTicks();
        cooldownNs = config.cooldownNs();
    }

    /**
     * The imbalance of the top {@code depth} levels in basis points, or 0 when a side is empty.
     */
    public static long imbalanceBps(final OrderBook book, final int depth)
    {
        long bidQty = 0;
        long askQty = 0;
        for (int level = 0; level < depth; level++)
        {
            bidQty += book.levelQuantity(Side.BUY, level);
            askQty += book.levelQuantity(Side.SELL, level);
        }
        final long total = bidQty + askQty;
        return 0 == bidQty || 0 == askQty ? 0 : (bidQty - askQty) * BPS / total;
    }

    /** Early closes on the stop, over all instruments. */
    public long stops()
    {
        long sum = 0;
        for (final Holding holding : holdingByInstrument.values())
        {
            sum += holding.stops;
        }
        return sum;
    }

    /** Entries sent, filled or not. */
    public long entries()
    {
        long sum = 0;
        for (final Holding holding : holdingByInstrument.values())
        {
            sum += holding.entries;
        }
        return sum;
    }

    void onMarketData(final InstrumentState instrument, final long eventTime)
    {
        final OrderBook book = instrument.book;
        if (instrument.halted || null == book || !book.isTwoSided())
        {
            return;
        }
        final int instrumentId = instrument.instrumentId;
        final Holding holding = holding(instrumentId);
        final long position = simulator.position(STRATEGY_ID, instrumentId);
        if (0 != position)
        {
            if (eventTime - holding.entryTime >= holdingPeriodNs || isStopped(instrument, book, position))
            {
                if (!holding.closing)
                {
                    holding.closing = true;
                    holding.stops += eventTime - holding.entryTime < holdingPeriodNs ? 1 : 0;
                }
                final boolean long_ = position > 0;
                router.send(STRATEGY_ID, instrument, OrderAction.NEW, long_ ? Side.SELL : Side.BUY,
                    long_ ? book.bestBidPrice() : book.bestAskPrice(), Math.abs(position), 0, eventTime);
                if (0 == simulator.position(STRATEGY_ID, instrumentId))
                {
                    holding.closing = false;
                    holding.nextEntryTime = eventTime + cooldownNs;
                }
            }
            return;
        }

        if (eventTime < holding.nextEntryTime)
        {
            return;
        }
        final long imbalance = imbalanceBps(book, depth);
        final boolean buy;
        if (imbalance >= thresholdBps)
        {
            buy = true;
        }
        else if (imbalance <= -thresholdBps)
        {
            buy = false;
        }
        else
        {
            return;
        }
        holding.entries++;
        router.send(STRATEGY_ID, instrument, OrderAction.NEW, buy ? Side.BUY : Side.SELL,
            buy ? book.bestAskPrice() : book.bestBidPrice(), orderQuantity, 0, eventTime);
        if (0 == simulator.position(STRATEGY_ID, instrumentId))
        {
            holding.nextEntryTime = eventTime + cooldownNs;
        }
        else
        {
            holding.entryTime = eventTime;
        }
    }

    /** The mid has moved stopTicks or more against the average price: in twice-mid units, to stay exact. */
    private boolean isStopped(final InstrumentState instrument, final OrderBook book, final long position)
    {
        final long twiceMid = book.bestBidPrice() + book.bestAskPrice();
        final long openCost = simulator.openCost(STRATEGY_ID, instrument.instrumentId);
        final long twiceLoss = 2 * openCost - position * twiceMid;
        return twiceLoss >= 2 * stopTicks * instrument.tickSize * Math.abs(position);
    }

    private Holding holding(final int instrumentId)
    {
        Holding holding = holdingByInstrument.get(instrumentId);
        if (null == holding)
        {
            holding = new Holding(); // once per instrument
            holdingByInstrument.put(instrumentId, holding);
        }
        return holding;
    }

    private static final class Holding
    {
        long entryTime;
        long nextEntryTime = Long.MIN_VALUE;
        boolean closing;
        long entries;
        long stops;
    }

    /** Every instrument's holding, in instrument id order ({@code sortedIds[0..count)}, ids the map holds or not). */
    void encode(final TradingStateEncoder encoder, final int[] sortedIds, final int count)
    {
        int present = 0;
        for (int i = 0; i < count; i++)
        {
            present += holdingByInstrument.containsKey(sortedIds[i]) ? 1 : 0;
        }
        final TradingStateEncoder.HoldingsEncoder group = encoder.holdingsCount(present);
        for (int i = 0; i < count; i++)
        {
            final Holding holding = holdingByInstrument.get(sortedIds[i]);
            if (null != holding)
            {
                group.next()
                    .instrumentId(sortedIds[i])
                    .entryTime(holding.entryTime)
                    .nextEntryTime(holding.nextEntryTime)
                    .closing(StateMessages.bool(holding.closing))
                    .entries(holding.entries)
                    .stops(holding.stops);
            }
        }
    }

    void restore(final TradingStateDecoder.HoldingsDecoder group)
    {
        holdingByInstrument.clear();
        for (final TradingStateDecoder.HoldingsDecoder entry : group)
        {
            final Holding holding = holding(entry.instrumentId());
            holding.entryTime = entry.entryTime();
            holding.nextEntryTime = entry.nextEntryTime();
            holding.closing = StateMessages.bool(entry.closing());
            holding.entries = entry.entries();
            holding.stops = entry.stops();
        }
    }
}
