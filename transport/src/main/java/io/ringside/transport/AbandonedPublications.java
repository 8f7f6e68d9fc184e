package io.ringside.transport;

import io.aeron.AeronCounters;
import io.aeron.LogBuffers;
import io.aeron.driver.status.StreamCounter;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.LogBufferDescriptor;
import io.aeron.protocol.HeaderFlyweight;
import io.aeron.status.HeartbeatTimestamp;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;

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
public final class AbandonedPublications implements Agent
{
    private final CountersReader counters;
    private final String aeronDirectoryName;

    private AbandonedPublications(final CountersReader counters, final String aeronDirectoryName)
    {
        this.counters = counters;
        this.aeronDirectoryName = aeronDirectoryName;
    }

    /**
     * An agent on a thread of its own that pads the abandoned tails of every stream of the driver, then sleeps
     * {@code intervalMs}, so a dead client's publication ends and its log is freed even when no one waits on it (a
     * feed killed mid-offer). Closing the runner stops it.
     */
    public static AgentRunner sweep(final CountersReader counters, final String aeronDirectoryName, final long intervalMs)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(intervalMs),
            (ex) -> System.err.println("ringside driver: abandoned publications: " + ex), null,
            new AbandonedPublications(counters, aeronDirectoryName));
        AgentRunner.startOnThread(runner);
        return runner;
    }

    public int doWork()
    {
        final int unblocked = unblock(counters, aeronDirectoryName);
        if (unblocked > 0)
        {
            System.err.println("ringside driver: padded " + unblocked + " message(s) that dead clients left unwritten "
                + "at the end of their publications, so those can end");
        }
        return unblocked;
    }

    public String roleName()
    {
        return "ringside-abandoned-publications";
    }

    /**
     * Pad the abandoned tail of every publication whose owner is dead.
     *
     * @param counters           the driver's counters.
     * @param aeronDirectoryName the driver's directory, where the publications' log buffers are.
     * @return how many publications were unblocked.
     */
    public static int unblock(final CountersReader counters, final String aeronDirectoryName)
    {
        final int[] unblocked = { 0 };
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID == typeId &&
                ownerIsDead(counters, counters.getCounterOwnerId(counterId)))
            {
                final long registrationId = key.getLong(StreamCounter.REGISTRATION_ID_OFFSET);
                final long subscriberPosition = slowestSubscriber(
                    counters, key.getInt(StreamCounter.SESSION_ID_OFFSET), key.getInt(StreamCounter.STREAM_ID_OFFSET));
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
                key.getLong(StreamCounter.REGISTRATION_ID_OFFSET) == registrationId)
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
                key.getInt(StreamCounter.SESSION_ID_OFFSET) == sessionId &&
                key.getInt(StreamCounter.STREAM_ID_OFFSET) == streamId)
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
