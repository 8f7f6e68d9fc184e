package io.ringside.strategies.book;

import io.ringside.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Books start small and grow with their live orders and levels, each growth counted, and once sized for a session
 * they refill without growing again.
 */
final class BookGrowthTest
{
    @Test
    void aBookGrowsByDoublingAsItsOrdersAndLevelsFillAndEveryGrowthIsCounted()
    {
        final OrderBook book = new OrderBook(1, 4);
        assertEquals(4, book.orderCapacity());
        for (int i = 0; i < 4; i++)
        {
            book.add(i, Side.BUY, 1_000 + i, 10); // 4 orders on 4 levels: exactly the starting room
        }
        assertEquals(0, book.grows());

        book.add(4, Side.BUY, 2_000, 10); // a 5th order on a 5th level: the orders and the bids grow; the map, sized
        assertEquals(8, book.orderCapacity()); // for 4 at load 0.65 (8 slots), holds 5 before it must grow
        assertEquals(2, book.grows());

        for (int i = 5; i < 1_000; i++)
        {
            book.add(i, i % 2 == 0 ? Side.BUY : Side.SELL, 3_000 + i, 10);
        }
        assertEquals(1_000, book.orderCount());
        assertEquals(1_024, book.orderCapacity());
        final long grown = book.grows();
        // orders 4 -> 1024: 8 doublings; the map to hold 1,000 at load 0.65 from 8 slots: 8; bids 4 -> 512 (504 levels):
        // 7; asks 4 -> 512 (500 levels): 7
        assertEquals(8 + 8 + 7 + 7, grown);

        book.clear();
        for (int i = 0; i < 1_000; i++)
        {
            book.add(10_000 + i, i % 2 == 0 ? Side.BUY : Side.SELL, 3_000 + i, 10);
        }
        assertEquals(grown, book.grows(), "a book sized by its session refills without growing");
    }
}
