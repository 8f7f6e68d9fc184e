package io.ringside.strategies.surveillance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.strategies.surveillance.Harness.NONE;
import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rules fire the same for an instrument whose windows were made on its first activity, and grew during a burst,
 * as for one whose windows were already full-grown from an earlier busy spell: the same alerts, at the same message
 * of the burst, with the same values. Windows long enough that their rings grow many times in the burst: quote
 * stuffing over 1,000 ms at 1 message a ms (limit 1,000), the size rule's average over 1,000 trades.
 */
final class LazyWindowTest
{
    private static final long MS = 1_000_000;
    private static final int DEFINED = 2_000;
    private static final int QUIET = 1_234; // one of the DEFINED, with no event but its definition
    private static final int BUSY = 7; // defined, and busy long before the burst
    private static final long BURST = T0 + 3_600_000 * MS;

    @Test
    void quoteStuffingFiresTheSameForAWindowMadeOnTheFirstMessage()
    {
        final SurveillanceConfig config = Harness.only(QuoteStuffingRule.RULE_ID);
        config.quoteStuffing().windowMs(1_000).maxMessagesPerMs(1).minCancelPercent(40);

        final List<String> quiet = stuffing(config, QUIET);
        final List<String> busy = stuffing(config, BUSY);

        // 2 messages a ms, an add then a delete: the 1,001st is the first over 1,000 in the window, at ms 500;
        // 500 of them deletes, 49%; then re-armed only when the window is back within 1,000, which it is not
        assertEquals(List.of(alert(1_001, 6, "WARNING", NONE, NONE, 0, 1_001, 1_000, 49)), quiet);
        assertEquals(quiet, busy);
    }

    @Test
    void theSizeRuleAveragesTheSameOverTradeSizesMadeOnTheFirstTrade()
    {
        final SurveillanceConfig config = Harness.only(SizeRule.RULE_ID);
        config.size().averageTrades(1_000).averageMultiple(50);

        final List<String> quiet = sizes(config, QUIET);
        final List<String> busy = sizes(config, BUSY);

        // the average is known from the 1,000th trade on: 999 of 10 and one of 1,010 average 11; 551 is over 50 x 11
        assertEquals(List.of(alert(1_002, 2, "WARNING", 42, NONE, 0, 551, 550, 11)), quiet);
        assertEquals(quiet, busy);
    }

    /** Alerts raised on the burst, numbered from its first message and with instrument 0 for the instrument. */
    private static List<String> stuffing(final SurveillanceConfig config, final int instrument)
    {
        final Harness harness = defined(config);
        long orderId = 1_000_000;
        for (int i = 0; i < 3_000; i++) // the busy one's ring grows to its full 1,000 ms, then all of it ages out
        {
            harness.feed(harness.frames.addOrder(T0 + i * MS, BUSY, ++orderId, BUY, 1_000_000, 100));
        }
        final int start = harness.events();
        final int before = harness.alerts.size();
        for (int ms = 0; ms < 600; ms++)
        {
            final long id = ++orderId;
            harness.feed(harness.frames.addOrder(BURST + ms * MS, instrument, id, BUY, 1_000_000, 100));
            harness.feed(harness.frames.orderDeleted(BURST + ms * MS + 1, instrument, id));
        }
        return renumbered(harness, before, start, instrument);
    }

    private static List<String> sizes(final SurveillanceConfig config, final int instrument)
    {
        final Harness harness = defined(config);
        for (int i = 0; i < 2_500; i++)
        {
            harness.feed(harness.frames.tradePrint(T0 + i * MS, BUSY, 1_000_000, 3));
        }
        final int start = harness.events();
        final int before = harness.alerts.size();
        for (int i = 0; i < 1_000; i++)
        {
            harness.feed(harness.frames.tradePrint(BURST + i * MS, instrument, 1_000_000, 999 == i ? 1_010 : 10));
        }
        harness.feed(harness.frames.clientNewOrder(BURST + 1_000 * MS, instrument, 42, 1, BUY, 1_000_000, 550));
        harness.feed(harness.frames.clientNewOrder(BURST + 1_001 * MS, instrument, 42, 2, BUY, 1_000_000, 551));
        return renumbered(harness, before, start, instrument);
    }

    private static Harness defined(final SurveillanceConfig config)
    {
        final Harness harness = new Harness(config);
        for (int id = 1; id <= DEFINED; id++)
        {
            harness.feed(harness.frames.instrumentDefinition(T0 - MS, id, 100, "S" + id, 4));
        }
        return harness;
    }

    private static List<String> renumbered(final Harness harness, final int before, final int start, final int id)
    {
        final List<String> alerts = new ArrayList<>();
        for (final String alert : harness.alerts.subList(before, harness.alerts.size()))
        {
            final int event = Integer.parseInt(alert.substring("event=".length(), alert.indexOf(' ')));
            alerts.add(("event=" + (event - start) + alert.substring(alert.indexOf(' ')))
                .replace(" instrument=" + id + " ", " instrument=0 "));
        }
        return alerts;
    }
}
