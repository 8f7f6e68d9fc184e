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
 */
public final class ControlAcks
{
    private final ExclusivePublication publication;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ControlAckEncoder ack = new ControlAckEncoder();
    private final ControlCommandDecoder command = new ControlCommandDecoder();
    private static final ControlResult[] PRECEDENCE =
        { ControlResult.APPLIED, ControlResult.BAD_VALUE, ControlResult.NOT_AVAILABLE };

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
        this.publishing = publishing;
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
        if (null != publication && publishing)
        {
            publication.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + ack.encodedLength());
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
