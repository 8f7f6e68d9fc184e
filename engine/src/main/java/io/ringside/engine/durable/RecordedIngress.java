package io.ringside.engine.durable;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.Header;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.engine.pipeline.LogPositions;
import io.ringside.engine.pipeline.Publishers;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.RecordingLog;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durable mode's ingress: instead of the live streams, the archive's recordings of them, replayed from their start
 * and followed as they grow. The archive is the only subscriber the feeds see, so the engine reads exactly what was
 * recorded, in recorded order, whether it has been up all along or has just been restarted: no gap and no overlap
 * by construction, with no switch from replay to live to get wrong.
 * <p>
 * Each ingress stream is followed by its own {@link Follower}; a stream's recordings (one per publication session)
 * are read one after the other in recording id order, so a stream is expected to have one publisher at a time.
 * The control-path calls to the archive (finding the next recording, starting a replay) happen only between
 * replays; polling a replay is the same image poll as the live path.
 */
public final class RecordedIngress implements Agent, LogPositions, Publishers
{
    private static final long LOOK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AeronArchive archive;
    private final Follower[] followers;
    private final IngressHandler handler;
    private final Runnable dutyCycleHook;
    private final NanoClock clock;

    public RecordedIngress(
        final AeronArchive archive,
        final List<ArchivingDriver.Stream> streams,
        final String replayChannel,
        final int replayStreamId,
        final IngressHandler handler,
        final int fragmentLimit,
        final Runnable dutyCycleHook,
        final NanoClock clock)
    {
        this.archive = archive;
        this.handler = handler;
        this.dutyCycleHook = dutyCycleHook;
        this.clock = clock;
        followers = new Follower[streams.size()];
        for (int i = 0; i < followers.length; i++)
        {
            followers[i] = new Follower(archive, streams.get(i), replayChannel, replayStreamId, handler, fragmentLimit);
        }
        handler.sources().publishers(this);
    }

    /**
     * A recording stays its source ids' publisher while it is being read: a stream's recordings are read one after
     * another, so a source may move to the next recording of its stream (its feed restarted), never to one of another
     * stream read at the same time.
     */
    public boolean isConnected(final long publisher)
    {
        for (final Follower follower : followers)
        {
            if (follower.recordingId == publisher && null != follower.subscription)
            {
                return true;
            }
        }
        return false;
    }

    public String describe(final long publisher)
    {
        return "recording " + publisher;
    }

    public int doWork()
    {
        if (handler.stopRequested())
        {
            // A clean stop: read no more, so a last snapshot is at the end of what the handlers were given.
            handler.onStopRequested();
            return 0;
        }
        final long now = clock.nanoTime();
        int work = 0;
        for (final Follower follower : followers)
        {
            work += follower.doWork(now);
        }
        if (null != dutyCycleHook)
        {
            dutyCycleHook.run();
        }
        return work;
    }

    public void onClose()
    {
        for (final Follower follower : followers)
        {
            follower.close();
        }
        CloseHelper.quietClose(archive);
    }

    public String roleName()
    {
        return "ringside-ingress-recorded";
    }

    public void encodePositions(final SnapshotHeaderEncoder header)
    {
        final SnapshotHeaderEncoder.PositionsEncoder group = header.positionsCount(followers.length);
        for (final Follower follower : followers)
        {
            group.next()
                .streamId(follower.stream.streamId())
                .recordingId(follower.messageRecordingId)
                .recordingStartTimestamp(follower.messageRecordingStart)
                .position(follower.messageEndPosition);
        }
    }

    /** Before the agent starts: stream {@code index} is read from this recording and position on, not its start. */
    public void resumeAt(final int index, final long recordingId, final long recordingStart, final long position)
    {
        followers[index].resumeAt(recordingId, recordingStart, position);
    }

    /** Follows the recordings of one ingress stream, oldest first. */
    static final class Follower
    {
        private final AeronArchive archive;
        private final ArchivingDriver.Stream stream;
        private final String replayChannel;
        private final int replayStreamId;
        private final FragmentAssembler assembler;
        private final IngressHandler handler;
        private long recordingStart;
        private long messageRecordingId = -1;
        private long messageRecordingStart = -1;
        private long messageEndPosition = AeronArchive.NULL_POSITION;
        private final int fragmentLimit;

        private long nextRecordingId = 0;
        private long recordingId = -1;
        private long resumePosition = AeronArchive.NULL_POSITION;
        private Subscription subscription;
        private Image image;
        private long nextLookNs;

        Follower(
            final AeronArchive archive,
            final ArchivingDriver.Stream stream,
            final String replayChannel,
            final int replayStreamId,
            final IngressHandler handler,
            final int fragmentLimit)
        {
            this.archive = archive;
            this.stream = stream;
            this.replayChannel = replayChannel;
            this.replayStreamId = replayStreamId;
            this.handler = handler;
            this.assembler = new FragmentAssembler(this::onMessage);
            this.fragmentLimit = fragmentLimit;
        }

        // Where this message ends is where a snapshot taken after it resumes; recorded before the handler runs,
        // because the handler may publish the snapshot marker for it.
        private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            messageRecordingId = recordingId;
            messageRecordingStart = recordingStart;
            messageEndPosition = header.position();
            handler.onMessage(buffer, offset, length, recordingId, header.position());
        }

        void resumeAt(final long recordingId, final long recordingStart, final long position)
        {
            this.recordingId = recordingId;
            this.nextRecordingId = recordingId;
            this.resumePosition = position;
            messageRecordingId = recordingId;
            messageRecordingStart = recordingStart;
            messageEndPosition = position;
        }

        int doWork(final long nowNs)
        {
            if (null != image)
            {
                final int fragments = image.poll(assembler, fragmentLimit);
                if (0 == fragments && (image.isEndOfStream() || image.isClosed()))
                {
                    onReplayEnded();
                }
                return fragments;
            }
            if (null != subscription)
            {
                if (subscription.imageCount() > 0)
                {
                    image = subscription.imageAtIndex(0);
                    return 1;
                }
                return 0;
            }
            if (nowNs >= nextLookNs)
            {
                nextLookNs = nowNs + LOOK_INTERVAL_NS;
                return startReplay();
            }
            return 0;
        }

        private int startReplay()
        {
            final long position;
            final RecordingLog.Recording recording;
            if (AeronArchive.NULL_POSITION != resumePosition)
            {
                recording = RecordingLog.list(archive, stream.channel(), stream.streamId(), recordingId).get(0);
                position = resumePosition;
            }
            else
            {
                final List<RecordingLog.Recording> next =
                    RecordingLog.list(archive, stream.channel(), stream.streamId(), nextRecordingId);
                if (next.isEmpty())
                {
                    return 0;
                }
                recording = next.get(0);
                position = recording.startPosition();
            }
            final boolean active =
                AeronArchive.NULL_POSITION != archive.getRecordingPosition(recording.recordingId());
            final long end = active ? AeronArchive.NULL_POSITION :
                recording.isActive() ? archive.getMaxRecordedPosition(recording.recordingId()) : recording.stopPosition();
            if (!active && end <= position)
            {
                finished(recording.recordingId());
                return 1;
            }
            recordingId = recording.recordingId();
            recordingStart = recording.startTimestamp();
            // Follow while it records: the replay reads up to the live recorded position and waits there.
            subscription = archive.replay(
                recordingId, position, active ? AeronArchive.REPLAY_ALL_AND_FOLLOW : end - position,
                replayChannel, replayStreamId);
            return 1;
        }

        private void onReplayEnded()
        {
            final long position = image.position();
            CloseHelper.quietClose(subscription);
            subscription = null;
            image = null;
            final long stop = archive.getStopPosition(recordingId);
            final boolean active = AeronArchive.NULL_POSITION != archive.getRecordingPosition(recordingId);
            if (!active && (AeronArchive.NULL_POSITION == stop || position >= stop))
            {
                finished(recordingId);
            }
            else
            {
                // The replay ended short of the recording's end (the archive dropped it): go on from where it got to.
                resumePosition = position;
            }
        }

        private void finished(final long id)
        {
            nextRecordingId = id + 1;
            resumePosition = AeronArchive.NULL_POSITION;
            nextLookNs = 0;
        }

        void close()
        {
            CloseHelper.quietClose(subscription);
        }
    }
}
