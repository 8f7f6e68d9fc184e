package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.FillSimulatorStateDecoder;
import io.ringside.codecs.snapshot.FillSimulatorStateEncoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.book.OrderBook;
import io.ringside.strategies.SortedKeys;
import io.ringside.strategies.book.BookSizing;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * Fills strategies' orders against the live book, so their positions and PnL mean something. The model:
 * <ul>
 * <li>An aggressive order (a buy at or above the best ask, a sell at or below the best bid) fills at once, immediate
 * or cancel: it walks the far side from the best level while the level's price is within its limit, taking at each
 * level's own price the displayed quantity not already taken by our own fills, and what it cannot fill is dropped.
 * What our fills take from a level is remembered until the instrument's book next changes, so two orders in the same
 * book state do not both fill against the same displayed quantity. (The venue's feed would show our trades as
 * executions; a replay's book never does, so after the next change we trust the book again.)</li>
 * <li>A passive order rests, and fills only when a market trade (an execution of a resting order, or a trade print)
 * prints strictly through its price: a buy when a trade prints below it, a sell above it, filling
 * {@code min(remaining, traded quantity)} at the order's own price. A trade at the order's price does not fill it:
 * that would need a queue position, which a replay cannot know; strictly through is the honest simple choice, and a
 * conservative one. One print's quantity is shared among our resting orders in the order they rested.</li>
 * <li>Positions at average cost, realised and unrealised PnL marked to the mid ({@link Position}), all in fixed point
 * at the instrument's price scale (PnL is price times quantity). The mark is the mid of the last two-sided book.</li>
 * </ul>
 * Single-threaded. Positions are created on the first fill of a strategy in an instrument, an allocation tolerated
 * because it happens once per pair; resting order and consumption tables grow, rarely, when full.
 */
public final class FillSimulator
{
    private static final int INITIAL_RESTING_CAPACITY = 64;
    private static final int INITIAL_CONSUMED_CAPACITY = 16;

    private final FillListener listener;
    private final Long2ObjectHashMap<Position> positionByKey = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<long[]> markByInstrument;

    // Resting orders, in the order they rested; removal shifts the tail so that order is kept.
    private int[] restingStrategy = new int[INITIAL_RESTING_CAPACITY];
    private int[] restingInstrument = new int[INITIAL_RESTING_CAPACITY];
    private long[] restingId = new long[INITIAL_RESTING_CAPACITY];
    private boolean[] restingBuy = new boolean[INITIAL_RESTING_CAPACITY];
    private long[] restingPrice = new long[INITIAL_RESTING_CAPACITY];
    private long[] restingRemaining = new long[INITIAL_RESTING_CAPACITY];
    private int restingCount;

    // Displayed quantity our aggressive fills took, per instrument, side and price, until the book next changes.
    private int[] consumedInstrument = new int[INITIAL_CONSUMED_CAPACITY];
    private boolean[] consumedBid = new boolean[INITIAL_CONSUMED_CAPACITY];
    private long[] consumedPrice = new long[INITIAL_CONSUMED_CAPACITY];
    private long[] consumedQuantity = new long[INITIAL_CONSUMED_CAPACITY];
    private int consumedCount;

    private final SortedKeys sortedKeys = new SortedKeys();

    FillSimulator(final FillListener listener)
    {
        this(listener, BookSizing.DEFAULT_EXPECTED_INSTRUMENTS);
    }

    FillSimulator(final FillListener listener, final int expectedInstruments)
    {
        this.listener = listener;
        markByInstrument = new Int2ObjectHashMap<>(BookSizing.mapCapacity(expectedInstruments, 0.65f), 0.65f);
    }

    /**
     * The instrument's book changed: what our fills took is forgotten, and the mark follows the mid when the book is
     * two-sided.
     */
    void onBookChanged(final int instrumentId, final OrderBook book)
    {
        for (int i = consumedCount - 1; i >= 0; i--)
        {
            if (consumedInstrument[i] == instrumentId)
            {
                removeConsumed(i);
            }
        }
        if (null != book && book.isTwoSided())
        {
            markFor(instrumentId)[0] = (book.bestBidPrice() + book.bestAskPrice()) >> 1;
        }
    }

    /** A new session for the instrument: the venue cancelled every resting order at the last close. */
    void onSessionStart(final int instrumentId)
    {
        for (int i = restingCount - 1; i >= 0; i--)
        {
            if (restingInstrument[i] == instrumentId)
            {
                removeResting(i);
            }
        }
        onBookChanged(instrumentId, null);
    }

    /**
     * @return true when the order would trade at once against the book.
     */
    static boolean isAggressive(final OrderBook book, final Side side, final long price)
    {
        if (null == book)
        {
            return false;
        }
        if (Side.BUY == side)
        {
            final long bestAsk = book.bestAskPrice();
            return OrderBook.NULL_PRICE != bestAsk && price >= bestAsk;
        }
        final long bestBid = book.bestBidPrice();
        return OrderBook.NULL_PRICE != bestBid && price <= bestBid;
    }

    /**
     * Fill an aggressive order against the book, immediate or cancel.
     *
     * @return the quantity filled.
     */
    long execute(
        final int strategyId,
        final int instrumentId,
        final OrderBook book,
        final Side side,
        final long limitPrice,
        final long quantity,
        final long clientOrderId)
    {
        final boolean buy = Side.BUY == side;
        final Side farSide = buy ? Side.SELL : Side.BUY;
        final int levels = book.levelCount(farSide);
        long remaining = quantity;
        for (int depth = 0; depth < levels && remaining > 0; depth++)
        {
            final long levelPrice = book.levelPrice(farSide, depth);
            if (buy ? levelPrice > limitPrice : levelPrice < limitPrice)
            {
                break;
            }
            final int consumed = consumedIndex(instrumentId, !buy, levelPrice);
            final long taken = consumed < 0 ? 0 : consumedQuantity[consumed];
            final long fill = Math.min(remaining, book.levelQuantity(farSide, depth) - taken);
            if (fill > 0)
            {
                addConsumed(consumed, instrumentId, !buy, levelPrice, fill);
                remaining -= fill;
                positionFor(strategyId, instrumentId).apply(buy ? fill : -fill, levelPrice);
                listener.onFill(strategyId, instrumentId, clientOrderId, side, levelPrice, fill, 0);
            }
        }
        return quantity - remaining;
    }

    void rest(
        final int strategyId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long clientOrderId)
    {
        if (restingCount == restingId.length)
        {
            growResting();
        }
        final int i = restingCount++;
        restingStrategy[i] = strategyId;
        restingInstrument[i] = instrumentId;
        restingId[i] = clientOrderId;
        restingBuy[i] = Side.BUY == side;
        restingPrice[i] = price;
        restingRemaining[i] = quantity;
    }

    /**
     * @return true when the order was resting, and is no longer.
     */
    boolean cancel(final int strategyId, final long clientOrderId)
    {
        final int i = restingIndex(strategyId, clientOrderId);
        if (i < 0)
        {
            return false;
        }
        removeResting(i);
        return true;
    }

    /**
     * A market trade in the instrument: fills resting orders it printed through.
     */
    void onTrade(final int instrumentId, final long price, final long quantity)
    {
        long available = quantity;
        int i = 0;
        while (i < restingCount && available > 0)
        {
            final boolean buy = restingBuy[i];
            if (restingInstrument[i] == instrumentId && (buy ? price < restingPrice[i] : price > restingPrice[i]))
            {
                final long fill = Math.min(available, restingRemaining[i]);
                available -= fill;
                final long remaining = restingRemaining[i] - fill;
                final int strategyId = restingStrategy[i];
                final long id = restingId[i];
                final long orderPrice = restingPrice[i];
                if (0 == remaining)
                {
                    removeResting(i);
                }
                else
                {
                    restingRemaining[i] = remaining;
                    i++;
                }
                positionFor(strategyId, instrumentId).apply(buy ? fill : -fill, orderPrice);
                listener.onFill(strategyId, instrumentId, id, buy ? Side.BUY : Side.SELL, orderPrice, fill, remaining);
            }
            else
            {
                i++;
            }
        }
    }

    /** The open quantity of a strategy's resting orders on one side of an instrument, leaving one order out. */
    long openQuantity(final int strategyId, final int instrumentId, final Side side, final long exceptClientOrderId)
    {
        final boolean buy = Side.BUY == side;
        long open = 0;
        for (int i = 0; i < restingCount; i++)
        {
            if (restingStrategy[i] == strategyId && restingInstrument[i] == instrumentId && restingBuy[i] == buy &&
                restingId[i] != exceptClientOrderId)
            {
                open += restingRemaining[i];
            }
        }
        return open;
    }

    /** @return the resting order's remaining quantity, 0 when it is not resting. */
    public long restingQuantity(final int strategyId, final long clientOrderId)
    {
        final int i = restingIndex(strategyId, clientOrderId);
        return i < 0 ? 0 : restingRemaining[i];
    }

    public int restingCount()
    {
        return restingCount;
    }

    /** @return the index of the strategy's oldest resting order, or -1 when it has none. */
    int firstResting(final int strategyId)
    {
        for (int i = 0; i < restingCount; i++)
        {
            if (restingStrategy[i] == strategyId)
            {
                return i;
            }
        }
        return -1;
    }

    long restingIdAt(final int index)
    {
        return restingId[index];
    }

    int restingInstrumentAt(final int index)
    {
        return restingInstrument[index];
    }

    boolean restingBuyAt(final int index)
    {
        return restingBuy[index];
    }

    long restingPriceAt(final int index)
    {
        return restingPrice[index];
    }

    /** @return the strategy's position in the instrument, 0 when it never traded it. */
    public long position(final int strategyId, final int instrumentId)
    {
        final Position position = positionByKey.get(key(strategyId, instrumentId));
        return null == position ? 0 : position.quantity();
    }

    /** @return the signed cost of the open position, fixed point; 0 when flat. */
    public long openCost(final int strategyId, final int instrumentId)
    {
        final Position position = positionByKey.get(key(strategyId, instrumentId));
        return null == position ? 0 : position.openCost();
    }

    /** @return the strategy's position in the instrument, or null when it never traded it. */
    public Position positionOf(final int strategyId, final int instrumentId)
    {
        return positionByKey.get(key(strategyId, instrumentId));
    }

    /** @return the last two-sided mid of the instrument, or {@link OrderBook#NULL_PRICE} before one. */
    public long mark(final int instrumentId)
    {
        final long[] mark = markByInstrument.get(instrumentId);
        return null == mark ? OrderBook.NULL_PRICE : mark[0];
    }

    /** Sum over instruments of the strategy's position. */
    public long totalPosition(final int strategyId)
    {
        long sum = 0;
        for (final Long2ObjectHashMap<Position>.EntryIterator it = positionByKey.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            if (strategyOf(it.getLongKey()) == strategyId)
            {
                sum += it.getValue().quantity();
            }
        }
        return sum;
    }

    public long fills(final int strategyId)
    {
        long sum = 0;
        for (final Long2ObjectHashMap<Position>.EntryIterator it = positionByKey.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            sum += strategyOf(it.getLongKey()) == strategyId ? it.getValue().fills() : 0;
        }
        return sum;
    }

    public long filledQuantity(final int strategyId)
    {
        long sum = 0;
        for (final Long2ObjectHashMap<Position>.EntryIterator it = positionByKey.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            sum += strategyOf(it.getLongKey()) == strategyId ? it.getValue().filledQuantity() : 0;
        }
        return sum;
    }

    /** Realised PnL summed over instruments (which assumes they share a price scale). */
    public long realisedPnl(final int strategyId)
    {
        long sum = 0;
        for (final Long2ObjectHashMap<Position>.EntryIterator it = positionByKey.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            sum += strategyOf(it.getLongKey()) == strategyId ? it.getValue().realisedPnl() : 0;
        }
        return sum;
    }

    /** Unrealised PnL marked to each instrument's last mid, summed over instruments. */
    public long unrealisedPnl(final int strategyId)
    {
        long sum = 0;
        for (final Long2ObjectHashMap<Position>.EntryIterator it = positionByKey.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            final long key = it.getLongKey();
            final long mark = mark(instrumentOf(key));
            if (strategyOf(key) == strategyId && OrderBook.NULL_PRICE != mark)
            {
                sum += it.getValue().unrealisedPnl(mark);
            }
        }
        return sum;
    }

    private Position positionFor(final int strategyId, final int instrumentId)
    {
        final long key = key(strategyId, instrumentId);
        Position position = positionByKey.get(key);
        if (null == position)
        {
            position = new Position(); // once per strategy and instrument
            positionByKey.put(key, position);
        }
        return position;
    }

    private long[] markFor(final int instrumentId)
    {
        long[] mark = markByInstrument.get(instrumentId);
        if (null == mark)
        {
            mark = new long[]{ OrderBook.NULL_PRICE }; // once per instrument
            markByInstrument.put(instrumentId, mark);
        }
        return mark;
    }

    private static long key(final int strategyId, final int instrumentId)
    {
        return ((long)strategyId << 32) | (instrumentId & 0xFFFF_FFFFL);
    }

    private static int strategyOf(final long key)
    {
        return (int)(key >>> 32);
    }

    private static int instrumentOf(final long key)
    {
        return (int)key;
    }

    private int restingIndex(final int strategyId, final long clientOrderId)
    {
        for (int i = 0; i < restingCount; i++)
        {
            if (restingId[i] == clientOrderId && restingStrategy[i] == strategyId)
            {
                return i;
            }
        }
        return -1;
    }

    private void removeResting(final int i)
    {
        final int tail = restingCount - i - 1;
        if (tail > 0)
        {
            System.arraycopy(restingStrategy, i + 1, restingStrategy, i, tail);
            System.arraycopy(restingInstrument, i + 1, restingInstrument, i, tail);
            System.arraycopy(restingId, i + 1, restingId, i, tail);
            System.arraycopy(restingBuy, i + 1, restingBuy, i, tail);
            System.arraycopy(restingPrice, i + 1, restingPrice, i, tail);
            System.arraycopy(restingRemaining, i + 1, restingRemaining, i, tail);
        }
        restingCount--;
    }

    private void growResting()
    {
        final int capacity = restingId.length << 1;
        restingStrategy = Arrays.copyOf(restingStrategy, capacity);
        restingInstrument = Arrays.copyOf(restingInstrument, capacity);
        restingId = Arrays.copyOf(restingId, capacity);
        restingBuy = Arrays.copyOf(restingBuy, capacity);
        restingPrice = Arrays.copyOf(restingPrice, capacity);
        restingRemaining = Arrays.copyOf(restingRemaining, capacity);
    }

    private int consumedIndex(final int instrumentId, final boolean bid, final long price)
    {
        for (int i = 0; i < consumedCount; i++)
        {
            if (consumedPrice[i] == price && consumedInstrument[i] == instrumentId && consumedBid[i] == bid)
            {
                return i;
            }
        }
        return -1;
    }

    private void addConsumed(final int index, final int instrumentId, final boolean bid, final long price, final long fill)
    {
        if (index >= 0)
        {
            consumedQuantity[index] += fill;
            return;
        }
        if (consumedCount == consumedPrice.length)
        {
            final int capacity = consumedPrice.length << 1;
            consumedInstrument = Arrays.copyOf(consumedInstrument, capacity);
            consumedBid = Arrays.copyOf(consumedBid, capacity);
            consumedPrice = Arrays.copyOf(consumedPrice, capacity);
            consumedQuantity = Arrays.copyOf(consumedQuantity, capacity);
        }
        final int i = consumedCount++;
        consumedInstrument[i] = instrumentId;
        consumedBid[i] = bid;
        consumedPrice[i] = price;
        consumedQuantity[i] = fill;
    }

    private void removeConsumed(final int i)
    {
        final int last = --consumedCount;
        consumedInstrument[i] = consumedInstrument[last];
        consumedBid[i] = consumedBid[last];
        consumedPrice[i] = consumedPrice[last];
        consumedQuantity[i] = consumedQuantity[last];
    }

    /**
     * Append the simulator's state as a FillSimulatorState message: positions by (strategy, instrument) and marks by
     * instrument, each sorted so the bytes do not depend on a map's layout; resting orders in resting order, which
     * decides who a print fills first; what aggressive fills took from the displayed book.
     *
     * @return the message's length, header included.
     */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final FillSimulatorStateEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, header);
        int count = sortedKeys.sort(positionByKey);
        final long[] keys = sortedKeys.longs();
        final FillSimulatorStateEncoder.PositionsEncoder positions = encoder.positionsCount(count);
        for (int i = 0; i < count; i++)
        {
            final Position position = positionByKey.get(keys[i]);
            positions.next()
                .strategyId(strategyOf(keys[i]))
                .instrumentId(instrumentOf(keys[i]))
                .quantity(position.quantity())
                .openCost(position.openCost())
                .realisedPnl(position.realisedPnl())
                .fills(position.fills())
                .filledQuantity(position.filledQuantity());
        }
        count = sortedKeys.sort(markByInstrument);
        final int[] instrumentIds = sortedKeys.ints();
        final FillSimulatorStateEncoder.MarksEncoder marks = encoder.marksCount(count);
        for (int i = 0; i < count; i++)
        {
            marks.next().instrumentId(instrumentIds[i]).mark(markByInstrument.get(instrumentIds[i])[0]);
        }
        final FillSimulatorStateEncoder.RestingEncoder resting = encoder.restingCount(restingCount);
        for (int i = 0; i < restingCount; i++)
        {
            resting.next()
                .strategyId(restingStrategy[i])
                .instrumentId(restingInstrument[i])
                .clientOrderId(restingId[i])
                .buy(StateMessages.bool(restingBuy[i]))
                .price(restingPrice[i])
                .remaining(restingRemaining[i]);
        }
        final FillSimulatorStateEncoder.ConsumedEncoder consumed = encoder.consumedCount(consumedCount);
        for (int i = 0; i < consumedCount; i++)
        {
            consumed.next()
                .instrumentId(consumedInstrument[i])
                .bid(StateMessages.bool(consumedBid[i]))
                .price(consumedPrice[i])
                .quantity(consumedQuantity[i]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    void restore(final FillSimulatorStateDecoder decoder)
    {
        positionByKey.clear();
        markByInstrument.clear();
        restingCount = 0;
        consumedCount = 0;
        for (final FillSimulatorStateDecoder.PositionsDecoder entry : decoder.positions())
        {
            positionFor(entry.strategyId(), entry.instrumentId()).restore(
                entry.quantity(), entry.openCost(), entry.realisedPnl(), entry.fills(), entry.filledQuantity());
        }
        for (final FillSimulatorStateDecoder.MarksDecoder entry : decoder.marks())
        {
            markFor(entry.instrumentId())[0] = entry.mark();
        }
        for (final FillSimulatorStateDecoder.RestingDecoder entry : decoder.resting())
        {
            rest(entry.strategyId(), entry.instrumentId(), StateMessages.bool(entry.buy()) ? Side.BUY : Side.SELL,
                entry.price(), entry.remaining(), entry.clientOrderId());
        }
        for (final FillSimulatorStateDecoder.ConsumedDecoder entry : decoder.consumed())
        {
            addConsumed(-1, entry.instrumentId(), StateMessages.bool(entry.bid()), entry.price(), entry.quantity());
        }
    }
}
