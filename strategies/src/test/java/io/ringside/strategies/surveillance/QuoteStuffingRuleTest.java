package io.ringside.strategies.surveillance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static io.ringside.strategies.surveillance.Harness.NONE;
import static io.ringside.strategies.surveillance.Harness.T0;
import static io.ringside.strategies.surveillance.Harness.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link QuoteStuffingRule} through {@link Surveillance}: at most 2 order messages per ms over a 5 ms window, so
 * more than 10 in the ms of a message and the 4 before it, with more than 50% cancels and deletes. T0 starts a ms.
 */
final class QuoteStuffingRuleTest
{
    private static final int INSTRUMENT = 7;
    private static final int OTHER = 8;
    private static final long MS = 1_000_000;

    private Harness harness;
    private long orderId;

    @Test
    void shouldFireOncePerBurstAndReArmWhenTheWindowIsBackWithinTheLimit()
    {
        harness = new Harness(config());

        for (int i = 0; i < 5; i++)
        {
            add(INSTRUMENT, T0 + i);
        }
        for (int i = 5; i < 10; i++)
        {
            delete(INSTRUMENT, T0 + i); // 10: at the limit
        }
        final int first = delete(INSTRUMENT, T0 + 10); // 11, 6 of them deletes: 54%
        delete(INSTRUMENT, T0 + 11); // the same burst

        replace(INSTRUMENT, T0 + 5 * MS); // the window is T0 + 1 ms .. T0 + 5 ms: empty but for this, re-armed
        int second = 0;
        for (int i = 0; i < 10; i++)
        {
            second = cancel(INSTRUMENT, T0 + 5 * MS + 1 + i);
        }

        assertEquals(List.of(
            alert(first, 6, "WARNING", NONE, NONE, INSTRUMENT, 11, 10, 54),
            alert(second, 6, "WARNING", NONE, NONE, INSTRUMENT, 11, 10, 90)),
            harness.alerts);
        assertEquals(23, harness.surveillance.evaluated(QuoteStuffingRule.RULE_ID));
        assertEquals(2, harness.surveillance.alerts(QuoteStuffingRule.RULE_ID));
        assertEquals(12, harness.surveillance.quoteStuffingRule().peakWindowMessages());
    }

    @Test
    void shouldNotFireAtExactlyTheCancelShareButWhenTheBurstTurnsToCancels()
    {
        harness = new Harness(config());

        for (int i = 0; i < 3; i++)
        {
            add(INSTRUMENT, T0 + i);
            replace(INSTRUMENT, T0 + i); // a replace is a message, not a cancel
        }
        for (int i = 0; i < 6; i++)
        {
            cancel(INSTRUMENT, T0 + 10 + i); // at 11 messages 45% cancels, at 12 exactly 50%: not above
        }
        assertEquals(List.of(), harness.alerts);

        final int turned = delete(INSTRUMENT, T0 + 20); // 7 of 13: 53%

        assertEquals(List.of(alert(turned, 6, "WARNING", NONE, NONE, INSTRUMENT, 13, 10, 53)), harness.alerts);
    }

    @Test
    void shouldBeCriticalBeyondTwiceTheLimit()
    {
        harness = new Harness(config());

        for (int i = 0; i < 11; i++)
        {
            add(INSTRUMENT, T0 + i); // over the limit, but adds: a burst that is not stuffing yet
        }
        int fired = 0;
        for (int i = 0; i < 12; i++)
        {
            fired = delete(INSTRUMENT, T0 + 20 + i); // 12 of 23: 52%
        }

        assertEquals(List.of(alert(fired, 6, "CRITICAL", NONE, NONE, INSTRUMENT, 23, 10, 52)), harness.alerts);
    }

    @Test
    void shouldCountTheMillisecondOfTheMessageAndTheFourBefore()
    {
        harness = new Harness(config());

        for (int i = 0; i < 10; i++)
        {
            delete(INSTRUMENT, T0 + i);
        }
        final int inside = delete(INSTRUMENT, T0 + 5 * MS - 1); // the last ns of the fifth ms

        assertEquals(List.of(alert(inside, 6, "WARNING", NONE, NONE, INSTRUMENT, 11, 10, 100)), harness.alerts);
    }

    @Test
    void shouldNotCountAMessageFiveMillisecondsOld()
    {
        harness = new Harness(config());

        for (int i = 0; i < 10; i++)
        {
            delete(INSTRUMENT, T0 + i);
        }
        delete(INSTRUMENT, T0 + 5 * MS); // the first ms has left the window
        for (int i = 0; i < 9; i++)
        {
            delete(INSTRUMENT, T0 + 5 * MS + 1 + i); // 10 within
        }

        assertEquals(List.of(), harness.alerts);
        assertEquals(10, harness.surveillance.quoteStuffingRule().peakWindowMessages());
    }

    @Test
    void shouldNotCountTradesOrClientActivityAndKeepInstrumentsApart()
    {
        final SurveillanceConfig config = config();
        config.instrument("CALM").quoteStuffing().maxMessagesPerMs(3);
        harness = new Harness(config);
        harness.feed(harness.frames.instrumentDefinition(T0, OTHER, 100, "CALM", 4));

        for (int i = 0; i < 10; i++)
        {
            delete(INSTRUMENT, T0 + i);
            delete(OTHER, T0 + i);
            harness.feed(harness.frames.orderExecuted(T0 + i, INSTRUMENT, 1, 10, 100_000, BUY));
            harness.feed(harness.frames.tradePrint(T0 + i, INSTRUMENT, 100_000, 10));
            harness.feed(harness.frames.clientCancel(T0 + i, INSTRUMENT, 1001, i));
            harness.feed(harness.frames.clientNewOrder(T0 + i, INSTRUMENT, 1001, i, SELL, 100_000, 10));
        }
        harness.feed(harness.frames.quote(T0 + 11, INSTRUMENT, 99_000, 10, 100_000, 10));
        assertEquals(List.of(), harness.alerts);

        final int busy = delete(INSTRUMENT, T0 + 12);
        for (int i = 0; i < 5; i++)
        {
            delete(OTHER, T0 + 12); // 15: within CALM's 3 per ms
        }
        final int calm = delete(OTHER, T0 + 13); // 16

        assertEquals(List.of(
            alert(busy, 6, "WARNING", NONE, NONE, INSTRUMENT, 11, 10, 100),
            alert(calm, 6, "WARNING", NONE, NONE, OTHER, 16, 15, 100)),
            harness.alerts);
    }

    private static SurveillanceConfig config()
    {
        final SurveillanceConfig config = Harness.only(QuoteStuffingRule.RULE_ID);
        config.quoteStuffing().maxMessagesPerMs(2).windowMs(5).minCancelPercent(50);
        return config;
    }

    private int add(final int instrumentId, final long at)
    {
        return harness.feed(harness.frames.addOrder(at, instrumentId, ++orderId, BUY, 100_000, 10));
    }

    private int replace(final int instrumentId, final long at)
    {
        return harness.feed(harness.frames.orderReplaced(at, instrumentId, orderId, ++orderId, 100_100, 10));
    }

    private int cancel(final int instrumentId, final long at)
    {
        return harness.feed(harness.frames.orderCancelled(at, instrumentId, orderId, 1));
    }

    private int delete(final int instrumentId, final long at)
    {
        return harness.feed(harness.frames.orderDeleted(at, instrumentId, ++orderId));
    }
}
