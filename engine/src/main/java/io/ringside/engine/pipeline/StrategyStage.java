package io.ringside.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.Gauge;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.trading.Trading;
import org.agrona.concurrent.NanoClock;

/**
 * Hosts {@link Trading} (the strategies, their risk gate and fill simulator) on its own ring consumer thread and writes
 * the orders that pass the risk gate into the slot.
 */
public final class StrategyStage implements EventHandler<RingSlot>, OrderSink
{
    private final Trading trading;
    private final EngineCounters counters;
    private final NanoClock clock;
    private final StageLatency queueLatency;
    private final StageLatency serviceLatency;
    private final EnvelopeDecoder trigger = new EnvelopeDecoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final StrategyOrderEncoder order = new StrategyOrderEncoder();
    private final SettingCommands settingCommands;
    private RingSlot slot;
    private Snapshots snapshots;
    private final Gauge bookGrows;

    public StrategyStage(
        final Trading trading,
        final EngineCounters counters,
        final NanoClock clock,
        final StageLatency queueLatency,
        final StageLatency serviceLatency,
        final RuntimeSettings settings)
    {
        this.settingCommands = new SettingCommands(settings);
        this.trading = trading;
        this.counters = counters;
        this.bookGrows = new Gauge(counters.strategyBookGrows());
        this.clock = clock;
        this.queueLatency = queueLatency;
        this.serviceLatency = serviceLatency;
    }

    /** Before the ring starts: where this stage's part of a snapshot goes. */
    public void snapshots(final Snapshots snapshots)
    {
        this.snapshots = snapshots;
    }

    private void onControl(final RingSlot slot)
    {
        final short result = settingCommands.apply(slot);
        if (SettingCommands.NOT_A_SETTING == result)
        {
            slot.strategyResult = ControlResult.NOT_AVAILABLE.value();
            return;
        }
        slot.strategyResult = result;
    }

    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (RingSlot.SNAPSHOT_MARKER == slot.templateId)
        {
            // Stays so if encoding throws: egress then refuses to write a part missing.
            snapshots.tradingLength(-1);
            snapshots.tradingLength(trading.encodeState(snapshots.tradingBuffer(), 0));
            return;
        }
        final long start = clock.nanoTime();
        queueLatency.record(start - slot.receiveTime);
        this.slot = slot;
        trigger.wrap(slot.frame, MessageHeaderDecoder.ENCODED_LENGTH);
        trading.onFrame(slot.frame, 0, slot.frameLength, this);
        if (ControlCommandDecoder.TEMPLATE_ID == slot.templateId)
        {
            onControl(slot);
        }
        serviceLatency.record(clock.nanoTime() - start);
        bookGrows.set(trading.bookGrows());
    }

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
        final RingSlot slot = this.slot;
        if (slot.orderCount == RingSlot.MAX_ORDERS)
        {
            counters.ordersOverflow().incrementRelease();
            return;
        }
        order.wrapAndApplyHeader(slot.orders, slot.orderCount * RingSlot.ORDER_FRAME_LENGTH, header)
            .outputSequence(0) // the egress handler numbers outputs in the order it sends them
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .action(action)
            .side(side)
            .price(price)
            .quantity(quantity)
            .clientOrderId(clientOrderId)
            .originalClientOrderId(originalClientOrderId)
            .triggerSourceId(trigger.sourceId())
            .triggerSequence(trigger.sequence())
            .triggerEventTime(trigger.eventTime())
            .triggerIntendedSendTime(trigger.intendedSendTime());
        slot.orderCount++;
    }
}
