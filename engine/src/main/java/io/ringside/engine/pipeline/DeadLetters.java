package io.ringside.engine.pipeline;

import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.DeadLetterEncoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One writer's dead letters: each message the engine refused or failed on, with why, published whole on the
 * dead-letter stream, which the archive records. An operator lists them ({@code ringside dead-letters}) and sends the
 * ones worth keeping again once the cause is fixed.
 * <p>
 * Never holds up its writer: one offer, and when the stream is back-pressured or nobody records it the letter is
 * counted ({@code dead_letters.not_published}) and let go; the refusal itself is counted either way. Each writer
 * (ingress, and each handler for its failures) has its own publication: one writer per publication.
 */
public final class DeadLetters
{
    public static final int INGRESS = 0;
    public static final int SURVEILLANCE = 1;
    public static final int STRATEGY = 2;
    public static final int EGRESS = 3;

    /** The most of a message kept: the ring's slot, more than any message of the schema. */
    public static final int MAX_FRAME = RingSlot.FRAME_CAPACITY;
    private static final int MAX_DETAIL = 256;
    private static final int ENVELOPE_END = MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeDecoder.ENCODED_LENGTH;

    private final ExclusivePublication publication;
    private final int stage;
    private final Counter published;
    private final Counter notPublished;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[
        MessageHeaderEncoder.ENCODED_LENGTH + DeadLetterEncoder.BLOCK_LENGTH + 8 + MAX_DETAIL + MAX_FRAME]);
    private final DeadLetterEncoder encoder = new DeadLetterEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EnvelopeDecoder envelope = new EnvelopeDecoder();
    private long sequence;

    /**
     * @param publication  this writer's own publication of the dead-letter stream; null to count only.
     * @param published    dead letters published (shared by the writers: each adds with an atomic increment, the one counter of the engine with more than one writer, on a path that is never the common one).
     * @param notPublished dead letters the stream did not take.
     */
    public DeadLetters(
        final ExclusivePublication publication, final int stage, final Counter published, final Counter notPublished)
    {
        this.publication = publication;
        this.stage = stage;
        this.published = published;
        this.notPublished = notPublished;
    }

    /** Ingress: a message refused for {@code reason} (a {@code Refusal} code), as it arrived. */
    public void refused(
        final int reason,
        final DirectBuffer frame,
        final int offset,
        final int length,
        final long publisher,
        final long position)
    {
        // Past the frame checks the envelope is known good; before them, its bytes mean nothing.
        final boolean readable = reason >= FrameCheck.RESULT_COUNT && length >= ENVELOPE_END;
        final int templateId = length >= MessageHeaderDecoder.ENCODED_LENGTH ? FrameCheck.templateId(frame, offset) : 0;
        write(reason, frame, offset, length, readable, templateId, publisher, position, null);
    }

    /** A handler: the event in {@code slot} on which it threw {@code failure}. */
    public void failed(final RingSlot slot, final Throwable failure)
    {
        if (slot.frameLength <= 0)
        {
            return; // a snapshot marker: no message to keep
        }
        final String detail = failure.getClass().getName() + (null == failure.getMessage() ? "" :
            ": " + failure.getMessage());
        write(0, slot.frame, 0, slot.frameLength, slot.frameLength >= ENVELOPE_END, slot.templateId, 0, -1, detail);
    }

    private void write(
        final int reason,
        final DirectBuffer frame,
        final int offset,
        final int length,
        final boolean readable,
        final int templateId,
        final long publisher,
        final long position,
        final String detail)
    {
        encoder.wrapAndApplyHeader(buffer, 0, header)
            .deadLetterSequence(++sequence)
            .stage((short)stage)
            .reason(reason)
            .publisher(publisher)
            .logPosition(position)
            .templateId(templateId);
        if (readable)
        {
            envelope.wrap(frame, offset + MessageHeaderDecoder.ENCODED_LENGTH);
            encoder.sourceId(envelope.sourceId()).sequence(envelope.sequence()).eventTime(envelope.eventTime());
        }
        else
        {
            encoder.sourceId(0).sequence(0).eventTime(0);
        }
        if (null == detail)
        {
            encoder.putDetail(buffer, 0, 0);
        }
        else
        {
            final byte[] bytes = detail.getBytes(StandardCharsets.UTF_8);
            encoder.putDetail(bytes, 0, Math.min(bytes.length, MAX_DETAIL));
        }
        encoder.putFrame(frame, offset, Math.min(length, MAX_FRAME));

        if (null != publication &&
            publication.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) > 0)
        {
            published.increment();
        }
        else
        {
            notPublished.increment();
        }
    }
}
