package io.ringside.strategies.trading;

import io.ringside.strategies.SharedData;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.OrderSink;
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
 * The first hour of AAPL on 2012-06-21 (LOBSTER, level 50) through {@link Trading} with its default configuration:
 * both strategies trade, a replay gives the same orders and the same figures, and once books, quotes and positions
 * exist the hot path allocates nothing.
 */
final class TradingAaplHourTest
{
    private static final String MESSAGE_FILE = "AAPL_2012-06-21_34200000_37800000_message_50.csv";
    private static final int ORDER_CAPACITY = 1 << 17;
    private static final int FIRST_SIGHT_FRAMES = 1000;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int MEASURED_HOURS = 3;

    private static Frames frames;

    record Frames(UnsafeBuffer buffer, int[] offsets, int[] lengths, int count)
    {
    }

    @Test
    void bothStrategiesTradeAndAReplayIsIdentical()
    {
        final Frames frames = frames();
        final List<String> first = new ArrayList<>();
        final Trading trading = replay(frames, first);
        final List<String> second = new ArrayList<>();
        final Trading again = replay(frames, second);

        System.out.println(describe(trading));
        assertEquals(first, second);
        assertEquals(describe(trading), describe(again));
        for (final int strategyId : Trading.STRATEGY_IDS)
        {
            assertTrue(trading.ordersSent(strategyId) > 0, Trading.strategyName(strategyId) + " sent orders");
            assertTrue(trading.fills(strategyId) > 0, Trading.strategyName(strategyId) + " was filled");
        }
        assertEquals(first.size(), trading.ordersSent());
    }

    @Test
    void shouldNotAllocateOnceBooksQuotesAndPositionsExist()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot measure allocation per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        final Frames frames = frames();
        final CountingOrderSink sink = new CountingOrderSink();
        for (int round = 0; round < WARM_UP_ROUNDS; round++)
        {
            feed(frames, 0, frames.count(), newTrading(), sink);
        }

        final List<Long> allocatedPerHour = new ArrayList<>();
        while (allocatedPerHour.size() < MEASURED_HOURS && !allocatedPerHour.contains(0L))
        {
            final Trading trading = newTrading();
            feed(frames, 0, FIRST_SIGHT_FRAMES, trading, sink);
            // first sight of each strategy's position comes with its first fill
            int warm = FIRST_SIGHT_FRAMES;
            while (warm < frames.count() && (null == trading.fillSimulator().positionOf(MarketMaker.STRATEGY_ID, 1) ||
                null == trading.fillSimulator().positionOf(OrderFlowImbalanceTaker.STRATEGY_ID, 1)))
            {
                feed(frames, warm, ++warm, trading, sink);
            }
            threads.getCurrentThreadAllocatedBytes();
            final long before = threads.getCurrentThreadAllocatedBytes();
            feed(frames, warm, frames.count(), trading, sink);
            final long after = threads.getCurrentThreadAllocatedBytes();
            allocatedPerHour.add(after - before);
        }
        assertTrue(allocatedPerHour.contains(0L), "bytes allocated per measured hour: " + allocatedPerHour);
        assertEquals(0, sink.refused);
    }

    static String describe(final Trading trading)
    {
        final StringBuilder text = new StringBuilder();
        for (final int id : Trading.STRATEGY_IDS)
        {
            text.append(Trading.strategyName(id))
                .append(": orders ").append(trading.ordersSent(id))
                .append(", rejected ").append(trading.ordersRejected(id));
            for (final RiskReject reason : RiskReject.values())
            {
                if (trading.ordersRejected(id, reason) > 0)
                {
                    text.append(' ').append(reason.key()).append('=').append(trading.ordersRejected(id, reason));
                }
            }
            text.append(", fills ").append(trading.fills(id))
                .append(", filled ").append(trading.filledQuantity(id))
                .append(", position ").append(trading.position(id))
                .append(", realised ").append(trading.realisedPnl(id))
                .append(", unrealised ").append(trading.unrealisedPnl(id))
                .append('\n');
        }
        text.append("ofi entries ").append(trading.ofiTaker().entries()).append(", stops ")
            .append(trading.ofiTaker().stops());
        return text.toString();
    }

    private static Trading newTrading()
    {
        return new Trading(new TradingConfig().initialOrderCapacityPerBook(ORDER_CAPACITY));
    }

    private static Trading replay(final Frames frames, final List<String> orders)
    {
        final Trading trading = newTrading();
        for (int i = 0; i < frames.count(); i++)
        {
            final int frame = i;
            assertEquals(FrameCheck.OK, trading.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i],
                (strategyId, instrumentId, action, side, price, quantity, clientOrderId, originalClientOrderId) ->
                    orders.add(frame + " " + strategyId + " " + action + " " + side + " " + quantity + "@" + price +
                        " id=" + clientOrderId + " orig=" + originalClientOrderId)));
        }
        return trading;
    }

    private static void feed(final Frames frames, final int from, final int to, final Trading trading,
        final CountingOrderSink sink)
    {
        for (int i = from; i < to; i++)
        {
            if (FrameCheck.OK != trading.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], sink))
            {
                sink.refused++;
            }
        }
    }

    static synchronized Frames frames()
    {
        if (null == frames)
        {
            frames = readFrames();
        }
        return frames;
    }

    private static Frames readFrames()
    {
        final ExpandableArrayBuffer all = new ExpandableArrayBuffer(16 * 1024 * 1024);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        int[] offsets = new int[128 * 1024];
        int[] lengths = new int[128 * 1024];
        int count = 0;
        int position = 0;
        try (LobsterReader reader = new LobsterReader(
            SharedData.lobsterDir().resolve(MESSAGE_FILE), 1, null, null, (kind, where, problem) -> false))
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
            assertEquals(0, reader.errors());
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[position]);
        buffer.putBytes(0, all, 0, position);
        return new Frames(buffer, offsets, lengths, count);
    }


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
            hash = hash * 31 + price + quantity * 7 + clientOrderId;
        }
    }
}
