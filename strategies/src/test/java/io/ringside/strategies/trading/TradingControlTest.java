package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.TradingState;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time and commands through {@link Trading#onFrame}, every order asserted: the market maker withdraws its quotes at a
 * Timer past stale-after-ns and on a halt, and quotes again at the next market event; kill switches and enabling per
 * strategy or for all; settings changed at runtime; the runtime state through a snapshot. Quotes as in
 * {@link MarketMakerTest}: the book 1,000,000 x 300 / 1,000,900 x 300 quotes 1,000,300 / 1,000,700.
 */
final class TradingControlTest extends TradingFeed
{
    private static final long STALE = MarketMakerConfig.DEFAULT_STALE_AFTER_NS;
    private static final int MM = MarketMaker.STRATEGY_ID;
    private static final int OFI = OrderFlowImbalanceTaker.STRATEGY_ID;


    @Test
    void aTimerPastStaleAfterCancelsTheQuotesAndTheNextMarketEventQuotesAgain()
    {
        quoteAapl();
        feed(frames.timer(T + 2 + STALE - 1));
        assertEquals(2, orders.size(), "not stale yet");

        feed(frames.timer(T + 2 + STALE));
        feed(frames.timer(T + 2 + STALE + 1_000));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()), "once");
        assertEquals(0, trading.fillSimulator().restingCount());

        feed(frames.orderCancelled(T + 2 * STALE, AAPL, 1, 100)); // bid 1,000,000 x 200: microprice 1,000,400
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=5 orig=0",
            "1 7 NEW SELL 100@1000600 id=6 orig=0"),
            orders.subList(4, orders.size()));
        assertEquals(T + 2 * STALE, trading.clock());
    }

    @Test
    void aTimerBehindTheClockJudgesAtTheClock()
    {
        config.marketMaker().staleAfterNs(10 * INTERVAL);
        quoteAapl();
        feed(frames.addOrder(T + 20 * INTERVAL, AAPL, 3, BUY, 999_000, 100)); // not at the top: no move
        feed(frames.timer(T + 5 * INTERVAL));
        assertEquals(2, orders.size());
        assertEquals(T + 20 * INTERVAL, trading.clock());
        feed(frames.timer(T + 30 * INTERVAL));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()));
    }

    @Test
    void aHaltCancelsTheQuotesAndTheyComeBackWhenTradingResumes()
    {
        quoteAapl();
        feed(frames.tradingStatus(T + 3, AAPL, TradingState.PAUSED));
        feed(frames.addOrder(T + 4, AAPL, 3, BUY, 999_000, 100));
        feed(frames.tradingStatus(T + 5, AAPL, TradingState.TRADING));
        feed(frames.addOrder(T + 6, AAPL, 4, BUY, 998_000, 100));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2",
            "1 7 NEW BUY 100@1000300 id=5 orig=0",
            "1 7 NEW SELL 100@1000700 id=6 orig=0"),
            orders.subList(2, orders.size()));
    }

    @Test
    void aKillSwitchForOneStrategyCancelsItsOrdersAndStopsOnlyIt()
    {
        quoteAapl();
        final long ofiOrder = trading.submit(OFI, AAPL, OrderAction.NEW, BUY, 999_900, 50, 0, T + 3, sink);
        assertEquals(1, ofiOrder);

        command(ControlAction.KILL_SWITCH_ON, MM);
        assertEquals(ControlResult.APPLIED.value(), trading.lastControlResult());
        assertTrue(trading.riskGate().isTripped(MM));
        assertFalse(trading.riskGate().isTripped(OFI));
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_100, 300));
        assertEquals(List.of(
            "2 7 NEW BUY 50@999900 id=1 orig=0",
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()), "the market maker's quotes only; it sends nothing after");
        assertEquals(2, trading.ordersRejected(MM, RiskReject.KILL_SWITCH), "it tried: bid and ask");
        assertEquals(50, trading.fillSimulator().restingQuantity(OFI, ofiOrder));

        command(ControlAction.KILL_SWITCH_OFF, MM);
        feed(frames.addOrder(T + 3 * INTERVAL, AAPL, 4, BUY, 998_000, 100));
        // bid 1,000,100 x 300, ask 1,000,900 x 300: microprice 1,000,500
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=5 orig=0",
            "1 7 NEW SELL 100@1000700 id=6 orig=0"),
            orders.subList(5, orders.size()));
    }

    @Test
    void aKillSwitchForAllCancelsEveryStrategysRestingOrders()
    {
        quoteAapl();
        trading.submit(OFI, AAPL, OrderAction.NEW, BUY, 999_900, 50, 0, T + 3, sink);
        trading.submit(OFI, AAPL, OrderAction.NEW, SELL, 1_000_800, 60, 0, T + 3, sink);

        command(ControlAction.KILL_SWITCH_ON, 0);
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2",
            "2 7 CANCEL BUY 0@999900 id=3 orig=1",
            "2 7 CANCEL SELL 0@1000800 id=4 orig=2"),
            orders.subList(4, orders.size()));
        assertTrue(trading.riskGate().isTripped());
        assertEquals(0, trading.fillSimulator().restingCount());
        assertEquals(-1L, trading.submit(OFI, AAPL, OrderAction.NEW, BUY, 999_900, 50, 0, T + 4, sink) - 1,
            "rejected");

        command(ControlAction.KILL_SWITCH_OFF, 0);
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 998_000, 100));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=5 orig=0",
            "1 7 NEW SELL 100@1000700 id=6 orig=0"),
            orders.subList(8, orders.size()));
    }

    @Test
    void aDisabledStrategyCancelsAndStopsAndAnEnabledOneQuotesAtTheNextEvent()
    {
        quoteAapl();
        command(ControlAction.STRATEGY_DISABLE, MM);
        assertFalse(trading.isEnabled(MM));
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_100, 300));
        feed(frames.timer(T + STALE * 2));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()));
        assertEquals(0, trading.ordersRejected(MM), "it does not even try");

        command(ControlAction.STRATEGY_ENABLE, MM);
        assertEquals(4, orders.size(), "nothing until the next event");
        feed(frames.addOrder(T + STALE * 2 + 1, AAPL, 4, BUY, 998_000, 100));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=5 orig=0",
            "1 7 NEW SELL 100@1000700 id=6 orig=0"),
            orders.subList(4, orders.size()));

        command(ControlAction.STRATEGY_DISABLE, 3);
        assertEquals(ControlResult.BAD_VALUE.value(), trading.lastControlResult());
        command(ControlAction.SNAPSHOT, 0);
        assertEquals(ControlResult.NOT_AVAILABLE.value(), trading.lastControlResult());
    }

    @Test
    void aNewMaxPositionRefusesTheNextOrder()
    {
        quoteAapl();
        // as the engine does a SET: the value before, the config, the hook, the command
        final String key = "risk.max-position";
        assertEquals(1_000_000, trading.settingValue(key));
        config.risk().maxPosition(50);
        trading.settingsChanged();
        feed(frames.controlCommand(T + 3, ControlAction.SET, 0, key, 50));
        assertEquals(ControlResult.APPLIED.value(), trading.lastControlResult());
        assertEquals(50, trading.lastControlPreviousValue());

        // the microprice moves a tick (bid 1,000,300 x 300: 1,000,600): both replaces would reach a worst case of
        // 100 > 50; each quote the gate will not move is cancelled
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_300, 300));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()));
        assertEquals(2, trading.ordersRejected(MM, RiskReject.MAX_POSITION));
        assertEquals(2, trading.ordersRejected(MM));
    }

    @Test
    void anInstrumentOverrideFollowsTheDefaultsItDoesNotSet()
    {
        config.instrumentRisk("AAPL").maxOrderQuantity(500);
        quoteAapl();
        assertEquals(1_000_000, trading.settingValue("instrument.AAPL.risk.max-position"));
        config.risk().maxPosition(50);
        trading.settingsChanged();
        assertEquals(50, trading.settingValue("instrument.AAPL.risk.max-position"));
        assertEquals(500, trading.settingValue("instrument.AAPL.risk.max-order-quantity"));
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 1_000_300, 300));
        assertEquals(2, trading.ordersRejected(MM, RiskReject.MAX_POSITION));
    }

    @Test
    void aConfiguredKillSwitchSetAtRuntimeCancelsAtTheNextFrameAndOnlyAChangeActs()
    {
        quoteAapl();
        command(ControlAction.KILL_SWITCH_ON, OFI);
        config.killSwitch(true);
        trading.settingsChanged();
        assertEquals(2, orders.size(), "no sink yet");
        feed(frames.timer(T + 3));
        assertEquals(List.of(
            "1 7 CANCEL BUY 0@1000300 id=3 orig=1",
            "1 7 CANCEL SELL 0@1000700 id=4 orig=2"),
            orders.subList(2, orders.size()));
        assertTrue(trading.riskGate().isTripped());

        config.killSwitch(false);
        trading.settingsChanged();
        assertFalse(trading.riskGate().isTripped(MM));
        assertFalse(trading.riskGate().isTripped(OFI), "the configured value, applied to all");
        command(ControlAction.KILL_SWITCH_ON, OFI);
        config.marketMaker().halfSpreadTicks(3);
        trading.settingsChanged();
        assertTrue(trading.riskGate().isTripped(OFI), "a SET of another key leaves the command's state");

        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 998_000, 100));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000200 id=5 orig=0",
            "1 7 NEW SELL 100@1000800 id=6 orig=0"),
            orders.subList(4, orders.size()), "three ticks from the microprice now");

        config.marketMaker().quoteQuantity(-1);
        assertThrows(IllegalArgumentException.class, trading::settingsChanged);
        assertEquals(ControlResult.UNKNOWN_SETTING.value(), set("surveillance.size.enabled"));
        assertEquals(ControlResult.NOT_AVAILABLE.value(), set("risk.max-orders-per-second"));
        assertEquals(100_000, trading.lastControlPreviousValue());
        assertEquals(ControlResult.NOT_AVAILABLE.value(), set("strategy.market-maker.instruments"));
        assertEquals(Trading.NO_SETTING, trading.settingValue("strategy.market-maker.nope"));
        assertEquals(STALE, trading.settingValue("strategy.market-maker.stale-after-ns"));
    }

    @Test
    void theRuntimeStateAndTheTimeStateSurviveASnapshot()
    {
        config.ofiTaker().enabled(true);
        quoteAapl();
        command(ControlAction.KILL_SWITCH_ON, MM);
        command(ControlAction.STRATEGY_DISABLE, OFI);
        feed(frames.timer(T + 10));
        final byte[] snapshot = encode(trading);

        // restored into a Trading configured otherwise: the snapshot's state wins
        final TradingConfig other = wideRisk(new TradingConfig());
        other.ofiTaker().enabled(true);
        other.killSwitch(true);
        final Trading restored = new Trading(other);
        assertEquals(snapshot.length, restored.restoreState(new UnsafeBuffer(snapshot), 0, snapshot.length));
        assertArrayEquals(snapshot, encode(restored));
        assertTrue(restored.riskGate().isTripped(MM));
        assertFalse(restored.riskGate().isTripped(OFI));
        assertFalse(restored.isEnabled(OFI));
        assertTrue(restored.isEnabled(MM));
        assertEquals(T + 10, restored.clock());

        // and both go on alike: kill switch off, then silence past stale-after (the quotes are gone already, so
        // quote again first)
        final List<String> original = new ArrayList<>(orders);
        orders.clear();
        command(ControlAction.KILL_SWITCH_OFF, MM);
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 998_000, 100));
        feed(frames.timer(T + 2 * INTERVAL + STALE));
        final List<String> originalTail = new ArrayList<>(orders);
        final Trading kept = trading;
        trading = restored;
        orders.clear();
        command(ControlAction.KILL_SWITCH_OFF, MM);
        feed(frames.addOrder(T + 2 * INTERVAL, AAPL, 3, BUY, 998_000, 100));
        feed(frames.timer(T + 2 * INTERVAL + STALE));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=5 orig=0",
            "1 7 NEW SELL 100@1000700 id=6 orig=0",
            "1 7 CANCEL BUY 0@1000300 id=7 orig=5",
            "1 7 CANCEL SELL 0@1000700 id=8 orig=6"),
            orders);
        assertEquals(originalTail, orders);
        assertArrayEquals(encode(kept), encode(restored));
        assertEquals(4, original.size());
    }

    private int set(final String key)
    {
        feed(frames.controlCommand(T, ControlAction.SET, 0, key, 1));
        return trading.lastControlResult();
    }

    private void command(final ControlAction action, final int strategyId)
    {
        feed(frames.controlCommand(T, action, strategyId, null, 0));
    }

    private static byte[] encode(final Trading trading)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final int length = trading.encodeState(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
