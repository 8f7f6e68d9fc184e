package io.ringside.strategies;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole exchange defined, little of it traded: 10,000 instruments defined through each handler's public frame API,
 * a little activity on one in a hundred, and what each handler allocated meanwhile, read from the JVM for this thread
 * (com.sun.management.ThreadMXBean): a bound on what it can retain, counted in bytes, so the same every run. What an
 * instrument costs must follow what happens in it, not its definition, also with the longest windows the configuration
 * allows, where a window made up front would cost hundreds of KB an instrument.
 * <p>
 * Books are sized small here ({@code book.initial-order-capacity} 16): what a book costs is the book's own business,
 * and a book is only made on an instrument's first order event.
 */
final class WholeExchangeMemoryTest
{
    private static final int INSTRUMENTS = 10_000;
    private static final int ACTIVE_EVERY = 100;
    private static final int BOOK_CAPACITY = 16;
    private static final long T0 = 1_340_285_400_000_000_000L;
    private static final long MS = 1_000_000;

    /** The bound the handlers must keep to, per defined instrument, for everything: definitions and activity. */
    private static final long MAX_BYTES_PER_INSTRUMENT = 4 * 1024;
    /** A definition alone: the instrument's own state and its share of the handler's tables. */
    private static final long MAX_BYTES_PER_DEFINITION = 1024;

    @Test
    void tenThousandInstrumentsDefinedCostAFewHundredBytesEachInEachHandler()
    {
        final Frames definitions = definitions();
        final Frames activity = activity();
        for (final String windows : new String[]{ "default", "longest" })
        {
            final Supplier<Surveillance> surveillance =
                () -> new Surveillance(surveillanceConfig(windows), BOOK_CAPACITY);
            final Supplier<Trading> trading =
                () -> new Trading(new TradingConfig().initialOrderCapacityPerBook(BOOK_CAPACITY));
            // the first run loads classes and compiles; the second is measured
            measure(surveillance, trading, definitions, activity);
            final long[] bytes = measure(surveillance, trading, definitions, activity);

            final String what = windows + " windows: bytes per defined instrument ";
            assertTrue(bytes[0] < MAX_BYTES_PER_DEFINITION * INSTRUMENTS,
                what + "in surveillance, definitions alone: " + bytes[0] / INSTRUMENTS);
            assertTrue(bytes[1] < MAX_BYTES_PER_DEFINITION * INSTRUMENTS,
                what + "in trading, definitions alone: " + bytes[1] / INSTRUMENTS);
            assertTrue(bytes[0] + bytes[2] < MAX_BYTES_PER_INSTRUMENT * INSTRUMENTS,
                what + "in surveillance, with the activity: " + (bytes[0] + bytes[2]) / INSTRUMENTS);
            assertTrue(bytes[1] + bytes[3] < MAX_BYTES_PER_INSTRUMENT * INSTRUMENTS,
                what + "in trading, with the activity: " + (bytes[1] + bytes[3]) / INSTRUMENTS);
        }
    }

    private static SurveillanceConfig surveillanceConfig(final String windows)
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        if ("longest".equals(windows))
        {
            config.quoteStuffing().windowMs(60_000);
            config.size().averageTrades(1_000_000);
        }
        return config;
    }

    /**
     * @return bytes this thread allocated: surveillance taking the definitions, trading taking them, then each taking
     * the activity.
     */
    private static long[] measure(
        final Supplier<Surveillance> newSurveillance,
        final Supplier<Trading> newTrading,
        final Frames definitions,
        final Frames activity)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure allocation per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        final AlertSink alerts = (ruleId, severity, account, counterparty, instrumentId, observed, limit, reference) ->
        {
        };
        final OrderSink orders = (strategyId, instrumentId, action, side, price, quantity, clientOrderId, original) ->
        {
        };

        final Surveillance surveillance = newSurveillance.get();
        final Trading trading = newTrading.get();
        final long[] bytes = new long[4];
        threads.getCurrentThreadAllocatedBytes();

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < definitions.count; i++)
        {
            assertEquals(FrameCheck.OK, surveillance.onFrame(
                definitions.buffer, definitions.offsets[i], definitions.lengths[i], alerts));
        }
        bytes[0] = threads.getCurrentThreadAllocatedBytes() - before;

        before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < definitions.count; i++)
        {
            assertEquals(FrameCheck.OK, trading.onFrame(
                definitions.buffer, definitions.offsets[i], definitions.lengths[i], orders));
        }
        bytes[1] = threads.getCurrentThreadAllocatedBytes() - before;

        before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < activity.count; i++)
        {
            assertEquals(FrameCheck.OK,
                surveillance.onFrame(activity.buffer, activity.offsets[i], activity.lengths[i], alerts));
        }
        bytes[2] = threads.getCurrentThreadAllocatedBytes() - before;

        before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < activity.count; i++)
        {
            assertEquals(FrameCheck.OK,
                trading.onFrame(activity.buffer, activity.offsets[i], activity.lengths[i], orders));
        }
        bytes[3] = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(trading.ordersSent() > 0, "the strategies traded the active instruments");
        assertTrue(surveillance.evaluated(6) > 0 && surveillance.evaluated(2) > 0, "the rules judged them");
        return bytes;
    }

    /** Instruments 1 to 10,000, symbols S1 to S10000, all at price scale 4. */
    private static Frames definitions()
    {
        final Frames frames = new Frames();
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            frames.add(frames.encoder.instrumentDefinition(T0, id, 100, "S" + id, 4));
        }
        return frames;
    }

    /**
     * One instrument in a hundred, over a minute: a two-sided book that moves, trades, a client's orders, cancels and
     * executions.
     */
    private static Frames activity()
    {
        final Frames frames = new Frames();
        final TestFrames encoder = frames.encoder;
        long orderId = 0;
        long clientOrderId = 0;
        for (int second = 0; second < 60; second++)
        {
            for (int id = 1; id <= INSTRUMENTS; id += ACTIVE_EVERY)
            {
                final long time = T0 + second * 1_000 * MS + id;
                final long mid = 1_000_000 + (second % 7) * 100;
                final long bid = ++orderId;
                final long ask = ++orderId;
                frames.add(encoder.addOrder(time, id, bid, Side.BUY, mid - 100, 500 + second * 10));
                frames.add(encoder.addOrder(time + 1, id, ask, Side.SELL, mid + 100, 300));
                frames.add(encoder.orderExecuted(time + 2, id, ask, 100, mid + 100, Side.SELL));
                frames.add(encoder.tradePrint(time + 3, id, mid, 200));
                final long client = ++clientOrderId;
                frames.add(encoder.clientNewOrder(time + 4, id, 7, client, Side.BUY, mid - 200, 1_000));
                frames.add(encoder.clientExecution(time + 5, id, 7, 8, mid, 10));
                frames.add(encoder.clientCancel(time + 6, id, 7, client));
                frames.add(encoder.orderDeleted(time + 7, id, bid));
                frames.add(encoder.orderDeleted(time + 8, id, ask));
            }
        }
        return frames;
    }

    /** Frames encoded before anything is measured, so the measure is the handlers' alone. */
    private static final class Frames
    {
        final TestFrames encoder = new TestFrames();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
        int[] offsets = new int[1024];
        int[] lengths = new int[1024];
        int count;
        int position;

        void add(final int length)
        {
            if (count == offsets.length)
            {
                offsets = java.util.Arrays.copyOf(offsets, count * 2);
                lengths = java.util.Arrays.copyOf(lengths, count * 2);
            }
            buffer.putBytes(position, encoder.buffer(), 0, length);
            offsets[count] = position;
            lengths[count] = length;
            position += length;
            count++;
        }
    }
}
