package io.ringside.strategies.surveillance;

import io.ringside.codecs.FrameCheck;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.TestFrames;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real SBE frames, one at a time, through a {@link Surveillance}; every alert is recorded with every field and the
 * index of the event that raised it, counting events fed from 1.
 */
final class Harness
{
    static final long T0 = 1_340_285_400_000_000_000L;
    static final long NONE = AlertSink.NO_ACCOUNT;

    final TestFrames frames = new TestFrames();
    final Surveillance surveillance;
    final List<String> alerts = new ArrayList<>();
    private int event;

    Harness(final SurveillanceConfig config)
    {
        surveillance = new Surveillance(config, 64);
    }

    /** A config with only the given rule enabled. */
    static SurveillanceConfig only(final int ruleId)
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.priceBand().enabled(PriceBandRule.RULE_ID == ruleId);
        config.size().enabled(SizeRule.RULE_ID == ruleId);
        config.velocity().enabled(VelocityRule.RULE_ID == ruleId);
        config.spoofing().enabled(SpoofingRule.RULE_ID == ruleId);
        config.washTrade().enabled(WashTradeRule.RULE_ID == ruleId);
        config.quoteStuffing().enabled(QuoteStuffingRule.RULE_ID == ruleId);
        config.staleFeed().enabled(StaleFeedRule.RULE_ID == ruleId);
        return config;
    }

    /** Feed one frame just encoded by {@link #frames}. */
    int feed(final int length)
    {
        event++;
        assertEquals(FrameCheck.OK, surveillance.onFrame(frames.buffer(), 0, length,
            (ruleId, severity, account, counterpartyAccount, instrumentId, observed, limit, reference) ->
                alerts.add(alert(event, ruleId, severity.name(), account, counterpartyAccount, instrumentId, observed,
                    limit, reference))));
        return event;
    }

    int events()
    {
        return event;
    }

    static String alert(
        final int event,
        final int ruleId,
        final String severity,
        final long account,
        final long counterparty,
        final int instrumentId,
        final long observed,
        final long limit,
        final long reference)
    {
        return "event=" + event + " rule=" + ruleId + " " + severity + " account=" + account + " counterparty=" +
            counterparty + " instrument=" + instrumentId + " observed=" + observed + " limit=" + limit +
            " reference=" + reference;
    }
}
