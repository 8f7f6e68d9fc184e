package io.ringside.strategies.surveillance;

import java.util.Arrays;

/**
 * Open-addressing map from a pair of longs to a non-negative int, for keys like (account, clientOrderId) that do not
 * fit one long. Linear probing, removal by backward shift (no tombstones), so a map that only ever holds a bounded
 * number of live keys never grows however many pass through it. Grows, which allocates, past 2/3 full.
 */
final class LongPairIndex
{
    static final int MISSING = -1;

    private long[] firstKeys;
    private long[] secondKeys;
    private int[] values;
    private int mask;
    private int size;
    private int resizeThreshold;

    LongPairIndex(final int expectedSize)
    {
        allocate(capacityFor(expectedSize));
    }

    int size()
    {
        return size;
    }

    int get(final long first, final long second)
    {
        int index = hash(first, second) & mask;
        while (true)
        {
            final int value = values[index];
            if (MISSING == value)
            {
                return MISSING;
            }
            if (firstKeys[index] == first && secondKeys[index] == second)
            {
                return value;
            }
            index = (index + 1) & mask;
        }
    }

    /** Put or replace. */
    void put(final long first, final long second, final int value)
    {
        int index = hash(first, second) & mask;
        while (MISSING != values[index])
        {
            if (firstKeys[index] == first && secondKeys[index] == second)
            {
                values[index] = value;
                return;
            }
            index = (index + 1) & mask;
        }
        firstKeys[index] = first;
        secondKeys[index] = second;
        values[index] = value;
        if (++size > resizeThreshold)
        {
            rehash(values.length * 2);
        }
    }

    /** @return the value removed, or {@link #MISSING}. */
    int remove(final long first, final long second)
    {
        int index = hash(first, second) & mask;
        while (true)
        {
            final int value = values[index];
            if (MISSING == value)
            {
                return MISSING;
            }
            if (firstKeys[index] == first && secondKeys[index] == second)
            {
                values[index] = MISSING;
                size--;
                compactFrom(index);
                return value;
            }
            index = (index + 1) & mask;
        }
    }

    void clear()
    {
        Arrays.fill(values, MISSING);
        size = 0;
    }

    // Backward shift: move each following entry of the run into the gap when the gap lies on its probe path.
    private void compactFrom(final int removed)
    {
        int gap = removed;
        int index = (removed + 1) & mask;
        while (MISSING != values[index])
        {
            final int home = hash(firstKeys[index], secondKeys[index]) & mask;
            if (((index - home) & mask) >= ((index - gap) & mask))
            {
                firstKeys[gap] = firstKeys[index];
                secondKeys[gap] = secondKeys[index];
                values[gap] = values[index];
                values[index] = MISSING;
                gap = index;
            }
            index = (index + 1) & mask;
        }
    }

    private void rehash(final int capacity)
    {
        final long[] oldFirst = firstKeys;
        final long[] oldSecond = secondKeys;
        final int[] oldValues = values;
        allocate(capacity);
        size = 0;
        for (int i = 0; i < oldValues.length; i++)
        {
            if (MISSING != oldValues[i])
            {
                put(oldFirst[i], oldSecond[i], oldValues[i]);
            }
        }
    }

    private void allocate(final int capacity)
    {
        firstKeys = new long[capacity];
        secondKeys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, MISSING);
        mask = capacity - 1;
        resizeThreshold = capacity / 3 * 2;
    }

    private static int capacityFor(final int expectedSize)
    {
        final long wanted = Math.max(16L, (long)expectedSize * 3 / 2 + 1);
        return (int)Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    private static int hash(final long first, final long second)
    {
        long h = first * 0x9E3779B97F4A7C15L + second;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 29;
        return (int)h;
    }
}
