package io.ringside.latency.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.RecordingLog;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Recovery speed: record N events (the bundled AAPL hour, looped with rising sequences and event times shifted by
 * an hour per loop) with no engine running, then start a durable engine and time how long it takes to replay them
 * all into the handlers. What a restarted engine without a snapshot pays.
 */
public final class RecoveryBench
{
    private RecoveryBench()
    {
    }

    public static void run(final Path data, final long events, final Path dir, final PrintStream out)
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final List<byte[]> base = load(data);
        try (ArchivingDriver driver = ArchivingDriver.launch(new ArchivingDriver.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDirectoryName(dir.resolve("archive").toString())
            .lowStorageSpaceThreshold(0)
            .record("aeron:ipc", EngineContext.DEFAULT_INGRESS_STREAM_ID)
            .record("aeron:ipc", EngineContext.DEFAULT_ALERT_STREAM_ID)
            .record("aeron:ipc", EngineContext.DEFAULT_ORDER_STREAM_ID)))
        {
            final long recordStart = System.nanoTime();
            final long bytes = publish(aeronDir, base, events, driver);
            final long recordNs = System.nanoTime() - recordStart;
            out.printf("recorded %,d events (%,d bytes) in %.2f s%n", events, bytes, recordNs / 1e9);

            final EngineContext ctx = new EngineContext()
                .aeronDirectoryName(aeronDir)
                .embeddedDriver(false)
                .durable(true)
                .reportDirectory(dir.resolve("report"));
            final long start = System.nanoTime();
            try (Engine engine = Engine.launch(ctx))
            {
                final long launchedNs = System.nanoTime() - start;
                while (engine.counters().get("events_in") < events)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                final long replayedNs = System.nanoTime() - start;
                engine.stop();
                final long drainedNs = System.nanoTime() - start;
                out.printf("recovered %,d events: engine launched in %.3f s, all events into the ring after %.2f s, "
                    + "handlers drained after %.2f s: %,.0f events/s replayed into the handlers%n",
                    events, launchedNs / 1e9, replayedNs / 1e9, drainedNs / 1e9, events / (drainedNs / 1e9));
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private static long publish(final String aeronDir, final List<byte[]> base, final long events,
        final ArchivingDriver driver)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final EnvelopeEncoder envelope = new EnvelopeEncoder();
        final int eventTimeOffset = MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeEncoder.eventTimeEncodingOffset();
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            ExclusivePublication publication =
                aeron.addExclusivePublication("aeron:ipc", EngineContext.DEFAULT_INGRESS_STREAM_ID))
        {
            while (!publication.isConnected())
            {
                LockSupport.parkNanos(100_000);
            }
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
            }
            final long end = publication.position();
            while (true)
            {
                final List<RecordingLog.Recording> recordings = RecordingLog.list(
                    driver.archive(), "aeron:ipc", EngineContext.DEFAULT_INGRESS_STREAM_ID, 0);
                if (!recordings.isEmpty() && RecordingLog.recordedPosition(driver.archive(), recordings.get(0)) >= end)
                {
                    return end;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
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
