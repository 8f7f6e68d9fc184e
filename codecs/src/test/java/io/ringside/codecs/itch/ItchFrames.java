package io.ringside.codecs.itch;

import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/** Test helper: every frame of a reader, each copied out of the reused buffer. */
final class ItchFrames
{
    private ItchFrames()
    {
    }

    static List<byte[]> readAll(final RecordedEventReader reader)
    {
        return readAll(reader, new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]));
    }

    static List<byte[]> readAll(final RecordedEventReader reader, final UnsafeBuffer buffer)
    {
        final List<byte[]> frames = new ArrayList<>();
        int length;
        while ((length = reader.next(buffer, 0)) > 0)
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(0, frame);
            frames.add(frame);
        }
        return frames;
    }
}
