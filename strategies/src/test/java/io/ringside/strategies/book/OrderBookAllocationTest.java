package io.ringside.strategies.book;

import io.ringside.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applying events to a book allocates nothing once its arrays and map are large enough.
 */
final class OrderBookAllocationTest
{
    private static final int ID_RANGE = 4096;
    private static final int OPERATIONS = 200_000;
    private static final long MID = 1_000_000;
    private static final int PRICE_RANGE = 64;

    private long seed;
    private long applied;

    @Test
    void shouldNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure allocation per thread");
        threads.setThreadAllocatedMemoryEnabled(true);

        // every id can be live at once and every price can hold a level, so nothing grows
        final OrderBook book = new OrderBook(1, ID_RANGE);
        for (int level = -PRICE_RANGE; level <= PRICE_RANGE; level++)
        {
            book.setLevel(Side.BUY, MID + level, 1);
            book.setLevel(Side.SELL, MID + level, 1);
        }

        seed = 42;
        for (int round = 0; round < 5; round++)
        {
            run(book);
        }
        threads.getCurrentThreadAllocatedBytes();

        applied = 0;
        final long before = threads.getCurrentThreadAllocatedBytes();
        run(book);
        final long after = threads.getCurrentThreadAllocatedBytes();

        assertEquals(0, after - before, "bytes allocated applying " + OPERATIONS + " operations");
        assertEquals(OPERATIONS, applied);
        assertTrue(book.orderCount() > 0 && book.orderCount() <= ID_RANGE);
    }

    @Test
    void shouldHoldAsManyLevelsAsOrdersWithoutGrowing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure allocation per thread");
        threads.setThreadAllocatedMemoryEnabled(true);

        // Levels start sized from the order capacity, up to 1,024 a side (the cap keeps thousands of books small).
        final int orders = 2 * 1024;
        for (int round = 0; round < 5; round++)
        {
            fillOneOrderPerLevel(new OrderBook(1, orders), orders);
        }

        // every order at its own price: as many levels on each side as that side has orders
        final OrderBook book = new OrderBook(1, orders);
        threads.getCurrentThreadAllocatedBytes();
        final long before = threads.getCurrentThreadAllocatedBytes();
        fillOneOrderPerLevel(book, orders);
        final long after = threads.getCurrentThreadAllocatedBytes();

        assertEquals(0, after - before, "bytes allocated adding " + orders + " orders at distinct prices");
        assertEquals(orders / 2, book.levelCount(Side.BUY));
        assertEquals(orders / 2, book.levelCount(Side.SELL));
        assertEquals(orders, book.orderCount());
    }

    private static void fillOneOrderPerLevel(final OrderBook book, final int orders)
    {
        for (int i = 0; i < orders / 2; i++)
        {
            book.add(2L * i + 1, Side.BUY, MID - 1 - i, 1);
            book.add(2L * i + 2, Side.SELL, MID + 1 + i, 1);
        }
    }

    private void run(final OrderBook book)
    {
        for (int i = 0; i < OPERATIONS; i++)
        {
            final long random = next();
            final long orderId = 1 + (random >>> 33) % ID_RANGE;
            final long quantity = 1 + (random >>> 20) % 100;
            final Side side = (random & 1) == 0 ? Side.BUY : Side.SELL;
            final long price = MID + (Side.BUY == side ? -1 : 1) * ((random >>> 8) % PRICE_RANGE);

            if (!book.containsOrder(orderId))
            {
                book.add(orderId, side, price, quantity);
            }
            else
            {
                switch ((int)((random >>> 4) % 4))
                {
                    case 0 -> book.execute(orderId, quantity, OrderBook.NULL_PRICE, Side.NULL_VAL);
                    case 1 -> book.cancel(orderId, quantity, OrderBook.NULL_PRICE, Side.NULL_VAL);
                    case 2 -> book.delete(orderId, OrderBook.NULL_PRICE, OrderBook.NULL_QUANTITY, Side.NULL_VAL);
                    default -> book.replace(orderId, orderId, price, quantity);
                }
            }

            // an event for an order the book does not track, applied to its level
            if ((random & 0xF0) == 0)
            {
                book.execute(-orderId, 1, price, side);
                book.setLevel(side, price, book.quantityAt(side, price) + 1);
            }
            applied++;
        }
    }

    // xorshift: deterministic, and no java.util.Random to allocate or synchronise
    private long next()
    {
        long x = seed;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        seed = x;
        return x;
    }
}
