package io.ringside.engine.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The engine's snapshot bytes on the cluster's snapshot stream: a preamble (a mark, the length and the timers' state),
 * then the bytes in chunks no longer than the publication takes in one message. The cluster records and replays them;
 * what they hold is the engine's SBE snapshot, checked as a file's would be when restored. A preamble of the first
 * layout (no timers' state) is still read.
 */
final class SnapshotStream
{
    static final int MARK_WITHOUT_TIMERS = 0x52534331; // "RSC1"
    static final int MARK = 0x52534332; // "RSC2"
    private static final int PREAMBLE_WITHOUT_TIMERS_LENGTH = Integer.BYTES + Long.BYTES;
    private static final int PREAMBLE_LENGTH = PREAMBLE_WITHOUT_TIMERS_LENGTH + ClusterTimers.STATE_LENGTH;
    private static final int CHUNK = 64 * 1024;

    private SnapshotStream()
    {
    }

    /** What a snapshot holds: the engine's SBE snapshot, and the timers' state (null from the first layout). */
    record Contents(UnsafeBuffer engine, UnsafeBuffer timers)
    {
    }

    static void write(
        final ExclusivePublication publication,
        final DirectBuffer bytes,
        final int length,
        final ClusterTimers timers,
        final IdleStrategy idle)
    {
        final UnsafeBuffer preamble = new UnsafeBuffer(new byte[PREAMBLE_LENGTH]);
        preamble.putInt(0, MARK, ByteOrder.LITTLE_ENDIAN);
        preamble.putLong(Integer.BYTES, length, ByteOrder.LITTLE_ENDIAN);
        timers.encode(preamble, PREAMBLE_WITHOUT_TIMERS_LENGTH);
        offer(publication, preamble, 0, PREAMBLE_LENGTH, idle);
        final int chunk = Math.min(CHUNK, publication.maxMessageLength());
        for (int offset = 0; offset < length; offset += chunk)
        {
            offer(publication, bytes, offset, Math.min(chunk, length - offset), idle);
        }
    }

    private static void offer(
        final ExclusivePublication publication,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("snapshot publication refused the snapshot: " + result);
            }
            idle.idle();
        }
    }

    /** The snapshot's bytes, whole; the image is read to their end. */
    static Contents read(final Image image, final IdleStrategy idle)
    {
        final Reader reader = new Reader();
        final FragmentAssembler assembler = new FragmentAssembler(
            (buffer, offset, length, header) -> reader.onMessage(buffer, offset, length));
        idle.reset();
        while (!reader.done())
        {
            final int fragments = image.poll(assembler, 64);
            if (0 == fragments && image.isEndOfStream())
            {
                throw new IllegalStateException("snapshot ended after " + reader.received + " of " + reader.length
                    + " bytes");
            }
            idle.idle(fragments);
        }
        return new Contents(
            new UnsafeBuffer(reader.bytes), null == reader.timers ? null : new UnsafeBuffer(reader.timers));
    }

    private static final class Reader
    {
        byte[] bytes;
        byte[] timers;
        long length = -1;
        int received;

        void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            if (null == bytes)
            {
                final int mark = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
                if (!(MARK == mark && PREAMBLE_LENGTH == length) &&
                    !(MARK_WITHOUT_TIMERS == mark && PREAMBLE_WITHOUT_TIMERS_LENGTH == length))
                {
                    throw new IllegalStateException("not a Ringside cluster snapshot");
                }
                if (MARK == mark)
                {
                    timers = new byte[ClusterTimers.STATE_LENGTH];
                    buffer.getBytes(offset + PREAMBLE_WITHOUT_TIMERS_LENGTH, timers);
                }
                this.length = buffer.getLong(offset + Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
                if (this.length < 0 || this.length > Integer.MAX_VALUE - 8)
                {
                    throw new IllegalStateException("snapshot length out of range: " + this.length);
                }
                bytes = new byte[(int)this.length];
                return;
            }
            if (received + length > bytes.length)
            {
                throw new IllegalStateException("snapshot longer than its preamble says");
            }
            buffer.getBytes(offset, bytes, received, length);
            received += length;
        }

        boolean done()
        {
            return null != bytes && received == bytes.length;
        }
    }
}
