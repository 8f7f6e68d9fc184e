package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.ExclusivePublication;
import io.aeron.LogBuffers;
import io.aeron.logbuffer.LogBufferDescriptor;
import io.aeron.status.HeartbeatTimestamp;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A publisher killed between moving its term's tail and writing the frame there: the driver never drains its
 * publication, so the archive never stops recording it, until the abandoned frame is padded (by whoever waits on the
 * recording, or by the driver's own sweep); then the recording stops with every message the publisher did write, and
 * nothing else.
 */
final class AbandonedPublicationsTest
{
    private static final int STREAM = 1003;
    private static final int MESSAGES = 10;
    private static final int ABANDONED_FRAME = 128;

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @Test
    void aPublisherKilledMidOfferHasItsTailPaddedOnceDeadAndItsRecordingThenStops()
    {
        try (ArchivingDriver driver = launch(0))
        {
            try
            {
                final Abandoned abandoned = abandon(driver);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_000));
                assertTrue(recording(driver).isActive(), "Aeron's own unblocker leaves a zeroed frame at the tail");
                assertEquals(abandoned.end, RecordingLog.recordedPosition(driver.archive(), recording(driver)));

                assertEquals(1, AbandonedPublications.unblock(abandoned.watcher.countersReader(), aeronDir()));
                assertStoppedWithEveryMessage(driver, abandoned);
            }
            finally
            {
                closeClients();
            }
        }
    }

    @Test
    void theDriverPadsADeadPublishersTailOnItsOwn()
    {
        try (ArchivingDriver driver = launch(100))
        {
            try
            {
                assertStoppedWithEveryMessage(driver, abandon(driver));
            }
            finally
            {
                closeClients();
            }
        }
    }

    private ArchivingDriver launch(final long sweepIntervalMs)
    {
        return ArchivingDriver.launch(new ArchivingDriver.Context()
            .aeronDirectoryName(aeronDir())
            .archiveDirectoryName(dir.resolve("archive").toString())
            .termBufferLength(64 * 1024)
            .lowStorageSpaceThreshold(0)
            .clientLivenessTimeoutMs(1_500)
            .abandonedSweepIntervalMs(sweepIntervalMs)
            .record("aeron:ipc", STREAM));
    }

    private String aeronDir()
    {
        return dir.resolve("aeron").toString();
    }

    /** What a publisher wrote before it was killed mid-offer, and a client to read the driver's counters. */
    private record Abandoned(List<String> written, long end, Aeron watcher)
    {
    }

    /**
     * A publisher writes {@code MESSAGES} messages, is killed between moving its tail past one more frame and writing
     * it, and is declared dead by the driver.
     */
    private Abandoned abandon(final ArchivingDriver driver)
    {
        final Aeron watcher = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir()));
        closeAfter.add(watcher);
        // Its conductor runs only when invoked: it goes silent, to the driver, as a killed process does.
        final Aeron client =
            Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir()).useConductorAgentInvoker(true));
        closeAfter.add(client);
        final ExclusivePublication publication = client.addExclusivePublication("aeron:ipc", STREAM);
        await(() -> client.conductorAgentInvoker().invoke() >= 0 && publication.isConnected(), "recorded");
        final List<String> written = new ArrayList<>();
        final UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
        for (int i = 0; i < MESSAGES; i++)
        {
            message.setMemory(0, message.capacity(), (byte)('a' + i));
            while (publication.offer(message) < 0)
            {
                client.conductorAgentInvoker().invoke();
            }
            written.add(HexFormat.of().formatHex(message.byteArray()));
        }
        final long end = publication.position();
        await(() -> client.conductorAgentInvoker().invoke() >= 0 &&
            recording(driver).isActive() && RecordingLog.recordedPosition(driver.archive(), recording(driver)) == end,
            "recorded to " + end);

        // Killed mid-offer: the tail moved past one more frame whose header was never written.
        final Path log =
            dir.resolve("aeron").resolve("publications").resolve(publication.registrationId() + ".logbuffer");
        try (LogBuffers logBuffers = new LogBuffers(log.toString()))
        {
            final UnsafeBuffer metaData = logBuffers.metaDataBuffer();
            final int index = LogBufferDescriptor.indexByTermCount(LogBufferDescriptor.activeTermCount(metaData));
            final long rawTail = LogBufferDescriptor.rawTailVolatile(metaData, index);
            LogBufferDescriptor.rawTailVolatile(metaData, index, LogBufferDescriptor.packTail(
                LogBufferDescriptor.termId(rawTail),
                LogBufferDescriptor.termOffset(rawTail, logBuffers.termLength()) + ABANDONED_FRAME));
        }
        assertEquals(0, AbandonedPublications.unblock(watcher.countersReader(), aeronDir()),
            "a live publisher's frame is never touched");

        // Silent past its liveness timeout: the driver declares it dead and releases its publication.
        final long clientId = client.clientId();
        await(() -> CountersReader.NULL_COUNTER_ID == HeartbeatTimestamp.findCounterIdByRegistrationId(
            watcher.countersReader(), AeronCounters.DRIVER_HEARTBEAT_TYPE_ID, clientId), "the publisher timed out");
        return new Abandoned(written, end, watcher);
    }

    private static void assertStoppedWithEveryMessage(final ArchivingDriver driver, final Abandoned abandoned)
    {
        await(() -> !recording(driver).isActive(), "the recording stopped");
        assertEquals(abandoned.end + ABANDONED_FRAME, recording(driver).stopPosition(), "stopped after the padding");
        final List<String> recorded = new ArrayList<>();
        BoundedReplay.replay(driver.archive(), recording(driver).recordingId(), 0, recording(driver).stopPosition(),
            "aeron:ipc", 1201, (buffer, offset, length, header) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                recorded.add(HexFormat.of().formatHex(bytes));
            },
            new BackoffIdleStrategy(), 10_000);
        assertEquals(abandoned.written, recorded, "every message written, the padding skipped");
    }

    /** Before the driver: a client that outlives its driver ends the JVM (Aeron's default error handler). */
    private void closeClients()
    {
        CloseHelper.quietCloseAll(closeAfter);
        closeAfter.clear();
    }

    private static RecordingLog.Recording recording(final ArchivingDriver driver)
    {
        final List<RecordingLog.Recording> recordings = RecordingLog.list(driver.archive(), "aeron:ipc", STREAM, 0);
        assertEquals(1, recordings.size(), "one recording: " + recordings);
        return recordings.get(0);
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("not within 10 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
