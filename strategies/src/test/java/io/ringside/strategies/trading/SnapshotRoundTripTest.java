package io.ringside.strategies.trading;

import io.ringside.codecs.FrameCheck;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of {@link Surveillance} and {@link Trading} over the real AAPL hour: state taken after event k, restored
 * into fresh instances, encodes to the same bytes; fed the rest of the hour, the restored pair raises exactly the
 * alerts and sends exactly the orders the original does, and ends in the same state, byte for byte.
 */
final class SnapshotRoundTripTest
{
    private static final int ORDER_CAPACITY = 1 << 12; // small, so restoring grows books past their first capacity

    @Test
    void restoredHandlersContinueExactlyAsTheOriginals()
    {
        final TradingAaplHourTest.Frames frames = TradingAaplHourTest.frames();
        final int count = frames.count();
        final Outputs whole = new Outputs();
        final Surveillance reference = newSurveillance();
        final Trading referenceTrading = newTrading();
        feed(frames, 0, count, reference, referenceTrading, whole);
        assertTrue(whole.alerts.size() > 0 && whole.orders.size() > 1000, "the hour raises alerts and sends orders");
        final byte[] referenceEnd = encode(reference, referenceTrading);

        for (final int k : new int[]{ 0, 1, 997, count / 3, 2 * count / 3 + 1, count - 1, count })
        {
            final Outputs head = new Outputs();
            final Surveillance surveillance = newSurveillance();
            final Trading trading = newTrading();
            feed(frames, 0, k, surveillance, trading, head);
            final byte[] snapshot = encode(surveillance, trading);

            final Surveillance restored = newSurveillance();
            final Trading restoredTrading = newTrading();
            restore(snapshot, restored, restoredTrading);
            assertArrayEquals(snapshot, encode(restored, restoredTrading), "state after event " + k + " re-encoded");

            final Outputs originalTail = new Outputs();
            final Outputs restoredTail = new Outputs();
            feed(frames, k, count, surveillance, trading, originalTail);
            feed(frames, k, count, restored, restoredTrading, restoredTail);
            assertEquals(originalTail.alerts, restoredTail.alerts, "alerts after restoring at event " + k);
            assertEquals(originalTail.orders, restoredTail.orders, "orders after restoring at event " + k);

            final List<String> stitched = new ArrayList<>(head.orders);
            stitched.addAll(restoredTail.orders);
            assertEquals(whole.orders, stitched, "orders before and after a restore at " + k + ": the whole hour's");
            final List<String> stitchedAlerts = new ArrayList<>(head.alerts);
            stitchedAlerts.addAll(restoredTail.alerts);
            assertEquals(whole.alerts, stitchedAlerts);

            assertArrayEquals(referenceEnd, encode(restored, restoredTrading), "end state after a restore at " + k);
            assertEquals(referenceTrading.realisedPnl(MarketMaker.STRATEGY_ID),
                restoredTrading.realisedPnl(MarketMaker.STRATEGY_ID));
            assertEquals(referenceTrading.position(OrderFlowImbalanceTaker.STRATEGY_ID),
                restoredTrading.position(OrderFlowImbalanceTaker.STRATEGY_ID));
            assertEquals(reference.priceBandRule().fired(), restored.priceBandRule().fired());
        }
    }

    @Test
    void aRestoreReplacesStateAlreadyThere()
    {
        final TradingAaplHourTest.Frames frames = TradingAaplHourTest.frames();
        final Surveillance surveillance = newSurveillance();
        final Trading trading = newTrading();
        feed(frames, 0, 5_000, surveillance, trading, new Outputs());
        final byte[] early = encode(surveillance, trading);

        final Surveillance used = newSurveillance();
        final Trading usedTrading = newTrading();
        feed(frames, 0, 20_000, used, usedTrading, new Outputs());
        restore(early, used, usedTrading);
        assertArrayEquals(early, encode(used, usedTrading));
    }

    @Test
    void theKillSwitchComesFromTheSnapshotNotTheConfiguration()
    {
        final TradingAaplHourTest.Frames frames = TradingAaplHourTest.frames();
        final int k = 5_000;
        final Surveillance surveillance = newSurveillance();
        final Trading trading = newTrading(); // kill switch off
        feed(frames, 0, k, surveillance, trading, new Outputs());
        final byte[] snapshot = encode(surveillance, trading);

        // Configured on, but the snapshot says off: the snapshot's runtime state wins, and it trades on.
        final Surveillance restored = newSurveillance();
        final Trading configuredKilled = new Trading(
            new TradingConfig().initialOrderCapacityPerBook(ORDER_CAPACITY).killSwitch(true));
        restore(snapshot, restored, configuredKilled);
        assertTrue(!configuredKilled.riskGate().isTripped(), "kill switch off, as the snapshot has it");
        final Outputs tail = new Outputs();
        feed(frames, k, frames.count(), restored, configuredKilled, tail);
        assertTrue(newOrders(tail).size() > 100, "the rest of the hour sends orders");

        // A kill switch set by the configuration before the snapshot is in it too, and holds over a configuration
        // without it.
        final Trading killed = new Trading(
            new TradingConfig().initialOrderCapacityPerBook(ORDER_CAPACITY).killSwitch(true));
        final Surveillance killedSurveillance = newSurveillance();
        feed(frames, 0, k, killedSurveillance, killed, new Outputs());
        final Trading released = newTrading();
        restore(encode(killedSurveillance, killed), newSurveillance(), released);
        assertTrue(released.riskGate().isTripped(), "kill switch on, as the snapshot has it");
    }

    private static List<String> newOrders(final Outputs outputs)
    {
        return outputs.orders.stream().filter((o) -> !o.contains(" CANCEL ")).toList();
    }

    @Test
    void refusesBytesThatAreNotItsState()
    {
        final byte[] snapshot = encode(newSurveillance(), newTrading());
        final byte[] cut = Arrays.copyOf(snapshot, snapshot.length / 2);
        final IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> restore(cut, newSurveillance(), newTrading()));
        assertTrue(ex.getMessage().contains("snapshot"), ex.getMessage());
    }

    static byte[] encode(final Surveillance surveillance, final Trading trading)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final int surveillanceLength = surveillance.encodeState(buffer, 0);
        final int tradingLength = trading.encodeState(buffer, surveillanceLength);
        final byte[] bytes = new byte[surveillanceLength + tradingLength];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    static void restore(final byte[] snapshot, final Surveillance surveillance, final Trading trading)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(snapshot);
        final int end = surveillance.restoreState(buffer, 0, snapshot.length);
        assertEquals(snapshot.length, trading.restoreState(buffer, end, snapshot.length));
    }

    private static Surveillance newSurveillance()
    {
        return new Surveillance(new SurveillanceConfig(), ORDER_CAPACITY);
    }

    private static Trading newTrading()
    {
        return new Trading(new TradingConfig().initialOrderCapacityPerBook(ORDER_CAPACITY));
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
            assertEquals(FrameCheck.OK,
                surveillance.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], outputs));
            assertEquals(FrameCheck.OK,
                trading.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], outputs));
        }
    }

    private static final class Outputs implements AlertSink, OrderSink
    {
        final List<String> alerts = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        int frame;

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
            alerts.add(frame + " rule=" + ruleId + " " + severity + " " + account + "/" + counterpartyAccount + " "
                + instrumentId + " " + observedValue + " " + limitValue + " " + referenceValue);
        }

        public void onOrder(
            final int strategyId,
            final int instrumentId,
            final io.ringside.codecs.sbe.OrderAction action,
            final io.ringside.codecs.sbe.Side side,
            final long price,
            final long quantity,
            final long clientOrderId,
            final long originalClientOrderId)
        {
            orders.add(frame + " " + strategyId + " " + instrumentId + " " + action + " " + side + " " + quantity
                + "@" + price + " id=" + clientOrderId + " orig=" + originalClientOrderId);
        }
    }
}
