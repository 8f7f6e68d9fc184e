package io.ringside.engine.config;

import io.ringside.engine.EngineContext;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.MarketMakerConfig;
import io.ringside.strategies.trading.TradingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingsideConfigTest
{
    /** The example the README points to: it must stay loadable. */
    private static final Path EXAMPLE = Path.of("..", "docs", "ringside.conf");

    @TempDir
    Path dir;

    private Path file(final String... lines) throws IOException
    {
        final Path file = dir.resolve("test.conf");
        Files.write(file, java.util.List.of(lines));
        return file;
    }

    private String failure(final String... lines) throws IOException
    {
        final Path file = file(lines);
        return assertThrows(IllegalArgumentException.class, () -> RingsideConfig.load(file)).getMessage()
            .replace(file.toString(), "test.conf");
    }

    @Test
    void eachStrategyTradesTheInstrumentsTheFileNames() throws IOException
    {
        final RingsideConfig config = RingsideConfig.load(file(
            "strategy.market-maker.instruments = AAPL,MSFT",
            "strategy.ofi-taker.instruments = all"));
        assertEquals(java.util.Set.of("AAPL", "MSFT"), config.trading().marketMaker().instrumentSymbols());
        assertEquals("all", config.trading().ofiTaker().instruments());
        final RingsideConfig sized = RingsideConfig.load(file(
            "book.initial-order-capacity = 32",
            "instrument.AAPL.book.initial-order-capacity = 65_536"));
        assertEquals(32, sized.trading().books().initialOrderCapacity());
        assertEquals(65_536, sized.trading().books().capacityFor("AAPL"));
        assertEquals(0, sized.trading().books().capacityFor("MSFT"));
        assertTrue(failure("strategy.market-maker.instruments = AAPL,,MSFT").contains(
            "strategy.market-maker.instruments"));
    }

    @Test
    void theExampleLoadsAndSetsWhatItSays()
    {
        final RingsideConfig config = RingsideConfig.load(EXAMPLE);
        final SurveillanceConfig surveillance = config.surveillance();
        final TradingConfig trading = config.trading();

        assertEquals(5, surveillance.priceBand().maxDeviationBps());
        assertEquals(50_000, surveillance.size().maxQuantity());
        assertEquals(25_000, surveillance.instrument("AAPL").size().maxQuantity());
        assertEquals(5_000_000_000L, surveillance.spoofing().windowNs());
        assertArrayEquals(new long[]{ 7101, 7102 }, surveillance.accountGroup("fund-a").accounts());
        assertEquals(100, surveillance.accountGroup("fund-a").velocity().maxMessages());
        assertArrayEquals(new long[]{ 7201 }, surveillance.accountGroup("desk-b").accounts());
        assertEquals(1_500, trading.instrumentRisk("AAPL").maxPosition());
        assertEquals(2_000, trading.risk().maxPosition());
        assertEquals(6000, trading.ofiTaker().thresholdBps());
        assertEquals(100, trading.maxOrdersPerSecond());
        assertFalse(trading.killSwitch());
        assertTrue(config.keys().contains("risk.kill-switch"));
    }

    @Test
    void fileWinsOverWhatWasSetBefore() throws IOException
    {
        final RingsideConfig config = new RingsideConfig();
        config.surveillance().priceBand().maxDeviationBps(9);
        config.trading().marketMaker().quoteQuantity(300).halfSpreadTicks(4);
        config.apply(file("strategy.market-maker.quote-quantity = 200", "risk.kill-switch = on"));

        assertEquals(9, config.surveillance().priceBand().maxDeviationBps());
        assertEquals(200, config.trading().marketMaker().quoteQuantity());
        assertEquals(4, config.trading().marketMaker().halfSpreadTicks());
        assertTrue(config.trading().killSwitch());
    }

    @Test
    void everyBadKeyOrValueIsNamed() throws IOException
    {
        assertEquals("config test.conf:2: surveillance.velocity.max-mesages: unknown key (known here: " +
            "surveillance.velocity.enabled, surveillance.velocity.max-messages, surveillance.velocity.window-ns)",
            failure("# typo", "surveillance.velocity.max-mesages = 3"));
        assertEquals("config test.conf:1: risk.max-position: expected an integer, got '2k'",
            failure("risk.max-position = 2k"));
        assertEquals("config test.conf:1: strategy.ofi-taker.enabled: expected true or false, got '1'",
            failure("strategy.ofi-taker.enabled = 1"));
        assertEquals("config test.conf: surveillance.velocity.max-messages must be > 0: 0",
            failure("surveillance.velocity.max-messages = 0"));
        assertEquals("config test.conf: instrument.AAPL.surveillance.price-band.max-deviation-bps must be > 0: -2",
            failure("instrument.AAPL.surveillance.price-band.max-deviation-bps = -2"));
        assertEquals("config test.conf: instrument.AAPL.risk.max-position must be > 0: 0",
            failure("instrument.AAPL.risk.max-position = 0"));
        assertEquals("config test.conf: risk.max-orders-per-second must be in 1..100000: 100001",
            failure("risk.max-orders-per-second = 100001"));
        assertEquals("config test.conf:1: account-group.fund-a.surveillance.quote-stuffing.enabled: unknown key",
            failure("account-group.fund-a.surveillance.quote-stuffing.enabled = false"));
        assertEquals("config test.conf:1: account-group.fund-a.accounts: expected an integer, got 'x'",
            failure("account-group.fund-a.accounts = 1, x"));
    }

    @Test
    void aSettingGivenExplicitlyWinsOverTheFileWhichWinsOverTheDefaults() throws IOException
    {
        final Path conf = file("surveillance.price-band.max-deviation-bps = 40",
            "strategy.market-maker.quote-quantity = 300", "strategy.market-maker.half-spread-ticks = 6");
        final EngineContext ctx = new EngineContext().configFile(conf)
            .strategyOverrides(new StrategyOverrides().priceBandBps(9).mmQuoteQuantity(70)).conclude();
        assertEquals(9, ctx.surveillanceConfig().priceBand().maxDeviationBps());
        assertEquals(70, ctx.tradingConfig().marketMaker().quoteQuantity());
        assertEquals(6, ctx.tradingConfig().marketMaker().halfSpreadTicks(), "not given: the file's");
        assertEquals(MarketMakerConfig.DEFAULT_REQUOTE_TICKS, ctx.tradingConfig().marketMaker().requoteTicks(),
            "in neither: the default");
    }

    @Test
    void theEngineContextLoadsItAndFailsAtStartNamingTheKey() throws IOException
    {
        final EngineContext ctx = new EngineContext().configFile(EXAMPLE).conclude();
        assertEquals(25_000, ctx.surveillanceConfig().instrument("AAPL").size().maxQuantity());
        assertEquals(1_500, ctx.tradingConfig().instrumentRisk("AAPL").maxPosition());

        final EngineContext defaults = new EngineContext()
            .strategyOverrides(new StrategyOverrides().priceBandBps(7).mmQuoteQuantity(250)).conclude();
        assertEquals(7, defaults.surveillanceConfig().priceBand().maxDeviationBps());
        assertEquals(250, defaults.tradingConfig().marketMaker().quoteQuantity());

        final TradingConfig own = new TradingConfig();
        assertSame(own, new EngineContext().tradingConfig(own).conclude().tradingConfig());

        final Path bad = file("risk.max-notional = -1");
        final String message = assertThrows(IllegalArgumentException.class,
            () -> new EngineContext().configFile(bad).conclude()).getMessage();
        assertEquals("config " + bad + ": risk.max-notional must be > 0: -1", message);
    }
}
