package io.ringside.latency.deadletters;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.Refusal;
import io.ringside.codecs.sbe.DeadLetterDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One dead letter as read back from the dead-letter stream, checked field by field: the stream is recorded bytes a
 * disk, a bug or another publisher may have spoiled, so nothing in it is trusted to be in range. A letter that cannot
 * be read says why in {@link #problem()} and carries what was read before that.
 *
 * @param recordingId   the recording it was read from; -1 when read live.
 * @param position      the position just after it there.
 * @param problem       why the letter itself cannot be read, or null.
 * @param frameProblem  why the message it carries cannot be read ({@link FrameCheck}'s name), or null when readable.
 */
public record DeadLetter(
    long recordingId,
    long position,
    String problem,
    long deadLetterSequence,
    int stage,
    int reason,
    int sourceId,
    long sequence,
    long eventTime,
    long publisher,
    long logPosition,
    int templateId,
    String detail,
    byte[] frame,
    String frameProblem)
{
    public static final String HANDLER_FAILURE = "handler_failure";
    private static final String[] STAGES = { "ingress", "surveillance", "strategy", "egress" };
    private static final int LENGTH_FIELD = 4;

    /** Read the letter at {@code offset}; never throws on bad bytes. */
    public static DeadLetter read(
        final DirectBuffer buffer, final int offset, final int length, final long recordingId, final long position)
    {
        final int check = FrameCheck.check(buffer, offset, length);
        if (FrameCheck.OK != check)
        {
            return unreadable(recordingId, position, "the letter is not a readable message: " + FrameCheck.name(check));
        }
        final int templateId = FrameCheck.templateId(buffer, offset);
        if (DeadLetterDecoder.TEMPLATE_ID != templateId)
        {
            return unreadable(recordingId, position, "not a dead letter: template " + templateId);
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final DeadLetterDecoder letter = new DeadLetterDecoder()
            .wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int end = offset + length;
        int at = offset + MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
        final long detailLength = varLength(buffer, at, end);
        String problem = null;
        String detail = "";
        byte[] frame = new byte[0];
        if (detailLength < 0)
        {
            problem = "the detail runs past the letter's end";
        }
        else
        {
            at += LENGTH_FIELD;
            final byte[] bytes = new byte[(int)detailLength];
            buffer.getBytes(at, bytes);
            detail = new String(bytes, StandardCharsets.UTF_8);
            at += (int)detailLength;
            final long frameLength = varLength(buffer, at, end);
            if (frameLength < 0)
            {
                problem = "the frame runs past the letter's end";
            }
            else
            {
                frame = new byte[(int)frameLength];
                buffer.getBytes(at + LENGTH_FIELD, frame);
            }
        }
        final String frameProblem = null != problem ? problem : frameProblem(frame);
        return new DeadLetter(recordingId, position, problem, letter.deadLetterSequence(), letter.stage(),
            letter.reason(), letter.sourceId(), letter.sequence(), letter.eventTime(), letter.publisher(),
            letter.logPosition(), letter.templateId(), detail, frame, frameProblem);
    }

    /** A var-data length at {@code at} when it and its bytes end by {@code end}, else -1. */
    private static long varLength(final DirectBuffer buffer, final int at, final int end)
    {
        if (at + LENGTH_FIELD > end)
        {
            return -1;
        }
        final long length = buffer.getInt(at, MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF_FFFFL;
        return at + LENGTH_FIELD + length <= end ? length : -1;
    }

    private static String frameProblem(final byte[] frame)
    {
        final int check = FrameCheck.checkInbound(new UnsafeBuffer(frame), 0, frame.length);
        return FrameCheck.OK == check ? null : FrameCheck.name(check);
    }

    private static DeadLetter unreadable(final long recordingId, final long position, final String problem)
    {
        return new DeadLetter(recordingId, position, problem, 0, -1, -1, 0, 0, 0, 0, -1, 0, "", new byte[0], problem);
    }

    /** True when the letter itself was read; its frame may still be unreadable. */
    public boolean readable()
    {
        return null == problem;
    }

    /** True when the message it carries is one the engine's ingress could read: it can be sent again. */
    public boolean frameReadable()
    {
        return null == frameProblem && !(reason > 0 && reason < FrameCheck.RESULT_COUNT);
    }

    /** The refusal's name, {@value #HANDLER_FAILURE} for a handler that failed on the event. */
    public String reasonName()
    {
        return reasonName(reason);
    }

    public static String reasonName(final int reason)
    {
        return 0 == reason ? HANDLER_FAILURE : Refusal.name(reason);
    }

    public String stageName()
    {
        return stageName(stage);
    }

    public static String stageName(final int stage)
    {
        return stage >= 0 && stage < STAGES.length ? STAGES[stage] : "stage_" + stage;
    }

    /** The stage named (ingress, surveillance, strategy, egress) or numbered; -1 when neither. */
    public static int stage(final String nameOrNumber)
    {
        for (int i = 0; i < STAGES.length; i++)
        {
            if (STAGES[i].equalsIgnoreCase(nameOrNumber))
            {
                return i;
            }
        }
        try
        {
            final int stage = Integer.parseInt(nameOrNumber);
            return stage >= 0 && stage < STAGES.length ? stage : -1;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /** The reason code of a name {@link #reasonName(int)} gives; -1 when no reason has it. */
    public static int reason(final String name)
    {
        for (int code = 0; code < Refusal.COUNT; code++)
        {
            if (reasonName(code).equalsIgnoreCase(name))
            {
                return code;
            }
        }
        return -1;
    }

    /** Every reason's name, for messages that list them. */
    public static String reasonNames()
    {
        final StringBuilder names = new StringBuilder(HANDLER_FAILURE);
        for (int code = 1; code < Refusal.COUNT; code++)
        {
            names.append(", ").append(reasonName(code));
        }
        return names.toString();
    }

    /** Who published the refused message: the stream and session of a live publisher, or a durable log's recording. */
    public String publisherName()
    {
        final long stream = publisher >>> 32;
        return 0 == publisher ? "-" : 0 == stream ? "recording " + publisher :
            "stream " + stream + " session " + (int)publisher;
    }
}
