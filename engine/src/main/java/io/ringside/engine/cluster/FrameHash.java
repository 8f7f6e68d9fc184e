package io.ringside.engine.cluster;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * A 64-bit hash of an ingress frame: how the cluster tells the gateway which of its messages it has handled (the
 * last one's hash), without adding anything to the frames, which reach the engine's door unchanged.
 */
final class FrameHash
{
    private static final long SEED = 0x52696E6773696465L;
    private static final long PRIME = 0x9E3779B185EBCA87L;

    private FrameHash()
    {
    }

    static long of(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = SEED ^ length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = Long.rotateLeft(h ^ buffer.getLong(offset + i, ByteOrder.LITTLE_ENDIAN) * PRIME, 31) * PRIME;
        }
        for (; i < length; i++)
        {
            h = Long.rotateLeft(h ^ buffer.getByte(offset + i) * PRIME, 31) * PRIME;
        }
        return h ^ (h >>> 29);
    }
}
