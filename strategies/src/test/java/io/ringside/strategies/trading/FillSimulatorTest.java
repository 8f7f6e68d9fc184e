package io.ringside.strategies.trading;

import io.ringside.strategies.book.OrderBook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@link FillSimulator}'s model, fill by fill, and average-cost PnL to the unit. */
final class FillSimulatorTest
{
    private static final int MM = MarketMaker.STRATEGY_ID;
    private static final int OFI = OrderFlowImbalanceTaker.STRATEGY_ID;
    private static final int AAPL = 7;

    private final List<String> fills = new ArrayList<>();
    private final FillSimulator simulator = new FillSimulator((strategyId, instrumentId, id, side, price, quantity,
        remaining) -> fills.add(strategyId + " " + instrumentId + " id=" + id + " " + side + " " + quantity + "@" +
        price + " left=" + remaining));
    private final OrderBook book = new OrderBook(AAPL, 16);

    FillSimulatorTest()
    {
        book.add(1, BUY, 1_000_000, 100);
        book.add(2, SELL, 1_000_100, 100);
        book.add(3, SELL, 1_000_200, 30);
        book.add(4, SELL, 1_000_200, 20);
        book.add(5, SELL, 1_000_300, 200);
        simulator.onBookChanged(AAPL, book);
    }

    @Test
    void shouldWalkTheLevelsWithinTheLimitAtEachLevelsPriceAndDropTheRest()
    {
        assertTrue(FillSimulator.isAggressive(book, BUY, 1_000_100));
        assertFalse(FillSimulator.isAggressive(book, BUY, 1_000_099));

        assertEquals(150, simulator.execute(MM, AAPL, book, BUY, 1_000_200, 200, 9));

        assertEquals(List.of(
            "1 7 id=9 BUY 100@1000100 left=0",
            "1 7 id=9 BUY 50@1000200 left=0"),
            fills);
        assertEquals(150, simulator.position(MM, AAPL));
        // 100 * 1,000,100 + 50 * 1,000,200
        assertEquals(150_020_000, simulator.openCost(MM, AAPL));
        assertEquals(0, simulator.restingCount(), "immediate or cancel: nothing rests");
    }

    @Test
    void shouldNotFillTwiceAgainstTheSameDisplayedQuantityUntilTheBookChanges()
    {
        simulator.execute(MM, AAPL, book, BUY, 1_000_100, 60, 9);
        // 40 left at 1,000,100 for anyone, the other strategy included
        assertEquals(90, simulator.execute(OFI, AAPL, book, BUY, 1_000_200, 90, 1));
        assertEquals(0, simulator.execute(MM, AAPL, book, BUY, 1_000_200, 10, 10));
        assertEquals(List.of(
            "1 7 id=9 BUY 60@1000100 left=0",
            "2 7 id=1 BUY 40@1000100 left=0",
            "2 7 id=1 BUY 50@1000200 left=0"),
            fills);

        // the book changes (here, elsewhere): its displayed quantity is trusted again
        book.add(6, BUY, 990_000, 1);
        simulator.onBookChanged(AAPL, book);
        assertEquals(10, simulator.execute(MM, AAPL, book, BUY, 1_000_200, 10, 10));
        assertEquals("1 7 id=10 BUY 10@1000100 left=0", fills.get(3));
    }

    @Test
    void shouldSellDownTheBids()
    {
        book.add(7, BUY, 999_900, 500);
        simulator.onBookChanged(AAPL, book);
        assertEquals(300, simulator.execute(OFI, AAPL, book, SELL, 999_900, 300, 4));
        assertEquals(List.of(
            "2 7 id=4 SELL 100@1000000 left=0",
            "2 7 id=4 SELL 200@999900 left=0"),
            fills);
        assertEquals(-300, simulator.position(OFI, AAPL));
    }

    @Test
    void shouldFillARestingOrderOnlyWhenATradePrintsStrictlyThroughItsPrice()
    {
        simulator.rest(MM, AAPL, BUY, 1_000_000, 100, 1);
        simulator.rest(MM, AAPL, SELL, 1_000_100, 100, 2);

        simulator.onTrade(AAPL, 1_000_000, 500); // at the bid's price: no queue position, no fill
        simulator.onTrade(AAPL, 1_000_100, 500); // at the ask's
        simulator.onTrade(AAPL + 1, 900_000, 500); // another instrument
        assertEquals(List.of(), fills);

        simulator.onTrade(AAPL, 999_900, 30); // through the bid: 30 at the bid's own price
        simulator.onTrade(AAPL, 999_800, 100); // the other 70
        simulator.onTrade(AAPL, 1_000_101, 40); // through the ask
        assertEquals(List.of(
            "1 7 id=1 BUY 30@1000000 left=70",
            "1 7 id=1 BUY 70@1000000 left=0",
            "1 7 id=2 SELL 40@1000100 left=60"),
            fills);
        assertEquals(60, simulator.position(MM, AAPL));
        assertEquals(0, simulator.restingQuantity(MM, 1));
        assertEquals(60, simulator.restingQuantity(MM, 2));
        // bought 100 at 1,000,000, sold 40 at 1,000,100
        assertEquals(4_000, simulator.realisedPnl(MM));
    }

    @Test
    void shouldShareOnePrintAmongRestingOrdersInTheOrderTheyRested()
    {
        simulator.rest(MM, AAPL, BUY, 1_000_000, 100, 1);
        simulator.rest(OFI, AAPL, BUY, 1_000_050, 100, 1);
        simulator.onTrade(AAPL, 999_000, 150);
        assertEquals(List.of(
            "1 7 id=1 BUY 100@1000000 left=0",
            "2 7 id=1 BUY 50@1000050 left=50"),
            fills);
        assertTrue(simulator.cancel(OFI, 1));
        assertFalse(simulator.cancel(OFI, 1));
        assertEquals(0, simulator.restingCount());
    }

    @Test
    void shouldForgetRestingOrdersAtANewSessionButKeepPositions()
    {
        simulator.execute(MM, AAPL, book, BUY, 1_000_100, 10, 1);
        simulator.rest(MM, AAPL, BUY, 1_000_000, 100, 2);
        simulator.rest(MM, AAPL + 1, BUY, 1_000_000, 100, 3);
        simulator.onSessionStart(AAPL);
        assertEquals(0, simulator.restingQuantity(MM, 2));
        assertEquals(100, simulator.restingQuantity(MM, 3));
        assertEquals(10, simulator.position(MM, AAPL));
    }

    @Test
    void shouldMarkUnrealisedPnlToTheLastTwoSidedMid()
    {
        simulator.execute(MM, AAPL, book, BUY, 1_000_100, 10, 1);
        // mid (1,000,000 + 1,000,100) / 2 = 1,000,050: 10 * (1,000,050 - 1,000,100)
        assertEquals(-500, simulator.unrealisedPnl(MM));
        book.delete(1, OrderBook.NULL_PRICE, OrderBook.NULL_QUANTITY, null);
        simulator.onBookChanged(AAPL, book);
        assertEquals(-500, simulator.unrealisedPnl(MM), "one-sided: the last mid stands");
        book.add(8, BUY, 1_000_090, 5);
        simulator.onBookChanged(AAPL, book);
        // mid 1,000,095
        assertEquals(-50, simulator.unrealisedPnl(MM));
        assertEquals(1_000_095, simulator.mark(AAPL));
    }

    @Test
    void shouldAccountAtAverageCostThroughAFlip()
    {
        final Position position = new Position();
        position.apply(100, 1_000_000);
        position.apply(50, 1_000_300);
        assertEquals(150, position.quantity());
        assertEquals(150_015_000, position.openCost());
        // average 1,000,100: 60 sold at 1,000,500 realise 60 * 400
        position.apply(-60, 1_000_500);
        assertEquals(24_000, position.realisedPnl());
        assertEquals(90_009_000, position.openCost());
        assertEquals(27_000, position.unrealisedPnl(1_000_400));
        // sell 120 at 1,000,000: 90 close at 100 under the average, 30 open short
        position.apply(-120, 1_000_000);
        assertEquals(24_000 - 9_000, position.realisedPnl());
        assertEquals(-30, position.quantity());
        assertEquals(-30_000_000, position.openCost());
        assertEquals(30_000, position.unrealisedPnl(999_000));
        // buy 10 back at 999,500: 500 each
        position.apply(10, 999_500);
        assertEquals(20_000, position.realisedPnl());
        assertEquals(-20, position.quantity());
        assertEquals(-20_000_000, position.openCost());
        assertEquals(5, position.fills());
        assertEquals(340, position.filledQuantity());
    }

    @Test
    void shouldCarryTheCostTruncatedByAPartialCloseToTheFinalClose()
    {
        final Position position = new Position();
        position.apply(1, 10);
        position.apply(2, 11);
        // average 32 / 3: the first unit closed takes 10 of the cost, leaving 22 for the last two
        position.apply(-1, 12);
        assertEquals(2, position.realisedPnl());
        position.apply(-2, 12);
        assertEquals(4, position.realisedPnl(), "36 received for 32 paid");
        assertEquals(0, position.openCost());
        assertEquals(0, position.unrealisedPnl(50));
    }
}
