package io.ringside.strategies.trading;

import io.ringside.codecs.FrameCheck;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.TestFrames;
import io.ringside.strategies.book.OrderBook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real SBE frames through {@link Trading#onFrame} with only the imbalance taker on: top 2 levels, threshold 5000 bps,
 * 100 a trade, held 10 ms, stopped at 3 ticks (300) against it, 5 ms cooldown; AAPL's tick is 100; risk limits wide.
 */
final class OrderFlowImbalanceTakerTest
{
    private static final int AAPL = 7;
    private static final int MSFT = 8;
    private static final int UNDEFINED = 9;
    private static final long TICK = 100;
    private static final long MS = 1_000_000;
    private static final long HOLD = 10 * MS;
    private static final long COOLDOWN = 5 * MS;
    private static final long T = 1_340_285_400_000_000_000L;
    private static final int OFI = OrderFlowImbalanceTaker.STRATEGY_ID;

    private final TestFrames frames = new TestFrames();
    private final List<String> orders = new ArrayList<>();
    private final OrderSink sink = (strategyId, instrumentId, action, side, price, quantity, clientOrderId,
        originalClientOrderId) -> orders.add(strategyId + " " + instrumentId + " " + action + " " + side + " " +
        quantity + "@" + price + " id=" + clientOrderId + " orig=" + originalClientOrderId);
    private final TradingConfig config = new TradingConfig();
    private Trading trading;

    OrderFlowImbalanceTakerTest()
    {
        TradingFeed.wideRisk(config);
        config.marketMaker().enabled(false);
        config.ofiTaker().enabled(true).depth(2).thresholdBps(5_000).orderQuantity(100).holdingPeriodNs(HOLD)
            .stopTicks(3).cooldownNs(COOLDOWN);
    }

    @Test
    void shouldMeasureTheImbalanceOfTheTopLevelsInBasisPoints()
    {
        final OrderBook book = new OrderBook(AAPL, 16);
        assertEquals(0, OrderFlowImbalanceTaker.imbalanceBps(book, 2), "empty");
        book.add(1, BUY, 1_000_000, 100);
        assertEquals(0, OrderFlowImbalanceTaker.imbalanceBps(book, 2), "one-sided");
        book.add(2, SELL, 1_000_100, 100);
        book.add(3, BUY, 999_900, 200);
        book.add(4, BUY, 999_800, 5_000); // third level: beyond depth 2
        book.add(5, SELL, 1_000_300, 99);
        // (300 - 199) * 10000 / 499 = 2024.04 -> 2024
        assertEquals(2_024, OrderFlowImbalanceTaker.imbalanceBps(book, 2));
        // (5300 - 199) * 10000 / 5499 = 9276.2 -> 9276
        assertEquals(9_276, OrderFlowImbalanceTaker.imbalanceBps(book, 3));
        // (100 - 100) / 200
        assertEquals(0, OrderFlowImbalanceTaker.imbalanceBps(book, 1));
        book.add(6, SELL, 1_000_100, 401);
        // (300 - 600) * 10000 / 900 = -3333.3 -> -3333 (truncated towards zero)
        assertEquals(-3_333, OrderFlowImbalanceTaker.imbalanceBps(book, 2));
    }

    @Test
    void shouldBuyAtTheAskAtTheThresholdHoldThenExitAtTheBid()
    {
        twoSided();
        // bids 100 + 199 against asks 100: (299 - 100) / 399 = 4987 bps, just under
        feed(frames.addOrder(T + 3, AAPL, 3, BUY, 999_900, 199));
        assertEquals(List.of(), orders);
        // bids 300: (300 - 100) / 400 = 5000, at the threshold: buy 100 at the ask, filled there
        final long entry = T + 4;
        feed(frames.addOrder(entry, AAPL, 4, BUY, 999_900, 1));
        assertEquals(List.of("2 7 NEW BUY 100@1000100 id=1 orig=0"), orders);
        assertEquals(100, trading.position(OFI, AAPL));
        assertEquals(1, trading.fills(OFI));

        // held: the imbalance stays over the threshold, no second entry; 1 ns short of the holding period, nothing
        feed(frames.addOrder(entry + HOLD - 1, AAPL, 5, SELL, 1_000_500, 50));
        assertEquals(1, orders.size());

        // the holding period is over: sell the 100 at the bid, filled there
        feed(frames.addOrder(entry + HOLD, AAPL, 6, BUY, 990_000, 1));
        assertEquals(List.of(
            "2 7 NEW BUY 100@1000100 id=1 orig=0",
            "2 7 NEW SELL 100@1000000 id=2 orig=0"),
            orders);
        assertEquals(0, trading.position(OFI, AAPL));
        assertEquals(-100 * TICK, trading.realisedPnl(OFI));
        assertEquals(0, trading.unrealisedPnl(OFI));
        assertEquals(0, trading.ofiTaker().stops());
    }

    @Test
    void shouldSellAtTheBidOnTheOtherSide()
    {
        twoSided();
        // asks 100 + 299 against bids 100: (100 - 399) / 499 = -5992: sell 100 at the bid
        feed(frames.addOrder(T + 3, AAPL, 3, SELL, 1_000_200, 299));
        assertEquals(List.of("2 7 NEW SELL 100@1000000 id=1 orig=0"), orders);
        assertEquals(-100, trading.position(OFI, AAPL));
    }

    @Test
    void shouldWaitTheCooldownAfterClosingBeforeTheNextEntry()
    {
        twoSided();
        feed(frames.addOrder(T + 3, AAPL, 3, BUY, 999_900, 200)); // 5000 bps: buy
        final long exit = T + 3 + HOLD;
        feed(frames.addOrder(exit, AAPL, 4, BUY, 990_000, 1)); // the holding period is over: sell
        assertEquals(2, orders.size());
        assertEquals(0, trading.position(OFI, AAPL));

        // still 5000 bps, but cooling down until exit + 5 ms
        feed(frames.addOrder(exit + COOLDOWN - 1, AAPL, 5, BUY, 990_000, 1));
        assertEquals(2, orders.size());
        feed(frames.addOrder(exit + COOLDOWN, AAPL, 6, BUY, 990_000, 1));
        assertEquals(List.of(
            "2 7 NEW BUY 100@1000100 id=1 orig=0",
            "2 7 NEW SELL 100@1000000 id=2 orig=0",
            "2 7 NEW BUY 100@1000100 id=3 orig=0"),
            orders);
        assertEquals(2, trading.ofiTaker().entries());
    }

    @Test
    void shouldExitEarlyWhenTheMidMovesTheStopAgainstThePosition()
    {
        twoSided();
        feed(frames.addOrder(T + 3, AAPL, 3, BUY, 999_900, 200)); // bought 100 at 1,000,100
        feed(frames.addOrder(T + 4, AAPL, 4, BUY, 999_500, 100));

        // bid 999,900, ask 1,000,100: mid 1,000,000, 1 tick against the average 1,000,100
        feed(frames.orderDeleted(T + 5, AAPL, 1));
        // bid 999,500: mid 999,800, 3 ticks against: stopped, sold at the bid, well inside the holding period
        feed(frames.orderDeleted(T + 6, AAPL, 3));

        assertEquals(List.of(
            "2 7 NEW BUY 100@1000100 id=1 orig=0",
            "2 7 NEW SELL 100@999500 id=2 orig=0"),
            orders);
        assertEquals(0, trading.position(OFI, AAPL));
        assertEquals(-600 * 100, trading.realisedPnl(OFI));
        assertEquals(1, trading.ofiTaker().stops());
    }

    @Test
    void shouldHoldWhenTheMidIsJustShortOfTheStop()
    {
        twoSided();
        feed(frames.addOrder(T + 3, AAPL, 3, BUY, 999_900, 200)); // bought 100 at 1,000,100
        feed(frames.addOrder(T + 4, AAPL, 4, BUY, 999_600, 100));
        feed(frames.orderDeleted(T + 5, AAPL, 1));
        // bid 999,600, ask 1,000,100: mid 999,850, 2.5 ticks against: held
        feed(frames.orderDeleted(T + 6, AAPL, 3));

        assertEquals(1, orders.size());
        assertEquals(100, trading.position(OFI, AAPL));
        // marked to the mid: 100 * (999,850 - 1,000,100)
        assertEquals(-25_000, trading.unrealisedPnl(OFI));
    }

    @Test
    void shouldCoolDownAfterAnEntryTheRiskGateRejected()
    {
        config.risk().maxOrderQuantity(99);
        twoSided();
        feed(frames.addOrder(T + 3, AAPL, 3, BUY, 999_900, 200));
        feed(frames.addOrder(T + 3 + COOLDOWN - 1, AAPL, 4, BUY, 990_000, 1));
        assertEquals(1, trading.ordersRejected(OFI, RiskReject.MAX_ORDER_QUANTITY));
        feed(frames.addOrder(T + 3 + COOLDOWN, AAPL, 5, BUY, 990_000, 1));

        assertEquals(List.of(), orders);
        assertEquals(2, trading.ordersRejected(OFI, RiskReject.MAX_ORDER_QUANTITY));
        assertEquals(2, trading.ordersRejected(OFI));
        assertEquals(0, trading.ordersSent(OFI));
    }

    @Test
    void shouldTakeOnlyWhatTheBookShowsAndHoldAPartialFill()
    {
        config.ofiTaker().orderQuantity(250);
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 3, SELL, 1_000_100, 60));
        feed(frames.addOrder(T + 1, AAPL, 2, SELL, 1_000_200, 500));
        feed(frames.addOrder(T + 2, AAPL, 1, BUY, 1_000_000, 900));
        // ask 1,000,100 x 60 first, 1,000,200 x 500 behind it: (900 - 560) / 1460 = 2328, under the threshold
        assertEquals(List.of(), orders);
        // the 500 leaves: (900 - 60) / 960 = 8750: buy 250 at the ask 1,000,100, whose limit reaches only the 60
        // shown there: 60 filled, the rest dropped
        feed(frames.orderDeleted(T + 3, AAPL, 2));
        assertEquals(List.of("2 7 NEW BUY 250@1000100 id=1 orig=0"), orders);
        assertEquals(60, trading.position(OFI, AAPL));
        assertEquals(60, trading.filledQuantity(OFI));
    }

    @Test
    void shouldTradeOnlyTheInstrumentsItsConfigurationNames()
    {
        config.ofiTaker().instruments("AAPL");
        feed(frames.instrumentDefinition(T, AAPL, TICK, "AAPL", 4));
        feed(frames.instrumentDefinition(T, MSFT, TICK, "MSFT", 4));
        for (final int instrument : new int[]{ MSFT, UNDEFINED, AAPL })
        {
            // bids 300 against asks 100: 5000 bps, at the threshold
            feed(frames.addOrder(T + 1, instrument, 1, BUY, 1_000_000, 300));
            feed(frames.addOrder(T + 2, instrument, 2, SELL, 1_000_100, 100));
        }

        assertEquals(List.of("2 7 NEW BUY 100@1000100 id=1 orig=0"), orders);
        assertEquals(100, trading.position(OFI));
        assertEquals(1, trading.ofiTaker().entries());
    }

    private void twoSided()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 100));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_100, 100));
        assertEquals(List.of(), orders);
    }

    private void feed(final int length)
    {
        if (null == trading)
        {
            trading = new Trading(config);
        }
        assertEquals(FrameCheck.OK, trading.onFrame(frames.buffer(), 0, length, sink));
    }
}
