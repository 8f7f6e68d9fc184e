package io.ringside.strategies.surveillance;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.TestFrames;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule on a stream that makes each of them work and fire: market order flow around a moving book, and client
 * orders, cancels and executions from 200 accounts, some of them spoofing, stuffing, washing and fat-fingering.
 * Once every account and instrument has been seen, a pass over the stream allocates nothing.
 */
final class SurveillanceAllocationTest
{
    private static final int ACCOUNTS = 200;
    private static final int ROUNDS = 2_000;
    private static final int MEASURED_PASSES = 3;
    private static final long STALE_AFTER_NS = 100_000_000;

    @Test
    void shouldNotAllocateOnceAccountsAndInstrumentsHaveBeenSeen()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure allocation per thread");
        threads.setThreadAllocatedMemoryEnabled(true);

        final Stream stream = stream();
        final SurveillanceConfig config = new SurveillanceConfig().expectedAccounts(ACCOUNTS).expectedOrders(1024);
        config.accountGroup("fund").accounts(1, 2, 3);
        config.velocity().maxMessages(20);
        config.staleFeed().staleAfterNs(STALE_AFTER_NS);
        final Surveillance surveillance = new Surveillance(config, 1 << 12);
        CountingSink sink = null;
        for (int pass = 0; pass < 5; pass++)
        {
            sink = new CountingSink();
            feed(surveillance, stream, sink);
            surveillance.clear();
        }
        final long alertsPerPass = sink.alerts;
        for (int ruleId = 1; ruleId <= Surveillance.RULE_COUNT; ruleId++)
        {
            assertTrue(surveillance.alerts(ruleId) > 0, "rule " + ruleId + " fired: " + surveillance.alerts(ruleId));
        }

        // A deoptimisation can rematerialise an object the JIT had scalar-replaced, once; allocation per event would
        // show in every pass. So: up to three passes, and one of them must allocate nothing.
        final List<Long> allocated = new ArrayList<>();
        while (allocated.size() < MEASURED_PASSES && !allocated.contains(0L))
        {
            final CountingSink measured = new CountingSink();
            threads.getCurrentThreadAllocatedBytes();
            final long before = threads.getCurrentThreadAllocatedBytes();
            feed(surveillance, stream, measured);
            final long after = threads.getCurrentThreadAllocatedBytes();
            allocated.add(after - before);
            surveillance.clear();
            assertEquals(alertsPerPass, measured.alerts, "every pass raises the same alerts");
        }

        assertTrue(allocated.contains(0L), "bytes allocated per pass of " + stream.count + " frames: " + allocated);
    }

    private static void feed(final Surveillance surveillance, final Stream stream, final CountingSink sink)
    {
        for (int i = 0; i < stream.count; i++)
        {
            assertEquals(FrameCheck.OK, surveillance.onFrame(stream.buffer, stream.offsets[i], stream.lengths[i], sink));
        }
    }

    record Stream(ExpandableArrayBuffer buffer, int[] offsets, int[] lengths, int count)
    {
    }

    /** A deterministic stream: the same every time. */
    static Stream stream()
    {
        final Builder out = new Builder();
        final TestFrames frames = out.frames;
        final int instrument = 1;
        long time = 1_340_285_400_000_000_000L;
        long orderId = 0;
        long clientOrderId = 0;
        for (int round = 0; round < ROUNDS; round++)
        {
            time += 200_000; // 5,000 rounds a second
            final long mid = 1_000_000 + (round % 50) * 100;
            final long account = 1 + (round * 7) % ACCOUNTS;
            final long bidId = ++orderId;
            final long askId = ++orderId;
            // market: a bid and an ask around the mid, a trade, a print, then both withdrawn
            out.add(frames.addOrder(time, instrument, bidId, Side.BUY, mid - 100, 100 + round % 7));
            out.add(frames.addOrder(time + 1, instrument, askId, Side.SELL, mid + 100, 100));
            out.add(frames.orderExecuted(time + 2, instrument, askId, 10, mid + 100, Side.SELL));
            out.add(frames.tradePrint(time + 3, instrument, mid, 5 + round % 3));

            // a client: a large bid at an empty level (now and then huge), an offer (now and then a fat finger),
            // a trade on the other side (now and then with itself), and both cancelled: spoofing
            final long large = ++clientOrderId;
            final long small = ++clientOrderId;
            out.add(frames.clientNewOrder(time + 4, instrument, account, large, Side.BUY, mid - 300,
                round % 100 == 0 ? 100_000 : 500));
            out.add(frames.clientNewOrder(time + 5, instrument, account, small, Side.SELL,
                round % 97 == 0 ? mid * 2 : mid + 100, 10));
            final long buyer = round % 89 == 0 ? account : 1 + (account + 11) % ACCOUNTS;
            out.add(frames.clientExecution(time + 6, instrument, buyer, account, mid + 100, 10));
            out.add(frames.clientCancel(time + 7, instrument, account, large));
            out.add(frames.clientCancel(time + 8, instrument, account, small));

            out.add(frames.orderDeleted(time + 9, instrument, bidId));
            out.add(frames.orderDeleted(time + 10, instrument, askId));
            if (round % 500 == 0)
            {
                for (int i = 0; i < 30; i++) // quote stuffing: 30 adds and their deletes within a ms
                {
                    final long id = ++orderId;
                    out.add(frames.addOrder(time + 11 + i, instrument, id, Side.BUY, mid - 1_000, 100));
                    out.add(frames.orderDeleted(time + 12 + i, instrument, id));
                }
            }
            if (round % 1_000 == 0) // a second instrument trades now and then, silent for longer than stale-after
            {
                out.add(frames.tradePrint(time + 13, instrument + 1, mid, 100));
            }
            if (round % 100 == 99) // the engine's Timers, as if the inputs fell silent now and then
            {
                out.add(frames.timer(time + 199_000));
            }
            if (round % 400 == 0)
            {
                for (int i = 0; i < 25; i++) // velocity: one account's burst of orders
                {
                    out.add(frames.clientNewOrder(time + 50 + i, instrument, 2, ++clientOrderId, Side.BUY, mid, 1));
                }
            }
        }
        return new Stream(out.buffer, out.offsets, out.lengths, out.count);
    }

    private static final class Builder
    {
        final TestFrames frames = new TestFrames();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
        final int[] offsets = new int[ROUNDS * 20];
        final int[] lengths = new int[ROUNDS * 20];
        int count;
        int position;

        void add(final int length)
        {
            buffer.putBytes(position, frames.buffer(), 0, length);
            offsets[count] = position;
            lengths[count] = length;
            position += length;
            count++;
        }
    }

    /** Counts in long fields: allocates nothing per alert. */
    static final class CountingSink implements AlertSink
    {
        long alerts;
        long sum;

        public void onAlert(
            final int ruleId,
            final Severity severity,
            final long account,
            final long counterpartyAccount,
            final int instrumentId,
            final long observedValue,
            final long limitValue,
            final long referenceValue)
        {
            alerts++;
            sum += ruleId + observedValue + limitValue + referenceValue;
        }
    }
}
