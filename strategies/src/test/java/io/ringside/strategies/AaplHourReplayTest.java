package io.ringside.strategies;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.surveillance.PriceBandRule;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first hour of AAPL on 2012-06-21 (LOBSTER, level 50) through {@link Surveillance} and {@link Trading}: the
 * same input gives the same alerts and orders, the price band fires the measured number of times, and the hot path
 * allocates nothing once books and maps have been created.
 */
final class AaplHourReplayTest
{
    private static final String MESSAGE_FILE = "AAPL_2012-06-21_34200000_37800000_message_50.csv";
    private static final int INSTRUMENT_ID = 1;
    private static final int ORDER_CAPACITY = 1 << 17;
    private static final int FIRST_SIGHT_FRAMES = 1000;
    // enough for the JIT to settle: a deoptimisation in the measured run can rematerialise scalar-replaced objects
    private static final int WARM_UP_ROUNDS = 5;
    private static final int MEASURED_HOURS = 3;
    private static final long NONE = Long.MIN_VALUE;

    record Replay(List<String> alerts, List<String> orders, long evaluated, long fired, long ordersSent)
    {
    }

    record Frames(UnsafeBuffer buffer, int[] offsets, int[] lengths, int count)
    {
    }

    @Test
    void shouldSendIdenticalAlertsAndOrdersOnEveryReplay()
    {
        final Replay first = replay(5);
        final Replay second = replay(5);

        // every rule at its defaults: the price band's 7 on market executions, and quote stuffing's 2 bursts (more than
        // 50 order messages in 10 ms, over 40% of them cancels and deletes); no client activity in the file
        assertEquals(9, first.alerts().size());
        assertEquals(List.of(
            "21052 rule=6 WARNING account=" + NONE + "/" + NONE + " instrument=1 observed=51 limit=50 reference=50",
            "70495 rule=6 WARNING account=" + NONE + "/" + NONE + " instrument=1 observed=51 limit=50 reference=49"),
            first.alerts().stream().filter((alert) -> alert.contains(" rule=6 ")).toList());
        assertEquals(6268, first.evaluated());
        assertEquals(7, first.fired());
        assertEquals(first.ordersSent(), first.orders().size());
        assertTrue(first.orders().size() > 2, "the market maker quoted and re-quoted: " + first.orders().size());
        assertEquals(first.alerts(), second.alerts());
        assertEquals(first.orders(), second.orders());
        assertEquals(first.evaluated(), second.evaluated());
    }

    @Test
    void shouldFireTheMeasuredNumberOfAlertsPerBand()
    {
        final Frames frames = readFrames();
        final long[] bands = { 1, 2, 3, 5, 10 };
        final long[] expectedAlerts = { 705, 134, 31, 7, 0 };
        final long[] alerts = new long[bands.length];
        final long[] evaluated = new long[bands.length];
        for (int i = 0; i < bands.length; i++)
        {
            final Surveillance surveillance = new Surveillance(SurveillanceConfig.priceBandOnly(bands[i]), ORDER_CAPACITY);
            final CountingAlertSink sink = new CountingAlertSink();
            for (int f = 0; f < frames.count(); f++)
            {
                assertEquals(FrameCheck.OK, surveillance.onFrame(
                    frames.buffer(), frames.offsets()[f], frames.lengths()[f], sink));
            }
            alerts[i] = sink.alerts;
            evaluated[i] = surveillance.priceBandRule().evaluated();
            assertEquals(sink.alerts, surveillance.priceBandRule().fired());
        }

        assertEquals(Arrays.toString(expectedAlerts), Arrays.toString(alerts), "alerts for bands 1, 2, 3, 5, 10 bps");
        assertEquals(
            Arrays.toString(new long[]{ 6268, 6268, 6268, 6268, 6268 }),
            Arrays.toString(evaluated),
            "executions judged against a two-sided book");
    }

    @Test
    void shouldNotAllocateOnceBooksAndQuotesExist()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure allocation per thread");
        threads.setThreadAllocatedMemoryEnabled(true);

        final Frames frames = readFrames();
        assertTrue(frames.count() > FIRST_SIGHT_FRAMES * 10, "frames: " + frames.count());

        CountingAlertSink alertSink = null;
        CountingOrderSink orderSink = null;
        for (int round = 0; round < WARM_UP_ROUNDS; round++)
        {
            alertSink = new CountingAlertSink();
            orderSink = new CountingOrderSink();
            feed(frames, 0, frames.count(), newSurveillance(), newMarketMaker(), alertSink, orderSink);
        }
        final long warmAlerts = alertSink.alerts;
        final long warmOrders = orderSink.orders;
        final long warmOrderHash = orderSink.hash;

        // A deoptimisation mid-hour can rematerialise an object the JIT had scalar-replaced, once; allocation per
        // event would show in every hour. So: up to three fresh hours, and one of them must allocate nothing.
        final List<Long> allocatedPerHour = new ArrayList<>();
        CountingAlertSink measuredAlertSink = null;
        CountingOrderSink measuredOrderSink = null;
        while (allocatedPerHour.size() < MEASURED_HOURS && !allocatedPerHour.contains(0L))
        {
            final Surveillance surveillance = newSurveillance();
            final Trading marketMaker = newMarketMaker();
            measuredAlertSink = new CountingAlertSink();
            measuredOrderSink = new CountingOrderSink();
            feed(frames, 0, FIRST_SIGHT_FRAMES, surveillance, marketMaker, measuredAlertSink, measuredOrderSink);
            threads.getCurrentThreadAllocatedBytes();

            final long before = threads.getCurrentThreadAllocatedBytes();
            feed(frames, FIRST_SIGHT_FRAMES, frames.count(), surveillance, marketMaker, measuredAlertSink,
                measuredOrderSink);
            final long after = threads.getCurrentThreadAllocatedBytes();
            allocatedPerHour.add(after - before);
        }

        assertTrue(allocatedPerHour.contains(0L),
            "bytes allocated by frames " + FIRST_SIGHT_FRAMES + " to " + frames.count() + " of " + MESSAGE_FILE
                + ", per measured hour: " + allocatedPerHour);
        assertEquals(9, measuredAlertSink.alerts, "7 price band and 2 quote stuffing");
        assertEquals(warmAlerts, measuredAlertSink.alerts);
        assertEquals(warmOrders, measuredOrderSink.orders);
        assertEquals(warmOrderHash, measuredOrderSink.hash);
        assertEquals(0, measuredAlertSink.refused + measuredOrderSink.refused, "frames refused");
    }

    private static Surveillance newSurveillance()
    {
        return new Surveillance(new SurveillanceConfig(), ORDER_CAPACITY); // every rule, at its defaults
    }

    private static Trading newMarketMaker()
    {
        return new Trading(new TradingConfig().initialOrderCapacityPerBook(ORDER_CAPACITY));
    }

    private static void feed(
        final Frames frames,
        final int from,
        final int to,
        final Surveillance surveillance,
        final Trading marketMaker,
        final CountingAlertSink alertSink,
        final CountingOrderSink orderSink)
    {
        final UnsafeBuffer buffer = frames.buffer();
        final int[] offsets = frames.offsets();
        final int[] lengths = frames.lengths();
        for (int i = from; i < to; i++)
        {
            if (FrameCheck.OK != surveillance.onFrame(buffer, offsets[i], lengths[i], alertSink))
            {
                alertSink.refused++;
            }
            if (FrameCheck.OK != marketMaker.onFrame(buffer, offsets[i], lengths[i], orderSink))
            {
                orderSink.refused++;
            }
        }
    }

    /**
     * Read the file afresh and run it through fresh instances, recording every field of every alert and order and the
     * frame that caused it.
     */
    private static Replay replay(final long bandBps)
    {
        final Frames frames = readFrames();
        final SurveillanceConfig config = new SurveillanceConfig();
        config.priceBand().maxDeviationBps(bandBps);
        final Surveillance surveillance = new Surveillance(config, ORDER_CAPACITY);
        final Trading marketMaker = newMarketMaker();
        final List<String> alerts = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        for (int i = 0; i < frames.count(); i++)
        {
            final int frame = i;
            final int offset = frames.offsets()[i];
            final int length = frames.lengths()[i];
            assertEquals(FrameCheck.OK, surveillance.onFrame(frames.buffer(), offset, length,
                (ruleId, severity, account, counterpartyAccount, instrumentId, observed, limit, reference) ->
                    alerts.add(frame + " rule=" + ruleId + " " + severity + " account=" + account + "/" +
                        counterpartyAccount + " instrument=" + instrumentId + " observed=" + observed +
                        " limit=" + limit + " reference=" + reference)));
            assertEquals(FrameCheck.OK, marketMaker.onFrame(frames.buffer(), offset, length,
                (strategyId, instrumentId, action, side, price, quantity, clientOrderId, originalClientOrderId) ->
                    orders.add(frame + " strategy=" + strategyId + " instrument=" + instrumentId + " " + action + " " +
                        side + " " + quantity + "@" + price + " id=" + clientOrderId + " orig=" +
                        originalClientOrderId)));
        }

        return new Replay(
            alerts,
            orders,
            surveillance.priceBandRule().evaluated(),
            surveillance.priceBandRule().fired(),
            marketMaker.ordersSent());
    }

    private static Frames readFrames()
    {
        final ExpandableArrayBuffer all = new ExpandableArrayBuffer(16 * 1024 * 1024);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        int[] offsets = new int[128 * 1024];
        int[] lengths = new int[128 * 1024];
        int count = 0;
        int position = 0;
        final StringBuilder errors = new StringBuilder();
        try (LobsterReader reader = new LobsterReader(
            SharedData.lobsterDir().resolve(MESSAGE_FILE),
            INSTRUMENT_ID,
            null,
            null,
            (kind, where, problem) ->
            {
                errors.append(kind).append(' ').append(where).append(' ').append(problem).append('\n');
                return true;
            }))
        {
            int length;
            while ((length = reader.next(scratch, 0)) > 0)
            {
                if (count == offsets.length)
                {
                    offsets = Arrays.copyOf(offsets, count * 2);
                    lengths = Arrays.copyOf(lengths, count * 2);
                }
                all.putBytes(position, scratch, 0, length);
                offsets[count] = position;
                lengths[count] = length;
                count++;
                position += length;
            }
            assertEquals(0, reader.errors(), errors.toString());
        }

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[position]);
        buffer.putBytes(0, all, 0, position);
        return new Frames(buffer, offsets, lengths, count);
    }


    /** Counts in long fields: allocates nothing per alert. */
    static final class CountingAlertSink implements AlertSink
    {
        long alerts;
        long critical;
        long sum;
        long refused;

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
            if (Severity.CRITICAL == severity)
            {
                critical++;
            }
            sum += ruleId + account + counterpartyAccount + instrumentId + observedValue + limitValue + referenceValue;
        }
    }

    /** Counts and hashes every field in long fields: allocates nothing per order. */
    static final class CountingOrderSink implements OrderSink
    {
        long orders;
        long hash = 17;
        long refused;

        public void onOrder(
            final int strategyId,
            final int instrumentId,
            final OrderAction action,
            final Side side,
            final long price,
            final long quantity,
            final long clientOrderId,
            final long originalClientOrderId)
        {
            orders++;
            hash = mix(hash, strategyId);
            hash = mix(hash, instrumentId);
            hash = mix(hash, action.value());
            hash = mix(hash, side.value());
            hash = mix(hash, price);
            hash = mix(hash, quantity);
            hash = mix(hash, clientOrderId);
            hash = mix(hash, originalClientOrderId);
        }

        private static long mix(final long hash, final long value)
        {
            return hash * 31 + value;
        }
    }
}
