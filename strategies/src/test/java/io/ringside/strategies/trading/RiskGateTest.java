package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.book.OrderBook;
import org.junit.jupiter.api.Test;

import static io.ringside.codecs.sbe.OrderAction.CANCEL;
import static io.ringside.codecs.sbe.OrderAction.NEW;
import static io.ringside.codecs.sbe.OrderAction.REPLACE;
import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each check of the {@link RiskGate} passes an order that reaches its limit exactly and rejects one a unit over it.
 * The book: bid 1,000,000, ask 1,000,200, mid 1,000,100; price scale 4. Unless a test says otherwise every other
 * limit is wide.
 */
final class RiskGateTest
{
    private static final int MM = MarketMaker.STRATEGY_ID;
    private static final int OFI = OrderFlowImbalanceTaker.STRATEGY_ID;
    private static final long T = 1_340_285_400_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final TradingConfig config = new TradingConfig().maxOrdersPerSecond(100_000);
    private final FillSimulator simulator = new FillSimulator((s, i, id, side, price, quantity, remaining) -> {});
    private final OrderBook book = new OrderBook(7, 16);
    private InstrumentState instrument;
    private RiskGate gate;

    RiskGateTest()
    {
        config.risk().maxOrderQuantity(1_000_000).maxPosition(1_000_000).maxNotional(1_000_000_000)
            .priceCollarBps(10_000);
        book.add(1, BUY, 1_000_000, 100);
        book.add(2, SELL, 1_000_200, 100);
    }

    @Test
    void shouldRejectAnOrderOverTheMaximumQuantity()
    {
        config.risk().maxOrderQuantity(500);
        assertNull(check(MM, NEW, BUY, 1_000_000, 500));
        assertEquals(RiskReject.MAX_ORDER_QUANTITY, check(MM, NEW, BUY, 1_000_000, 501));
        assertEquals(RiskReject.MAX_ORDER_QUANTITY, check(MM, REPLACE, SELL, 1_000_200, 501));
        assertEquals(2, gate.rejected(MM, RiskReject.MAX_ORDER_QUANTITY));
        assertEquals(2, gate.rejected(MM));
        assertEquals(0, gate.rejected(OFI));
        assertEquals(1, gate.passed(MM));
    }

    @Test
    void shouldRejectAPriceOutsideTheCollarAroundTheMid()
    {
        // 10 bps of 1,000,100 is 1,000.1
        config.risk().priceCollarBps(10);
        assertNull(check(MM, NEW, SELL, 1_001_100, 1));
        assertEquals(RiskReject.PRICE_COLLAR, check(MM, NEW, SELL, 1_001_101, 1));
        assertNull(check(MM, NEW, BUY, 999_100, 1));
        assertEquals(RiskReject.PRICE_COLLAR, check(MM, NEW, BUY, 999_099, 1));
        assertEquals(2, gate.rejected(MM, RiskReject.PRICE_COLLAR));
    }

    @Test
    void shouldRejectAnyPriceWithoutATwoSidedBookToJudgeIt()
    {
        book.delete(2, OrderBook.NULL_PRICE, OrderBook.NULL_QUANTITY, Side.NULL_VAL);
        assertEquals(RiskReject.PRICE_COLLAR, check(MM, NEW, BUY, 1_000_000, 1));
        instrument.book = null;
        assertEquals(RiskReject.PRICE_COLLAR, check(MM, NEW, BUY, 1_000_000, 1));
    }

    @Test
    void shouldCountOpenOrdersOnTheSideAndThePositionTowardsTheMaximumPosition()
    {
        config.risk().maxPosition(300);
        gate(); // the instrument's limits are taken at creation
        simulator.rest(MM, 7, BUY, 999_000, 100, 41);
        simulator.rest(MM, 7, SELL, 1_001_000, 250, 42);
        simulator.rest(OFI, 7, BUY, 999_000, 300, 1); // another strategy's: not counted
        // open buys 100: a buy of 200 reaches 300
        assertNull(check(MM, NEW, BUY, 1_000_000, 200));
        assertEquals(RiskReject.MAX_POSITION, check(MM, NEW, BUY, 1_000_000, 201));
        // a replace of order 41 leaves it out: 300 alone reaches the limit
        assertNull(check(MM, REPLACE, BUY, 1_000_000, 300, 41));
        assertEquals(RiskReject.MAX_POSITION, check(MM, REPLACE, BUY, 1_000_000, 301, 41));
        // open sells 250: a sell of 50 reaches 300, 51 passes it
        assertNull(check(MM, NEW, SELL, 1_000_200, 50));
        assertEquals(RiskReject.MAX_POSITION, check(MM, NEW, SELL, 1_000_200, 51));

        // long 100 (bought 100 at the ask): a sell may now be 100 larger, a buy 100 smaller
        simulator.execute(MM, 7, book, BUY, 1_000_200, 100, 43);
        assertEquals(100, simulator.position(MM, 7));
        assertNull(check(MM, NEW, SELL, 1_000_200, 150));
        assertEquals(RiskReject.MAX_POSITION, check(MM, NEW, SELL, 1_000_200, 151));
        assertNull(check(MM, NEW, BUY, 1_000_000, 100));
        assertEquals(RiskReject.MAX_POSITION, check(MM, NEW, BUY, 1_000_000, 101));
        assertEquals(5, gate.rejected(MM, RiskReject.MAX_POSITION));
    }

    @Test
    void shouldRejectAWorstCaseNotionalOverTheLimitInCurrencyUnits()
    {
        // 300 currency units at price scale 4: 3,000,000; three at 100.0000 reach it exactly
        config.risk().maxNotional(300);
        assertNull(check(MM, NEW, BUY, 1_000_000, 3));
        assertEquals(RiskReject.MAX_NOTIONAL, check(MM, NEW, BUY, 1_000_001, 3));
        assertEquals(RiskReject.MAX_NOTIONAL, check(MM, NEW, BUY, 1_000_000, 4));
        assertEquals(2, gate.rejected(MM, RiskReject.MAX_NOTIONAL));
    }

    @Test
    void shouldThrottleEachStrategyToItsOrdersPerSecondOfEventTime()
    {
        config.maxOrdersPerSecond(3);
        assertNull(check(MM, NEW, BUY, 1_000_000, 1, 0, T));
        assertNull(check(MM, NEW, BUY, 1_000_000, 1, 0, T + 1));
        assertNull(check(MM, NEW, BUY, 1_000_000, 1, 0, T + 2));
        assertEquals(RiskReject.ORDER_RATE, check(MM, NEW, BUY, 1_000_000, 1, 0, T + SECOND - 1));
        // cancels pass and do not count; the other strategy has its own rate
        assertNull(check(MM, CANCEL, BUY, 1_000_000, 0, 5, T + SECOND - 1));
        assertNull(check(OFI, NEW, BUY, 1_000_000, 1, 0, T + SECOND - 1));
        // a second after the first, it has left the window
        assertNull(check(MM, NEW, BUY, 1_000_000, 1, 0, T + SECOND));
        assertEquals(RiskReject.ORDER_RATE, check(MM, NEW, BUY, 1_000_000, 1, 0, T + SECOND));
        assertNull(check(MM, NEW, BUY, 1_000_000, 1, 0, T + SECOND + 1));
        assertEquals(2, gate.rejected(MM, RiskReject.ORDER_RATE));
        assertEquals(5, gate.passed(MM));
    }

    @Test
    void shouldRejectEverythingButCancelsOnceTheKillSwitchIsTripped()
    {
        check(MM, NEW, BUY, 1_000_000, 1);
        assertFalse(gate.isTripped());
        gate.trip();
        assertTrue(gate.isTripped());
        assertEquals(RiskReject.KILL_SWITCH, check(MM, NEW, BUY, 1_000_000, 1));
        assertEquals(RiskReject.KILL_SWITCH, check(OFI, REPLACE, SELL, 1_000_200, 1, 3, T));
        assertNull(check(MM, CANCEL, BUY, 1_000_000, 0, 1, T));
        gate.reset();
        assertNull(check(MM, NEW, BUY, 1_000_000, 1));
        assertEquals(1, gate.rejected(MM, RiskReject.KILL_SWITCH));
        assertEquals(1, gate.rejected(OFI, RiskReject.KILL_SWITCH));
    }

    @Test
    void shouldStartTrippedFromConfigurationAndCheckTheKillSwitchFirst()
    {
        config.killSwitch(true).risk().maxOrderQuantity(1);
        assertTrue(gate().isTripped());
        assertEquals(RiskReject.KILL_SWITCH, check(MM, NEW, BUY, 1_000_000, 5));
        assertNull(check(MM, CANCEL, BUY, 1_000_000, 0, 1, T));
    }

    @Test
    void shouldTakeAnInstrumentsOwnLimitsBySymbolAndTheDefaultsForTheRest()
    {
        config.risk().maxOrderQuantity(500);
        config.instrumentRisk("AAPL").maxOrderQuantity(50);
        config.conclude();
        gate();
        instrument.limits = config.riskFor("AAPL");
        assertNull(check(MM, NEW, BUY, 1_000_000, 50));
        assertEquals(RiskReject.MAX_ORDER_QUANTITY, check(MM, NEW, BUY, 1_000_000, 51));
        instrument.limits = config.riskFor("MSFT");
        assertNull(check(MM, NEW, BUY, 1_000_000, 500));
        assertEquals(RiskReject.MAX_ORDER_QUANTITY, check(MM, NEW, BUY, 1_000_000, 501));
    }

    private RiskGate gate()
    {
        config.conclude();
        gate = new RiskGate(config, simulator, Trading.MAX_STRATEGY_ID);
        instrument = new InstrumentState(7, config.risk());
        instrument.book = book;
        return gate;
    }

    private RiskReject check(final int strategyId, final OrderAction action, final Side side, final long price,
        final long quantity)
    {
        return check(strategyId, action, side, price, quantity, 0, T);
    }

    private RiskReject check(final int strategyId, final OrderAction action, final Side side, final long price,
        final long quantity, final long original)
    {
        return check(strategyId, action, side, price, quantity, original, T);
    }

    private RiskReject check(final int strategyId, final OrderAction action, final Side side, final long price,
        final long quantity, final long original, final long time)
    {
        if (null == gate)
        {
            gate();
        }
        return gate.check(strategyId, instrument, action, side, price, quantity, original, time);
    }
}
