package io.ringside.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.aeron.Counter;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.OutputDigest;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.transport.BackPressuredPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * Runs after surveillance and the strategy have both seen a slot, and publishes what they wrote: alerts on their
 * stream, orders on theirs. The only writer of both publications. Numbers each output stream from 1, in order, so a
 * downstream consumer can tell a gap or a repeat. Folds each frame, as numbered, into the {@link OutputDigest}.
 */
public final class EgressStage implements EventHandler<RingSlot>
{
    /**
     * Where numbered outputs go instead of the two publications: a clustered engine's, where every member computes
     * every output and only the leader publishes them. Called on the egress thread, after the digest took the frame.
     */
    public interface OutputTap
    {
        void onAlert(long outputSequence, DirectBuffer buffer, int offset, int length);

        void onOrder(long outputSequence, DirectBuffer buffer, int offset, int length);
    }

    private final BackPressuredPublisher alertPublisher;
    private final BackPressuredPublisher orderPublisher;
    private final ControlAcks acks;
    private final EngineCounters counters;
    private final NanoClock clock;
    private final StageLatency serviceLatency;
    private final FraudAlertEncoder alert = new FraudAlertEncoder();
    private final StrategyOrderEncoder order = new StrategyOrderEncoder();
    private final OutputDigest digest = new OutputDigest();
    private long alertSequence;
    private long orderSequence;
    // Durable mode: outputs up to these were published by an earlier run of the engine (read from the egress
    // recordings); a restarted engine recomputes them while it replays, numbers them the same, and skips them.
    private long alertsPublishedUpTo;
    private long ordersPublishedUpTo;
    private long suppressedAlerts;
    private long suppressedOrders;
    private Snapshots snapshots;
    private OutputTap tap;

    public EgressStage(
        final BackPressuredPublisher alertPublisher,
        final BackPressuredPublisher orderPublisher,
        final ControlAcks acks,
        final EngineCounters counters,
        final NanoClock clock,
        final StageLatency serviceLatency)
    {
        this.alertPublisher = alertPublisher;
        this.orderPublisher = orderPublisher;
        this.acks = acks;
        this.counters = counters;
        this.clock = clock;
        this.serviceLatency = serviceLatency;
    }

    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (RingSlot.SNAPSHOT_MARKER == slot.templateId)
        {
            // Surveillance and the strategy have written their parts at this slot: every part is at this event.
            snapshots.write(alertSequence, orderSequence, digest.value());
            return;
        }
        if (ControlCommandDecoder.TEMPLATE_ID == slot.templateId)
        {
            acks.acknowledge(slot); // after both handlers: the effect is in this slot's outputs, below
        }
        final int alertCount = slot.alertCount;
        final int orderCount = slot.orderCount;
        if (0 == alertCount && 0 == orderCount)
        {
            return;
        }

        final long start = clock.nanoTime();
        for (int i = 0; i < alertCount; i++)
        {
            final int offset = i * RingSlot.ALERT_FRAME_LENGTH;
            alert.wrap(slot.alerts, offset + MessageHeaderEncoder.ENCODED_LENGTH).outputSequence(++alertSequence);
            digest.update(
                slot.alerts, offset, RingSlot.ALERT_FRAME_LENGTH, OutputDigest.ALERT_INTENDED_SEND_TIME_OFFSET);
            if (alertSequence <= alertsPublishedUpTo)
            {
                suppressedAlerts++;
                continue;
            }
            if (null != tap)
            {
                tap.onAlert(alertSequence, slot.alerts, offset, RingSlot.ALERT_FRAME_LENGTH);
            }
            else
            {
                alertPublisher.offer(slot.alerts, offset, RingSlot.ALERT_FRAME_LENGTH);
            }
            counters.alerts().incrementRelease();
            final Counter ofRule = counters.alertsOfRule(slot.alerts.getInt(
                offset + MessageHeaderEncoder.ENCODED_LENGTH + FraudAlertEncoder.ruleIdEncodingOffset(),
                FraudAlertEncoder.BYTE_ORDER));
            if (null != ofRule)
            {
                ofRule.incrementRelease();
            }
        }
        for (int i = 0; i < orderCount; i++)
        {
            final int offset = i * RingSlot.ORDER_FRAME_LENGTH;
            order.wrap(slot.orders, offset + MessageHeaderEncoder.ENCODED_LENGTH).outputSequence(++orderSequence);
            digest.update(
                slot.orders, offset, RingSlot.ORDER_FRAME_LENGTH, OutputDigest.ORDER_INTENDED_SEND_TIME_OFFSET);
            if (orderSequence <= ordersPublishedUpTo)
            {
                suppressedOrders++;
                continue;
            }
            if (null != tap)
            {
                tap.onOrder(orderSequence, slot.orders, offset, RingSlot.ORDER_FRAME_LENGTH);
            }
            else
            {
                orderPublisher.offer(slot.orders, offset, RingSlot.ORDER_FRAME_LENGTH);
            }
            counters.orders().incrementRelease();
            final Counter ofStrategy = counters.ordersOfStrategy(slot.orders.getInt(
                offset + MessageHeaderEncoder.ENCODED_LENGTH + StrategyOrderEncoder.strategyIdEncodingOffset(),
                StrategyOrderEncoder.BYTE_ORDER));
            if (null != ofStrategy)
            {
                ofStrategy.incrementRelease();
            }
        }
        counters.outputDigest().setRelease(digest.value());
        serviceLatency.record(clock.nanoTime() - start);
    }

    /** Before the ring starts: the last output sequences an earlier run published, which this run must not repeat. */
    public void resumeAfter(final long lastAlertSequence, final long lastOrderSequence)
    {
        alertsPublishedUpTo = lastAlertSequence;
        ordersPublishedUpTo = lastOrderSequence;
    }

    /** Before the ring starts: outputs to {@code tap} rather than to the publications, which may then be null. */
    public void tap(final OutputTap tap)
    {
        this.tap = tap;
    }

    /** Before the ring starts: where snapshots are completed and written. */
    public void snapshots(final Snapshots snapshots)
    {
        this.snapshots = snapshots;
    }

    /** Before the ring starts, from a snapshot: the outputs numbered so far and their digest. */
    public void restore(final long alertSequence, final long orderSequence, final long outputDigest)
    {
        this.alertSequence = alertSequence;
        this.orderSequence = orderSequence;
        digest.restore(outputDigest);
        counters.outputDigest().setRelease(outputDigest);
    }

    /** Outputs recomputed during recovery and not published again; read after the handlers stop. */
    public long suppressedAlerts()
    {
        return suppressedAlerts;
    }

    public long suppressedOrders()
    {
        return suppressedOrders;
    }
}
