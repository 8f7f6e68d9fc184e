package io.ringside.strategies.trading;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.TestFrames;
import io.ringside.strategies.surveillance.StaleFeedRule;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AAPL hour with the engine's Timers in its silences (one every 50 ms of a gap between events, as an engine
 * whose inputs fall silent would stamp them) and stale-after 200 ms for both handlers: silences are reported and
 * quotes withdrawn; a restore at any point goes on exactly as the original; the Timers allocate nothing.
 */
final class TimedAaplHourTest
{
    private static final long TIMER_NS = 50_000_000;
    private static final long STALE_NS = 200_000_000;
    private static final int ORDER_CAPACITY = 1 << 12;
    private static final int EVENT_TIME_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES;
    private static TradingAaplHourTest.Frames timed;

    @Test
    void silencesAreReportedQuotesWithdrawnAndARestoreGoesOnAsTheOriginal()
    {
        final TradingAaplHourTest.Frames frames = timedFrames();
        final int count = frames.count();
        final Outputs whole = new Outputs();
        final Surveillance reference = newSurveillance();
        final Trading referenceTrading = newTrading();
        feed(frames, 0, count, reference, referenceTrading, whole);
        final long staleAlerts = whole.alerts.stream().filter((a) -> a.startsWith("rule=7 ")).count();
        final long staleCancels = whole.cancelsAtTimers;
        assertTrue(staleAlerts > 10, "stale alerts " + staleAlerts);
        assertTrue(staleCancels > 10, "quotes withdrawn at Timers " + staleCancels);
        assertEquals(staleAlerts, reference.alerts(StaleFeedRule.RULE_ID));
        final byte[] referenceEnd = SnapshotRoundTripTest.encode(reference, referenceTrading);

        // Snapshots taken after the first Timer (frame 1), which carry the time state. One taken before any Timer
        // does not: restored from it, silences count from the first event after (Surveillance, Trading), so the first
        // report comes a Timer later than without the restart.
        assertEquals(TIMER_LENGTH, frames.lengths()[1]);
        for (final int k : new int[]{ 0, 2, 5, count / 3, 2 * count / 3 + 1, count - 1 })
        {
            final Outputs head = new Outputs();
            final Surveillance surveillance = newSurveillance();
            final Trading trading = newTrading();
            feed(frames, 0, k, surveillance, trading, head);
            final byte[] snapshot = SnapshotRoundTripTest.encode(surveillance, trading);
            final Surveillance restored = newSurveillance();
            final Trading restoredTrading = newTrading();
            SnapshotRoundTripTest.restore(snapshot, restored, restoredTrading);
            assertArrayEquals(snapshot, SnapshotRoundTripTest.encode(restored, restoredTrading), "re-encoded at " + k);

            final Outputs tail = new Outputs();
            feed(frames, k, count, restored, restoredTrading, tail);
            final List<String> alerts = new ArrayList<>(head.alerts);
            alerts.addAll(tail.alerts);
            final List<String> orders = new ArrayList<>(head.orders);
            orders.addAll(tail.orders);
            assertEquals(whole.alerts, alerts, "alerts with a restore at " + k);
            assertEquals(whole.orders, orders, "orders with a restore at " + k);
            assertArrayEquals(referenceEnd, SnapshotRoundTripTest.encode(restored, restoredTrading), "end at " + k);
        }
    }

    @Test
    void timersAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure allocation per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        final TradingAaplHourTest.Frames frames = timedFrames();
        final Counting sink = new Counting();
        for (int round = 0; round < 5; round++)
        {
            feedCounting(frames, 0, frames.count(), newSurveillance(), newTrading(), sink);
        }
        // As TradingAaplHourTest: fresh handlers each hour, measured once books, quotes and positions exist.
        final List<Long> allocated = new ArrayList<>();
        while (allocated.size() < 3 && !allocated.contains(0L))
        {
            final Surveillance surveillance = newSurveillance();
            final Trading trading = newTrading();
            int warm = 1_000;
            feedCounting(frames, 0, warm, surveillance, trading, sink);
            while (warm < frames.count() && (null == trading.fillSimulator().positionOf(MarketMaker.STRATEGY_ID, 1) ||
                null == trading.fillSimulator().positionOf(OrderFlowImbalanceTaker.STRATEGY_ID, 1)))
            {
                feedCounting(frames, warm, ++warm, surveillance, trading, sink);
            }
            threads.getCurrentThreadAllocatedBytes();
            final long before = threads.getCurrentThreadAllocatedBytes();
            feedCounting(frames, warm, frames.count(), surveillance, trading, sink);
            allocated.add(threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(allocated.contains(0L), "bytes allocated per timed hour: " + allocated);
        assertTrue(sink.alerts > 0 && sink.orders > 0);
    }

    private static void feedCounting(
        final TradingAaplHourTest.Frames frames, final int from, final int to, final Surveillance surveillance,
        final Trading trading, final Counting sink)
    {
        for (int i = from; i < to; i++)
        {
            surveillance.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], sink);
            trading.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], sink);
        }
    }

    private static Surveillance newSurveillance()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.staleFeed().staleAfterNs(STALE_NS);
        return new Surveillance(config, ORDER_CAPACITY);
    }

    private static Trading newTrading()
    {
        final TradingConfig config = new TradingConfig().initialOrderCapacityPerBook(ORDER_CAPACITY);
        config.marketMaker().staleAfterNs(STALE_NS);
        return new Trading(config);
    }

    private static void feed(
        final TradingAaplHourTest.Frames frames,
        final int from,
        final int to,
        final Surveillance surveillance,
        final Trading trading,
        final Outputs outputs)
    {
        for (int i = from; i < to; i++)
        {
            outputs.frame = i;
            outputs.timer = frames.lengths()[i] == TIMER_LENGTH;
            assertEquals(FrameCheck.OK,
                surveillance.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], outputs));
            assertEquals(FrameCheck.OK,
                trading.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], outputs));
        }
    }

    private static final int TIMER_LENGTH = new TestFrames().timer(0);

    /** The hour's frames with a Timer every 50 ms of each gap between events (at most 100 per gap). */
    static synchronized TradingAaplHourTest.Frames timedFrames()
    {
        if (null != timed)
        {
            return timed;
        }
        final TradingAaplHourTest.Frames hour = TradingAaplHourTest.frames();
        final TestFrames timers = new TestFrames();
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(hour.buffer().capacity() * 2);
        final List<int[]> frames = new ArrayList<>();
        int position = 0;
        for (int i = 0; i < hour.count(); i++)
        {
            out.putBytes(position, hour.buffer(), hour.offsets()[i], hour.lengths()[i]);
            frames.add(new int[]{ position, hour.lengths()[i] });
            position += hour.lengths()[i];
            if (i + 1 < hour.count())
            {
                final long time = hour.buffer().getLong(hour.offsets()[i] + EVENT_TIME_OFFSET);
                final long next = hour.buffer().getLong(hour.offsets()[i + 1] + EVENT_TIME_OFFSET);
                for (long t = time + TIMER_NS, n = 0; t < next && n < 100; t += TIMER_NS, n++)
                {
                    final int length = timers.timer(t);
                    out.putBytes(position, timers.buffer(), 0, length);
                    frames.add(new int[]{ position, length });
                    position += length;
                }
            }
        }
        final int[] offsets = new int[frames.size()];
        final int[] lengths = new int[frames.size()];
        for (int i = 0; i < offsets.length; i++)
        {
            offsets[i] = frames.get(i)[0];
            lengths[i] = frames.get(i)[1];
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[position]);
        buffer.putBytes(0, out, 0, position);
        timed = new TradingAaplHourTest.Frames(buffer, offsets, lengths, offsets.length);
        return timed;
    }

    private static final class Outputs implements AlertSink, OrderSink
    {
        final List<String> alerts = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        int frame;
        boolean timer;
        long cancelsAtTimers;

        public void onAlert(
            final int ruleId,
            final io.ringside.codecs.sbe.Severity severity,
            final long account,
            final long counterpartyAccount,
            final int instrumentId,
            final long observedValue,
            final long limitValue,
            final long referenceValue)
        {
            alerts.add("rule=" + ruleId + " " + frame + " " + severity + " " + instrumentId + " " + observedValue + " "
                + limitValue + " " + referenceValue);
        }

        public void onOrder(
            final int strategyId,
            final int instrumentId,
            final OrderAction action,
            final io.ringside.codecs.sbe.Side side,
            final long price,
            final long quantity,
            final long clientOrderId,
            final long originalClientOrderId)
        {
            cancelsAtTimers += timer && OrderAction.CANCEL == action ? 1 : 0;
            orders.add(frame + " " + strategyId + " " + action + " " + side + " " + quantity + "@" + price + " id="
                + clientOrderId + " orig=" + originalClientOrderId);
        }
    }

    /** Counts in long fields: allocates nothing per output. */
    private static final class Counting implements AlertSink, OrderSink
    {
        long alerts;
        long orders;

        public void onAlert(
            final int ruleId,
            final io.ringside.codecs.sbe.Severity severity,
            final long account,
            final long counterpartyAccount,
            final int instrumentId,
            final long observedValue,
            final long limitValue,
            final long referenceValue)
        {
            alerts++;
        }

        public void onOrder(
            final int strategyId,
            final int instrumentId,
            final OrderAction action,
            final io.ringside.codecs.sbe.Side side,
            final long price,
            final long quantity,
            final long clientOrderId,
            final long originalClientOrderId)
        {
            orders++;
        }
    }
}
