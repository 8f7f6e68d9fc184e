package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SpoofingRule} through {@link Surveillance}. The market book displays 100 at the bid 999,000, 100 at 998,000
 * and 100 at the ask 1,001,000. Large is 2 times the displayed quantity; the pattern is at least 80% of the large
 * quantity cancelled, at most 10% filled, some traded on the other side, within 1 ms of the first large order;
 * layering from 3 levels.
 */
final class SpoofingRuleTest
{
    private static final int INSTRUMENT = 7;
    private static final long SPOOFER = 1001;
    private static final long VICTIM = 2002;
    private static final long WINDOW = 1_000_000;

    private Harness harness;
    private long time = T0;

    @BeforeEach
    void book()
    {
        harness = new Harness(config());
        harness.feed(harness.frames.addOrder(T0, INSTRUMENT, 1, BUY, 999_000, 100));
        harness.feed(harness.frames.addOrder(T0, INSTRUMENT, 2, BUY, 998_000, 100));
        harness.feed(harness.frames.addOrder(T0, INSTRUMENT, 3, SELL, 1_001_000, 100));
    }

    @Test
    void shouldFireLayeringAtTheCancelThatCompletesThePattern()
    {
        order(11, BUY, 999_000, 200); // 2 x 100 displayed: large
        order(12, BUY, 998_000, 300);
        order(13, BUY, 997_000, 50); // nothing displayed there: large
        sell(100); // the spoofer sells into the bids it inflated
        cancel(11); // 200 / 550 = 36%
        final int completes = cancel(12); // 500 / 550 = 90%
        cancel(13); // once per episode

        assertEquals(List.of(alert(completes, 4, "CRITICAL", SPOOFER, VICTIM, INSTRUMENT, 90, 80, 3)), harness.alerts);
        assertEquals(7, harness.surveillance.evaluated(SpoofingRule.RULE_ID));
        assertEquals(1, harness.surveillance.alerts(SpoofingRule.RULE_ID));
        assertEquals(0, harness.surveillance.spoofingRule().trackedOrders());
    }

    @Test
    void shouldFireSpoofingAtOneLevelAtTheOppositeExecutionWhenItComesLast()
    {
        order(21, SELL, 1_001_000, 200);
        order(22, SELL, 1_001_000, 300); // the same level: 1 level
        cancel(21);
        cancel(22); // 100% cancelled, but no opposite trade yet
        final int completes = buy(40); // the spoofer buys: the seller is its counterparty

        assertEquals(List.of(alert(completes, 4, "WARNING", SPOOFER, VICTIM, INSTRUMENT, 100, 80, 1)), harness.alerts);
    }

    @Test
    void shouldFireAtExactlyTheCancelShareAndNotJustUnder()
    {
        order(11, BUY, 997_000, 399);
        order(12, BUY, 996_000, 101);
        sell(10);
        cancel(11); // 399 / 500 = 79.8%: under 80%
        assertEquals(List.of(), harness.alerts);

        final int completes = cancel(12);
        assertEquals(List.of(alert(completes, 4, "WARNING", SPOOFER, VICTIM, INSTRUMENT, 100, 80, 2)), harness.alerts);
    }

    @Test
    void shouldFireAtExactlyTheCancelShare()
    {
        order(11, BUY, 997_000, 400);
        order(12, BUY, 996_000, 100);
        sell(10);
        final int completes = cancel(11); // 400 / 500 = 80%

        assertEquals(List.of(alert(completes, 4, "WARNING", SPOOFER, VICTIM, INSTRUMENT, 80, 80, 2)), harness.alerts);
    }

    @Test
    void shouldNotFireWhenMoreThanTheFillShareWasFilled()
    {
        order(11, BUY, 997_000, 500);
        buyFromVictim(51); // 51 / 500 = 10.2% filled on the spoofed side
        sell(10);
        cancel(11);

        assertEquals(List.of(), harness.alerts);
    }

    @Test
    void shouldFireWhenExactlyTheFillShareWasFilled()
    {
        order(11, BUY, 997_000, 500);
        buyFromVictim(50); // 10%
        sell(10);
        final int completes = cancel(11);

        assertEquals(List.of(alert(completes, 4, "WARNING", SPOOFER, VICTIM, INSTRUMENT, 100, 80, 1)), harness.alerts);
    }

    @Test
    void shouldNotFireWithoutATradeOnTheOtherSide()
    {
        order(11, BUY, 999_000, 200);
        order(12, BUY, 998_000, 300);
        buyFromVictim(10); // same side: a fill, not the other side
        cancel(11);
        cancel(12);
        harness.feed(harness.frames.clientExecution(++time, INSTRUMENT, VICTIM, 3003, 1_000_000, 10)); // others'
        harness.feed(harness.frames.clientExecution(++time, 8, VICTIM, SPOOFER, 1_000_000, 10)); // other instrument

        assertEquals(List.of(), harness.alerts);
    }

    @Test
    void shouldNotCountACancelOrTradeOnceTheWindowHasPassed()
    {
        final long start = time + 1;
        order(11, BUY, 999_000, 200);
        sell(10);
        harness.feed(harness.frames.clientCancel(start + WINDOW, INSTRUMENT, SPOOFER, 11)); // exactly 1 ms later
        assertEquals(List.of(), harness.alerts);

        // a new episode: cancelled inside its window, but its opposite trade comes just too late
        order(31, BUY, 999_000, 200, start + WINDOW + 1);
        harness.feed(harness.frames.clientCancel(start + WINDOW + 2, INSTRUMENT, SPOOFER, 31));
        harness.feed(harness.frames.clientExecution(start + 2 * WINDOW + 1, INSTRUMENT, VICTIM, SPOOFER, 1_000_000, 10));
        assertEquals(List.of(), harness.alerts);

        // and one where the trade is 1 ns inside
        order(41, BUY, 999_000, 200, start + 3 * WINDOW);
        harness.feed(harness.frames.clientCancel(start + 3 * WINDOW + 1, INSTRUMENT, SPOOFER, 41));
        final int completes = harness.feed(
            harness.frames.clientExecution(start + 4 * WINDOW - 1, INSTRUMENT, VICTIM, SPOOFER, 1_000_000, 10));
        assertEquals(List.of(alert(completes, 4, "WARNING", SPOOFER, VICTIM, INSTRUMENT, 100, 80, 1)), harness.alerts);
    }

    @Test
    void shouldNotTrackOrdersSmallerThanTheMultipleOfTheDisplayedQuantity()
    {
        order(11, BUY, 999_000, 199); // under 2 x 100
        order(12, BUY, 997_000, 100); // large: nothing displayed
        sell(10);
        cancel(11); // not tracked: does not count
        assertEquals(List.of(), harness.alerts);
        assertEquals(1, harness.surveillance.spoofingRule().trackedOrders());

        final int completes = cancel(12);
        assertEquals(List.of(alert(completes, 4, "WARNING", SPOOFER, VICTIM, INSTRUMENT, 100, 80, 1)), harness.alerts);
    }

    @Test
    void shouldKeepAccountsAndSidesApart()
    {
        order(11, BUY, 999_000, 200);
        // another account's cancel of the same client order id, and the spoofer's own opposite-side order
        harness.feed(harness.frames.clientCancel(++time, INSTRUMENT, VICTIM, 11));
        order(12, SELL, 1_005_000, 100);
        sell(10);
        assertEquals(List.of(), harness.alerts);

        final int completes = cancel(11);
        assertEquals(List.of(alert(completes, 4, "WARNING", SPOOFER, VICTIM, INSTRUMENT, 100, 80, 1)), harness.alerts);
    }

    @Test
    void shouldFireAgainInANewEpisodeAndTrackManyOrdersPastTheExpected()
    {
        for (int episode = 0; episode < 3; episode++)
        {
            final long start = T0 + 10 * WINDOW * (episode + 1);
            for (int i = 0; i < 20; i++)
            {
                order(100 * episode + i, BUY, 990_000 - i * 100, 100, start + i);
            }
            harness.feed(harness.frames.clientExecution(start + 20, INSTRUMENT, VICTIM, SPOOFER, 1_000_000, 10));
            for (int i = 0; i < 16; i++)
            {
                harness.feed(harness.frames.clientCancel(start + 30 + i, INSTRUMENT, SPOOFER, 100 * episode + i));
            }
        }

        // 3 book events, then per episode 20 orders, a trade and 16 cancels: 16 of 20 is 80%; 20 levels, counted to 16
        final String tail = " rule=4 CRITICAL account=1001 counterparty=2002 instrument=7 observed=80 limit=80 " +
            "reference=16";
        assertEquals(List.of("event=40" + tail, "event=77" + tail, "event=114" + tail), harness.alerts);
    }

    private static SurveillanceConfig config()
    {
        final SurveillanceConfig config = Harness.only(SpoofingRule.RULE_ID).expectedOrders(4);
        config.spoofing()
            .minSizeMultiple(2)
            .layeringLevels(3)
            .minCancelPercent(80)
            .maxFillPercent(10)
            .windowNs(WINDOW);
        return config;
    }

    private int order(final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return order(clientOrderId, side, price, quantity, ++time);
    }

    private int order(final long clientOrderId, final Side side, final long price, final long quantity, final long at)
    {
        time = at;
        return harness.feed(
            harness.frames.clientNewOrder(at, INSTRUMENT, SPOOFER, clientOrderId, side, price, quantity));
    }

    private int cancel(final long clientOrderId)
    {
        return harness.feed(harness.frames.clientCancel(++time, INSTRUMENT, SPOOFER, clientOrderId));
    }

    /** The spoofer sells to the victim. */
    private int sell(final long quantity)
    {
        return harness.feed(harness.frames.clientExecution(++time, INSTRUMENT, VICTIM, SPOOFER, 999_000, quantity));
    }

    /** The spoofer buys from the victim. */
    private int buy(final long quantity)
    {
        return harness.feed(harness.frames.clientExecution(++time, INSTRUMENT, SPOOFER, VICTIM, 1_001_000, quantity));
    }

    /** The spoofer's bid is hit by the victim: a fill on the spoofed side. */
    private int buyFromVictim(final long quantity)
    {
        return buy(quantity);
    }
}
