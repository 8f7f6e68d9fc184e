package io.ringside.engine.durable;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Counter;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.status.RecordingPos;
import io.aeron.exceptions.RegistrationException;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.metrics.Gauge;
import io.ringside.engine.pipeline.IngressHandler;
import io.ringside.engine.pipeline.LogPositions;
import io.ringside.engine.pipeline.Publishers;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.RecordingLog;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.CountersReader;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durable mode's ingress: the log as the archive has recorded it. What has been recorded before the engine reaches it
 * is replayed from the archive; from where the replay meets the live stream, the stream itself is read, each poll
 * bounded by the archive's recording position counter (as a cluster follower is bounded by the commit position). An
 * event is so handled as soon as it is on disk and never before, and in recorded order whether the engine has been up
 * all along or has just been restarted: no gap and no overlap.
 * <p>
 * Each ingress stream is followed by its own {@link Follower}; a stream's recordings (one per publication session)
 * are read one after the other in recording id order, so a stream is expected to have one publisher at a time.
 * The control-path calls to the archive (finding the next recording, starting a replay) happen only between
 * recordings or on a fall back to replay; reading live is an image poll and a counter read.
 */
public final class RecordedIngress implements Agent, LogPositions, Publishers
{
    /** The ingress thread's name, and this agent's. */
    public static final String THREAD_NAME = "ringside-ingress-recorded";

    private static final long LOOK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** As Aeron's ReplayMerge: the live stream is joined once the replay is within a quarter term of it, at most this. */
    private static final int MAX_LIVE_WINDOW = 32 * 1024 * 1024;

    private final AeronArchive archive;
    private final Follower[] followers;
    private final IngressHandler handler;
    private final Runnable dutyCycleHook;
    private final NanoClock clock;
    private Gauge behindGauge;

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
     * Before the agent starts: how far the engine is behind what the archive has recorded, in bytes of the log, as a
     * gauge other processes read (0 once it has caught up; while it replays a recording no longer growing, what is
     * left of it is not counted).
     */
    public void behindGauge(final Counter counter)
    {
        behindGauge = new Gauge(counter);
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
            if (follower.isReading(publisher))
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
        long behind = 0;
        for (final Follower follower : followers)
        {
            work += follower.doWork(now);
            behind += follower.behind();
        }
        if (null != behindGauge)
        {
            behindGauge.set(behind);
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
        return THREAD_NAME;
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

    /**
     * Follows the recordings of one ingress stream, oldest first. A recording that has stopped is replayed; one still
     * being recorded is replayed until the replay is near its recorded position, then read from the live stream
     * itself, up to the recorded position and never past it.
     */
    static final class Follower
    {
        private final AeronArchive archive;
        private final Aeron aeron;
        private final CountersReader counters;
        private final ArchivingDriver.Stream stream;
        private final String replayChannel;
        private final int replayStreamId;
        private final FragmentHandler onMessage = this::onMessage;
        private final FragmentHandler skip = (buffer, offset, length, header) -> { };
        private final IngressHandler handler;
        private final int fragmentLimit;
        private final FragmentAssembler assembler;
        private long messageRecordingId = -1;
        private long messageRecordingStart = -1;
        private long messageEndPosition = AeronArchive.NULL_POSITION;

        private long nextRecordingId = 0;
        private long resumePosition = AeronArchive.NULL_POSITION;
        private long nextLookNs;

        // The recording being read.
        private long recordingId = -1;
        private long recordingStart;
        private int sessionId;
        private int counterId = CountersReader.NULL_COUNTER_ID;
        private long stopPosition = AeronArchive.NULL_POSITION;
        private long liveWindow;
        // Where the last whole message read from this recording ends (or where reading it started): the only
        // positions a switch between a replay and the live image may happen at, the assembler keeping a partial
        // message per session.
        private long boundary;

        private Subscription replay;
        private Image replayImage;
        private long liveRegistrationId = Aeron.NULL_VALUE;
        private Subscription live;
        private Image liveImage;
        private long skipTo;
        private long behind;

        Follower(
            final AeronArchive archive,
            final ArchivingDriver.Stream stream,
            final String replayChannel,
            final int replayStreamId,
            final IngressHandler handler,
            final int fragmentLimit)
        {
            this.archive = archive;
            this.aeron = archive.context().aeron();
            this.counters = aeron.countersReader();
            this.stream = stream;
            this.replayChannel = replayChannel;
            this.replayStreamId = replayStreamId;
            this.handler = handler;
            this.assembler = new FragmentAssembler(onMessage);
            this.fragmentLimit = fragmentLimit;
        }

        // Where this message ends is where a snapshot taken after it resumes; recorded before the handler runs,
        // because the handler may publish the snapshot marker for it.
        private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            messageRecordingId = recordingId;
            messageRecordingStart = recordingStart;
            messageEndPosition = header.position();
            boundary = header.position();
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

        /** Reading a recording, from a replay or live: it is its source ids' publisher meanwhile. */
        boolean isReading(final long recordingId)
        {
            return this.recordingId == recordingId &&
                (null != replay || null != liveImage || Aeron.NULL_VALUE != liveRegistrationId);
        }

        /** Bytes recorded and not yet taken, as last seen; 0 when not known. */
        long behind()
        {
            return behind;
        }

        int doWork(final long nowNs)
        {
            if (null != liveImage)
            {
                return pollLive(nowNs);
            }
            if (null != replay)
            {
                return pollReplay();
            }
            if (nowNs >= nextLookNs)
            {
                nextLookNs = nowNs + LOOK_INTERVAL_NS;
                return startReplay();
            }
            return 0;
        }

        /**
         * The live image, up to what the archive has recorded of it: its recording position counter while it
         * records, then the position it stopped at. A message the archive has not written yet stays in the log
         * buffer until it has.
         */
        private int pollLive(final long nowNs)
        {
            final Image image = liveImage;
            if (image.position() < skipTo)
            {
                // It joined behind the replay: what is before the replay's position was handed over already.
                image.boundedPoll(skip, skipTo, Integer.MAX_VALUE);
                if (image.isClosed() && image.position() < skipTo)
                {
                    fallBackToReplay();
                }
                return 1;
            }
            final long limit;
            if (CountersReader.NULL_COUNTER_ID != counterId)
            {
                final long recorded = counters.getCounterValue(counterId);
                // Checked after the read: a value read while the counter is still this recording's is its own.
                if (!RecordingPos.isActive(counters, counterId, recordingId))
                {
                    counterId = CountersReader.NULL_COUNTER_ID;
                    nextLookNs = 0;
                    return 1;
                }
                limit = recorded;
            }
            else
            {
                if (AeronArchive.NULL_POSITION == stopPosition)
                {
                    if (nowNs < nextLookNs)
                    {
                        return 0;
                    }
                    nextLookNs = nowNs + LOOK_INTERVAL_NS;
                    stopPosition = archive.getStopPosition(recordingId);
                    return 1;
                }
                limit = stopPosition;
            }
            final int fragments = image.boundedPoll(assembler, limit, fragmentLimit);
            behind = Math.max(0, limit - image.position());
            if (0 == fragments)
            {
                final long position = image.position();
                if (AeronArchive.NULL_POSITION != stopPosition && position >= stopPosition)
                {
                    closeReading();
                    finished(recordingId);
                }
                else if (image.isClosed())
                {
                    // Gone before the recording ended (its publication closed, or this subscriber dropped): the
                    // archive has the rest.
                    fallBackToReplay();
                }
            }
            return fragments;
        }

        /**
         * The replay, and once it is within a window of the recorded position, the move to the live stream: the
         * live image joins at some position; the replay is read up to it (or, joined behind, the live image is read
         * past the replay's position without handing anything over twice), and the live image goes on from there.
         */
        private int pollReplay()
        {
            if (null == replayImage)
            {
                if (0 == replay.imageCount())
                {
                    return 0;
                }
                replayImage = replay.imageAtIndex(0);
            }
            final Image image = replayImage;
            if (CountersReader.NULL_COUNTER_ID != counterId)
            {
                behind = Math.max(0, counters.getCounterValue(counterId) - image.position());
            }
            if (null != live)
            {
                final Image joined = live.imageBySessionId(sessionId);
                if (null != joined)
                {
                    final long joinPosition = joined.position();
                    final long position = image.position();
                    if (position >= joinPosition && position == boundary)
                    {
                        goLive(joined, position);
                        return 1;
                    }
                    // Up to the join; joined inside a message, a fragment at a time to that message's end.
                    final long limit = position < joinPosition ? joinPosition : position + 1;
                    final int fragments = image.boundedPoll(assembler, limit, fragmentLimit);
                    if (image.position() >= joinPosition && image.position() == boundary)
                    {
                        goLive(joined, image.position());
                        return fragments + 1;
                    }
                    if (0 == fragments && (image.isEndOfStream() || image.isClosed()))
                    {
                        onReplayEnded();
                    }
                    return fragments;
                }
            }
            else if (Aeron.NULL_VALUE != liveRegistrationId)
            {
                try
                {
                    live = aeron.getSubscription(liveRegistrationId);
                }
                catch (final RegistrationException ex)
                {
                    // The driver refused it: this recording is followed by replay, as it can be without the live.
                    liveRegistrationId = Aeron.NULL_VALUE;
                    counterId = CountersReader.NULL_COUNTER_ID;
                    throw ex;
                }
            }
            else if (CountersReader.NULL_COUNTER_ID != counterId &&
                counters.getCounterValue(counterId) - image.position() <= liveWindow &&
                RecordingPos.isActive(counters, counterId, recordingId))
            {
                // Not before: a live subscriber holds the stream's publisher back, and one far behind would hold the
                // feeds while the engine catches up.
                liveRegistrationId = aeron.asyncAddSubscription(stream.channel(), stream.streamId());
            }
            final int fragments = image.poll(assembler, fragmentLimit);
            if (0 == fragments && (image.isEndOfStream() || image.isClosed()))
            {
                onReplayEnded();
            }
            return fragments;
        }

        private void goLive(final Image joined, final long replayPosition)
        {
            CloseHelper.quietClose(replay);
            replay = null;
            replayImage = null;
            liveImage = joined;
            skipTo = replayPosition;
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
            boundary = position;
            sessionId = recording.sessionId();
            stopPosition = end;
            // Without the counter (an archive on another driver) the replay follows the recording, as it can.
            counterId = active ?
                RecordingPos.findCounterIdByRecording(counters, recordingId, archive.archiveId()) :
                CountersReader.NULL_COUNTER_ID;
            liveWindow = Math.min(recording.termBufferLength() / 4, MAX_LIVE_WINDOW);
            // Follow while it records: the replay reads up to the live recorded position and waits there.
            replay = archive.replay(
                recordingId, position, active ? AeronArchive.REPLAY_ALL_AND_FOLLOW : end - position,
                replayChannel, replayStreamId);
            return 1;
        }

        private void onReplayEnded()
        {
            final long position = replayImage.position();
            final int replaySessionId = replayImage.sessionId();
            closeReading();
            final long stop = archive.getStopPosition(recordingId);
            final boolean active = AeronArchive.NULL_POSITION != archive.getRecordingPosition(recordingId);
            if (!active && (AeronArchive.NULL_POSITION == stop || position >= stop))
            {
                finished(recordingId);
            }
            else
            {
                // The replay ended short of the recording's end (the archive dropped it): go on from the end of the
                // last whole message it gave, a partial one read again whole.
                assembler.freeSessionBuffer(replaySessionId);
                resumePosition = boundary;
            }
        }

        private void fallBackToReplay()
        {
            assembler.freeSessionBuffer(sessionId);
            closeReading();
            resumePosition = boundary;
            nextLookNs = 0;
        }

        private void finished(final long id)
        {
            nextRecordingId = id + 1;
            resumePosition = AeronArchive.NULL_POSITION;
            nextLookNs = 0;
        }

        private void closeReading()
        {
            CloseHelper.quietClose(replay);
            replay = null;
            replayImage = null;
            liveImage = null;
            if (null != live)
            {
                CloseHelper.quietClose(live);
            }
            else if (Aeron.NULL_VALUE != liveRegistrationId)
            {
                aeron.asyncRemoveSubscription(liveRegistrationId);
            }
            live = null;
            liveRegistrationId = Aeron.NULL_VALUE;
            counterId = CountersReader.NULL_COUNTER_ID;
        }

        void close()
        {
            closeReading();
        }
    }
}
