package io.ringside.strategies.surveillance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static io.ringside.strategies.surveillance.Harness.NONE;
import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SurveillanceConfigTest
{
    @Test
    void shouldHaveTheDocumentedDefaults()
    {
        final SurveillanceConfig config = new SurveillanceConfig().conclude();

        assertEquals(1024, config.expectedAccounts());
        assertEquals(4096, config.expectedOrders());
        assertEquals("price-band{enabled=true, max-deviation-bps=5}", config.priceBand().toString());
        assertEquals("size{enabled=true, max-quantity=50000, max-notional=10000000, average-multiple=50, " +
            "average-trades=100}", config.size().toString());
        assertEquals("velocity{enabled=true, max-messages=50, window-ns=1000000000}", config.velocity().toString());
        assertEquals("spoofing{enabled=true, min-size-multiple=2, layering-levels=3, min-cancel-percent=80, " +
            "max-fill-percent=10, window-ns=5000000000}", config.spoofing().toString());
        assertEquals("wash-trade{enabled=true}", config.washTrade().toString());
        assertEquals("quote-stuffing{enabled=true, max-messages-per-ms=5, min-cancel-percent=40, window-ms=10}",
            config.quoteStuffing().toString());
        assertEquals("stale-feed{enabled=true, stale-after-ns=30000000000}", config.staleFeed().toString());
    }

    @Test
    void shouldListEveryKey()
    {
        assertEquals(List.of(
            "surveillance.expected-accounts",
            "surveillance.expected-orders",
            "surveillance.price-band.enabled",
            "surveillance.price-band.max-deviation-bps",
            "surveillance.size.enabled",
            "surveillance.size.max-quantity",
            "surveillance.size.max-notional",
            "surveillance.size.average-multiple",
            "surveillance.size.average-trades",
            "surveillance.velocity.enabled",
            "surveillance.velocity.max-messages",
            "surveillance.velocity.window-ns",
            "surveillance.spoofing.enabled",
            "surveillance.spoofing.min-size-multiple",
            "surveillance.spoofing.layering-levels",
            "surveillance.spoofing.min-cancel-percent",
            "surveillance.spoofing.max-fill-percent",
            "surveillance.spoofing.window-ns",
            "surveillance.wash-trade.enabled",
            "surveillance.quote-stuffing.enabled",
            "surveillance.quote-stuffing.max-messages-per-ms",
            "surveillance.quote-stuffing.min-cancel-percent",
            "surveillance.quote-stuffing.window-ms",
            "surveillance.stale-feed.enabled",
            "surveillance.stale-feed.stale-after-ns"),
            SurveillanceConfig.keys());
    }

    @Test
    void shouldNameTheKeyOfEveryBadDefault()
    {
        refused("surveillance.expected-accounts must be > 0: 0", (c) -> c.expectedAccounts(0));
        refused("surveillance.expected-orders must be > 0: -1", (c) -> c.expectedOrders(-1));
        refused("surveillance.price-band.max-deviation-bps must be > 0: 0",
            (c) -> c.priceBand().maxDeviationBps(0));
        refused("surveillance.size.max-quantity must be > 0: 0", (c) -> c.size().maxQuantity(0));
        refused("surveillance.size.max-notional must be > 0: -5", (c) -> c.size().maxNotional(-5));
        refused("surveillance.size.average-multiple must be > 0: 0", (c) -> c.size().averageMultiple(0));
        refused("surveillance.size.average-trades must be > 0: 0", (c) -> c.size().averageTrades(0));
        refused("surveillance.velocity.max-messages must be > 0: -3",
            (c) -> c.velocity().maxMessages(-3));
        refused("surveillance.velocity.window-ns must be > 0: 0", (c) -> c.velocity().windowNs(0));
        refused("surveillance.spoofing.min-size-multiple must be > 0: 0",
            (c) -> c.spoofing().minSizeMultiple(0));
        refused("surveillance.spoofing.layering-levels must be <= 16: 17", (c) -> c.spoofing().layeringLevels(17));
        refused("surveillance.spoofing.layering-levels must be >= 2: 1", (c) -> c.spoofing().layeringLevels(1));
        refused("surveillance.spoofing.min-cancel-percent must be <= 100: 101",
            (c) -> c.spoofing().minCancelPercent(101));
        refused("surveillance.spoofing.max-fill-percent must be >= 0: -1",
            (c) -> c.spoofing().maxFillPercent(-1));
        refused("surveillance.spoofing.window-ns must be > 0: 0", (c) -> c.spoofing().windowNs(0));
        refused("surveillance.quote-stuffing.max-messages-per-ms must be > 0: 0",
            (c) -> c.quoteStuffing().maxMessagesPerMs(0));
        refused("surveillance.quote-stuffing.min-cancel-percent must be <= 100: 101",
            (c) -> c.quoteStuffing().minCancelPercent(101));
        refused("surveillance.quote-stuffing.window-ms must be <= 60000: 60001",
            (c) -> c.quoteStuffing().windowMs(60_001));
    }

    @Test
    void shouldNameTheFullKeyOfABadOverride()
    {
        refused("instrument.AAPL.surveillance.price-band.max-deviation-bps must be > 0: -2",
            (c) -> c.instrument("AAPL").priceBand().maxDeviationBps(-2));
        refused("instrument.MSFT.surveillance.quote-stuffing.window-ms must be > 0: 0",
            (c) -> c.instrument("MSFT").quoteStuffing().windowMs(0));
        refused("account-group.fundA.surveillance.velocity.max-messages must be > 0: -3",
            (c) -> c.accountGroup("fundA").accounts(1).velocity().maxMessages(-3));
        refused("account-group.fundA.surveillance.size.max-notional must be > 0: 0",
            (c) -> c.accountGroup("fundA").accounts(1).size().maxNotional(0));
    }

    @Test
    void shouldRefuseAccountGroupsThatAreEmptyOrOverlap()
    {
        refused("account-group.fundA.accounts must name at least one account", (c) -> c.accountGroup("fundA"));
        refused("account-group.fundB.accounts: account 2 is already in account group fundA", (c) ->
        {
            c.accountGroup("fundA").accounts(1, 2);
            c.accountGroup("fundB").accounts(2, 3);
        });
        refused("account-group.fundA.accounts: account 1 is listed twice", (c) -> c.accountGroup("fundA").accounts(1, 1));
    }

    @Test
    void shouldRefuseBadSymbolsAndGroupNamesAtOnce()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        assertEquals("instrument symbol must be 1 to 8 ASCII characters: 'TOOLONGSYM'",
            assertThrows(IllegalArgumentException.class, () -> config.instrument("TOOLONGSYM")).getMessage());
        assertEquals("instrument symbol must be 1 to 8 ASCII characters: ' '",
            assertThrows(IllegalArgumentException.class, () -> config.instrument(" ")).getMessage());
        assertEquals("account-group name must not be blank: ''",
            assertThrows(IllegalArgumentException.class, () -> config.accountGroup("")).getMessage());
    }

    @Test
    void shouldSetOnlyWhatAnOverrideNamesAndResolveTheRestFromTheDefaultsWhenConcluded()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        final InstrumentOverride aapl = config.instrument("AAPL");
        aapl.size().maxQuantity(7);
        assertSame(aapl, config.instrument("AAPL"));
        assertSame(config, aapl.config());
        assertEquals("size{max-quantity=7}", aapl.size().toString());
        assertTrue(aapl.size().isSet(SizeSettings.MAX_QUANTITY));
        assertFalse(aapl.size().isSet(SizeSettings.MAX_NOTIONAL));

        config.size().maxNotional(123); // set after the override: the override still reads it
        assertEquals("size{enabled=true, max-quantity=7, max-notional=123, average-multiple=50, average-trades=100}",
            aapl.size().overlay(config.size()).toString());

        final AccountGroup fund = config.accountGroup("fundA").accounts(5, 6);
        assertEquals(1, fund.number());
        assertEquals(2, config.accountGroup("fundB").number());
        assertEquals(List.of(fund, config.accountGroup("fundB")), config.accountGroups());
        assertEquals(List.of(aapl), config.instruments());
    }

    @Test
    void shouldApplyAnInstrumentsPriceBandFromItsDefinitionMatchingASpacePaddedSymbol()
    {
        final SurveillanceConfig config = Harness.only(PriceBandRule.RULE_ID);
        config.instrument("AAPL").priceBand().maxDeviationBps(20);
        final Harness harness = new Harness(config);
        harness.feed(harness.frames.addOrder(T0, 7, 1, BUY, 999_900, 100));
        harness.feed(harness.frames.addOrder(T0, 7, 2, SELL, 1_000_100, 100));

        final int before = harness.feed(harness.frames.clientNewOrder(T0 + 1, 7, 1001, 1, BUY, 1_001_000, 1)); // 10
        harness.feed(harness.frames.instrumentDefinition(T0 + 2, 7, 100, "AAPL    ", 4)); // a new session
        harness.feed(harness.frames.addOrder(T0 + 3, 7, 1, BUY, 999_900, 100));
        harness.feed(harness.frames.addOrder(T0 + 3, 7, 2, SELL, 1_000_100, 100));
        harness.feed(harness.frames.clientNewOrder(T0 + 4, 7, 1001, 2, BUY, 1_002_000, 1)); // 20: within AAPL's
        final int after = harness.feed(harness.frames.clientNewOrder(T0 + 5, 7, 1001, 3, BUY, 1_002_100, 1)); // 21

        assertEquals(List.of(
            alert(before, 1, "WARNING", 1001, NONE, 7, 10, 5, 1_000_000),
            alert(after, 1, "WARNING", 1001, NONE, 7, 21, 20, 1_000_000)),
            harness.alerts);
    }

    @Test
    void shouldConcludeItselfWhenGivenToSurveillance()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.velocity().maxMessages(0);

        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> new Surveillance(config, 16));
        assertEquals("surveillance.velocity.max-messages must be > 0: 0", refused.getMessage());
    }

    @Test
    void shouldNotSeeChangesMadeToTheConfigAfterSurveillanceWasMade()
    {
        final SurveillanceConfig config = Harness.only(SizeRule.RULE_ID);
        config.size().maxQuantity(10);
        config.accountGroup("fund").accounts(2002).size().maxQuantity(20);
        final Harness harness = new Harness(config);
        config.size().maxQuantity(1);
        config.accountGroup("fund").size().maxQuantity(1);
        config.instrument("TEST").size().maxQuantity(1);

        harness.feed(harness.frames.instrumentDefinition(T0, 7, 100, "TEST", 4));
        harness.feed(harness.frames.clientNewOrder(T0 + 1, 7, 1001, 1, BUY, 100_000, 10));
        harness.feed(harness.frames.clientNewOrder(T0 + 2, 7, 2002, 2, BUY, 100_000, 20));
        final int over = harness.feed(harness.frames.clientNewOrder(T0 + 3, 7, 2002, 3, BUY, 100_000, 21));

        assertEquals(List.of(alert(over, 2, "WARNING", 2002, NONE, 7, 21, 20, 0)), harness.alerts);
    }

    private static void refused(final String message, final Consumer<SurveillanceConfig> change)
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        change.accept(config);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, config::conclude);
        assertEquals(message, refused.getMessage());
        assertFalse(config.isConcluded());
    }
}
