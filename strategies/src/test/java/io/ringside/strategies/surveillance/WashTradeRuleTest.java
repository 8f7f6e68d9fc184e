package io.ringside.strategies.surveillance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link WashTradeRule} through {@link Surveillance}: fundA holds accounts 1001 and 1002, fundB 2001 and 2002. */
final class WashTradeRuleTest
{
    private static final int INSTRUMENT = 7;

    private Harness harness;
    private long time = T0;

    @Test
    void shouldFireOnOneAccountOnBothSidesAndOnOneBeneficialOwner()
    {
        harness = new Harness(config());

        final int self = execution(1001, 1001, 300);
        final int sameFund = execution(1002, 1001, 200);
        execution(1001, 2001, 100); // two owners
        final int otherSelf = execution(2001, 2001, 50);
        execution(3001, 3002, 10); // in no group: their own owners
        final int unknownSelf = execution(3001, 3001, 5);

        assertEquals(List.of(
            alert(self, 5, "CRITICAL", 1001, 1001, INSTRUMENT, 300, 0, 0),
            alert(sameFund, 5, "WARNING", 1002, 1001, INSTRUMENT, 200, 0, 1),
            alert(otherSelf, 5, "CRITICAL", 2001, 2001, INSTRUMENT, 50, 0, 0),
            alert(unknownSelf, 5, "CRITICAL", 3001, 3001, INSTRUMENT, 5, 0, 0)),
            harness.alerts);
        assertEquals(6, harness.surveillance.evaluated(WashTradeRule.RULE_ID));
        assertEquals(4, harness.surveillance.alerts(WashTradeRule.RULE_ID));
    }

    @Test
    void shouldNumberGroupsInTheOrderTheyAreConfigured()
    {
        harness = new Harness(config());

        final int fundB = execution(2001, 2002, 10);

        assertEquals(List.of(alert(fundB, 5, "WARNING", 2001, 2002, INSTRUMENT, 10, 0, 2)), harness.alerts);
    }

    @Test
    void shouldNotJudgeOrdersOrAnInstrumentWhereItIsDisabled()
    {
        final SurveillanceConfig config = config();
        config.instrument("OFF").washTrade().enabled(false);
        harness = new Harness(config);

        harness.feed(harness.frames.clientNewOrder(++time, INSTRUMENT, 1001, 1, io.ringside.codecs.sbe.Side.BUY,
            100_000, 10));
        harness.feed(harness.frames.instrumentDefinition(++time, 8, 100, "OFF", 4));
        harness.feed(harness.frames.clientExecution(++time, 8, 1001, 1001, 100_000, 10));

        assertEquals(List.of(), harness.alerts);
        assertEquals(0, harness.surveillance.evaluated(WashTradeRule.RULE_ID));
    }

    private static SurveillanceConfig config()
    {
        final SurveillanceConfig config = Harness.only(WashTradeRule.RULE_ID);
        config.accountGroup("fundA").accounts(1001, 1002);
        config.accountGroup("fundB").accounts(2001, 2002);
        return config;
    }

    private int execution(final long buyer, final long seller, final long quantity)
    {
        return harness.feed(harness.frames.clientExecution(++time, INSTRUMENT, buyer, seller, 100_000, quantity));
    }
}
