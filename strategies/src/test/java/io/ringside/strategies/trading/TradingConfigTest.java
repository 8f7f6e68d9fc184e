package io.ringside.strategies.trading;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every setting out of range is refused at conclude(), by its configuration key. */
final class TradingConfigTest
{
    @Test
    void shouldNameTheBadSettingByItsKey()
    {
        assertRefused("strategy.market-maker.quote-quantity must be > 0: 0",
            (c) -> c.marketMaker().quoteQuantity(0));
        assertRefused("strategy.market-maker.half-spread-ticks must be >= 0: -1",
            (c) -> c.marketMaker().halfSpreadTicks(-1));
        assertRefused("strategy.market-maker.requote-ticks must be > 0: 0", (c) -> c.marketMaker().requoteTicks(0));
        assertRefused("strategy.market-maker.min-requote-interval-ns must be >= 0: -1",
            (c) -> c.marketMaker().minRequoteIntervalNs(-1));
        assertRefused("strategy.market-maker.skew-ticks-per-unit must be >= 0: -2",
            (c) -> c.marketMaker().skewTicksPerUnit(-2));
        assertRefused("strategy.market-maker.skew-unit must be > 0: 0", (c) -> c.marketMaker().skewUnit(0));
        assertRefused("strategy.market-maker.max-position must be >= 0: -1", (c) -> c.marketMaker().maxPosition(-1));
        assertRefused("strategy.market-maker.quote-max-age-ns must be > 0: 0",
            (c) -> c.marketMaker().quoteMaxAgeNs(0));
        assertRefused("strategy.ofi-taker.depth must be in 1..50: 0", (c) -> c.ofiTaker().depth(0));
        assertRefused("strategy.ofi-taker.depth must be in 1..50: 51", (c) -> c.ofiTaker().depth(51));
        assertRefused("strategy.ofi-taker.threshold-bps must be in 1..10000: 0", (c) -> c.ofiTaker().thresholdBps(0));
        assertRefused("strategy.ofi-taker.threshold-bps must be in 1..10000: 10001",
            (c) -> c.ofiTaker().thresholdBps(10_001));
        assertRefused("strategy.ofi-taker.order-quantity must be > 0: -5", (c) -> c.ofiTaker().orderQuantity(-5));
        assertRefused("strategy.ofi-taker.holding-period-ns must be >= 0: -1",
            (c) -> c.ofiTaker().holdingPeriodNs(-1));
        assertRefused("strategy.ofi-taker.stop-ticks must be > 0: 0", (c) -> c.ofiTaker().stopTicks(0));
        assertRefused("strategy.ofi-taker.cooldown-ns must be >= 0: -1", (c) -> c.ofiTaker().cooldownNs(-1));
        assertRefused("risk.max-order-quantity must be > 0: 0", (c) -> c.risk().maxOrderQuantity(0));
        assertRefused("risk.max-position must be > 0: -3", (c) -> c.risk().maxPosition(-3));
        assertRefused("risk.max-notional must be > 0: 0", (c) -> c.risk().maxNotional(0));
        assertRefused("risk.price-collar-bps must be > 0: 0", (c) -> c.risk().priceCollarBps(0));
        assertRefused("risk.max-orders-per-second must be in 1..100000: 0", (c) -> c.maxOrdersPerSecond(0));
        assertRefused("instrument.AAPL.risk.max-position must be > 0: 0",
            (c) -> c.instrumentRisk("AAPL").maxPosition(0));
        assertRefused("book.initial-order-capacity must be 1 to 67108864: 0", (c) -> c.initialOrderCapacityPerBook(0));
        assertRefused("instrument.AAPL.book.initial-order-capacity must be 1 to 67108864: 0",
            (c) -> c.books().initialOrderCapacity("AAPL", 0));
        assertEquals("instrument: a symbol is 1 to 8 characters without spaces: 'TOO LONG SYMBOL'",
            assertThrows(IllegalArgumentException.class,
                () -> new TradingConfig().instrumentRisk("TOO LONG SYMBOL")).getMessage());
    }

    @Test
    void shouldAcceptTheEdgesAndTheDefaults()
    {
        final TradingConfig config = new TradingConfig();
        config.marketMaker().halfSpreadTicks(0).minRequoteIntervalNs(0).skewTicksPerUnit(0).maxPosition(0);
        config.ofiTaker().depth(50).thresholdBps(10_000).holdingPeriodNs(0).cooldownNs(0);
        config.maxOrdersPerSecond(1).conclude();
        new Trading(new TradingConfig());
    }

    @Test
    void shouldFillAnInstrumentsUnsetLimitsFromTheDefaults()
    {
        final TradingConfig config = new TradingConfig();
        config.risk().maxNotional(5_000);
        config.instrumentRisk("AAPL").maxPosition(100);
        config.conclude();
        final RiskLimits aapl = config.riskFor("AAPL");
        assertEquals(100, aapl.maxPosition());
        assertEquals(5_000, aapl.maxNotional());
        assertEquals(RiskLimits.DEFAULT_MAX_ORDER_QUANTITY, aapl.maxOrderQuantity());
        assertEquals(RiskLimits.DEFAULT_PRICE_COLLAR_BPS, aapl.priceCollarBps());
        assertSame(config.risk(), config.riskFor("MSFT"));
        assertSame(config.risk(), config.riskFor(null));
        assertSame(aapl, config.instrumentRisk("AAPL"));
    }

    @Test
    void shouldTakeAllOrAListOfSymbolsForTheInstrumentsAStrategyTrades()
    {
        final TradingConfig config = new TradingConfig();
        assertEquals("all", config.marketMaker().instruments(), "every instrument, as before the key");
        assertEquals("all", config.ofiTaker().instruments());
        assertNull(config.marketMaker().instrumentSymbols());
        assertNull(config.ofiTaker().instruments(" all ").instrumentSymbols());
        assertEquals(List.of("AAPL", "MSFT", "BRK.A"),
            List.copyOf(config.marketMaker().instruments("AAPL, MSFT ,BRK.A").instrumentSymbols()));
        assertEquals(Set.of("ALL"), config.ofiTaker().instruments("ALL").instrumentSymbols(), "a symbol, not all");
        config.conclude();

        assertRefused("strategy.market-maker.instruments must be all or a comma-separated list of symbols: ''",
            (c) -> c.marketMaker().instruments(""));
        assertRefused("strategy.ofi-taker.instruments must be all or a comma-separated list of symbols: 'null'",
            (c) -> c.ofiTaker().instruments(null));
        assertRefused("strategy.market-maker.instruments: a symbol is 1 to 8 characters without spaces: '' in " +
            "'AAPL,,MSFT'", (c) -> c.marketMaker().instruments("AAPL,,MSFT"));
        assertRefused("strategy.market-maker.instruments: a symbol is 1 to 8 characters without spaces: " +
            "'TOOLONGSYM' in 'AAPL,TOOLONGSYM'", (c) -> c.marketMaker().instruments("AAPL,TOOLONGSYM"));
        assertRefused("strategy.ofi-taker.instruments: a symbol is 1 to 8 characters without spaces: 'BRK A' in " +
            "'BRK A'", (c) -> c.ofiTaker().instruments("BRK A"));
        assertRefused("strategy.ofi-taker.instruments: a symbol is 1 to 8 characters without spaces: '' in " +
            "'AAPL,'", (c) -> c.ofiTaker().instruments("AAPL,"));
        assertRefused("strategy.ofi-taker.instruments: all stands alone, not in a list: 'AAPL, all'",
            (c) -> c.ofiTaker().instruments("AAPL, all"));
    }

    private static void assertRefused(final String message, final Consumer<TradingConfig> setting)
    {
        final TradingConfig config = new TradingConfig();
        setting.accept(config);
        assertEquals(message, assertThrows(IllegalArgumentException.class, config::conclude).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> new Trading(config)).getMessage());
    }
}
