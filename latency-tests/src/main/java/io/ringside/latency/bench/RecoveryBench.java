package io.ringside.latency.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.RecordingLog;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Recovery speed: record N events (the bundled AAPL hour, looped with rising sequences and event times shifted by
 * an hour per loop) with no engine running, then time two restarts of a durable engine: without a snapshot, replaying
 * all N events into the handlers; and from a snapshot taken {@code tail} events before the end, replaying only those.
 * The snapshot is made by a durable engine run beforehand (not timed) that snapshots at exactly event N - tail.
 */
public final class RecoveryBench
{
    private RecoveryBench()
    {
    }

    public static void run(final Path data, final long events, final long tail, final Path dir, final PrintStream out)
    {
        if (tail < 1 || tail >= events)
        {
            throw new IllegalArgumentException("snapshot-tail: must be >= 1 and below --events: " + tail);
        }
        final String aeronDir = dir.resolve("aeron").toString();
        final List<byte[]> base = load(data);
        final EngineContext streams = new EngineContext().aeronDirectoryName(aeronDir).embeddedDriver(false).conclude();
        final ArchivingDriver.Context driverCtx = new ArchivingDriver.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDirectoryName(dir.resolve("archive").toString())
            .lowStorageSpaceThreshold(0);
        try (ArchivingDriver driver = ArchivingDriver.launch(streams.recordStreams(driverCtx, true)))
        {
            final long recordStart = System.nanoTime();
            final long bytes = publish(aeronDir, base, events, driver, streams.durableLogStreams().get(0));
            final long recordNs = System.nanoTime() - recordStart;
            out.printf("recorded %,d events (%,d bytes) in %.2f s%n", events, bytes, recordNs / 1e9);

            final Path snapshots = dir.resolve("snapshots");
            final Timing full = recover(context(aeronDir, dir, snapshots, 0), events, 0);
            out.printf("without a snapshot: %,d events replayed: engine launched in %.3f s, all events into the ring "
                + "after %.2f s, handlers drained after %.2f s: %,.0f events/s replayed into the handlers%n",
                events, full.launchedNs / 1e9, full.replayedNs / 1e9, full.drainedNs / 1e9,
                events / (full.drainedNs / 1e9));

            // Not timed: a run that leaves a snapshot at exactly N - tail (and one at N, at its stop, deleted).
            final long at = events - tail;
            recover(context(aeronDir, dir, snapshots, at), events, 0);
            keepOnly(snapshots, at);

            final Timing fromSnapshot = recover(context(aeronDir, dir, snapshots, events), tail, at);
            out.printf("from a snapshot at event %,d: %,d events replayed: engine launched (snapshot loaded) in %.3f s, "
                + "all events into the ring after %.3f s, handlers drained after %.3f s: %,.0f events/s replayed; "
                + "recovery %.1fx faster%n",
                at, tail, fromSnapshot.launchedNs / 1e9, fromSnapshot.replayedNs / 1e9, fromSnapshot.drainedNs / 1e9,
                tail / (fromSnapshot.drainedNs / 1e9), (double)full.drainedNs / fromSnapshot.drainedNs);
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private record Timing(long launchedNs, long replayedNs, long drainedNs)
    {
    }

    private static EngineContext context(
        final String aeronDir, final Path dir, final Path snapshots, final long snapshotInterval)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(aeronDir)
            .embeddedDriver(false)
            .reportDirectory(dir.resolve("report"));
        ctx.durableLog().durable(true);
        ctx.snapshots().intervalEvents(snapshotInterval).directory(snapshots);
        return ctx;
    }

    /** Start a durable engine, wait for it to take {@code expected} events, stop it; times from before the launch. */
    private static Timing recover(final EngineContext ctx, final long expected, final long expectedLoaded)
    {
        final long start = System.nanoTime();
        try (Engine engine = Engine.launch(ctx))
        {
            final long launchedNs = System.nanoTime() - start;
            if (engine.counters().get("snapshot.loaded_events") != expectedLoaded)
            {
                throw new IllegalStateException("expected the snapshot at " + expectedLoaded + ", loaded "
                    + engine.counters().get("snapshot.loaded_events"));
            }
            while (engine.counters().get("events_in") < expected)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            final long replayedNs = System.nanoTime() - start;
            final EngineSummary summary = engine.stop();
            final long drainedNs = System.nanoTime() - start;
            if (summary.count("events_in") != expected)
            {
                throw new IllegalStateException("replayed " + summary.count("events_in") + ", expected " + expected);
            }
            return new Timing(launchedNs, replayedNs, drainedNs);
        }
    }

    private static void keepOnly(final Path snapshots, final long eventCount)
    {
        final String keep = String.format("snapshot-%020d.rss", eventCount);
        try (Stream<Path> files = Files.list(snapshots))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (!file.getFileName().toString().equals(keep))
                {
                    Files.delete(file);
                }
            }
            if (!Files.isRegularFile(snapshots.resolve(keep)))
            {
                throw new IllegalStateException("no snapshot at event " + eventCount + " in " + snapshots);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static long publish(final String aeronDir, final List<byte[]> base, final long events,
        final ArchivingDriver driver, final ArchivingDriver.Stream log)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final EnvelopeEncoder envelope = new EnvelopeEncoder();
        final int eventTimeOffset = MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeEncoder.eventTimeEncodingOffset();
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            ExclusivePublication publication =
                aeron.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID))
        {
            while (!publication.isConnected())
            {
                LockSupport.parkNanos(100_000);
            }
            long bytes = 0;
            for (long i = 0; i < events; i++)
            {
                final byte[] frame = base.get((int)(i % base.size()));
                final long loop = i / base.size();
                buffer.putBytes(0, frame);
                final long eventTime = buffer.getLong(eventTimeOffset, EnvelopeEncoder.BYTE_ORDER)
                    + loop * TimeUnit.HOURS.toNanos(1);
                envelope.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH)
                    .sourceId(1).sequence(i + 1).eventTime(eventTime).sendTime(eventTime).intendedSendTime(eventTime);
                while (publication.offer(buffer, 0, frame.length) < 0)
                {
                    LockSupport.parkNanos(10_000);
                }
                bytes += frame.length;
            }
            // Recorded when the log the engine reads holds every event: with more than one ingress stream the
            // sequenced log, which then holds this publication's messages alone, byte for byte, so its positions.
            awaitRecorded(driver, log.channel(), log.streamId(), publication.position());
            return bytes;
        }
    }

    private static void awaitRecorded(
        final ArchivingDriver driver, final String channel, final int streamId, final long end)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            final List<RecordingLog.Recording> recordings = RecordingLog.list(driver.archive(), channel, streamId, 0);
            if (!recordings.isEmpty() && RecordingLog.recordedPosition(driver.archive(), recordings.get(0)) >= end)
            {
                return;
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("recovery-bench: " + channel + " stream " + streamId
                    + " not recorded up to " + end + " within 60 s: " + recordings);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static List<byte[]> load(final Path data)
    {
        final List<byte[]> frames = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        try (LobsterReader reader = new LobsterReader(data, 1, null, null, (kind, where, problem) -> false))
        {
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(0, frame);
                frames.add(frame);
            }
        }
        return frames;
    }
}
