package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.checksum.Checksum;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.status.StreamCounter;
import io.aeron.driver.status.SubscriberPos;
import io.ringside.engine.DurableLogSettings;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.transport.ArchivingDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A durable engine reads the live log, but never a message before the archive has recorded it. The archive here
 * records through a checksum that the test can hold shut: while it is shut the recorder is stuck before its next
 * write, so its recording position stands still while the log's publisher goes on, and the messages sit readable in
 * the log buffer the engine is subscribed to. The engine's events_in must stay at what was recorded, and take the
 * rest once the recorder moves again.
 */
final class NotBeforeRecordedTest
{
    private static final int SEQUENCED_STREAM = DurableLogSettings.DEFAULT_SEQUENCED_STREAM_ID;
    private static final int BEFORE = 2_000;
    private static final int HELD = 1_000;

    @TempDir
    Path dir;

    @Test
    void eventsInNeverPassesTheRecordedPosition()
    {
        final List<byte[]> frames = DurableFixture.frames(BEFORE + HELD);
        final Gate gate = new Gate();
        final String aeronDir = dir.resolve("aeron").toString();
        ArchivingMediaDriver driver = null;
        AeronArchive archive = null;
        Aeron client = null;
        Engine engine = null;
        try
        {
            driver = launch(aeronDir, dir.resolve("archive").toFile(), gate);
            archive = AeronArchive.connect(ArchivingDriver.clientContext(aeronDir));
            // As the driver's sequencer would: the merged log, recorded, published by one exclusive publication.
            archive.startRecording("aeron:ipc", SEQUENCED_STREAM, SourceLocation.LOCAL);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            final ExclusivePublication log = client.addExclusivePublication("aeron:ipc", SEQUENCED_STREAM);
            final CountersReader counters = client.countersReader();
            final long archiveId = archive.archiveId();
            await("the archive records the log", () -> log.isConnected() &&
                CountersReader.NULL_COUNTER_ID != RecordingPos.findCounterIdBySession(
                    counters, log.sessionId(), archiveId));
            final int recordingPos = RecordingPos.findCounterIdBySession(counters, log.sessionId(), archiveId);

            final EngineContext ctx = DurableFixture.engineContext(dir);
            engine = Engine.launch(ctx);
            final Engine running = engine;
            publish(log, frames, 0, BEFORE);
            await("the engine takes the first events", () -> running.counters().eventsIn().get() == BEFORE);
            await("the engine reads the log live (a subscriber of its own beside the archive's)",
                () -> 2 == subscribers(counters, SEQUENCED_STREAM));

            gate.shut = true;
            final long recorded = log.position();
            assertEquals(recorded, counters.getCounterValue(recordingPos), "everything so far recorded");
            publish(log, frames, BEFORE, BEFORE + HELD);
            assertTrue(log.position() > recorded, "the held events are in the log buffer");
            final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < until)
            {
                assertEquals(recorded, counters.getCounterValue(recordingPos), "the recorder is held");
                final long eventsIn = engine.counters().eventsIn().get();
                if (eventsIn > BEFORE)
                {
                    fail("events_in " + eventsIn + " passed the " + BEFORE + " events recorded");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }

            gate.shut = false;
            await("the engine takes the rest once it is recorded",
                () -> running.counters().eventsIn().get() == BEFORE + HELD);
            assertEquals(log.position(), counters.getCounterValue(recordingPos), "all recorded");
            engine.stop();
        }
        finally
        {
            gate.shut = false;
            CloseHelper.quietCloseAll(engine, client, archive, driver);
        }
    }

    /**
     * Restarted with a backlog recorded while it was down and the log still being published, an engine loads the
     * snapshot its clean stop took, replays the rest, goes live, and has taken every event once: none missing, none
     * twice; and live, it still waits for the recorder.
     */
    @Test
    void aRestartedEngineReplaysTheBacklogThenReadsLiveWithNoGapAndNoOverlap()
    {
        final List<byte[]> frames = DurableFixture.frames(4 * BEFORE);
        final Gate gate = new Gate();
        final String aeronDir = dir.resolve("aeron").toString();
        ArchivingMediaDriver driver = null;
        AeronArchive archive = null;
        Aeron client = null;
        Engine engine = null;
        try
        {
            driver = launch(aeronDir, dir.resolve("archive").toFile(), gate);
            archive = AeronArchive.connect(ArchivingDriver.clientContext(aeronDir));
            archive.startRecording("aeron:ipc", SEQUENCED_STREAM, SourceLocation.LOCAL);
            // The outputs too: a snapshot is taken only if it covers no more outputs than are recorded.
            final EngineContext streams = new EngineContext().aeronDirectoryName(aeronDir).embeddedDriver(false).conclude();
            archive.startRecording(streams.streams().egressChannel(), streams.streams().alertStreamId(),
                SourceLocation.LOCAL);
            archive.startRecording(streams.streams().egressChannel(), streams.streams().orderStreamId(),
                SourceLocation.LOCAL);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            final ExclusivePublication log = client.addExclusivePublication("aeron:ipc", SEQUENCED_STREAM);
            final CountersReader counters = client.countersReader();
            await("the archive records the log", log::isConnected);

            final Engine first = Engine.launch(DurableFixture.engineContext(dir));
            engine = first;
            publish(log, frames, 0, BEFORE);
            await("the first engine takes the first events", () -> first.counters().eventsIn().get() == BEFORE);
            first.stop();
            first.close();
            engine = null;
            await("the first engine's subscriber is gone", () -> 1 == subscribers(counters, SEQUENCED_STREAM));

            publish(log, frames, BEFORE, 2 * BEFORE);
            final Engine second = Engine.launch(DurableFixture.engineContext(dir));
            engine = second;
            publish(log, frames, 2 * BEFORE, 3 * BEFORE);
            await("the second engine takes the rest",
                () -> second.counters().snapshotLoadedEvents().get() + second.counters().eventsIn().get() == 3 * BEFORE);
            await("the second engine reads the log live", () -> 2 == subscribers(counters, SEQUENCED_STREAM));
            assertEquals(BEFORE, second.counters().snapshotLoadedEvents().get(), "restored from the clean stop's snapshot");

            gate.shut = true;
            publish(log, frames, 3 * BEFORE, 4 * BEFORE);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(2 * BEFORE, second.counters().eventsIn().get(), "nothing unrecorded taken");
            gate.shut = false;
            await("the second engine takes the held events once recorded",
                () -> second.counters().eventsIn().get() == 3 * BEFORE);
            assertEquals(0, second.counters().duplicates().get(), "no event read twice");
            assertEquals(0, second.counters().gaps().get(), "no event missed");
            second.stop();
        }
        finally
        {
            gate.shut = false;
            CloseHelper.quietCloseAll(engine, client, archive, driver);
        }
    }

    private static ArchivingMediaDriver launch(final String aeronDir, final File archiveDir, final Gate gate)
    {
        final MediaDriver.Context driverCtx = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .ipcTermBufferLength(1024 * 1024)
            .publicationTermBufferLength(1024 * 1024)
            .spiesSimulateConnection(false);
        // ArchivingDriver's archive, but recording on a thread of its own through the gate, so control requests
        // are answered while the recorder is held.
        final Archive.Context archiveCtx = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(archiveDir)
            .controlChannelEnabled(false)
            .localControlChannel(ArchivingDriver.CONTROL_CHANNEL)
            .localControlStreamId(ArchivingDriver.CONTROL_STREAM_ID)
            .recordingEventsEnabled(false)
            .replicationChannel("aeron:udp?endpoint=localhost:0")
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel(ArchivingDriver.CONTROL_CHANNEL)
                .controlResponseStreamId(ArchivingDriver.CONTROL_RESPONSE_STREAM_ID + 1))
            .threadingMode(ArchiveThreadingMode.DEDICATED)
            .segmentFileLength(4 * 1024 * 1024)
            .recordChecksum(gate);
        return ArchivingMediaDriver.launch(driverCtx, archiveCtx);
    }

    private static void publish(final ExclusivePublication log, final List<byte[]> frames, final int from, final int to)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        for (int i = from; i < to; i++)
        {
            buffer.wrap(frames.get(i));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.offer(buffer, 0, buffer.capacity()) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("the log was back-pressured for 10 s at event " + i);
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Subscribers of the stream in the driver: each has a subscriber position counter. */
    private static int subscribers(final CountersReader counters, final int streamId)
    {
        final int[] count = new int[1];
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (SubscriberPos.SUBSCRIBER_POSITION_TYPE_ID == typeId &&
                streamId == key.getInt(StreamCounter.STREAM_ID_OFFSET) &&
                CountersReader.RECORD_ALLOCATED == counters.getCounterState(counterId))
            {
                count[0]++;
            }
        });
        return count[0];
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Holds the recorder before its next write while shut. */
    private static final class Gate implements Checksum
    {
        volatile boolean shut;

        public int compute(final long address, final int offset, final int length)
        {
            while (shut)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            return 0;
        }
    }
}
