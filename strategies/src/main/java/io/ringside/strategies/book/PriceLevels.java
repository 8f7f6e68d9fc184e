package io.ringside.strategies.book;

import java.util.Arrays;

/**
 * One side of a book: price levels in sorted primitive arrays with the best price at the end, so the busy inserts and
 * removals near the top of the book shift few elements.
 * <p>
 * A level's quantity is the sum of its tracked orders plus an untracked quantity known only at level granularity.
 */
final class PriceLevels
{
    private final boolean isBid;
    private final Growth growth;
    private long[] prices;
    private long[] quantities;
    private long[] untrackedQuantities;
    private int[] orderCounts;
    private int size;

    PriceLevels(final boolean isBid, final int initialCapacity, final Growth growth)
    {
        this.isBid = isBid;
        this.growth = growth;
        final int capacity = Math.max(4, initialCapacity);
        prices = new long[capacity];
        quantities = new long[capacity];
        untrackedQuantities = new long[capacity];
        orderCounts = new int[capacity];
    }

    int size()
    {
        return size;
    }

    long bestPrice()
    {
        return 0 == size ? OrderBook.NULL_PRICE : prices[size - 1];
    }

    long bestQuantity()
    {
        return 0 == size ? 0 : quantities[size - 1];
    }

    long priceAtDepth(final int depth)
    {
        return depth < 0 || depth >= size ? OrderBook.NULL_PRICE : prices[size - 1 - depth];
    }

    long quantityAtDepth(final int depth)
    {
        return depth < 0 || depth >= size ? 0 : quantities[size - 1 - depth];
    }

    long quantityAt(final long price)
    {
        final int index = indexOf(price);
        return index < 0 ? 0 : quantities[index];
    }

    long untrackedQuantityAt(final long price)
    {
        final int index = indexOf(price);
        return index < 0 ? 0 : untrackedQuantities[index];
    }

    void addOrder(final long price, final long quantity)
    {
        final int index = indexOrInsert(price);
        quantities[index] += quantity;
        orderCounts[index]++;
    }

    /**
     * Take quantity of a tracked order off its level; {@code orderRemoved} when the order leaves the book.
     */
    void reduceOrder(final long price, final long quantity, final boolean orderRemoved)
    {
        final int index = indexOf(price);
        if (index < 0)
        {
            return; // unreachable while the order and level bookkeeping agree
        }

        quantities[index] -= quantity;
        if (orderRemoved)
        {
            orderCounts[index]--;
        }
        removeIfEmpty(index);
    }

    /**
     * Reduce the quantity of orders the book does not track. Only the untracked part is reduced, clamped at 0, so a
     * level never shows less than its tracked orders hold.
     */
    void reduceUntracked(final long price, final long quantity)
    {
        final int index = indexOf(price);
        if (index < 0)
        {
            return;
        }

        final long reduction = Math.min(quantity, untrackedQuantities[index]);
        untrackedQuantities[index] -= reduction;
        quantities[index] -= reduction;
        removeIfEmpty(index);
    }

    /**
     * Set the level's total by adjusting its untracked quantity.
     *
     * @return true when the level now holds exactly {@code quantity}, false when its tracked orders hold more.
     */
    boolean setLevel(final long price, final long quantity)
    {
        int index = indexOf(price);
        if (index < 0)
        {
            if (quantity <= 0)
            {
                return 0 == quantity;
            }
            index = indexOrInsert(price);
        }

        final long tracked = quantities[index] - untrackedQuantities[index];
        final long untracked = Math.max(0, quantity - tracked);
        untrackedQuantities[index] = untracked;
        quantities[index] = tracked + untracked;
        removeIfEmpty(index);

        return tracked + untracked == quantity;
    }

    private void removeIfEmpty(final int index)
    {
        if (quantities[index] <= 0 && 0 == orderCounts[index])
        {
            final int tail = size - index - 1;
            if (tail > 0)
            {
                System.arraycopy(prices, index + 1, prices, index, tail);
                System.arraycopy(quantities, index + 1, quantities, index, tail);
                System.arraycopy(untrackedQuantities, index + 1, untrackedQuantities, index, tail);
                System.arraycopy(orderCounts, index + 1, orderCounts, index, tail);
            }
            size--;
        }
    }

    /** The levels in array order (worst first); the encoder's count is already {@link #size()}. */
    void encode(final io.ringside.codecs.snapshot.OrderBookStateEncoder.BidsEncoder group)
    {
        for (int i = 0; i < size; i++)
        {
            group.next().price(prices[i]).quantity(quantities[i]).untrackedQuantity(untrackedQuantities[i])
                .orderCount(orderCounts[i]);
        }
    }

    void encode(final io.ringside.codecs.snapshot.OrderBookStateEncoder.AsksEncoder group)
    {
        for (int i = 0; i < size; i++)
        {
            group.next().price(prices[i]).quantity(quantities[i]).untrackedQuantity(untrackedQuantities[i])
                .orderCount(orderCounts[i]);
        }
    }

    /** Empty the side with room for {@code levels}, to be appended by {@link #restoreLevel} in array order. */
    void restore(final int levels)
    {
        size = 0;
        reserve(levels); // sizing for the state restored, not growth on the event path
    }

    void restoreLevel(final long price, final long quantity, final long untracked, final int orderCount)
    {
        final int i = size++;
        prices[i] = price;
        quantities[i] = quantity;
        untrackedQuantities[i] = untracked;
        orderCounts[i] = orderCount;
    }

    /** Empty the side, keeping its arrays. */
    void clear()
    {
        size = 0;
    }

    private int indexOrInsert(final long price)
    {
        final int found = search(price);
        if (found >= 0)
        {
            return found;
        }

        final int index = -found - 1;
        if (size == prices.length)
        {
            grow();
        }

        final int tail = size - index;
        if (tail > 0)
        {
            System.arraycopy(prices, index, prices, index + 1, tail);
            System.arraycopy(quantities, index, quantities, index + 1, tail);
            System.arraycopy(untrackedQuantities, index, untrackedQuantities, index + 1, tail);
            System.arraycopy(orderCounts, index, orderCounts, index + 1, tail);
        }
        prices[index] = price;
        quantities[index] = 0;
        untrackedQuantities[index] = 0;
        orderCounts[index] = 0;
        size++;

        return index;
    }

    private int indexOf(final long price)
    {
        final int found = search(price);
        return found >= 0 ? found : -1;
    }

    /**
     * Binary search in the side's order: ascending for bids, descending for asks, so the best is last either way.
     *
     * @return the index when found, otherwise -(insertion point) - 1.
     */
    private int search(final long price)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midPrice = prices[mid];
            if (midPrice == price)
            {
                return mid;
            }

            if (isBid ? midPrice < price : midPrice > price)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return -(low + 1);
    }

    /** Room for {@code levels} without growing; not counted as a growth (see {@link OrderBook#reserve}). */
    void reserve(final int levels)
    {
        if (levels > prices.length)
        {
            resize(levels);
        }
    }

    private void grow()
    {
        growth.count++;
        resize(prices.length << 1);
    }

    private void resize(final int capacity)
    {
        prices = Arrays.copyOf(prices, capacity);
        quantities = Arrays.copyOf(quantities, capacity);
        untrackedQuantities = Arrays.copyOf(untrackedQuantities, capacity);
        orderCounts = Arrays.copyOf(orderCounts, capacity);
    }
}
