package io.ringside.transport;

import io.aeron.AeronCounters;
import io.aeron.LogBuffers;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.LogBufferDescriptor;
import io.aeron.protocol.HeaderFlyweight;
import io.aeron.status.HeartbeatTimestamp;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.util.function.IntPredicate;

/**
 * Completes, as padding, the message a publisher killed in the middle of an offer leaves unwritten at the end of its
 * log, so the driver can drain the publication and close its images.
 * <p>
 * An Aeron publisher moves the term's tail before it writes the frame's header. A process killed between the two
 * leaves a frame of zeros at the tail. The driver's unblocker pads a zeroed frame only when a later frame follows it
 * or it runs to the end of the term, so that one blocks every subscriber for good: the dead client's publication
 * never drains, its images never close, and an archive's recording of it never stops (Aeron 1.51, and its main
 * branch at the time of writing). A restarted durable engine waits for exactly that recording to stop.
 * <p>
 * Only a publication whose owning client the driver has declared dead (its heartbeat counter freed) and released
 * (its limit set to its tail) is touched, so no live publisher can be writing the frame; and only a frame that is
 * zeros from the slowest subscriber's position to the tail, in the tail's term. The padding is what the dead
 * publisher would have written had it aborted the message: a pad frame, which subscribers skip.
 */
public final class AbandonedPublications
{
    private static final int KEY_REGISTRATION_ID_OFFSET = 0;
    private static final int KEY_SESSION_ID_OFFSET = 8;
    private static final int KEY_STREAM_ID_OFFSET = 12;

    private AbandonedPublications()
    {
    }

    /**
     * Pad the abandoned tail of every publication on {@code streamId} whose owner is dead.
     *
     * @param counters           the driver's counters.
     * @param aeronDirectoryName the driver's directory, where the publications' log buffers are.
     * @param streamId           the stream whose publications to look at.
     * @return how many publications were unblocked.
     */
    public static int unblock(final CountersReader counters, final String aeronDirectoryName, final int streamId)
    {
        return unblock(counters, aeronDirectoryName, (id) -> id == streamId);
    }

    /** As {@link #unblock(CountersReader, String, int)}, for the publications of every stream. */
    public static int unblockAll(final CountersReader counters, final String aeronDirectoryName)
    {
        return unblock(counters, aeronDirectoryName, (id) -> true);
    }

    /**
     * A daemon thread that pads abandoned tails on every stream of the driver every {@code intervalMs}, so a dead
     * client's publication ends and its log is freed even when no one waits on it (a feed killed mid-offer). Stops
     * on close.
     */
    public static AutoCloseable sweep(
        final CountersReader counters, final String aeronDirectoryName, final long intervalMs)
    {
        final Thread thread = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                try
                {
                    final int unblocked = unblockAll(counters, aeronDirectoryName);
                    if (unblocked > 0)
                    {
                        System.err.println("ringside driver: padded " + unblocked + " message(s) that dead clients "
                            + "left unwritten at the end of their publications, so those can end");
                    }
                    Thread.sleep(intervalMs);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                catch (final RuntimeException ex)
                {
                    System.err.println("ringside driver: sweeping abandoned publications failed: " + ex);
                }
            }
        }, "ringside-abandoned-publications");
        thread.setDaemon(true);
        thread.start();
        return () ->
        {
            thread.interrupt();
            thread.join(10_000);
        };
    }

    private static int unblock(
        final CountersReader counters, final String aeronDirectoryName, final IntPredicate streams)
    {
        final int[] unblocked = { 0 };
        counters.forEach((counterId, typeId, key, label) ->
        {
            final int streamId = key.getInt(KEY_STREAM_ID_OFFSET);
            if (AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID == typeId && streams.test(streamId) &&
                ownerIsDead(counters, counters.getCounterOwnerId(counterId)))
            {
                final long registrationId = key.getLong(KEY_REGISTRATION_ID_OFFSET);
                final long subscriberPosition =
                    slowestSubscriber(counters, key.getInt(KEY_SESSION_ID_OFFSET), streamId);
                final File log = new File(new File(aeronDirectoryName, "publications"), registrationId + ".logbuffer");
                if (Long.MAX_VALUE != subscriberPosition && log.isFile() &&
                    padTail(log, subscriberPosition, publisherLimit(counters, registrationId)))
                {
                    unblocked[0]++;
                }
            }
        });
        return unblocked[0];
    }

    private static boolean ownerIsDead(final CountersReader counters, final long clientId)
    {
        return CountersReader.NULL_COUNTER_ID == HeartbeatTimestamp.findCounterIdByRegistrationId(
            counters, AeronCounters.DRIVER_HEARTBEAT_TYPE_ID, clientId);
    }

    /**
     * The publication's limit: a publication its last owner has released is limited to its producer position, where a
     * live one may go a term window past its slowest subscriber. -1 when there is none.
     */
    private static long publisherLimit(final CountersReader counters, final long registrationId)
    {
        final long[] limit = { -1 };
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (AeronCounters.DRIVER_PUBLISHER_LIMIT_TYPE_ID == typeId &&
                key.getLong(KEY_REGISTRATION_ID_OFFSET) == registrationId)
            {
                limit[0] = counters.getCounterValue(counterId);
            }
        });
        return limit[0];
    }

    private static long slowestSubscriber(final CountersReader counters, final int sessionId, final int streamId)
    {
        final long[] slowest = { Long.MAX_VALUE };
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID == typeId &&
                key.getInt(KEY_SESSION_ID_OFFSET) == sessionId && key.getInt(KEY_STREAM_ID_OFFSET) == streamId)
            {
                slowest[0] = Math.min(slowest[0], counters.getCounterValue(counterId));
            }
        });
        return slowest[0];
    }

    /** Pad [blocked position, tail) when it is zeros in the tail's term and the limit is the tail; true if it did. */
    static boolean padTail(final File log, final long blockedPosition, final long publisherLimit)
    {
        final LogBuffers logBuffers;
        try
        {
            logBuffers = new LogBuffers(log.getPath());
        }
        catch (final RuntimeException ex)
        {
            return false; // the driver freed it meanwhile: nothing left to unblock
        }
        try (logBuffers)
        {
            final int termLength = logBuffers.termLength();
            final UnsafeBuffer metaData = logBuffers.metaDataBuffer();
            final int termCount = LogBufferDescriptor.activeTermCount(metaData);
            if ((blockedPosition >> LogBufferDescriptor.positionBitsToShift(termLength)) != termCount)
            {
                return false;
            }
            final int index = LogBufferDescriptor.indexByTermCount(termCount);
            final long rawTail = LogBufferDescriptor.rawTailVolatile(metaData, index);
            final int termId = LogBufferDescriptor.termId(rawTail);
            final int tailOffset = LogBufferDescriptor.termOffset(rawTail, termLength);
            final int blockedOffset = (int)(blockedPosition & (termLength - 1));
            final long tailPosition =
                ((long)termCount << LogBufferDescriptor.positionBitsToShift(termLength)) + tailOffset;
            if (termId != LogBufferDescriptor.initialTermId(metaData) + termCount || publisherLimit != tailPosition ||
                tailOffset >= termLength || tailOffset <= blockedOffset)
            {
                // At the term's end the driver's own unblocker pads it; behind the tail there is nothing to pad.
                return false;
            }
            final UnsafeBuffer term = logBuffers.duplicateTermBuffers()[index];
            for (int offset = blockedOffset; offset < tailOffset; offset += FrameDescriptor.FRAME_ALIGNMENT)
            {
                if (0 != FrameDescriptor.frameLengthVolatile(term, offset))
                {
                    return false;
                }
            }
            LogBufferDescriptor.applyDefaultHeader(metaData, term, blockedOffset);
            FrameDescriptor.frameType(term, blockedOffset, HeaderFlyweight.HDR_TYPE_PAD);
            FrameDescriptor.frameTermOffset(term, blockedOffset);
            FrameDescriptor.frameTermId(term, blockedOffset, termId);
            FrameDescriptor.frameLengthOrdered(term, blockedOffset, tailOffset - blockedOffset);
            return true;
        }
    }
}
