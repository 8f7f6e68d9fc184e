package io.ringside.engine.cluster;

import io.ringside.transport.BackPressuredPublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The last outputs of one stream, as numbered, kept by every member: the one that becomes leader publishes them
 * again, since it cannot know how far the leader before it got; a consumer drops the sequences it has seen. Fixed
 * frames in a pre-allocated circle, so keeping one allocates nothing.
 */
final class RecentOutputs
{
    private final int frameLength;
    private final int capacity;
    private final UnsafeBuffer frames;
    private long count;

    RecentOutputs(final int capacity, final int frameLength)
    {
        this.capacity = capacity;
        this.frameLength = frameLength;
        this.frames = new UnsafeBuffer(new byte[capacity * frameLength]);
    }

    void add(final DirectBuffer buffer, final int offset, final int length)
    {
        frames.putBytes((int)(count++ % capacity) * frameLength, buffer, offset, Math.min(length, frameLength));
    }

    /** Publish every output kept, oldest first; returns how many. */
    int publishAll(final BackPressuredPublisher publisher)
    {
        final int kept = (int)Math.min(count, capacity);
        for (long i = count - kept; i < count; i++)
        {
            publisher.offer(frames, (int)(i % capacity) * frameLength, frameLength);
        }
        return kept;
    }
}
