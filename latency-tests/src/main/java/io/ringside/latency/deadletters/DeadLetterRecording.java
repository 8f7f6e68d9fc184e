package io.ringside.latency.deadletters;

import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recording.RecordingWriter;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dead letters written as a recording {@code ringside feed} sends again: each letter's message, its envelope
 * re-stamped as one source with sequences 1, 2, 3... in the order written. A message the engine's ingress could not
 * read is left out, and counted by reason: sent again it would be refused again.
 */
public final class DeadLetterRecording implements AutoCloseable
{
    private final Path file;
    private final int sourceId;
    private final RecordingWriter writer;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
    private final EnvelopeEncoder envelope = new EnvelopeEncoder();
    private final Map<String, Long> leftOut = new TreeMap<>();
    private long sequence;

    /**
     * @param sourceId the source every message is sent as: it gets sequences from 1, so it must be one the engine
     *                 has not seen, or has seen only from this file.
     */
    public DeadLetterRecording(final Path file, final int sourceId)
    {
        if (sourceId <= 0)
        {
            throw new IllegalArgumentException("--as-source: must be > 0: " + sourceId);
        }
        this.file = file;
        this.sourceId = sourceId;
        this.writer = new RecordingWriter(file);
    }

    /** Write the letter's message, or count it left out when it cannot be read. */
    public void add(final DeadLetter letter)
    {
        final int length = letter.frame().length;
        if (!letter.readable() || !letter.frameReadable() || length > frame.capacity())
        {
            leftOut.merge(letter.readable() ? letter.reasonName() : "unreadable_letter", 1L, Long::sum);
            return;
        }
        frame.putBytes(0, letter.frame());
        envelope.wrap(frame, MessageHeaderEncoder.ENCODED_LENGTH).sourceId(sourceId).sequence(++sequence);
        writer.append(frame, 0, length);
    }

    public long written()
    {
        return sequence;
    }

    public long leftOut()
    {
        return leftOut.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What was written and what was left out, and why. */
    public String summary()
    {
        final StringBuilder summary = new StringBuilder("wrote ").append(sequence).append(" events to ").append(file)
            .append(" as source ").append(sourceId)
            .append(0 == sequence ? "" : " (sequences 1 to " + sequence + ")");
        if (!leftOut.isEmpty())
        {
            summary.append("; left out ").append(leftOut()).append(" the engine cannot read (sent again they would be "
                + "refused again): ");
            final StringBuilder reasons = new StringBuilder();
            leftOut.forEach((reason, count) -> reasons.append(reasons.length() == 0 ? "" : ", ")
                .append(reason).append(' ').append(count));
            summary.append(reasons);
        }
        return summary.toString();
    }

    public void close()
    {
        writer.close();
    }
}
