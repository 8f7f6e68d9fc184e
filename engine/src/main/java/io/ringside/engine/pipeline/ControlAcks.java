package io.ringside.engine.pipeline;

import io.aeron.ExclusivePublication;
import io.ringside.codecs.sbe.ControlAckEncoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Tells a command's sender what became of it, once every handler has seen it: on the control response stream, with
 * the command's id, source and sequence. One offer, never a wait: a sender that is not listening misses it, and the
 * command (in the log, with its effect in the outputs) is what counts.
 * <p>
 * The last {@value #KEPT} acknowledgements are kept, whether published or not, and go out again when publishing
 * starts (a cluster member becoming leader): a command the old leader had committed but not yet acknowledged when it
 * went is acknowledged by the new one. A sender takes the first acknowledgement of its command id.
 */
public final class ControlAcks
{
    static final int KEPT = 64;
    /** Room for one encoded acknowledgement: the message header and the ack's fixed block, with margin. */
    private static final int ACK_CAPACITY = 64;
    private static final ControlResult[] PRECEDENCE =
        { ControlResult.APPLIED, ControlResult.BAD_VALUE, ControlResult.NOT_AVAILABLE };

    private final ExclusivePublication publication;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ACK_CAPACITY]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ControlAckEncoder ack = new ControlAckEncoder();
    private final ControlCommandDecoder command = new ControlCommandDecoder();

    private final UnsafeBuffer kept = new UnsafeBuffer(new byte[KEPT * ACK_CAPACITY]);
    private final int[] keptLengths = new int[KEPT];
    private long acknowledged;
    private long republished;
    private boolean publishing = true;

    public ControlAcks(final ExclusivePublication publication)
    {
        this.publication = publication;
    }

    /**
     * Whether acknowledgements go out: a cluster member's only while it leads, as its outputs do. On the thread that
     * acknowledges, between two commands.
     */
    public void publishing(final boolean publishing)
    {
        if (publishing && !this.publishing && null != publication)
        {
            for (long i = Math.max(0, acknowledged - KEPT); i < acknowledged; i++)
            {
                final int index = (int)(i % KEPT);
                if (publication.offer(kept, index * ACK_CAPACITY, keptLengths[index]) > 0)
                {
                    republished++;
                }
            }
        }
        this.publishing = publishing;
    }

    /** Acknowledgements published again on starting to publish. */
    public long republished()
    {
        return republished;
    }

    void acknowledge(final RingSlot slot)
    {
        command.wrap(slot.frame, MessageHeaderEncoder.ENCODED_LENGTH, ControlCommandDecoder.BLOCK_LENGTH,
            ControlCommandDecoder.SCHEMA_VERSION);
        ack.wrapAndApplyHeader(buffer, 0, header)
            .commandId(command.commandId())
            .sourceId(command.envelope().sourceId())
            .sequence(command.envelope().sequence())
            .action(command.action())
            .result(ControlResult.get(result(slot, command.action())));
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + ack.encodedLength();
        final int index = (int)(acknowledged++ % KEPT);
        kept.putBytes(index * ACK_CAPACITY, buffer, 0, length);
        keptLengths[index] = length;
        if (null != publication && publishing)
        {
            publication.offer(buffer, 0, length);
        }
    }

    /**
     * A snapshot is ingress's alone. Otherwise a handler that applied the command decides, then one that found its
     * value bad, then one that has the setting but only at start; else no handler knew what it named.
     */
    static short result(final RingSlot slot, final ControlAction action)
    {
        if (ControlResult.APPLIED.value() != slot.ingressResult || ControlAction.SNAPSHOT == action)
        {
            return slot.ingressResult;
        }
        final short a = slot.surveillanceResult;
        final short b = slot.strategyResult;
        for (final ControlResult result : PRECEDENCE)
        {
            if (result.value() == a || result.value() == b)
            {
                return result.value();
            }
        }
        return ControlResult.UNKNOWN_SETTING.value();
    }
}
