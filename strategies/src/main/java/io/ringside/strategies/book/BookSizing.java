package io.ringside.strategies.book;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How big the books and the per-instrument tables start, so a known universe can be sized before the day and never grow
 * on the event path: every book's starting order capacity, a larger one for named symbols (a busy stock rests tens of
 * thousands of orders), and the instruments the tables keyed by instrument make room for up front.
 * <p>
 * Keys: {@code book.initial-order-capacity}, {@code instrument.SYMBOL.book.initial-order-capacity}; the engine sets the
 * expected instruments from its {@code max-instruments}.
 */
public final class BookSizing
{
    /** Room the instrument tables make when nothing else is said: one venue's listed names, not a whole exchange. */
    public static final int DEFAULT_EXPECTED_INSTRUMENTS = 1024;
    private static final int MAX_CAPACITY = 1 << 26;

    private int initialOrderCapacity = BookBuilder.DEFAULT_INITIAL_ORDER_CAPACITY;
    private int expectedInstruments = DEFAULT_EXPECTED_INSTRUMENTS;
    private final Map<String, Integer> capacityBySymbol = new LinkedHashMap<>();

    /** Orders each new book has room for before it doubles. */
    public BookSizing initialOrderCapacity(final int initialOrderCapacity)
    {
        this.initialOrderCapacity = initialOrderCapacity;
        return this;
    }

    public int initialOrderCapacity()
    {
        return initialOrderCapacity;
    }

    /** Orders the book of the instrument whose definition carries {@code symbol} has room for from that definition. */
    public BookSizing initialOrderCapacity(final String symbol, final int capacity)
    {
        if (null == symbol || symbol.isEmpty() || symbol.length() > 8 || !symbol.strip().equals(symbol))
        {
            throw new IllegalArgumentException("instrument: a symbol is 1 to 8 characters without spaces: '" +
                symbol + "'");
        }
        capacityBySymbol.put(symbol, capacity);
        return this;
    }

    public Map<String, Integer> capacityBySymbol()
    {
        return Collections.unmodifiableMap(capacityBySymbol);
    }

    /** @return the symbol's own starting capacity, or 0 when it has none. */
    public int capacityFor(final String symbol)
    {
        final Integer capacity = capacityBySymbol.get(symbol);
        return null == capacity ? 0 : capacity;
    }

    public boolean hasSymbolCapacities()
    {
        return !capacityBySymbol.isEmpty();
    }

    /** Instruments the tables keyed by instrument have room for up front. */
    public BookSizing expectedInstruments(final int expectedInstruments)
    {
        this.expectedInstruments = expectedInstruments;
        return this;
    }

    public int expectedInstruments()
    {
        return expectedInstruments;
    }

    /** @return the capacity a map needs to hold {@code entries} at {@code loadFactor} without resizing. */
    public static int mapCapacity(final int entries, final float loadFactor)
    {
        return (int)Math.min(1 << 30, (long)Math.ceil(entries / (double)loadFactor) + 1);
    }

    /** @throws IllegalArgumentException naming the key of a setting out of range. */
    public BookSizing conclude()
    {
        check("book.initial-order-capacity", initialOrderCapacity);
        check("book.expected-instruments", expectedInstruments);
        capacityBySymbol.forEach((symbol, capacity) ->
            check("instrument." + symbol + ".book.initial-order-capacity", capacity));
        return this;
    }

    private static void check(final String key, final int value)
    {
        if (value < 1 || value > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(key + " must be 1 to " + MAX_CAPACITY + ": " + value);
        }
    }

    public String toString()
    {
        return "initial order capacity " + initialOrderCapacity + ", expected instruments " + expectedInstruments +
            (capacityBySymbol.isEmpty() ? "" : ", by symbol " + capacityBySymbol);
    }
}
