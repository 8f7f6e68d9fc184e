package io.ringside.strategies.book;

import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.OrderBookStateEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * One instrument's order-level book, for a single thread.
 * <p>
 * Each price level holds the sum of its tracked orders plus an untracked quantity: quantity known only per level,
 * such as orders that rested before a recording began or levels seeded from a snapshot. Events for orders the book
 * does not track still apply to their level when they carry a price and side, so a book seeded mid-session converges
 * on the venue's.
 * <p>
 * Orders are kept as a struct of arrays indexed by slot, found through an order id to slot map, with freed slots
 * reused. A book starts small, because a whole exchange defines thousands of instruments and most rest few orders at
 * a time: what it holds grows with its live orders and levels, doubling when full. Each growth is counted in
 * {@link #grows()}; nothing else is allocated, and once a book has reached its session's peak it never grows again.
 * <p>
 * Mutators return true when the event was applied and false when it was not, in which case a counter says why.
 */
public final class OrderBook
{
    /** A price that is absent: an empty side, a depth beyond the book, an optional price not given. */
    public static final long NULL_PRICE = Long.MIN_VALUE;

    /** An optional quantity not given. */
    public static final long NULL_QUANTITY = Long.MIN_VALUE;

    private static final long MISSING_SLOT = -1;
    private static final float MAP_LOAD_FACTOR = 0.65f;
    // A side holding only tracked orders has no more levels than orders, so levels sized from the order capacity do
    // not grow first; capped, because a liquid stock shows only a few hundred levels a side over a session (the AAPL
    // hour: 138 bids, 127 asks) however many orders it rests.
    private static final int MIN_LEVEL_CAPACITY = 4;
    private static final int MAX_INITIAL_LEVEL_CAPACITY = 1024;
    private static final byte BUY = 0;
    private static final byte SELL = 1;

    final int instrumentId;
    private final Growth growth;
    Long2LongHashMap slotByOrderId;
    final PriceLevels bids;
    final PriceLevels asks;

    long[] orderPrices;
    long[] orderQuantities;
    byte[] orderSides;
    int[] freeSlots;
    int freeSlotCount;
    int usedSlotCount;
    long[] idBySlot = new long[0]; // encodeState's scratch

    long duplicateOrderIds;
    long unknownOrderEvents;
    long untrackedOrderEvents;
    long invalidEvents;

    public OrderBook(final int instrumentId, final int initialOrderCapacity)
    {
        this(instrumentId, initialOrderCapacity, new Growth());
    }

    /** A book whose growths are counted in {@code growth}, shared by the books of one {@link BookBuilder}. */
    OrderBook(final int instrumentId, final int initialOrderCapacity, final Growth growth)
    {
        if (initialOrderCapacity < 1)
        {
            throw new IllegalArgumentException("initialOrderCapacity must be positive: " + initialOrderCapacity);
        }

        this.instrumentId = instrumentId;
        this.growth = growth;
        slotByOrderId = newSlotMap(initialOrderCapacity);
        final int levelCapacity =
            Math.min(MAX_INITIAL_LEVEL_CAPACITY, Math.max(MIN_LEVEL_CAPACITY, initialOrderCapacity));
        bids = new PriceLevels(true, levelCapacity, growth);
        asks = new PriceLevels(false, levelCapacity, growth);
        orderPrices = new long[initialOrderCapacity];
        orderQuantities = new long[initialOrderCapacity];
        orderSides = new byte[initialOrderCapacity];
        freeSlots = new int[initialOrderCapacity];
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * Empty the book, as at the start of a session, keeping its capacity so refilling it allocates nothing.
     * Counters are kept.
     */
    public void clear()
    {
        slotByOrderId.clear();
        bids.clear();
        asks.clear();
        freeSlotCount = 0;
        usedSlotCount = 0;
    }

    /**
     * Rest a new order.
     *
     * @return false when the order id is already live (counted in {@link #duplicateOrderIds()}) or the side, price
     * or quantity is not usable (counted in {@link #invalidEvents()}).
     */
    public boolean add(final long orderId, final Side side, final long price, final long quantity)
    {
        if (slotByOrderId.containsKey(orderId))
        {
            duplicateOrderIds++;
            return false;
        }

        if (!isSide(side) || NULL_PRICE == price || quantity <= 0)
        {
            invalidEvents++;
            return false;
        }

        final int slot = acquireSlot();
        orderPrices[slot] = price;
        orderQuantities[slot] = quantity;
        orderSides[slot] = Side.BUY == side ? BUY : SELL;
        final int mapCapacity = slotByOrderId.capacity();
        slotByOrderId.put(orderId, slot);
        if (slotByOrderId.capacity() != mapCapacity)
        {
            growth.count++;
        }
        levels(side).addOrder(price, quantity);

        return true;
    }

    /**
     * A resting order traded. The price and side are used only when the book does not track the order.
     */
    public boolean execute(final long orderId, final long quantity, final long price, final Side side)
    {
        return reduce(orderId, quantity, price, side);
    }

    /**
     * Part of a resting order withdrawn. The price and side are used only when the book does not track the order.
     */
    public boolean cancel(final long orderId, final long quantity, final long price, final Side side)
    {
        return reduce(orderId, quantity, price, side);
    }

    /**
     * A resting order removed. For an order the book does not track, its level is reduced by {@code quantity} when the
     * price, quantity and side are all given.
     */
    public boolean delete(final long orderId, final long price, final long quantity, final Side side)
    {
        final long slot = slotByOrderId.get(orderId);
        if (MISSING_SLOT != slot)
        {
            removeOrder(orderId, (int)slot);
            return true;
        }

        if (NULL_PRICE == price || NULL_QUANTITY == quantity || !isSide(side))
        {
            unknownOrderEvents++;
            return false;
        }

        return reduceUntracked(price, quantity, side);
    }

    /**
     * A resting order replaced by a new one on the same side, at a new price and quantity.
     *
     * @return false when the original is unknown (counted in {@link #unknownOrderEvents()}), the new id is another
     * live order (counted in {@link #duplicateOrderIds()}) or the price or quantity is not usable (counted in
     * {@link #invalidEvents()}); the book is unchanged in each case.
     */
    public boolean replace(final long originalOrderId, final long newOrderId, final long price, final long quantity)
    {
        final long slot = slotByOrderId.get(originalOrderId);
        if (MISSING_SLOT == slot)
        {
            unknownOrderEvents++;
            return false;
        }

        if (newOrderId != originalOrderId && slotByOrderId.containsKey(newOrderId))
        {
            duplicateOrderIds++;
            return false;
        }

        if (NULL_PRICE == price || quantity <= 0)
        {
            invalidEvents++;
            return false;
        }

        final Side side = toSide(orderSides[(int)slot]);
        removeOrder(originalOrderId, (int)slot);

        return add(newOrderId, side, price, quantity);
    }

    /**
     * Set a level's total to exactly {@code quantity} by adjusting its untracked quantity, as when seeding from a
     * book snapshot. A total of 0 removes the level unless tracked orders remain.
     *
     * @return true when the level now holds {@code quantity}; false when the side or quantity is not usable, or when
     * the level's tracked orders alone hold more (its untracked quantity is then 0).
     */
    public boolean setLevel(final Side side, final long price, final long quantity)
    {
        if (!isSide(side) || NULL_PRICE == price || quantity < 0)
        {
            invalidEvents++;
            return false;
        }

        return levels(side).setLevel(price, quantity);
    }

    public long bestBidPrice()
    {
        return bids.bestPrice();
    }

    public long bestAskPrice()
    {
        return asks.bestPrice();
    }

    public long bestBidQuantity()
    {
        return bids.bestQuantity();
    }

    public long bestAskQuantity()
    {
        return asks.bestQuantity();
    }

    /**
     * Total quantity at a price, tracked and untracked; 0 when there is no such level.
     */
    public long quantityAt(final Side side, final long price)
    {
        return isSide(side) ? levels(side).quantityAt(price) : 0;
    }

    /**
     * The part of a level's quantity not held by tracked orders; 0 when there is no such level.
     */
    public long untrackedQuantityAt(final Side side, final long price)
    {
        return isSide(side) ? levels(side).untrackedQuantityAt(price) : 0;
    }

    public int levelCount(final Side side)
    {
        return isSide(side) ? levels(side).size() : 0;
    }

    /**
     * @param depth 0 for the best level.
     * @return the level's price, or {@link #NULL_PRICE} beyond the book.
     */
    public long levelPrice(final Side side, final int depth)
    {
        return isSide(side) ? levels(side).priceAtDepth(depth) : NULL_PRICE;
    }

    /**
     * @param depth 0 for the best level.
     * @return the level's quantity, or 0 beyond the book.
     */
    public long levelQuantity(final Side side, final int depth)
    {
        return isSide(side) ? levels(side).quantityAtDepth(depth) : 0;
    }

    public int orderCount()
    {
        return slotByOrderId.size();
    }

    public boolean containsOrder(final long orderId)
    {
        return slotByOrderId.containsKey(orderId);
    }

    /**
     * @return the live order's price, or {@link #NULL_PRICE} when not live.
     */
    public long orderPrice(final long orderId)
    {
        final long slot = slotByOrderId.get(orderId);
        return MISSING_SLOT == slot ? NULL_PRICE : orderPrices[(int)slot];
    }

    /**
     * @return the live order's remaining quantity, or 0 when not live.
     */
    public long orderQuantity(final long orderId)
    {
        final long slot = slotByOrderId.get(orderId);
        return MISSING_SLOT == slot ? 0 : orderQuantities[(int)slot];
    }

    /**
     * @return the live order's side, or {@link Side#NULL_VAL} when not live.
     */
    public Side orderSide(final long orderId)
    {
        final long slot = slotByOrderId.get(orderId);
        return MISSING_SLOT == slot ? Side.NULL_VAL : toSide(orderSides[(int)slot]);
    }

    /**
     * @return true when both sides have a level and the best bid is below the best ask.
     */
    public boolean isTwoSided()
    {
        return bids.size() > 0 && asks.size() > 0 && bids.bestPrice() < asks.bestPrice();
    }

    /**
     * @return adds, and replaces to a new id, refused because the id was already live.
     */
    public long duplicateOrderIds()
    {
        return duplicateOrderIds;
    }

    /**
     * @return events for an order the book does not track that carried too little to apply to a level.
     */
    public long unknownOrderEvents()
    {
        return unknownOrderEvents;
    }

    /**
     * @return events for an order the book does not track that were applied to their level.
     */
    public long untrackedOrderEvents()
    {
        return untrackedOrderEvents;
    }

    /**
     * @return events refused for a null side or price, or a quantity that is not positive.
     */
    public long invalidEvents()
    {
        return invalidEvents;
    }

    /**
     * @return times this book's storage grew (order arrays, order map, either side's levels), added to those of every
     * other book sharing its count.
     */
    public long grows()
    {
        return growth.count;
    }

    /** @return orders the book has room for before it grows. */
    public int orderCapacity()
    {
        return orderPrices.length;
    }

    private boolean reduce(final long orderId, final long quantity, final long price, final Side side)
    {
        if (quantity <= 0)
        {
            invalidEvents++;
            return false;
        }

        final long slot = slotByOrderId.get(orderId);
        if (MISSING_SLOT != slot)
        {
            reduceOrder(orderId, (int)slot, quantity);
            return true;
        }

        if (NULL_PRICE == price || !isSide(side))
        {
            unknownOrderEvents++;
            return false;
        }

        return reduceUntracked(price, quantity, side);
    }

    private boolean reduceUntracked(final long price, final long quantity, final Side side)
    {
        if (quantity < 0)
        {
            invalidEvents++;
            return false;
        }

        levels(side).reduceUntracked(price, quantity);
        untrackedOrderEvents++;

        return true;
    }

    private void reduceOrder(final long orderId, final int slot, final long quantity)
    {
        final long remaining = orderQuantities[slot];
        final long reduction = Math.min(quantity, remaining);
        if (reduction == remaining)
        {
            removeOrder(orderId, slot);
        }
        else
        {
            orderQuantities[slot] = remaining - reduction;
            levels(orderSides[slot]).reduceOrder(orderPrices[slot], reduction, false);
        }
    }

    private void removeOrder(final long orderId, final int slot)
    {
        levels(orderSides[slot]).reduceOrder(orderPrices[slot], orderQuantities[slot], true);
        slotByOrderId.remove(orderId);
        orderQuantities[slot] = 0;
        freeSlots[freeSlotCount++] = slot;
    }

    private int acquireSlot()
    {
        if (freeSlotCount > 0)
        {
            return freeSlots[--freeSlotCount];
        }

        if (usedSlotCount == orderPrices.length)
        {
            growOrders();
        }

        return usedSlotCount++;
    }

    /**
     * Make room for {@code capacity} orders now, as configured for a known busy instrument, so it does not grow during
     * the session. Not counted as a growth: it is sizing, done with the reference data.
     */
    public void reserve(final int capacity)
    {
        if (capacity > orderPrices.length)
        {
            resizeOrders(capacity);
            final Long2LongHashMap bigger = newSlotMap(capacity);
            for (final Long2LongHashMap.EntryIterator it = slotByOrderId.entrySet().iterator(); it.hasNext(); )
            {
                it.next();
                bigger.put(it.getLongKey(), it.getLongValue());
            }
            slotByOrderId = bigger;
            final int levels = Math.min(MAX_INITIAL_LEVEL_CAPACITY, capacity);
            bids.reserve(levels);
            asks.reserve(levels);
        }
    }

    // sized so the map does not resize before the order arrays are full
    private Long2LongHashMap newSlotMap(final int orderCapacity)
    {
        return new Long2LongHashMap(BookSizing.mapCapacity(orderCapacity, MAP_LOAD_FACTOR), MAP_LOAD_FACTOR, MISSING_SLOT);
    }

    private void growOrders()
    {
        growOrders(orderPrices.length << 1);
    }

    private void growOrders(final int capacity)
    {
        growth.count++;
        resizeOrders(capacity);
    }

    void resizeOrders(final int capacity)
    {
        orderPrices = Arrays.copyOf(orderPrices, capacity);
        orderQuantities = Arrays.copyOf(orderQuantities, capacity);
        orderSides = Arrays.copyOf(orderSides, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    /**
     * Append the book as an OrderBookState message (see {@link OrderBookSnapshot}).
     *
     * @return the message's length, header included.
     */
    public int encodeState(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final OrderBookStateEncoder encoder)
    {
        return OrderBookSnapshot.encode(this, buffer, offset, header, encoder);
    }

    /** Replace this book's state by the message's, which must be for this book's instrument. */
    public void restoreState(final OrderBookStateDecoder decoder)
    {
        OrderBookSnapshot.restore(this, decoder);
    }

    private PriceLevels levels(final Side side)
    {
        return Side.BUY == side ? bids : asks;
    }

    private PriceLevels levels(final byte side)
    {
        return BUY == side ? bids : asks;
    }

    private static boolean isSide(final Side side)
    {
        return Side.BUY == side || Side.SELL == side;
    }

    private static Side toSide(final byte side)
    {
        return BUY == side ? Side.BUY : Side.SELL;
    }
}
