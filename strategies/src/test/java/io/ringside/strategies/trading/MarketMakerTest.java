package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.TradingState;
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

/**
 * Real SBE frames through {@link Trading#onFrame} with only the market maker on, asserting every field of every order
 * sent. Unless a test says otherwise the maker quotes 100 at 2 ticks either side of the microprice, moves a quote
 * whose target moved 1 tick, waits 1 ms of event time between moves, skews 1 tick per 100 of position, stops
 * quoting a side at a position of 500 and refreshes a quote 1 s old; AAPL's tick is 100; risk limits are wide.
 * <p>
 * With bid 1,000,000 x 300 and ask 1,000,900 x 300 the microprice is the mid, 1,000,450, which is 4.5 ticks over
 * the bid and rounds (half up) to 5: 1,000,500. Quotes 1,000,300 and 1,000,700.
 */
final class MarketMakerTest extends TradingFeed
{
    private static final int MSFT = 8;
    private static final int UNDEFINED = 9;
    private static final long NULL_PRICE = OrderBook.NULL_PRICE;


    @Test
    void shouldQuoteAroundTheMicropriceNotTheMid()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 100));
        assertEquals(List.of(), orders);
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));

        // microprice 1,000,000 + 900 * 100 / 400 = 1,000,225: 2.25 ticks over the bid -> 2 -> 1,000,200; the mid
        // would have quoted 1,000,200 / 1,000,700
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000000 id=1 orig=0",
            "1 7 NEW SELL 100@1000400 id=2 orig=0"),
            orders);
        assertEquals(1_000_000, maker().bidQuotePrice(AAPL));
        assertEquals(1_000_400, maker().askQuotePrice(AAPL));
        assertEquals(NULL_PRICE, maker().bidQuotePrice(MSFT));
    }

    @Test
    void shouldRoundTheMicropriceHalfUpToTheTick()
    {
        quoteAapl();
    }

    @Test
    void shouldNeverQuoteAtOrThroughTheFarTouch()
    {
        config.marketMaker().halfSpreadTicks(0);
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 900));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_100, 100));

        // microprice 1,000,090 -> 1,000,100, the best ask: the bid stays a tick under it, the ask a tick over the bid
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000000 id=1 orig=0",
            "1 7 NEW SELL 100@1000100 id=2 orig=0"),
            orders);
    }

    @Test
    void shouldSkewBothQuotesByInventoryAfterAFill()
    {
        quoteAapl();

        // a print through the bid at 1,000,200: our 100 bought at 1,000,300, position 100, the bid quote is done.
        // skew 100 * 1 / 100 = 1 tick: bid 1,000,500 - 3 ticks, ask 1,000,500 + 1 tick
        feed(frames.tradePrint(T + 2 + INTERVAL, AAPL, 1_000_200, 150));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0",
            "1 7 NEW BUY 100@1000200 id=3 orig=0",
            "1 7 REPLACE SELL 100@1000600 id=4 orig=2"),
            orders);
        assertEquals(100, trading.position(MarketMaker.STRATEGY_ID, AAPL));
        assertEquals(1, trading.fills(MarketMaker.STRATEGY_ID));

        // a print through the new ask: 100 sold at 1,000,600, flat again; the quotes go back 1 tick up, but the
        // interval from the last quote has not passed: only the side freed by the fill is quoted (NEW, at once)
        feed(frames.tradePrint(T + 2 + INTERVAL + 1, AAPL, 1_000_700, 100));
        assertEquals(List.of(
            "1 7 NEW SELL 100@1000700 id=5 orig=0"),
            orders.subList(4, orders.size()));
        assertEquals(0, trading.position(MarketMaker.STRATEGY_ID, AAPL));
        // bought at 1,000,300, sold at 1,000,600: 300 * 100
        assertEquals(30_000, trading.realisedPnl(MarketMaker.STRATEGY_ID));
    }

    @Test
    void shouldSkewTheOtherWayWhenShortAndTruncateTheSkew()
    {
        config.marketMaker().skewTicksPerUnit(3).skewUnit(200);
        quoteAapl();

        // sold 100 at 1,000,700: position -100, skew -100 * 3 / 200 = -1.5 -> -1 tick: bid 1,000,400, ask 1,000,800
        feed(frames.tradePrint(T + 2 + INTERVAL, AAPL, 1_000_800, 100));

        assertEquals(List.of(
            "1 7 REPLACE BUY 100@1000400 id=3 orig=1",
            "1 7 NEW SELL 100@1000800 id=4 orig=0"),
            orders.subList(2, orders.size()));
    }

    @Test
    void shouldStopQuotingTheSideThatWouldPassTheMaximumPosition()
    {
        config.marketMaker().maxPosition(150);
        quoteAapl();

        // 60 of the bid filled: position 60, and another 100 bought would make 160: the rest of the bid is cancelled
        feed(frames.tradePrint(T + 3, AAPL, 1_000_200, 60));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1"),
            orders.subList(2, orders.size()));
        assertEquals(NULL_PRICE, maker().bidQuotePrice(AAPL));

        // the book moves, the interval has passed: the ask moves (skew 0), still no bid
        feed(frames.addOrder(T + 3 + INTERVAL, AAPL, 3, BUY, 1_000_100, 300));
        // microprice 1,000,100 + 800 * 300 / 600 = 1,000,500 -> ask 1,000,700 unchanged: nothing
        assertEquals(3, orders.size());

        // the ask fills entirely: position -40, and a bid of 100 would make 60: quoted again
        feed(frames.tradePrint(T + 4 + INTERVAL, AAPL, 1_000_800, 100));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=4 orig=0",
            "1 7 NEW SELL 100@1000700 id=5 orig=0"),
            orders.subList(3, orders.size()));
        assertEquals(-40, trading.position(MarketMaker.STRATEGY_ID, AAPL));
    }

    @Test
    void shouldNotQuoteASideAtAllWhenOneQuoteWouldPassTheMaximumPosition()
    {
        config.marketMaker().maxPosition(99);
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));

        assertEquals(List.of(), orders);
    }

    @Test
    void shouldRefreshAStaleQuoteAtItsTarget()
    {
        config.marketMaker().quoteMaxAgeNs(5 * INTERVAL);
        quoteAapl(); // quoted at T + 2

        // the book changes, the targets do not
        feed(frames.addOrder(T + 1 + 5 * INTERVAL, AAPL, 3, BUY, 990_000, 300));
        assertEquals(2, orders.size(), "1 ns short of the age");
        feed(frames.addOrder(T + 2 + 5 * INTERVAL, AAPL, 4, BUY, 990_000, 300));

        assertEquals(List.of(
            "1 7 REPLACE BUY 100@1000300 id=3 orig=1",
            "1 7 REPLACE SELL 100@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()));

        // the age runs from the refresh
        feed(frames.addOrder(T + 1 + 10 * INTERVAL, AAPL, 5, BUY, 990_000, 300));
        assertEquals(4, orders.size());
        feed(frames.orderDeleted(T + 2 + 10 * INTERVAL, AAPL, 5));
        assertEquals(6, orders.size());
    }

    @Test
    void shouldWaitTheMinimumIntervalThenRequoteOnlyTheSideThatMoved()
    {
        quoteAapl(); // quoted at T + 2

        // bid 1,000,100 x 300: microprice 1,000,500 still, targets unchanged; a deeper bid 1 ns too soon
        feed(frames.addOrder(T + 2 + INTERVAL - 1, AAPL, 3, BUY, 1_000_100, 300));
        assertEquals(2, orders.size());

        // ask 1,000,800 x 300 with the bid at 1,000,100: microprice 1,000,450 -> 1,000,500: unchanged
        feed(frames.addOrder(T + 2 + INTERVAL, AAPL, 4, SELL, 1_000_800, 300));
        assertEquals(2, orders.size());

        // 300 more on the ask: microprice 1,000,100 + 700 * 300 / 900 = 1,000,333 -> 1,000,300: both move
        feed(frames.addOrder(T + 2 + INTERVAL + 1, AAPL, 5, SELL, 1_000_800, 300));
        assertEquals(List.of(
            "1 7 REPLACE BUY 100@1000100 id=3 orig=1",
            "1 7 REPLACE SELL 100@1000500 id=4 orig=2"),
            orders.subList(2, orders.size()));

        // a 2-tick requote threshold would not have moved on 1 tick: see shouldNotRequoteAMoveSmallerThanRequoteTicks
        assertEquals(1_000_100, maker().bidQuotePrice(AAPL));
        assertEquals(1_000_500, maker().askQuotePrice(AAPL));
    }

    @Test
    void shouldNotRequoteAMoveSmallerThanRequoteTicks()
    {
        config.marketMaker().requoteTicks(3);
        quoteAapl();

        // bid 1,000,200 x 300: microprice 1,000,200 + 700 / 2 = 1,000,550 -> 1,000,600, 1 tick: no move
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_200, 300));
        // bid 1,000,400 x 300: 1,000,650 -> 1,000,700, 2 ticks: no move
        feed(frames.addOrder(T + 3 * INTERVAL, AAPL, 4, BUY, 1_000_400, 300));
        assertEquals(2, orders.size());
        // bid 1,000,600 x 300: 1,000,750 -> 1,000,800, 3 ticks: both move
        feed(frames.addOrder(T + 4 * INTERVAL, AAPL, 5, BUY, 1_000_600, 300));

        assertEquals(List.of(
            "1 7 REPLACE BUY 100@1000600 id=3 orig=1",
            "1 7 REPLACE SELL 100@1001000 id=4 orig=2"),
            orders.subList(2, orders.size()));
    }

    @ParameterizedTest
    @EnumSource(value = TradingState.class, names = { "HALTED", "QUOTING", "PAUSED" })
    void shouldCancelBothQuotesOnAHaltAndQuoteAfreshWhenTradingResumes(final TradingState state)
    {
        quoteAapl();

        feed(frames.tradingStatus(T + 3, AAPL, state));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()));
        assertEquals(NULL_PRICE, maker().bidQuotePrice(AAPL));
        assertEquals(0, trading.fillSimulator().restingCount(), "cancelled quotes no longer rest");

        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_100, 300));
        feed(frames.tradingStatus(T + 3 * INTERVAL, AAPL, TradingState.HALTED));
        assertEquals(4, orders.size());

        feed(frames.tradingStatus(T + 4 * INTERVAL, AAPL, TradingState.TRADING));
        assertEquals(4, orders.size());
        // bid 1,000,100 x 300, ask 1,000,900 x 300: microprice 1,000,500
        feed(frames.addOrder(T + 5 * INTERVAL, AAPL, 4, BUY, 990_000, 300));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=5 orig=0",
            "1 7 NEW SELL 100@1000700 id=6 orig=0"),
            orders.subList(4, orders.size()));
    }

    @Test
    void shouldStartANewSessionWhenTheInstrumentIsDefinedAgain()
    {
        quoteAapl();
        orders.clear();

        feed(frames.instrumentDefinition(T + 3, AAPL, TICK));
        assertEquals(NULL_PRICE, maker().bidQuotePrice(AAPL));
        assertEquals(0, trading.book(AAPL).orderCount());
        assertEquals(0, trading.fillSimulator().restingCount());
        feed(frames.addOrder(T + 4, AAPL, 1, BUY, 1_000_100, 300));
        feed(frames.addOrder(T + 5, AAPL, 2, SELL, 1_001_000, 300));

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000400 id=3 orig=0",
            "1 7 NEW SELL 100@1000800 id=4 orig=0"),
            orders);
    }

    @Test
    void shouldQuoteInstrumentsIndependentlyWithOneClientOrderIdSequence()
    {
        quoteAapl();
        // MSFT has no definition: tick 1; microprice 300,000 + 10 * 100 / 200 = 300,005: quotes 300,003 / 300,007
        feed(frames.addOrder(T + 3, MSFT, 1, BUY, 300_000, 100));
        feed(frames.addOrder(T + 4, MSFT, 2, SELL, 300_010, 100));
        feed(frames.tradingStatus(T + 5, MSFT, TradingState.HALTED));

        assertEquals(List.of(
            "1 8 NEW BUY 100@300003 id=3 orig=0",
            "1 8 NEW SELL 100@300007 id=4 orig=0",
            "1 8 CANCEL BUY 0@300003 id=5 orig=3",
            "1 8 CANCEL SELL 0@300007 id=6 orig=4"),
            orders.subList(2, orders.size()));
        assertEquals(1_000_300, maker().bidQuotePrice(AAPL));
    }

    @Test
    void shouldCancelAQuoteTheRiskGateWillNotMoveAndQuoteAfreshWhenItWill()
    {
        config.risk().priceCollarBps(5);
        quoteAapl();

        // the ask goes to 1,003,000 x 300: microprice and mid 1,001,500, the collar 500.75 either side of it:
        // bid 1,001,300 and ask 1,001,700 pass
        feed(frames.addOrder(T + 2 + INTERVAL, AAPL, 3, SELL, 1_003_000, 300));
        feed(frames.orderDeleted(T + 2 + INTERVAL, AAPL, 2));
        assertEquals(List.of(
            "1 7 REPLACE BUY 100@1001300 id=3 orig=1",
            "1 7 REPLACE SELL 100@1001700 id=4 orig=2"),
            orders.subList(2, orders.size()));

        // a thin bid at 1,002,000 x 1 against ask 1,003,000 x 300: microprice 1,002,000 + 1000 * 1 / 301 -> 1,002,000;
        // bid target 1,001,800 is 700 under the mid 1,002,500: over 5 bps (501.25) - rejected, so the quote is
        // cancelled; the ask target 1,002,200 is 300 under it: moved
        feed(frames.addOrder(T + 2 + 2 * INTERVAL, AAPL, 4, BUY, 1_002_000, 1));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1001300 id=5 orig=3",
            "1 7 REPLACE SELL 100@1002200 id=6 orig=4"),
            orders.subList(4, orders.size()));
        assertEquals(1, trading.ordersRejected(MarketMaker.STRATEGY_ID, RiskReject.PRICE_COLLAR));
        assertEquals(1, trading.ordersRejected(MarketMaker.STRATEGY_ID));
        assertEquals(6, trading.ordersSent(MarketMaker.STRATEGY_ID));
    }

    @Test
    void shouldHoldAnInstrumentToItsOwnLimitsBySymbol()
    {
        // TestFrames defines every instrument as TEST
        config.instrumentRisk("TEST").maxOrderQuantity(99);
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));
        // MSFT is never defined: the defaults
        feed(frames.addOrder(T + 3, MSFT, 1, BUY, 300_000, 100));
        feed(frames.addOrder(T + 4, MSFT, 2, SELL, 300_010, 100));

        assertEquals(List.of(
            "1 8 NEW BUY 100@300003 id=1 orig=0",
            "1 8 NEW SELL 100@300007 id=2 orig=0"),
            orders);
        assertEquals(2, trading.ordersRejected(MarketMaker.STRATEGY_ID, RiskReject.MAX_ORDER_QUANTITY));
    }

    @Test
    void shouldStillCancelQuotesOnceTheKillSwitchIsTripped()
    {
        quoteAapl();
        trading.riskGate().trip();
        // both targets move: both replaces rejected, so the maker cancels the quotes it can no longer move, and the
        // cancels pass; the halt then has nothing left to cancel
        feed(frames.addOrder(T + 2 + INTERVAL, AAPL, 3, BUY, 1_000_800, 300));
        feed(frames.tradingStatus(T + 3 + INTERVAL, AAPL, TradingState.HALTED));

        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()));
        assertEquals(2, trading.ordersRejected(MarketMaker.STRATEGY_ID, RiskReject.KILL_SWITCH));
    }

    @Test
    void shouldQuoteOnlyTheInstrumentsItsConfigurationNames()
    {
        config.marketMaker().instruments("MSFT, IBM");
        feed(frames.instrumentDefinition(T, AAPL, TICK, "AAPL", 4));
        feed(frames.instrumentDefinition(T, MSFT, TICK, "MSFT", 4));
        bidAndAsk(T + 1, AAPL, 1);
        bidAndAsk(T + 3, MSFT, 1);
        // never defined, so no symbol: not named
        bidAndAsk(T + 5, UNDEFINED, 1);
        feed(frames.tradingStatus(T + 7, AAPL, TradingState.HALTED));

        assertEquals(List.of(
            "1 8 NEW BUY 100@1000300 id=1 orig=0",
            "1 8 NEW SELL 100@1000700 id=2 orig=0"),
            orders);
        assertEquals(NULL_PRICE, maker().bidQuotePrice(AAPL));
        assertEquals(NULL_PRICE, maker().askQuotePrice(UNDEFINED));
        assertEquals(1_000_300, maker().bidQuotePrice(MSFT));

        // each definition decides again: AAPL's id now carries a named symbol, MSFT's one that is not
        feed(frames.instrumentDefinition(T + 8, AAPL, TICK, "IBM", 4));
        feed(frames.instrumentDefinition(T + 8, MSFT, TICK, "AAPL", 4));
        bidAndAsk(T + 9, AAPL, 3);
        bidAndAsk(T + 11, MSFT, 3);

        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=3 orig=0",
            "1 7 NEW SELL 100@1000700 id=4 orig=0"),
            orders.subList(2, orders.size()));
        assertEquals(NULL_PRICE, maker().bidQuotePrice(MSFT), "its quotes went with its session");
    }

    @Test
    void shouldKeepQuotingOnlyTheNamedInstrumentsAfterARestore()
    {
        config.marketMaker().instruments("MSFT");
        feed(frames.instrumentDefinition(T, AAPL, TICK, "AAPL", 4));
        feed(frames.instrumentDefinition(T, MSFT, TICK, "MSFT", 4));
        bidAndAsk(T + 1, AAPL, 1);
        bidAndAsk(T + 3, MSFT, 1);
        final org.agrona.ExpandableArrayBuffer state = new org.agrona.ExpandableArrayBuffer(4096);
        final int length = trading.encodeState(state, 0);
        final Trading restored = new Trading(config);
        assertEquals(length, restored.restoreState(state, 0, length));

        final List<String> original = new ArrayList<>(orders);
        for (final Trading handler : new Trading[]{ restored, trading })
        {
            orders.clear();
            trading = handler;
            feed(frames.addOrder(T + 5 + INTERVAL, AAPL, 3, BUY, 1_000_800, 300));
            // bid 1,000,800 x 300, ask 1,000,900 x 300: microprice 1,000,850, half up 1,000,900
            feed(frames.addOrder(T + 6 + INTERVAL, MSFT, 3, BUY, 1_000_800, 300));
            assertEquals(List.of(
                "1 8 REPLACE BUY 100@1000700 id=3 orig=1",
                "1 8 REPLACE SELL 100@1001100 id=4 orig=2"),
                orders);
        }
        assertEquals(List.of(
            "1 8 NEW BUY 100@1000300 id=1 orig=0",
            "1 8 NEW SELL 100@1000700 id=2 orig=0"),
            original);
    }

    /** Bid 1,000,000 x 300 and ask 1,000,900 x 300, orders orderId and orderId + 1: quotes 1,000,300 / 1,000,700. */
    private void bidAndAsk(final long time, final int instrumentId, final long orderId)
    {
        feed(frames.addOrder(time, instrumentId, orderId, BUY, 1_000_000, 300));
        feed(frames.addOrder(time + 1, instrumentId, orderId + 1, SELL, 1_000_900, 300));
    }

    private MarketMaker maker()
    {
        return trading.marketMaker();
    }
}
