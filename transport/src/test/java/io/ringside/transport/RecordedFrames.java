package io.ringside.transport;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** Real frames for the transport's tests: the AAPL hour's first events, as a feed would stamp them (source 1). */
final class RecordedFrames
{
    /** Where the tests' replays are delivered. */
    static final int REPLAY_STREAM = 1201;

    private static final Path AAPL_HOUR =
        Path.of("..", "..", "shared", "data", "lobster", "AAPL_2012-06-21_34200000_37800000_message_50.csv");

    private RecordedFrames()
    {
    }

    /** The first {@code count} events, sequenced from 1, sent at their event time. */
    static List<byte[]> frames(final int count)
    {
        if (!Files.isRegularFile(AAPL_HOUR))
        {
            fail("shared data not found at " + AAPL_HOUR.toAbsolutePath());
        }
        final List<byte[]> frames = new ArrayList<>(count);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final EnvelopeEncoder envelope = new EnvelopeEncoder();
        try (LobsterReader reader = new LobsterReader(AAPL_HOUR, 1, null, null, (kind, where, problem) -> false))
        {
            int length;
            while (frames.size() < count && (length = reader.next(buffer, 0)) > 0)
            {
                envelope.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH);
                final long eventTime = buffer.getLong(MessageHeaderDecoder.ENCODED_LENGTH
                    + EnvelopeEncoder.eventTimeEncodingOffset(), EnvelopeEncoder.BYTE_ORDER);
                envelope.sourceId(1).sequence(frames.size() + 1).sendTime(eventTime).intendedSendTime(eventTime);
                final byte[] frame = new byte[length];
                buffer.getBytes(0, frame);
                frames.add(frame);
            }
        }
        return frames;
    }
}
