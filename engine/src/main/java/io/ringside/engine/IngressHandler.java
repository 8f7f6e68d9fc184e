package io.ringside.engine;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * The ring's single producer: each whole message from the ingress subscription is checked, sequenced per source and
 * copied into the next ring slot with its receive time. Refused frames and duplicates never enter the ring; each is
 * counted by reason. Back-pressure is the ring's: when it is full, claiming a slot waits, the subscription stops
 * being polled, and Aeron's flow control holds the publisher back. Nothing is dropped.
 */
final class IngressHandler implements FragmentHandler
{
    private final HandlerGraph.Pipeline pipeline;
    private final EngineCounters counters;
    private final NanoClock clock;
    private final StageLatency transportLatency;
    private final SequenceTracker sequences = new SequenceTracker();
    private final EnvelopeDecoder envelope = new EnvelopeDecoder();

    private int lastRejectReason;
    private long lastRejectPosition = -1;

    IngressHandler(
        final HandlerGraph.Pipeline pipeline,
        final EngineCounters counters,
        final NanoClock clock,
        final StageLatency transportLatency)
    {
        this.pipeline = pipeline;
        this.counters = counters;
        this.clock = clock;
        this.transportLatency = transportLatency;
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long receiveTime = clock.nanoTime();

        int result = FrameCheck.checkInbound(buffer, offset, length);
        if (result == FrameCheck.OK && length > EngineContext.SLOT_FRAME_CAPACITY)
        {
            result = FrameCheck.OVERSIZED;
        }
        if (result != FrameCheck.OK)
        {
            reject(result, null == header ? -1 : header.position());
            return;
        }

        // Every inbound template carries the envelope first, so it is read without knowing the template.
        envelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        final int sequenceResult = sequences.onSequence(envelope.sourceId(), envelope.sequence());
        if (sequenceResult == SequenceTracker.DUPLICATE)
        {
            counters.duplicates.incrementRelease();
            return;
        }
        if (sequenceResult == SequenceTracker.GAP)
        {
            counters.gaps.incrementRelease();
            counters.gapMissing.getAndAddRelease(sequences.lastGapSize());
        }

        final int templateId = FrameCheck.templateId(buffer, offset);
        transportLatency.record(receiveTime - envelope.sendTime());

        final RingSlot slot = pipeline.claim();
        try
        {
            slot.frame.putBytes(0, buffer, offset, length);
            slot.frameLength = length;
            slot.templateId = templateId;
            slot.receiveTime = receiveTime;
            slot.alertCount = 0;
            slot.orderCount = 0;
        }
        finally
        {
            pipeline.publish(slot);
        }

        counters.eventsIn.incrementRelease();
        counters.eventsInByTemplate[templateId].incrementRelease();
    }

    /** For the ingress agent's duty cycle: how much room the ring has. */
    void updateGauges()
    {
        counters.ringRemaining.setRelease(pipeline.remainingCapacity());
    }

    /** The reason and stream position of the last refused frame, for the summary; -1 position when none. */
    int lastRejectReason()
    {
        return lastRejectReason;
    }

    long lastRejectPosition()
    {
        return lastRejectPosition;
    }

    private void reject(final int reason, final long position)
    {
        lastRejectReason = reason;
        lastRejectPosition = position;
        counters.rejected.incrementRelease();
        counters.rejectedByReason[reason].incrementRelease();
    }
}
