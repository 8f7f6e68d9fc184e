package io.ringside.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Severity;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.Gauge;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.surveillance.Surveillance;
import org.agrona.concurrent.NanoClock;

/** Hosts {@link Surveillance} on its own ring consumer thread and writes the alerts it raises into the slot. */
public final class SurveillanceStage implements EventHandler<RingSlot>, AlertSink
{
    private final Surveillance surveillance;
    private final EngineCounters counters;
    private final NanoClock clock;
    private final StageLatency queueLatency;
    private final StageLatency serviceLatency;
    private final EnvelopeDecoder trigger = new EnvelopeDecoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final FraudAlertEncoder alert = new FraudAlertEncoder();
    private final SettingCommands settingCommands;
    private RingSlot slot;
    private Snapshots snapshots;
    private final Gauge bookGrows;

    public SurveillanceStage(
        final Surveillance surveillance,
        final EngineCounters counters,
        final NanoClock clock,
        final StageLatency queueLatency,
        final StageLatency serviceLatency,
        final RuntimeSettings settings)
    {
        this.settingCommands = new SettingCommands(settings);
        this.surveillance = surveillance;
        this.counters = counters;
        this.bookGrows = new Gauge(counters.surveillanceBookGrows());
        this.clock = clock;
        this.queueLatency = queueLatency;
        this.serviceLatency = serviceLatency;
    }

    /** Before the ring starts: where this stage's part of a snapshot goes. */
    public void snapshots(final Snapshots snapshots)
    {
        this.snapshots = snapshots;
    }

    // Surveillance takes only settings; every other command is the strategies'.
    private void onControl(final RingSlot slot)
    {
        final short result =
            settingCommands.apply(slot, surveillance.lastControlResult(), surveillance::settingsChanged);
        slot.surveillanceResult = SettingCommands.NOT_A_SETTING == result ?
            ControlResult.NOT_AVAILABLE.value() : result;
    }

    public void onEvent(final RingSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (RingSlot.SNAPSHOT_MARKER == slot.templateId)
        {
            // Stays so if encoding throws: egress then refuses to write a part missing.
            snapshots.surveillanceLength(-1);
            snapshots.settings(RuntimeSettings.Owner.SURVEILLANCE, settingCommands.settings().applied());
            snapshots.surveillanceLength(surveillance.encodeState(snapshots.surveillanceBuffer(), 0));
            return;
        }
        final long start = clock.nanoTime();
        queueLatency.record(start - slot.receiveTime);
        this.slot = slot;
        trigger.wrap(slot.frame, MessageHeaderDecoder.ENCODED_LENGTH);
        surveillance.onFrame(slot.frame, 0, slot.frameLength, this);
        if (ControlCommandDecoder.TEMPLATE_ID == slot.templateId)
        {
            onControl(slot);
        }
        serviceLatency.record(clock.nanoTime() - start);
        bookGrows.set(surveillance.bookGrows());
    }

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
        final RingSlot slot = this.slot;
        if (slot.alertCount == RingSlot.MAX_ALERTS)
        {
            counters.alertsOverflow().incrementRelease();
            return;
        }
        alert.wrapAndApplyHeader(slot.alerts, slot.alertCount * RingSlot.ALERT_FRAME_LENGTH, header)
            .outputSequence(0) // the egress handler numbers outputs in the order it sends them
            .ruleId(ruleId)
            .severity(severity)
            .account(account)
            .counterpartyAccount(counterpartyAccount)
            .instrumentId(instrumentId)
            .triggerSourceId(trigger.sourceId())
            .triggerSequence(trigger.sequence())
            .triggerEventTime(trigger.eventTime())
            .triggerIntendedSendTime(trigger.intendedSendTime())
            .observedValue(observedValue)
            .limitValue(limitValue)
            .referenceValue(referenceValue);
        slot.alertCount++;
    }
}
