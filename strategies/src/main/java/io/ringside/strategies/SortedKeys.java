package io.ringside.strategies;

import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * A map's keys in ascending order, so that a snapshot's bytes do not depend on a hash map's layout. The arrays are
 * reused and grow only when a map outgrows them.
 */
public final class SortedKeys
{
    private int[] ints;
    private long[] longs = new long[16];

    public SortedKeys()
    {
        this(16);
    }

    /** @param expectedIntKeys int keys to make room for up front, so sorting that many never allocates. */
    public SortedKeys(final int expectedIntKeys)
    {
        ints = new int[Math.max(16, expectedIntKeys)];
    }

    /** The map's keys, ascending, in {@link #ints()}{@code [0..count)}; returns count. */
    public int sort(final Int2ObjectHashMap<?> map)
    {
        final int count = map.size();
        if (ints.length < count)
        {
            ints = new int[Math.max(count, ints.length << 1)];
        }
        int i = 0;
        for (final Int2ObjectHashMap<?>.KeyIterator it = map.keySet().iterator(); it.hasNext(); )
        {
            ints[i++] = it.nextInt();
        }
        Arrays.sort(ints, 0, count);
        return count;
    }

    /** The map's keys, ascending, in {@link #ints()}{@code [0..count)}; returns count. */
    public int sort(final Int2IntHashMap map)
    {
        final int count = map.size();
        if (ints.length < count)
        {
            ints = new int[Math.max(count, ints.length << 1)];
        }
        int i = 0;
        for (final Int2IntHashMap.KeyIterator it = map.keySet().iterator(); it.hasNext(); )
        {
            ints[i++] = it.nextValue();
        }
        Arrays.sort(ints, 0, count);
        return count;
    }

    /** The map's keys, ascending, in {@link #longs()}{@code [0..count)}; returns count. */
    public int sort(final Long2ObjectHashMap<?> map)
    {
        final int count = map.size();
        if (longs.length < count)
        {
            longs = new long[Math.max(count, longs.length << 1)];
        }
        int i = 0;
        for (final Long2ObjectHashMap<?>.KeyIterator it = map.keySet().iterator(); it.hasNext(); )
        {
            longs[i++] = it.nextLong();
        }
        Arrays.sort(longs, 0, count);
        return count;
    }

    /** The int keys the last sort of an int-keyed map left. */
    public int[] ints()
    {
        return ints;
    }

    /** The long keys the last {@link #sort(Long2ObjectHashMap)} left. */
    public long[] longs()
    {
        return longs;
    }
}
