package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.Side;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringside.strategies.surveillance.Harness.NONE;
import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rule 7 through real frames: judged at Timers only, once per silence, instruments in id order; client messages are
 * not the feed; its state survives a snapshot.
 */
final class StaleFeedRuleTest
{
    private static final long S = 1_000_000_000L;
    private static final long STALE = StaleFeedSettings.DEFAULT_STALE_AFTER_NS;

    private Harness harness = new Harness(Harness.only(StaleFeedRule.RULE_ID));

    @Test
    void aSilentInstrumentIsReportedOnceAtTheFirstTimerPastStaleAfterUntilItHasAnEvent()
    {
        feed(harness.frames.addOrder(T0, 1, 1, Side.BUY, 1_000_000, 100));             // 1
        feed(harness.frames.addOrder(T0 + S, 2, 2, Side.SELL, 1_000_100, 100));        // 2
        feed(harness.frames.timer(T0 + 10 * S));                                       // 3
        feed(harness.frames.timer(T0 + STALE - 1));                                    // 4
        assertEquals(List.of(), harness.alerts);

        feed(harness.frames.timer(T0 + STALE));                                        // 5: instrument 1, 30 s
        feed(harness.frames.timer(T0 + STALE + S));                                    // 6: instrument 2, 30 s
        feed(harness.frames.timer(T0 + 60 * S));                                       // 7: both reported already
        // a client's order is not the feed: it ends no silence
        feed(harness.frames.clientNewOrder(T0 + 61 * S, 1, 1001, 1, Side.BUY, 1_000_000, 100)); // 8
        feed(harness.frames.timer(T0 + 62 * S));                                       // 9
        assertEquals(List.of(
            alert(5, 7, "WARNING", NONE, NONE, 1, STALE, STALE, T0),
            alert(6, 7, "WARNING", NONE, NONE, 2, STALE, STALE, T0 + S)),
            harness.alerts);

        // a trade print ends instrument 1's silence; the next one is reported in its turn
        feed(harness.frames.tradePrint(T0 + 70 * S, 1, 1_000_000, 100));               // 10
        feed(harness.frames.timer(T0 + 70 * S + STALE - 1));                           // 11
        feed(harness.frames.timer(T0 + 70 * S + STALE));                               // 12
        // a Timer behind the clock does not move it back: the judgment is at the clock
        feed(harness.frames.timer(T0 + 80 * S));                                       // 13
        assertEquals(List.of(
            alert(12, 7, "WARNING", NONE, NONE, 1, STALE, STALE, T0 + 70 * S)),
            harness.alerts.subList(2, harness.alerts.size()));
        assertEquals(T0 + 70 * S + STALE, harness.surveillance.clock());
        assertEquals(3, harness.surveillance.alerts(StaleFeedRule.RULE_ID));
        // instruments 1 and 2 at each of the 9 Timers
        assertEquals(18, harness.surveillance.evaluated(StaleFeedRule.RULE_ID));
    }

    @Test
    void instrumentsSilentAtTheSameTimerAreReportedInIdOrder()
    {
        feed(harness.frames.instrumentDefinition(T0, 9, 100));
        feed(harness.frames.tradingStatus(T0, 4, io.ringside.codecs.sbe.TradingState.TRADING));
        feed(harness.frames.orderDeleted(T0, 2, 77)); // an order it never saw: still the feed
        feed(harness.frames.timer(T0 + STALE));
        assertEquals(List.of(
            alert(4, 7, "WARNING", NONE, NONE, 2, STALE, STALE, T0),
            alert(4, 7, "WARNING", NONE, NONE, 4, STALE, STALE, T0),
            alert(4, 7, "WARNING", NONE, NONE, 9, STALE, STALE, T0)),
            harness.alerts);
    }

    @Test
    void disabledItRaisesNothingAndWithoutTimersNeitherDoesItEnabled()
    {
        final SurveillanceConfig config = Harness.only(StaleFeedRule.RULE_ID);
        config.staleFeed().enabled(false);
        harness = new Harness(config);
        feed(harness.frames.addOrder(T0, 1, 1, Side.BUY, 1_000_000, 100));
        feed(harness.frames.timer(T0 + 2 * STALE));
        assertEquals(List.of(), harness.alerts);

        harness = new Harness(Harness.only(StaleFeedRule.RULE_ID));
        feed(harness.frames.addOrder(T0, 1, 1, Side.BUY, 1_000_000, 100));
        feed(harness.frames.addOrder(T0 + 2 * STALE, 2, 2, Side.BUY, 1_000_000, 100));
        assertEquals(List.of(), harness.alerts);
        assertEquals(0, harness.surveillance.evaluated(StaleFeedRule.RULE_ID));
    }

    @Test
    void aSnapshotKeepsTheLastEventTimesAndWhatWasReported()
    {
        feed(harness.frames.addOrder(T0, 1, 1, Side.BUY, 1_000_000, 100));
        feed(harness.frames.addOrder(T0 + 10 * S, 2, 2, Side.BUY, 1_000_000, 100));
        feed(harness.frames.timer(T0 + STALE)); // instrument 1 reported
        assertEquals(1, harness.alerts.size());
        final byte[] snapshot = encode(harness.surveillance);

        final Harness restored = new Harness(Harness.only(StaleFeedRule.RULE_ID));
        restore(snapshot, restored.surveillance);
        assertArrayEquals(snapshot, encode(restored.surveillance), "re-encoded");

        // both go on alike: instrument 1 is not reported again, instrument 2 is, from its own last event
        for (final Harness h : new Harness[]{ harness, restored })
        {
            h.alerts.clear();
            h.surveillance.onFrame(h.frames.buffer(), 0, h.frames.timer(T0 + 10 * S + STALE),
                (rule, severity, account, counterparty, instrument, observed, limit, reference) ->
                    h.alerts.add(alert(0, rule, severity.name(), account, counterparty, instrument, observed, limit,
                        reference)));
        }
        assertEquals(List.of(alert(0, 7, "WARNING", NONE, NONE, 2, STALE, STALE, T0 + 10 * S)), restored.alerts);
        assertEquals(harness.alerts, restored.alerts);
        assertArrayEquals(encode(harness.surveillance), encode(restored.surveillance));
        assertEquals(2, restored.surveillance.alerts(StaleFeedRule.RULE_ID));
    }

    @Test
    void aSnapshotTakenBeforeAnyTimerCountsSilenceFromTheFirstEventAfterTheRestore()
    {
        feed(harness.frames.addOrder(T0, 1, 1, Side.BUY, 1_000_000, 100));
        final byte[] untimed = encode(harness.surveillance);
        assertArrayEquals(encode(fedOneAddAt(T0 + 7 * S)), untimed,
            "before a Timer no time state is written: the same add at another time encodes alike");

        final Harness restored = new Harness(Harness.only(StaleFeedRule.RULE_ID));
        restore(untimed, restored.surveillance);
        restored.feed(restored.frames.addOrder(T0 + 5 * S, 2, 2, Side.BUY, 1_000_000, 100));
        restored.feed(restored.frames.timer(T0 + 5 * S + STALE - 1));
        assertEquals(List.of(), restored.alerts);
        restored.feed(restored.frames.timer(T0 + 5 * S + STALE));
        assertEquals(List.of(
            alert(3, 7, "WARNING", NONE, NONE, 1, STALE, STALE, T0 + 5 * S),
            alert(3, 7, "WARNING", NONE, NONE, 2, STALE, STALE, T0 + 5 * S)),
            restored.alerts);
    }

    @Test
    void settingsChangedAtRuntimeActOnTheNextEvent()
    {
        final SurveillanceConfig config = Harness.only(PriceBandRule.RULE_ID);
        config.priceBand().maxDeviationBps(10);
        harness = new Harness(config);
        final Surveillance surveillance = harness.surveillance;
        feed(harness.frames.addOrder(T0, 1, 1, Side.BUY, 999_000, 100));
        feed(harness.frames.addOrder(T0, 1, 2, Side.SELL, 1_001_000, 100));
        // 8 bps off the mid of 1,000,000: within 10
        feed(harness.frames.clientNewOrder(T0 + 1, 1, 1001, 1, Side.BUY, 1_000_800, 10));
        assertEquals(List.of(), harness.alerts);

        // as the engine does a SET: read the value before, apply it to the config, tell the handler, hand it the
        // command
        final String key = "surveillance.price-band.max-deviation-bps";
        assertEquals(10, surveillance.settingValue(key));
        config.priceBand().maxDeviationBps(5);
        surveillance.settingsChanged();
        feed(harness.frames.controlCommand(T0 + 2, ControlAction.SET, 0, key, 5));
        assertEquals(ControlResult.APPLIED.value(), surveillance.lastControlResult());
        assertEquals(5, surveillance.lastControlPreviousValue(), "the value when the command reached it");

        feed(harness.frames.clientNewOrder(T0 + 3, 1, 1001, 2, Side.BUY, 1_000_800, 10));
        assertEquals(List.of(alert(5, 1, "WARNING", 1001, NONE, 1, 8, 5, 1_000_000)), harness.alerts);

        // the stale-feed rule's, and a setting an instrument override resolves
        config.staleFeed().enabled(true).staleAfterNs(S);
        surveillance.settingsChanged();
        feed(harness.frames.timer(T0 + S));
        assertEquals(alert(6, 7, "WARNING", NONE, NONE, 1, S, S, T0), harness.alerts.get(1));

        // what it cannot take: a bad value (nothing changes), keys not its own or that size something
        config.staleFeed().staleAfterNs(-1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, surveillance::settingsChanged);
        config.staleFeed().staleAfterNs(S);
        feed(harness.frames.controlCommand(T0 + 2 * S, ControlAction.SET, 0, "risk.max-position", 5));
        assertEquals(ControlResult.UNKNOWN_SETTING.value(), surveillance.lastControlResult());
        feed(harness.frames.controlCommand(T0 + 2 * S, ControlAction.SET, 0, "surveillance.velocity.max-messages", 5));
        assertEquals(ControlResult.NOT_AVAILABLE.value(), surveillance.lastControlResult());
        assertEquals(50, surveillance.lastControlPreviousValue());
        feed(harness.frames.controlCommand(T0 + 2 * S, ControlAction.KILL_SWITCH_ON, 0, null, 0));
        assertEquals(ControlResult.NOT_AVAILABLE.value(), surveillance.lastControlResult());
        assertEquals(0, surveillance.lastControlPreviousValue());
        assertEquals(Surveillance.NO_SETTING, surveillance.settingValue("surveillance.price-band.nope"));
    }

    @Test
    void settingValueReadsAnInstrumentOverrideOrTheDefaultItTakes()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.instrument("AAPL").priceBand().maxDeviationBps(20);
        final Surveillance surveillance = new Surveillance(config, 16);
        assertEquals(20, surveillance.settingValue("instrument.AAPL.surveillance.price-band.max-deviation-bps"));
        assertEquals(1, surveillance.settingValue("instrument.AAPL.surveillance.price-band.enabled"));
        assertEquals(Surveillance.NO_SETTING, surveillance.settingValue("instrument.MSFT.surveillance.size.enabled"));
        assertEquals(Surveillance.NO_SETTING,
            surveillance.settingValue("instrument.AAPL.surveillance.stale-feed.enabled"));
        assertEquals(StaleFeedSettings.DEFAULT_STALE_AFTER_NS,
            surveillance.settingValue("surveillance.stale-feed.stale-after-ns"));
        assertEquals(1024, surveillance.settingValue("surveillance.expected-accounts"));
    }

    private static Surveillance fedOneAddAt(final long time)
    {
        final Harness other = new Harness(Harness.only(StaleFeedRule.RULE_ID));
        other.feed(other.frames.addOrder(time, 1, 1, Side.BUY, 1_000_000, 100));
        return other.surveillance;
    }

    private void feed(final int length)
    {
        harness.feed(length);
    }

    private static byte[] encode(final Surveillance surveillance)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final int length = surveillance.encodeState(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static void restore(final byte[] snapshot, final Surveillance surveillance)
    {
        assertEquals(snapshot.length, surveillance.restoreState(new UnsafeBuffer(snapshot), 0, snapshot.length));
    }
}
