package io.ringside.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringside.codecs.sbe.ControlCommandDecoder;
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
    private static final long STATE_PUBLISH_INTERVAL_NS = 100_000_000L;
    private final int[] strategyIds;
    private final Gauge[][] stateGauges;
    private long lastStatePublishedNs;

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
        this.strategyIds = EngineCounters.strategyIds();
        this.stateGauges = new Gauge[strategyIds.length][];
        for (int i = 0; i < strategyIds.length; i++)
        {
            final io.aeron.Counter[] state = counters.strategyState(strategyIds[i]);
            stateGauges[i] = new Gauge[]{ new Gauge(state[0]), new Gauge(state[1]), new Gauge(state[2]) };
        }
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
        final short result = settingCommands.apply(slot, trading.lastControlResult(), trading::settingsChanged);
        // Not a setting: the kill switch, a strategy on or off, which the handler judged itself.
        slot.strategyResult = SettingCommands.NOT_A_SETTING == result ? (short)trading.lastControlResult() : result;
    }

    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (RingSlot.SNAPSHOT_MARKER == slot.templateId)
        {
            // Stays so if encoding throws: egress then refuses to write a part missing.
            snapshots.tradingLength(-1);
            snapshots.settings(RuntimeSettings.Owner.TRADING, settingCommands.settings().applied());
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
        final long end = clock.nanoTime();
        serviceLatency.record(end - start);
        bookGrows.set(trading.bookGrows());
        if (endOfBatch && end - lastStatePublishedNs >= STATE_PUBLISH_INTERVAL_NS)
        {
            publishState(end);
        }
    }

    /** Once the ring has stopped (its thread is done): the live state made exact. */
    public void publishFinalState()
    {
        publishState(clock.nanoTime());
    }

    // Positions and PnL are sums over every position held, so they are published when the ring is drained and at
    // most every interval, not per event; the summary at stop has them exact.
    private void publishState(final long nowNs)
    {
        lastStatePublishedNs = nowNs;
        for (int i = 0; i < strategyIds.length; i++)
        {
            final int id = strategyIds[i];
            stateGauges[i][0].set(trading.fills(id));
            stateGauges[i][1].set(trading.position(id));
            stateGauges[i][2].set(trading.realisedPnl(id));
        }
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
