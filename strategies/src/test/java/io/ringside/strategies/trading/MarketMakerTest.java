package io.ringside.strategies.trading;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.TestFrames;
import io.ringside.strategies.book.OrderBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Real SBE frames through {@link MarketMaker#onFrame}, asserting every field of every order sent. Unless a test says
 * otherwise the maker quotes 100 at 2 ticks either side of the mid, moves a quote whose target moved 1 tick, and
 * waits 1 ms of event time between quotes on an instrument; AAPL's tick is 100 from its InstrumentDefinition.
 * <p>
 * With bid 1,000,000 and ask 1,000,900, twice the mid is 2,000,900: the bid target is (2,000,900 - 400) / 2 =
 * 1,000,250 rounded down to the tick, 1,000,200; the ask target (2,000,900 + 400) / 2 = 1,000,650 rounded up,
 * 1,000,700.
 */
final class MarketMakerTest
{
    private static final int AAPL = 7;
    private static final int MSFT = 8;
    private static final long TICK = 100;
    private static final long INTERVAL = 1_000_000;
    private static final long T = 1_340_285_400_000_000_000L;
    private static final long NULL_PRICE = OrderBook.NULL_PRICE;

    private final TestFrames frames = new TestFrames();
    private final List<String> orders = new ArrayList<>();
    private final OrderSink sink = (strategyId, instrumentId, action, side, price, quantity, clientOrderId,
        originalClientOrderId) -> orders.add(strategyId + " " + instrumentId + " " + action + " " + side + " " +
        quantity + "@" + price + " id=" + clientOrderId + " orig=" + originalClientOrderId);
    private MarketMaker marketMaker = new MarketMaker(100, 2, 1, INTERVAL, 16);

    @Test
    void shouldQuoteBothSidesOnTheFirstTwoSidedBookAtTheTickFromTheDefinition()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        assertEquals(List.of(), orders);
        assertEquals(NULL_PRICE, marketMaker.bidQuotePrice(AAPL));
        assertEquals(NULL_PRICE, marketMaker.askQuotePrice(AAPL));

        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0"),
            orders);
        assertEquals(1_000_200, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_700, marketMaker.askQuotePrice(AAPL));
        assertEquals(2, marketMaker.ordersSent());
        assertEquals(NULL_PRICE, marketMaker.bidQuotePrice(MSFT));
    }

    @Test
    void shouldStartANewSessionWhenTheInstrumentIsDefinedAgain()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));
        orders.clear();

        // The next session: the old quotes died with the close, the book starts empty, the same order ids return.
        feed(frames.instrumentDefinition(T + 3, AAPL, TICK));
        assertEquals(NULL_PRICE, marketMaker.bidQuotePrice(AAPL));
        assertEquals(0, marketMaker.book(AAPL).orderCount());
        feed(frames.addOrder(T + 4, AAPL, 1, BUY, 1_000_100, 300));
        assertEquals(List.of(), orders, "one-sided: no quotes yet");
        feed(frames.addOrder(T + 5, AAPL, 2, SELL, 1_001_000, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=3 orig=0",
            "1 7 NEW SELL 100@1000800 id=4 orig=0"),
            orders);
        assertEquals(0, marketMaker.book(AAPL).duplicateOrderIds());
    }

    @Test
    void shouldQuoteAtATickOfOneWithoutADefinition()
    {
        // twice the mid 2,000,001: bid (2,000,001 - 4) / 2 = 999,998.5 -> 999,998; ask 1,000,002.5 -> 1,000,003
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_001, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@999998 id=1 orig=0",
            "1 7 NEW SELL 100@1000003 id=2 orig=0"),
            orders);
    }

    @Test
    void shouldTakeATickSizeThatIsNotPositiveAsOne()
    {
        feed(frames.instrumentDefinition(T, AAPL, 0));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_001, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@999998 id=1 orig=0",
            "1 7 NEW SELL 100@1000003 id=2 orig=0"),
            orders);
    }

    @Test
    void shouldQuoteAtTheTouchWithNoHalfSpread()
    {
        marketMaker = new MarketMaker(25, 0, 1, INTERVAL, 16);
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_100, 300));

        // mid 1,000,050: bid rounds down to 1,000,000 and ask up to 1,000,100
        assertEquals(List.of(
            "1 7 NEW BUY 25@1000000 id=1 orig=0",
            "1 7 NEW SELL 25@1000100 id=2 orig=0"),
            orders);
    }

    @Test
    void shouldNotRequoteWhenNoTargetMoves()
    {
        quoteAapl();

        // bid 1,000,050: twice the mid 2,000,950, bid target 1,000,275 -> 1,000,200, ask 1,000,675 -> 1,000,700
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_050, 300));
        feed(frames.addOrder(T + 3 * INTERVAL, AAPL, 4, SELL, 1_005_000, 300));
        feed(frames.orderCancelled(T + 4 * INTERVAL, AAPL, 1, 100));

        assertEquals(2, orders.size());
        assertEquals(1_000_200, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_700, marketMaker.askQuotePrice(AAPL));
    }

    @Test
    void shouldNotRequoteAMoveSmallerThanRequoteTicks()
    {
        marketMaker = new MarketMaker(100, 2, 2, INTERVAL, 16);
        quoteAapl();

        // bid 1,000,100: bid target 1,000,300, 1 tick from the quote; ask target unchanged
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_100, 300));
        // bid 1,000,200: targets 1,000,300 and 1,000,800, 1 tick each from the quotes
        feed(frames.addOrder(T + 3 * INTERVAL, AAPL, 4, BUY, 1_000_200, 300));
        assertEquals(2, orders.size());

        // bid 1,000,300: bid target 1,000,400, 2 ticks; ask target 1,000,800, still 1 tick
        feed(frames.addOrder(T + 4 * INTERVAL, AAPL, 5, BUY, 1_000_300, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 7 REPLACE BUY 100@1000400 id=3 orig=1"),
            orders);
        assertEquals(1_000_400, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_700, marketMaker.askQuotePrice(AAPL));
    }

    @Test
    void shouldWaitTheMinimumIntervalThenRequoteOnlyTheSideThatMoved()
    {
        quoteAapl(); // quoted at T + 2

        // bid 1,000,100: twice the mid 2,001,000, bid target 1,000,300, ask target still 1,000,700; 1 ns too soon
        feed(frames.addOrder(T + 2 + INTERVAL - 1, AAPL, 3, BUY, 1_000_100, 300));
        assertEquals(2, orders.size());
        assertEquals(1_000_200, marketMaker.bidQuotePrice(AAPL));

        // any book change once the interval has passed: a bid deep in the book
        feed(frames.addOrder(T + 2 + INTERVAL, AAPL, 4, BUY, 990_000, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 7 REPLACE BUY 100@1000300 id=3 orig=1"),
            orders);
        assertEquals(1_000_300, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_700, marketMaker.askQuotePrice(AAPL));

        // the interval runs from the last quote: the ask moves at T + 2 + INTERVAL + 1, too soon
        // ask 1,000,500: twice the mid 2,000,600, bid target 1,000,100, ask target 1,000,500
        feed(frames.addOrder(T + 2 + INTERVAL + 1, AAPL, 5, SELL, 1_000_500, 300));
        assertEquals(3, orders.size());
        feed(frames.orderCancelled(T + 2 + 2 * INTERVAL, AAPL, 4, 100));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 7 REPLACE BUY 100@1000300 id=3 orig=1",
            "1 7 REPLACE BUY 100@1000100 id=4 orig=3",
            "1 7 REPLACE SELL 100@1000500 id=5 orig=2"),
            orders);
        assertEquals(1_000_100, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_500, marketMaker.askQuotePrice(AAPL));
        assertEquals(5, marketMaker.ordersSent());
    }

    @Test
    void shouldRequoteOnEveryKindOfBookChange()
    {
        quoteAapl();
        long time = T + 2;

        // added behind the best ask: nothing moves
        feed(frames.addOrder(time += INTERVAL, AAPL, 3, SELL, 1_001_900, 300));
        // executed: ask 1,000,900 gone; twice the mid 2,001,900: bid 1,000,750 -> 1,000,700, ask 1,001,150 -> 1,001,200
        feed(frames.orderExecuted(time += INTERVAL, AAPL, 2, 300, 1_000_900, SELL));
        // replaced: ask 3 to 1,000,500 as 4; twice the mid 2,000,500: bid 1,000,050 -> 1,000,000, ask 1,000,450 -> 500
        feed(frames.orderReplaced(time += INTERVAL, AAPL, 3, 4, 1_000_500, 300));
        // deleted: bid 1 gone, bid 5 at 998,000 left; twice the mid 1,998,500: bid 999,050 -> 999,000, ask 999,450 -> 500
        feed(frames.addOrder(time += INTERVAL, AAPL, 5, BUY, 998_000, 300));
        feed(frames.orderDeleted(time += INTERVAL, AAPL, 1));
        // cancelled: all of bid 5, the book is one-sided and the quotes stay
        feed(frames.orderCancelled(time += INTERVAL, AAPL, 5, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 7 REPLACE BUY 100@1000700 id=3 orig=1",
            "1 7 REPLACE SELL 100@1001200 id=4 orig=2",
            "1 7 REPLACE BUY 100@1000000 id=5 orig=3",
            "1 7 REPLACE SELL 100@1000500 id=6 orig=4",
            "1 7 REPLACE BUY 100@999000 id=7 orig=5",
            "1 7 REPLACE SELL 100@999500 id=8 orig=6"),
            orders);
        assertEquals(999_000, marketMaker.bidQuotePrice(AAPL));
        assertEquals(999_500, marketMaker.askQuotePrice(AAPL));
        assertEquals(0, marketMaker.book(AAPL).levelCount(BUY));
    }

    @ParameterizedTest
    @EnumSource(value = TradingState.class, names = { "HALTED", "QUOTING", "PAUSED" })
    void shouldCancelBothQuotesOnAHaltAndQuoteAfreshWhenTradingResumes(final TradingState state)
    {
        quoteAapl();

        feed(frames.tradingStatus(T + 3, AAPL, state));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 7 CANCEL BUY 0@1000200 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders);
        assertEquals(NULL_PRICE, marketMaker.bidQuotePrice(AAPL));
        assertEquals(NULL_PRICE, marketMaker.askQuotePrice(AAPL));

        // no quoting while halted, however far the book moves; a second halt has nothing to cancel
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_100, 300));
        feed(frames.tradingStatus(T + 3 * INTERVAL, AAPL, TradingState.HALTED));
        feed(frames.orderDeleted(T + 4 * INTERVAL, AAPL, 2));
        feed(frames.addOrder(T + 5 * INTERVAL, AAPL, 4, SELL, 1_000_900, 300));
        assertEquals(4, orders.size());

        // trading resumes: nothing until the book next changes, then NEW quotes
        final long resumed = T + 6 * INTERVAL;
        feed(frames.tradingStatus(resumed, AAPL, TradingState.TRADING));
        assertEquals(4, orders.size());
        assertEquals(NULL_PRICE, marketMaker.bidQuotePrice(AAPL));
        // bid 1,000,100, ask 1,000,900: twice the mid 2,001,000, bid 1,000,300, ask 1,000,700
        feed(frames.addOrder(resumed + 1, AAPL, 5, BUY, 990_000, 300));
        // and the interval runs from them: ask 1,000,800 moves the bid target to 1,000,200 1 ns later, too soon
        feed(frames.addOrder(resumed + 2, AAPL, 6, SELL, 1_000_800, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 7 CANCEL BUY 0@1000200 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2",
            "1 7 NEW BUY 100@1000300 id=5 orig=0",
            "1 7 NEW SELL 100@1000700 id=6 orig=0"),
            orders);
        assertEquals(1_000_300, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_700, marketMaker.askQuotePrice(AAPL));
        assertEquals(6, marketMaker.ordersSent());
    }

    @Test
    void shouldSendNothingOnAHaltWithoutQuotes()
    {
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.tradingStatus(T + 2, AAPL, TradingState.HALTED));
        feed(frames.addOrder(T + 3, AAPL, 2, SELL, 1_000_900, 300));
        feed(frames.tradingStatus(T + 4, MSFT, TradingState.HALTED));
        feed(frames.tradingStatus(T + 5, AAPL, TradingState.TRADING));

        assertEquals(List.of(), orders);
        assertEquals(0, marketMaker.ordersSent());
    }

    @Test
    void shouldNotQuoteAOneSidedLockedOrCrossedBook()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, BUY, 1_000_100, 300));
        feed(frames.addOrder(T + 3, AAPL, 3, SELL, 1_000_100, 300)); // locked
        feed(frames.addOrder(T + 4, AAPL, 4, SELL, 999_900, 300)); // crossed
        feed(frames.orderDeleted(T + 5, AAPL, 4));
        feed(frames.orderDeleted(T + 6, AAPL, 3)); // one-sided again
        assertEquals(List.of(), orders);

        feed(frames.addOrder(T + 7, AAPL, 5, SELL, 1_000_800, 300));
        // twice the mid 2,000,900 again: 1,000,200 and 1,000,700
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0"),
            orders);

        // quotes stay as they are while the book is one-sided
        feed(frames.orderDeleted(T + 2 * INTERVAL, AAPL, 5));
        assertEquals(2, orders.size());
        assertEquals(1_000_200, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_700, marketMaker.askQuotePrice(AAPL));
    }

    @Test
    void shouldQuoteInstrumentsIndependentlyWithOneClientOrderIdSequence()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));
        // MSFT has no definition: tick 1; twice the mid 600,010: bid 300,003, ask 300,007; the same order ids
        feed(frames.addOrder(T + 500_000, MSFT, 1, BUY, 300_000, 100));
        feed(frames.addOrder(T + 500_001, MSFT, 2, SELL, 300_010, 100));
        // AAPL's interval runs from its own last quote at T + 2, not MSFT's: bid target 1,000,300
        feed(frames.addOrder(T + 2 + INTERVAL, AAPL, 3, BUY, 1_000_100, 300));
        // and MSFT's from its own at T + 500,001: twice the mid 600,012, bid 300,004, ask 300,008
        feed(frames.addOrder(T + 500_001 + INTERVAL, MSFT, 3, BUY, 300_002, 100));
        feed(frames.tradingStatus(T + 500_002 + INTERVAL, MSFT, TradingState.HALTED));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 8 NEW BUY 100@300003 id=3 orig=0",
            "1 8 NEW SELL 100@300007 id=4 orig=0",
            "1 7 REPLACE BUY 100@1000300 id=5 orig=1",
            "1 8 REPLACE BUY 100@300004 id=6 orig=3",
            "1 8 REPLACE SELL 100@300008 id=7 orig=4",
            "1 8 CANCEL BUY 0@300004 id=8 orig=6",
            "1 8 CANCEL SELL 0@300008 id=9 orig=7"),
            orders);
        assertEquals(1_000_300, marketMaker.bidQuotePrice(AAPL));
        assertEquals(1_000_700, marketMaker.askQuotePrice(AAPL));
        assertEquals(NULL_PRICE, marketMaker.bidQuotePrice(MSFT));
        assertEquals(NULL_PRICE, marketMaker.askQuotePrice(MSFT));
        assertEquals(1_000_100, marketMaker.book(AAPL).bestBidPrice());
        assertEquals(300_002, marketMaker.book(MSFT).bestBidPrice());

        // AAPL quotes on while MSFT is halted: ask 1,000,500, twice the mid 2,000,600, bid 1,000,100, ask 1,000,500
        feed(frames.addOrder(T + 2 + 2 * INTERVAL, AAPL, 4, SELL, 1_000_500, 300));
        feed(frames.addOrder(T + 2 + 2 * INTERVAL, MSFT, 4, SELL, 300_004, 100));
        assertEquals(List.of(
            "1 7 REPLACE BUY 100@1000100 id=10 orig=5",
            "1 7 REPLACE SELL 100@1000500 id=11 orig=2"),
            orders.subList(9, orders.size()));
    }

    @Test
    void shouldRejectSettingsOutOfRangeNamingThem()
    {
        assertEquals("mm-quote-quantity must be > 0: 0", assertThrows(IllegalArgumentException.class,
            () -> new MarketMaker(0, 2, 1, INTERVAL, 16)).getMessage());
        assertEquals("mm-quote-quantity must be > 0: -100", assertThrows(IllegalArgumentException.class,
            () -> new MarketMaker(-100, 2, 1, INTERVAL, 16)).getMessage());
        assertEquals("mm-half-spread-ticks must be >= 0: -1", assertThrows(IllegalArgumentException.class,
            () -> new MarketMaker(100, -1, 1, INTERVAL, 16)).getMessage());
        assertEquals("mm-requote-ticks must be > 0: 0", assertThrows(IllegalArgumentException.class,
            () -> new MarketMaker(100, 2, 0, INTERVAL, 16)).getMessage());
        assertEquals("mm-min-requote-interval-ns must be >= 0: -1", assertThrows(IllegalArgumentException.class,
            () -> new MarketMaker(100, 2, 1, -1, 16)).getMessage());
        assertEquals("initialOrderCapacityPerBook must be positive: 0", assertThrows(IllegalArgumentException.class,
            () -> new MarketMaker(100, 2, 1, INTERVAL, 0)).getMessage());

        // the edges that are allowed
        marketMaker = new MarketMaker(1, 0, 1, 0, 1);
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000, 1));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_010, 1));
        feed(frames.addOrder(T + 2, AAPL, 3, BUY, 1_002, 1)); // no interval: re-quotes at the same event time
        assertEquals(List.of(
            "1 7 NEW BUY 1@1005 id=1 orig=0",
            "1 7 NEW SELL 1@1005 id=2 orig=0",
            "1 7 REPLACE BUY 1@1006 id=3 orig=1",
            "1 7 REPLACE SELL 1@1006 id=4 orig=2"),
            orders);
    }

    private void feed(final int length)
    {
        assertEquals(FrameCheck.OK, marketMaker.onFrame(frames.buffer(), 0, length, sink));
    }

    /** Definition at T, bid 1,000,000 at T + 1, ask 1,000,900 at T + 2: NEW BUY 1,000,200 id 1, NEW SELL 1,000,700 id 2. */
    private void quoteAapl()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0"),
            orders);
    }
}
