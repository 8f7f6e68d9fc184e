package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays the recorded ingress log into another stream, for a late consumer that needs history or for an audit:
 * every recording of the log's stream in recording order, from a position or from an event time, up to what is
 * recorded when it starts, as fast as possible or at a fixed rate. Frames go out byte for byte as recorded. The log's
 * stream is the first of the candidate streams the archive has a recording of: a sequenced log where the archive
 * keeps one, else an ingress stream.
 */
public final class LogReplay
{
    private final Context ctx;

    public LogReplay(final Context ctx)
    {
        this.ctx = ctx.conclude();
    }

    /** What a replay did. */
    public record Result(
        ArchivingDriver.Stream source,
        long events,
        long skipped,
        long bytes,
        long elapsedNs,
        long firstRecordingId,
        long lastPosition)
    {
        public void print(final PrintStream out)
        {
            out.printf("replayed %,d events (%,d bytes) of %s stream %d in %.3f s (%,.0f events/s); skipped %,d before "
                + "--from-time%n", events, bytes, source.channel(), source.streamId(), elapsedNs / 1e9,
                events / Math.max(elapsedNs / 1e9, 1e-9), skipped);
        }
    }

    public Result run()
    {
        final Aeron aeron;
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName).driverTimeoutMs(10_000));
        }
        catch (final DriverTimeoutException | IllegalStateException ex)
        {
            throw new IllegalStateException("aeron-dir: no media driver at " + ctx.aeronDirectoryName
                + "; is `ringside driver` running? (" + ex.getMessage() + ")", ex);
        }
        try (aeron;
            AeronArchive archive = AeronArchive.connect(
                ArchivingDriver.clientContext(ctx.aeronDirectoryName).aeron(aeron).ownsAeronClient(false));
            ExclusivePublication out = aeron.addExclusivePublication(ctx.toChannel, ctx.toStreamId))
        {
            ArchivingDriver.Stream source = null;
            List<RecordingLog.Recording> recordings = List.of();
            for (int i = 0; i < ctx.sources.size() && recordings.isEmpty(); i++)
            {
                source = ctx.sources.get(i);
                recordings = RecordingLog.list(
                    archive, source.channel(), source.streamId(), Math.max(0, ctx.fromRecordingId));
            }
            if (recordings.isEmpty())
            {
                final StringBuilder named = new StringBuilder();
                ctx.sources.forEach((s) -> named.append(named.isEmpty() ? "" : " or ").append(s.channel())
                    .append(" stream ").append(s.streamId()));
                throw new IllegalStateException("ingress-stream: the archive has no recording of " + named
                    + (ctx.fromRecordingId > 0 ? " from recording " + ctx.fromRecordingId : ""));
            }
            awaitConsumer(out);
            final Sender sender = new Sender(out, ctx);
            final long start = System.nanoTime();
            sender.start = start;
            long lastPosition = AeronArchive.NULL_POSITION;
            for (int i = 0; i < recordings.size(); i++)
            {
                final RecordingLog.Recording recording = recordings.get(i);
                final long from = 0 == i && ctx.fromPosition > recording.startPosition() ?
                    ctx.fromPosition : recording.startPosition();
                final long to = RecordingLog.recordedPosition(archive, recording);
                lastPosition = BoundedReplay.replay(archive, recording.recordingId(), from, to, "aeron:ipc",
                    ctx.scratchStreamId, sender::onFragment, new BackoffIdleStrategy(), 10_000);
            }
            return new Result(source, sender.events, sender.skipped, sender.bytes, System.nanoTime() - start,
                recordings.get(0).recordingId(), lastPosition);
        }
    }

    private void awaitConsumer(final ExclusivePublication out)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.connectTimeoutMs);
        while (!out.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("to-stream: no consumer subscribed to " + ctx.toChannel + " stream "
                    + ctx.toStreamId + " within " + ctx.connectTimeoutMs + " ms; start the consumer first");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Filters by event time, paces and publishes, one frame at a time. */
    private static final class Sender
    {
        private final ExclusivePublication out;
        private final long fromEventTimeNs;
        private final long intervalNs;
        private final IdleStrategy backPressure = new BackoffIdleStrategy();
        private final EnvelopeDecoder envelope = new EnvelopeDecoder();
        private long start;
        private long events;
        private long skipped;
        private long bytes;

        Sender(final ExclusivePublication out, final Context ctx)
        {
            this.out = out;
            this.fromEventTimeNs = ctx.fromEventTimeNs;
            this.intervalNs = ctx.rate > 0 ? TimeUnit.SECONDS.toNanos(1) / ctx.rate : 0;
        }

        void onFragment(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header h)
        {
            if (Long.MIN_VALUE != fromEventTimeNs && FrameCheck.OK == FrameCheck.checkInbound(buffer, offset, length))
            {
                envelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
                if (envelope.eventTime() < fromEventTimeNs)
                {
                    skipped++;
                    return;
                }
            }
            if (intervalNs > 0)
            {
                final long due = start + events * intervalNs;
                long now;
                while ((now = System.nanoTime()) < due)
                {
                    LockSupport.parkNanos(Math.min(due - now, 100_000));
                }
            }
            backPressure.reset();
            long result;
            while ((result = out.offer(buffer, offset, length)) < 0)
            {
                if (Publication.CLOSED == result || Publication.NOT_CONNECTED == result ||
                    Publication.MAX_POSITION_EXCEEDED == result)
                {
                    throw new IllegalStateException("replay: the consumer went away after " + events + " events ("
                        + Publication.errorString(result) + ")");
                }
                backPressure.idle();
            }
            events++;
            bytes += length;
        }
    }

    /** Settings with defaults; {@link #conclude()} checks them. */
    public static final class Context
    {
        private String aeronDirectoryName;
        private List<ArchivingDriver.Stream> sources = List.of(new ArchivingDriver.Stream("aeron:ipc", 1001));
        private String toChannel = "aeron:ipc";
        private int toStreamId = 2001;
        private long fromRecordingId = -1;
        private long fromPosition = 0;
        private long fromEventTimeNs = Long.MIN_VALUE;
        private long rate = 0;
        private int scratchStreamId = 1102;
        private long connectTimeoutMs = 10_000;

        Context conclude()
        {
            if (null == aeronDirectoryName || aeronDirectoryName.isBlank())
            {
                throw new IllegalArgumentException("aeron-dir: must not be empty");
            }
            if (sources.isEmpty())
            {
                throw new IllegalArgumentException("ingress-stream: no stream to replay");
            }
            for (final ArchivingDriver.Stream source : sources)
            {
                if (toChannel.equals(source.channel()) && toStreamId == source.streamId())
                {
                    throw new IllegalArgumentException("to-stream: " + toStreamId
                        + " is the recorded stream itself; replay into a stream of its own");
                }
                if (scratchStreamId == source.streamId())
                {
                    throw new IllegalArgumentException("scratch-stream: must differ from the recorded stream");
                }
            }
            if (0 == toStreamId || 0 == scratchStreamId)
            {
                throw new IllegalArgumentException("to-stream: stream id 0 is reserved");
            }
            if (scratchStreamId == toStreamId)
            {
                throw new IllegalArgumentException("scratch-stream: must differ from --to-stream");
            }
            if (fromPosition < 0 || (fromPosition & 31) != 0)
            {
                throw new IllegalArgumentException(
                    "from-position: must be >= 0 and a frame boundary (a multiple of 32): " + fromPosition);
            }
            if (rate < 0)
            {
                throw new IllegalArgumentException("rate: must be >= 0 (0: as fast as possible): " + rate);
            }
            if (connectTimeoutMs < 1)
            {
                throw new IllegalArgumentException("connect-timeout: must be >= 1ms: " + connectTimeoutMs + "ms");
            }
            return this;
        }

        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        public Context ingress(final String channel, final int streamId)
        {
            return sources(List.of(new ArchivingDriver.Stream(channel, streamId)));
        }

        /** The log's stream: the first of these the archive has a recording of. */
        public Context sources(final List<ArchivingDriver.Stream> sources)
        {
            this.sources = List.copyOf(sources);
            return this;
        }

        /** Where the replay goes: a consumer subscribes there first. */
        public Context to(final String channel, final int streamId)
        {
            this.toChannel = channel;
            this.toStreamId = streamId;
            return this;
        }

        /** Start at this recording (and skip older ones); -1: the oldest. */
        public Context fromRecordingId(final long fromRecordingId)
        {
            this.fromRecordingId = fromRecordingId;
            return this;
        }

        /** Start at this position of the first recording replayed (a frame boundary); 0: its start. */
        public Context fromPosition(final long fromPosition)
        {
            this.fromPosition = fromPosition;
            return this;
        }

        /** Skip events whose envelope event time is earlier; Long.MIN_VALUE: none skipped. */
        public Context fromEventTimeNs(final long fromEventTimeNs)
        {
            this.fromEventTimeNs = fromEventTimeNs;
            return this;
        }

        /** Events per second; 0: as fast as the consumer takes them. */
        public Context rate(final long rate)
        {
            this.rate = rate;
            return this;
        }

        /** The stream the archive replays on into this process before the frames are republished. */
        public Context scratchStreamId(final int scratchStreamId)
        {
            this.scratchStreamId = scratchStreamId;
            return this;
        }

        public Context connectTimeoutMs(final long connectTimeoutMs)
        {
            this.connectTimeoutMs = connectTimeoutMs;
            return this;
        }
    }
}
