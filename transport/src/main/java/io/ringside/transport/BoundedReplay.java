package io.ringside.transport;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Replays a closed range of one recording into this process and hands each whole message to a handler, on the
 * caller's thread, returning when the range is done. For reading history: the last outputs of an earlier engine,
 * an audit, a late consumer's catch-up.
 */
public final class BoundedReplay
{
    private BoundedReplay()
    {
    }

    /**
     * @param replayChannel  where the archive sends the replay (aeron:ipc on the same driver is cheapest).
     * @param replayStreamId the stream it uses; the session id keeps concurrent replays apart.
     * @return the position reached, {@code toPosition} when the whole range was read.
     * @throws IllegalStateException when the replay stops before the range is read, or stalls for timeoutMs.
     */
    public static long replay(
        final AeronArchive archive,
        final long recordingId,
        final long fromPosition,
        final long toPosition,
        final String replayChannel,
        final int replayStreamId,
        final FragmentHandler handler,
        final IdleStrategy idle,
        final long timeoutMs)
    {
        if (toPosition <= fromPosition)
        {
            return fromPosition;
        }
        final FragmentAssembler assembler = new FragmentAssembler(handler);
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final Subscription subscription =
            archive.replay(recordingId, fromPosition, toPosition - fromPosition, replayChannel, replayStreamId);
        try
        {
            long deadline = System.nanoTime() + timeoutNs;
            while (0 == subscription.imageCount())
            {
                checkDeadline(deadline, recordingId, fromPosition);
                archive.checkForErrorResponse();
                idle.idle();
            }
            final Image image = subscription.imageAtIndex(0);
            deadline = System.nanoTime() + timeoutNs;
            while (image.position() < toPosition)
            {
                final int fragments = image.poll(assembler, 256);
                if (0 == fragments)
                {
                    if (image.isClosed() || image.isEndOfStream())
                    {
                        break;
                    }
                    checkDeadline(deadline, recordingId, image.position());
                    idle.idle();
                }
                else
                {
                    deadline = System.nanoTime() + timeoutNs;
                    idle.reset();
                }
            }
            final long position = image.position();
            if (position < toPosition)
            {
                throw new IllegalStateException("replay of recording " + recordingId + " ended at " + position
                    + " before " + toPosition);
            }
            return position;
        }
        finally
        {
            CloseHelper.close(subscription);
        }
    }

    private static void checkDeadline(final long deadline, final long recordingId, final long position)
    {
        if (System.nanoTime() > deadline)
        {
            throw new IllegalStateException(
                "replay of recording " + recordingId + " made no progress at position " + position);
        }
    }
}
