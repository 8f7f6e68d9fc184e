package io.ringside.strategies.surveillance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.strategies.surveillance.Harness.NONE;
import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link VelocityRule} through {@link Surveillance}: at most 3 new orders and cancels per account within 1,000 ns;
 * a message at t counts those at t' with t - t' &lt; 1,000.
 */
final class VelocityRuleTest
{
    private static final int INSTRUMENT = 7;
    private static final long ACCOUNT = 1001;
    private static final long OTHER = 2002;
    private static final long FUND_ACCOUNT = 3003;

    private Harness harness;

    @Test
    void shouldFireOnceWhenCrossingAndReArmWhenBackWithinTheLimit()
    {
        harness = new Harness(config());

        order(ACCOUNT, 0);
        cancel(ACCOUNT, 100);
        order(ACCOUNT, 200);
        order(OTHER, 300); // another account's messages do not count
        order(OTHER, 400);
        final int crossed = order(ACCOUNT, 999); // 4 within 999 ns
        cancel(ACCOUNT, 1_000); // 100, 200, 999, 1,000: still over, no second alert
        order(ACCOUNT, 1_150); // 200 .. 1,150: still over
        order(ACCOUNT, 1_999); // 999 .. 1,999 span exactly 1,000 ns: 999 is out, back within: re-armed
        order(ACCOUNT, 2_000); // 1,000 is out
        final int again = cancel(ACCOUNT, 2_001); // 1,150 .. 2,001: 4 within 851 ns

        assertEquals(List.of(
            alert(crossed, 3, "WARNING", ACCOUNT, NONE, INSTRUMENT, 4, 3, 999),
            alert(again, 3, "WARNING", ACCOUNT, NONE, INSTRUMENT, 4, 3, 851)),
            harness.alerts);
        assertEquals(11, harness.surveillance.evaluated(VelocityRule.RULE_ID));
        assertEquals(2, harness.surveillance.alerts(VelocityRule.RULE_ID));
        assertEquals(2, harness.surveillance.velocityRule().accounts());
    }

    @Test
    void shouldNotFireWhenTheFourthIsExactlyTheWindowAfterTheFirst()
    {
        harness = new Harness(config());

        order(ACCOUNT, 0);
        order(ACCOUNT, 1);
        order(ACCOUNT, 2);
        order(ACCOUNT, 1_000);
        order(ACCOUNT, 1_001);
        order(ACCOUNT, 1_002);
        order(ACCOUNT, 2_000); // always exactly 3 within any 1,000 ns

        assertEquals(List.of(), harness.alerts);
        assertEquals(7, harness.surveillance.evaluated(VelocityRule.RULE_ID));
    }

    @Test
    void shouldNotCountClientExecutionsOrMarketData()
    {
        harness = new Harness(config());

        order(ACCOUNT, 0);
        harness.feed(harness.frames.clientExecution(T0 + 1, INSTRUMENT, ACCOUNT, OTHER, 100_000, 10));
        harness.feed(harness.frames.addOrder(T0 + 2, INSTRUMENT, 1, BUY, 100_000, 10));
        order(ACCOUNT, 3);
        harness.feed(harness.frames.clientExecution(T0 + 4, INSTRUMENT, OTHER, ACCOUNT, 100_000, 10));
        order(ACCOUNT, 5);

        assertEquals(List.of(), harness.alerts);
        assertEquals(3, harness.surveillance.evaluated(VelocityRule.RULE_ID));
    }

    @Test
    void shouldApplyTheAccountGroupsLimitAndWindow()
    {
        final SurveillanceConfig config = config();
        config.accountGroup("fast").accounts(FUND_ACCOUNT).velocity().maxMessages(1);
        config.accountGroup("slow").accounts(OTHER).velocity().windowNs(10);
        harness = new Harness(config);

        order(FUND_ACCOUNT, 0);
        final int fund = order(FUND_ACCOUNT, 999); // 2 within 1,000 ns: over the group's 1
        order(OTHER, 0);
        order(OTHER, 5);
        order(OTHER, 9);
        final int other = order(OTHER, 9); // 4 within 9 ns of the group's 10
        order(ACCOUNT, 100);
        order(ACCOUNT, 100);
        order(ACCOUNT, 100);

        assertEquals(List.of(
            alert(fund, 3, "WARNING", FUND_ACCOUNT, NONE, INSTRUMENT, 2, 1, 999),
            alert(other, 3, "WARNING", OTHER, NONE, INSTRUMENT, 4, 3, 9)),
            harness.alerts);
    }

    @Test
    void shouldGrowPastTheExpectedAccountsAndKeepEachAccountsWindow()
    {
        final SurveillanceConfig config = config().expectedAccounts(2);
        config.accountGroup("big").accounts(5).velocity().maxMessages(40);
        harness = new Harness(config);

        for (long account = 1; account <= 10; account++)
        {
            order(account, account);
            order(account, account + 10);
            order(account, account + 20);
        }
        for (int i = 0; i < 40; i++)
        {
            order(5, 100 + i); // the 41st, at 137, is 132 ns after the first, at 5: over the group's 40
        }
        final int fourth = order(7, 500);

        assertEquals(List.of(
            alert(fourth - 3, 3, "WARNING", 5, NONE, INSTRUMENT, 41, 40, 132),
            alert(fourth, 3, "WARNING", 7, NONE, INSTRUMENT, 4, 3, 493)),
            harness.alerts);
        assertEquals(10, harness.surveillance.velocityRule().accounts());
    }

    private static SurveillanceConfig config()
    {
        final SurveillanceConfig config = Harness.only(VelocityRule.RULE_ID);
        config.velocity().maxMessages(3).windowNs(1_000);
        return config;
    }

    private int order(final long account, final long at)
    {
        return harness.feed(harness.frames.clientNewOrder(T0 + at, INSTRUMENT, account, at, BUY, 100_000, 10));
    }

    private int cancel(final long account, final long at)
    {
        return harness.feed(harness.frames.clientCancel(T0 + at, INSTRUMENT, account, at));
    }
}
