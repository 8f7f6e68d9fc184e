package io.ringside.strategies.book;

import io.ringside.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.NULL_VAL;
import static io.ringside.codecs.sbe.Side.SELL;
import static io.ringside.strategies.book.OrderBook.NULL_PRICE;
import static io.ringside.strategies.book.OrderBook.NULL_QUANTITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class OrderBookTest
{
    private final OrderBook book = new OrderBook(7, 16);

    @Test
    void shouldBeEmptyWhenNew()
    {
        assertEquals(7, book.instrumentId());
        assertEquals(NULL_PRICE, book.bestBidPrice());
        assertEquals(NULL_PRICE, book.bestAskPrice());
        assertEquals(0, book.bestBidQuantity());
        assertEquals(0, book.bestAskQuantity());
        assertEquals(0, book.levelCount(BUY));
        assertEquals(0, book.levelCount(SELL));
        assertEquals(NULL_PRICE, book.levelPrice(BUY, 0));
        assertEquals(0, book.levelQuantity(SELL, 0));
        assertEquals(0, book.orderCount());
        assertFalse(book.isTwoSided());
    }

    @Test
    void shouldKeepLevelsSortedBestFirstOnBothSides()
    {
        assertTrue(book.add(1, BUY, 100, 10));
        assertTrue(book.add(2, BUY, 102, 20));
        assertTrue(book.add(3, BUY, 101, 30));
        assertTrue(book.add(4, BUY, 102, 5));
        assertTrue(book.add(5, SELL, 105, 7));
        assertTrue(book.add(6, SELL, 103, 8));
        assertTrue(book.add(7, SELL, 104, 9));
        assertTrue(book.add(8, SELL, 103, 1));

        assertLevels(BUY, new long[]{ 102, 25, 101, 30, 100, 10 });
        assertLevels(SELL, new long[]{ 103, 9, 104, 9, 105, 7 });
        assertEquals(102, book.bestBidPrice());
        assertEquals(25, book.bestBidQuantity());
        assertEquals(103, book.bestAskPrice());
        assertEquals(9, book.bestAskQuantity());
        assertEquals(8, book.orderCount());
        assertTrue(book.isTwoSided());
        assertEquals(30, book.quantityAt(BUY, 101));
        assertEquals(0, book.quantityAt(SELL, 101));
        assertEquals(0, book.quantityAt(BUY, 99));
        assertEquals(NULL_PRICE, book.levelPrice(BUY, 3));
        assertEquals(NULL_PRICE, book.levelPrice(BUY, -1));
        assertEquals(0, book.levelQuantity(SELL, 3));

        assertTrue(book.containsOrder(3));
        assertEquals(101, book.orderPrice(3));
        assertEquals(30, book.orderQuantity(3));
        assertEquals(BUY, book.orderSide(3));
        assertEquals(SELL, book.orderSide(6));
        assertFalse(book.containsOrder(99));
        assertEquals(NULL_PRICE, book.orderPrice(99));
        assertEquals(0, book.orderQuantity(99));
        assertEquals(NULL_VAL, book.orderSide(99));
        assertCounters(0, 0, 0, 0);
    }

    @Test
    void shouldNotBeTwoSidedWhenCrossedOrLocked()
    {
        book.add(1, BUY, 100, 10);
        assertFalse(book.isTwoSided());
        book.add(2, SELL, 100, 10);
        assertFalse(book.isTwoSided());
        book.add(3, SELL, 99, 10);
        assertFalse(book.isTwoSided());
        book.delete(2, NULL_PRICE, NULL_QUANTITY, NULL_VAL);
        book.delete(3, NULL_PRICE, NULL_QUANTITY, NULL_VAL);
        book.add(4, SELL, 101, 10);
        assertTrue(book.isTwoSided());
    }

    @Test
    void shouldApplyPartialThenFullExecution()
    {
        book.add(1, BUY, 100, 10);
        book.add(2, BUY, 100, 5);

        assertTrue(book.execute(1, 4, NULL_PRICE, NULL_VAL));
        assertEquals(6, book.orderQuantity(1));
        assertLevels(BUY, new long[]{ 100, 11 });

        assertTrue(book.execute(1, 6, 100, BUY));
        assertFalse(book.containsOrder(1));
        assertEquals(1, book.orderCount());
        assertLevels(BUY, new long[]{ 100, 5 });

        // an overfill takes what is left and no more
        assertTrue(book.execute(2, 50, NULL_PRICE, NULL_VAL));
        assertEquals(0, book.orderCount());
        assertEquals(0, book.levelCount(BUY));
        assertEquals(NULL_PRICE, book.bestBidPrice());
        assertCounters(0, 0, 0, 0);
    }

    @Test
    void shouldUseOrdersOwnPriceWhenExecutionPriceDiffers()
    {
        book.add(1, SELL, 105, 10);

        assertTrue(book.execute(1, 3, 104, SELL));

        assertLevels(SELL, new long[]{ 105, 7 });
        assertEquals(0, book.quantityAt(SELL, 104));
    }

    @Test
    void shouldApplyCancels()
    {
        book.add(1, SELL, 105, 10);
        book.add(2, SELL, 106, 10);

        assertTrue(book.cancel(1, 3, NULL_PRICE, NULL_VAL));
        assertEquals(7, book.orderQuantity(1));
        assertTrue(book.cancel(2, 10, NULL_PRICE, NULL_VAL));
        assertFalse(book.containsOrder(2));

        assertLevels(SELL, new long[]{ 105, 7 });
        assertEquals(1, book.orderCount());
    }

    @Test
    void shouldDeleteWholeOrderRegardlessOfGivenQuantity()
    {
        book.add(1, BUY, 100, 10);
        book.add(2, BUY, 100, 20);
        book.add(3, BUY, 99, 30);

        assertTrue(book.delete(2, NULL_PRICE, NULL_QUANTITY, NULL_VAL));
        assertLevels(BUY, new long[]{ 100, 10, 99, 30 });

        assertTrue(book.delete(3, 99, 1, BUY));
        assertLevels(BUY, new long[]{ 100, 10 });
        assertEquals(1, book.orderCount());
        assertCounters(0, 0, 0, 0);
    }

    @Test
    void shouldMoveBestPriceWhenTopLevelRemoved()
    {
        book.add(1, BUY, 100, 10);
        book.add(2, BUY, 101, 10);
        book.add(3, BUY, 102, 10);
        book.add(4, SELL, 103, 10);
        book.add(5, SELL, 104, 10);

        book.delete(3, NULL_PRICE, NULL_QUANTITY, NULL_VAL);
        assertEquals(101, book.bestBidPrice());
        book.execute(2, 10, NULL_PRICE, NULL_VAL);
        assertEquals(100, book.bestBidPrice());
        assertEquals(10, book.bestBidQuantity());
        book.cancel(4, 10, NULL_PRICE, NULL_VAL);
        assertEquals(104, book.bestAskPrice());

        assertLevels(BUY, new long[]{ 100, 10 });
        assertLevels(SELL, new long[]{ 104, 10 });
    }

    @Test
    void shouldRemoveLevelInTheMiddle()
    {
        book.add(1, SELL, 103, 1);
        book.add(2, SELL, 104, 2);
        book.add(3, SELL, 105, 3);

        book.delete(2, NULL_PRICE, NULL_QUANTITY, NULL_VAL);

        assertLevels(SELL, new long[]{ 103, 1, 105, 3 });
    }

    @Test
    void shouldReplaceKeepingSideAndMovingPrice()
    {
        book.add(1, SELL, 105, 10);
        book.add(2, SELL, 105, 5);

        assertTrue(book.replace(1, 11, 107, 12));

        assertFalse(book.containsOrder(1));
        assertTrue(book.containsOrder(11));
        assertEquals(SELL, book.orderSide(11));
        assertEquals(107, book.orderPrice(11));
        assertEquals(12, book.orderQuantity(11));
        assertLevels(SELL, new long[]{ 105, 5, 107, 12 });
        assertEquals(0, book.levelCount(BUY));
        assertEquals(2, book.orderCount());

        assertTrue(book.replace(2, 2, 104, 6));
        assertLevels(SELL, new long[]{ 104, 6, 107, 12 });
        assertEquals(104, book.bestAskPrice());
        assertCounters(0, 0, 0, 0);
    }

    @Test
    void shouldRefuseReplaceOfUnknownOrderOrOntoLiveId()
    {
        book.add(1, BUY, 100, 10);
        book.add(2, BUY, 99, 10);

        assertFalse(book.replace(42, 43, 101, 5));
        assertFalse(book.replace(1, 2, 101, 5));

        assertLevels(BUY, new long[]{ 100, 10, 99, 10 });
        assertEquals(2, book.orderCount());
        assertFalse(book.containsOrder(43));
        assertCounters(1, 1, 0, 0);
    }

    @Test
    void shouldRefuseDuplicateOrderId()
    {
        assertTrue(book.add(1, BUY, 100, 10));
        assertFalse(book.add(1, SELL, 105, 20));
        assertFalse(book.add(1, BUY, 100, 10));

        assertLevels(BUY, new long[]{ 100, 10 });
        assertEquals(0, book.levelCount(SELL));
        assertEquals(1, book.orderCount());
        assertCounters(2, 0, 0, 0);

        // once gone, the id may be used again
        book.delete(1, NULL_PRICE, NULL_QUANTITY, NULL_VAL);
        assertTrue(book.add(1, SELL, 105, 20));
        assertLevels(SELL, new long[]{ 105, 20 });
    }

    @Test
    void shouldCountUnknownOrderWithoutPriceOrSide()
    {
        book.add(1, BUY, 100, 10);

        assertFalse(book.execute(9, 5, NULL_PRICE, NULL_VAL));
        assertFalse(book.execute(9, 5, 100, NULL_VAL));
        assertFalse(book.cancel(9, 5, NULL_PRICE, BUY));
        assertFalse(book.delete(9, NULL_PRICE, 5, BUY));
        assertFalse(book.delete(9, 100, NULL_QUANTITY, BUY));
        assertFalse(book.delete(9, 100, 5, NULL_VAL));

        assertLevels(BUY, new long[]{ 100, 10 });
        assertCounters(0, 6, 0, 0);
    }

    @Test
    void shouldReduceLevelDirectlyForUnknownOrderWithPriceAndSide()
    {
        book.setLevel(SELL, 105, 100);
        book.setLevel(SELL, 106, 50);
        book.setLevel(BUY, 100, 40);

        assertTrue(book.execute(9, 30, 105, SELL));
        assertTrue(book.cancel(10, 20, 105, SELL));
        assertTrue(book.delete(11, 106, 50, SELL));
        assertTrue(book.delete(12, 100, 15, BUY));

        assertLevels(SELL, new long[]{ 105, 50 });
        assertLevels(BUY, new long[]{ 100, 25 });
        assertEquals(0, book.orderCount());
        assertCounters(0, 0, 4, 0);

        // clamped at 0, which removes the level
        assertTrue(book.execute(13, 80, 105, SELL));
        assertEquals(0, book.levelCount(SELL));
        assertEquals(NULL_PRICE, book.bestAskPrice());

        // a level that is not there stays absent
        assertTrue(book.cancel(14, 5, 200, SELL));
        assertEquals(0, book.levelCount(SELL));
        assertCounters(0, 0, 6, 0);
    }

    @Test
    void shouldNotTakeUntrackedReductionFromTrackedOrders()
    {
        book.setLevel(BUY, 100, 10);
        book.add(1, BUY, 100, 5);
        assertEquals(15, book.quantityAt(BUY, 100));

        assertTrue(book.execute(9, 12, 100, BUY));

        // only the 10 untracked can go; order 1 is still there with all of its 5
        assertLevels(BUY, new long[]{ 100, 5 });
        assertEquals(5, book.orderQuantity(1));
        assertEquals(0, book.untrackedQuantityAt(BUY, 100));

        assertTrue(book.execute(1, 5, NULL_PRICE, NULL_VAL));
        assertEquals(0, book.levelCount(BUY));
    }

    @Test
    void shouldSeedLevelsAndCombineWithTrackedOrders()
    {
        assertTrue(book.setLevel(BUY, 100, 300));
        assertTrue(book.setLevel(BUY, 101, 200));
        assertTrue(book.setLevel(SELL, 102, 150));
        assertLevels(BUY, new long[]{ 101, 200, 100, 300 });
        assertLevels(SELL, new long[]{ 102, 150 });
        assertEquals(0, book.orderCount());

        book.add(1, BUY, 101, 50);
        assertEquals(250, book.quantityAt(BUY, 101));
        assertEquals(200, book.untrackedQuantityAt(BUY, 101));

        // setting the level's total adjusts only its untracked part
        assertTrue(book.setLevel(BUY, 101, 120));
        assertEquals(120, book.quantityAt(BUY, 101));
        assertEquals(70, book.untrackedQuantityAt(BUY, 101));
        assertEquals(50, book.orderQuantity(1));

        // 0 with a tracked order left keeps the level with the order's quantity, and says it could not honour it
        assertFalse(book.setLevel(BUY, 101, 0));
        assertLevels(BUY, new long[]{ 101, 50, 100, 300 });

        // 0 with no tracked orders removes the level
        assertTrue(book.setLevel(BUY, 100, 0));
        assertLevels(BUY, new long[]{ 101, 50 });
        assertTrue(book.setLevel(SELL, 102, 0));
        assertEquals(0, book.levelCount(SELL));

        // 0 for an absent level is a no-op
        assertTrue(book.setLevel(SELL, 103, 0));
        assertEquals(0, book.levelCount(SELL));

        // once the order leaves, the level goes with it
        book.delete(1, NULL_PRICE, NULL_QUANTITY, NULL_VAL);
        assertEquals(0, book.levelCount(BUY));
        assertCounters(0, 0, 0, 0);
    }

    @Test
    void shouldRefuseInvalidEvents()
    {
        assertFalse(book.add(1, NULL_VAL, 100, 10));
        assertFalse(book.add(2, BUY, NULL_PRICE, 10));
        assertFalse(book.add(3, BUY, 100, 0));
        assertFalse(book.add(4, BUY, 100, -5));
        book.add(5, BUY, 100, 10);
        assertFalse(book.execute(5, 0, NULL_PRICE, NULL_VAL));
        assertFalse(book.cancel(5, -1, NULL_PRICE, NULL_VAL));
        assertFalse(book.setLevel(NULL_VAL, 100, 10));
        assertFalse(book.setLevel(BUY, 100, -1));

        assertLevels(BUY, new long[]{ 100, 10 });
        assertEquals(1, book.orderCount());
        assertCounters(0, 0, 0, 8);
    }

    @Test
    void shouldGrowBeyondInitialCapacity()
    {
        final int orders = 10_000;
        for (int i = 0; i < orders; i++)
        {
            final Side side = (i & 1) == 0 ? BUY : SELL;
            final long price = BUY == side ? 10_000 - (i % 500) : 10_001 + (i % 500);
            assertTrue(book.add(1_000_000 + i, side, price, 1 + (i % 7)));
        }

        assertEquals(orders, book.orderCount());
        assertEquals(250, book.levelCount(BUY));
        assertEquals(250, book.levelCount(SELL));
        assertEquals(10_000, book.bestBidPrice());
        assertEquals(10_002, book.bestAskPrice());
        assertEquals(10_000 - 498, book.levelPrice(BUY, 249));
        assertEquals(10_001 + 499, book.levelPrice(SELL, 249));

        long expectedTotal = 0;
        for (int i = 0; i < orders; i++)
        {
            expectedTotal += 1 + (i % 7);
            assertEquals(1 + (i % 7), book.orderQuantity(1_000_000 + i));
        }
        assertEquals(expectedTotal, totalQuantity(BUY) + totalQuantity(SELL));

        for (int i = 0; i < orders; i += 2)
        {
            assertTrue(book.delete(1_000_000 + i, NULL_PRICE, NULL_QUANTITY, NULL_VAL));
        }
        assertEquals(orders / 2, book.orderCount());
        assertEquals(0, book.levelCount(BUY));
        assertEquals(250, book.levelCount(SELL));

        // freed slots are reused
        for (int i = 0; i < orders; i += 2)
        {
            assertTrue(book.add(2_000_000 + i, BUY, 5_000 + (i % 3), 2));
        }
        assertEquals(orders, book.orderCount());
        assertLevels(BUY, new long[]{ 5_002, 3334, 5_001, 3332, 5_000, 3334 });
        assertCounters(0, 0, 0, 0);
    }

    private long totalQuantity(final Side side)
    {
        long total = 0;
        for (int depth = 0; depth < book.levelCount(side); depth++)
        {
            total += book.levelQuantity(side, depth);
        }
        return total;
    }

    private void assertLevels(final Side side, final long[] expectedPriceQuantityPairs)
    {
        final int levels = book.levelCount(side);
        final long[] actual = new long[levels * 2];
        for (int depth = 0; depth < levels; depth++)
        {
            actual[depth * 2] = book.levelPrice(side, depth);
            actual[depth * 2 + 1] = book.levelQuantity(side, depth);
        }
        assertArrayEquals(expectedPriceQuantityPairs, actual, side + " levels, best first, as price, quantity");
    }

    private void assertCounters(
        final long duplicateOrderIds, final long unknownOrderEvents, final long untrackedOrderEvents,
        final long invalidEvents)
    {
        assertEquals(duplicateOrderIds, book.duplicateOrderIds(), "duplicateOrderIds");
        assertEquals(unknownOrderEvents, book.unknownOrderEvents(), "unknownOrderEvents");
        assertEquals(untrackedOrderEvents, book.untrackedOrderEvents(), "untrackedOrderEvents");
        assertEquals(invalidEvents, book.invalidEvents(), "invalidEvents");
    }
}
