package io.ringside.strategies;

import java.util.Arrays;

/**
 * Values kept in ascending order of an int id, beside the hash map that finds them, for the work that visits every
 * one (a Timer's sweep): a hash map's order depends on its history, and what a sweep sends must not, or a handler
 * restored from a snapshot would send in another order than one that ran through. Adding is once per id and shifts
 * the tail; visiting allocates nothing.
 */
public final class IdOrder<T>
{
    private int[] ids;
    private Object[] values;
    private int size;

    public IdOrder(final int expected)
    {
        ids = new int[Math.max(16, expected)];
        values = new Object[ids.length];
    }

    /** Add a value under an id it does not hold yet. */
    public void add(final int id, final T value)
    {
        int at = Arrays.binarySearch(ids, 0, size, id);
        if (at >= 0)
        {
            throw new IllegalArgumentException("id " + id + " is held already");
        }
        at = -at - 1;
        if (size == ids.length)
        {
            ids = Arrays.copyOf(ids, size << 1);
            values = Arrays.copyOf(values, size << 1);
        }
        System.arraycopy(ids, at, ids, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        ids[at] = id;
        values[at] = value;
        size++;
    }

    public int size()
    {
        return size;
    }

    /** The value with the index-th smallest id. */
    @SuppressWarnings("unchecked")
    public T get(final int index)
    {
        return (T)values[index];
    }

    public void clear()
    {
        Arrays.fill(values, 0, size, null);
        size = 0;
    }
}
