package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static io.ringside.strategies.surveillance.Harness.NONE;
import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SizeRule} through {@link Surveillance}: instrument 7 with no definition has price scale 4, so the notional
 * of price p and quantity q is p × q / 10,000 currency units.
 */
final class SizeRuleTest
{
    private static final int INSTRUMENT = 7;
    private static final long ACCOUNT = 1001;
    private static final long FUND_ACCOUNT = 2002;

    private long time = T0;
    private Harness harness;

    @Test
    void shouldFireAboveTheMaximumQuantityButNotAtIt()
    {
        final SurveillanceConfig config = Harness.only(SizeRule.RULE_ID);
        config.size().maxQuantity(1_000).maxNotional(1_000_000);
        harness = new Harness(config);

        harness.feed(order(ACCOUNT, BUY, 100_000, 1_000)); // at the limit
        final int over = harness.feed(order(ACCOUNT, BUY, 100_000, 1_001));
        final int twice = harness.feed(order(ACCOUNT, SELL, 100_000, 2_000)); // exactly twice: still a warning
        final int beyond = harness.feed(order(ACCOUNT, SELL, 100_000, 2_001));

        assertEquals(List.of(
            alert(over, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 1_001, 1_000, 0),
            alert(twice, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 2_000, 1_000, 0),
            alert(beyond, 2, "CRITICAL", ACCOUNT, NONE, INSTRUMENT, 2_001, 1_000, 0)),
            harness.alerts);
        assertEquals(4, harness.surveillance.evaluated(SizeRule.RULE_ID));
        assertEquals(3, harness.surveillance.alerts(SizeRule.RULE_ID));
    }

    @Test
    void shouldFireAboveTheMaximumNotionalInWholeCurrencyUnits()
    {
        final SurveillanceConfig config = Harness.only(SizeRule.RULE_ID);
        config.size().maxQuantity(1_000_000).maxNotional(50_000);
        harness = new Harness(config);

        harness.feed(order(ACCOUNT, BUY, 500_000, 1_000)); // 50.0000 x 1,000 = 50,000: at the limit
        harness.feed(order(ACCOUNT, BUY, 600_000, 833)); // 49,980
        final int over = harness.feed(order(ACCOUNT, BUY, 600_000, 834)); // 50,040
        harness.feed(order(ACCOUNT, BUY, 500_001, 1_000)); // 50,000.1: rounded down to the limit
        final int quantityFirst = harness.feed(order(ACCOUNT, BUY, 500_000, 1_000_001)); // both: quantity reported

        assertEquals(List.of(
            alert(over, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 50_040, 50_000, 600_000),
            alert(quantityFirst, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 1_000_001, 1_000_000, 0)),
            harness.alerts);
    }

    @Test
    void shouldTakeThePriceScaleFromTheInstrumentDefinition()
    {
        final SurveillanceConfig config = Harness.only(SizeRule.RULE_ID);
        config.size().maxQuantity(1_000_000).maxNotional(50_000);
        harness = new Harness(config);

        harness.feed(harness.frames.instrumentDefinition(++time, INSTRUMENT, 1, "XYZ", 2));
        harness.feed(order(ACCOUNT, BUY, 5_000, 1_000)); // 50.00 at scale 2: 50,000
        final int over = harness.feed(order(ACCOUNT, BUY, 5_001, 1_000)); // 50,010

        assertEquals(List.of(alert(over, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 50_010, 50_000, 5_001)),
            harness.alerts);
    }

    @Test
    void shouldFireAboveAMultipleOfTheAverageMarketTradeOnceTheWindowIsFull()
    {
        final SurveillanceConfig config = Harness.only(SizeRule.RULE_ID);
        config.size().maxQuantity(1_000_000).maxNotional(1_000_000_000).averageMultiple(5).averageTrades(4);
        harness = new Harness(config);

        harness.feed(harness.frames.tradePrint(++time, INSTRUMENT, 100_000, 100));
        harness.feed(harness.frames.tradePrint(++time, INSTRUMENT, 100_000, 200));
        harness.feed(harness.frames.tradePrint(++time, INSTRUMENT, 100_000, 300));
        harness.feed(order(ACCOUNT, BUY, 100_000, 5_000)); // three trades: no average yet
        harness.feed(harness.frames.addOrder(++time, INSTRUMENT, 1, SELL, 100_000, 1_000));
        harness.feed(harness.frames.orderExecuted(++time, INSTRUMENT, 1, 400, 100_000, SELL)); // average 250
        harness.feed(order(ACCOUNT, BUY, 100_000, 1_250)); // 5 x 250: at the limit
        final int over = harness.feed(order(ACCOUNT, BUY, 100_000, 1_251));
        harness.feed(harness.frames.tradePrint(++time, INSTRUMENT, 100_000, 500)); // 100 leaves: average 350
        harness.feed(order(ACCOUNT, BUY, 100_000, 1_750));
        // a client execution is not a market trade: the average stays 350
        harness.feed(harness.frames.clientExecution(++time, INSTRUMENT, 3003, 4004, 100_000, 90_000));
        final int overAgain = harness.feed(order(ACCOUNT, SELL, 100_000, 3_501));

        assertEquals(List.of(
            alert(over, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 1_251, 1_250, 250),
            alert(overAgain, 2, "CRITICAL", ACCOUNT, NONE, INSTRUMENT, 3_501, 1_750, 350)),
            harness.alerts);
    }

    @Test
    void shouldLetAnAccountGroupsLimitWinOverTheInstrumentsAndTheInstrumentsOverTheDefault()
    {
        final SurveillanceConfig config = Harness.only(SizeRule.RULE_ID);
        config.size().maxQuantity(1_000).maxNotional(1_000_000);
        config.instrument("TEST").size().maxQuantity(300);
        config.accountGroup("fundA").accounts(FUND_ACCOUNT).size().maxQuantity(500);
        harness = new Harness(config);

        harness.feed(order(ACCOUNT, BUY, 100_000, 301)); // before the definition: the default, 1,000
        harness.feed(order(FUND_ACCOUNT, BUY, 100_000, 501)); // the group's 500 applies from the start
        harness.feed(harness.frames.instrumentDefinition(++time, INSTRUMENT, 100, "TEST", 4));
        final int instrumentLimit = harness.feed(order(ACCOUNT, BUY, 100_000, 301));
        harness.feed(order(FUND_ACCOUNT, BUY, 100_000, 500)); // the group's 500 wins over the instrument's 300
        harness.feed(harness.frames.instrumentDefinition(++time, 8, 100, "OTHER", 4));
        harness.feed(harness.frames.clientNewOrder(++time, 8, ACCOUNT, 1, BUY, 100_000, 1_000)); // default

        assertEquals(List.of(
            alert(2, 2, "WARNING", FUND_ACCOUNT, NONE, INSTRUMENT, 501, 500, 0),
            alert(instrumentLimit, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 301, 300, 0)),
            harness.alerts);
    }

    @Test
    void shouldNotJudgeWhenDisabledForTheInstrumentOrTheGroup()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.priceBand().enabled(false);
        config.size().maxQuantity(10);
        config.instrument("OFF").size().enabled(false);
        config.accountGroup("exempt").accounts(FUND_ACCOUNT).size().enabled(false);
        harness = new Harness(config);

        harness.feed(harness.frames.instrumentDefinition(++time, 8, 100, "OFF", 4));
        harness.feed(harness.frames.clientNewOrder(++time, 8, ACCOUNT, 1, BUY, 100_000, 11));
        harness.feed(order(FUND_ACCOUNT, BUY, 100_000, 11));
        final int judged = harness.feed(order(ACCOUNT, BUY, 100_000, 11));

        assertEquals(List.of(alert(judged, 2, "WARNING", ACCOUNT, NONE, INSTRUMENT, 11, 10, 0)), harness.alerts);
        assertEquals(1, harness.surveillance.evaluated(SizeRule.RULE_ID));
    }

    private int order(final long account, final Side side, final long price, final long quantity)
    {
        return harness.frames.clientNewOrder(++time, INSTRUMENT, account, time, side, price, quantity);
    }
}
