package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.ringside.cli.Ringside;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.RecordingLog;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** `ringside replay` serves a late consumer: the recorded ingress, into a stream of its own, same bytes, same order. */
final class LogReplayTest
{
    private static final int FIRST_SESSION = 4_000;
    private static final int SECOND_SESSION = 1_500;

    @TempDir
    Path dir;

    @Test
    void replayIntoASecondStreamReproducesTheRecordedEventsInOrderAcrossRecordings()
    {
        final List<byte[]> frames = DurableFixture.frames(FIRST_SESSION + SECOND_SESSION);
        final List<String> expected = hex(frames);
        try (ArchivingDriver driver = DurableFixture.launchDriver(dir);
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString())))
        {
            // Two feed sessions, so two recordings of the ingress stream, replayed one after the other.
            publishAndClose(client, frames.subList(0, FIRST_SESSION));
            publishAndClose(client, frames.subList(FIRST_SESSION, frames.size()));
            awaitRecordingsStopped(driver, 2);

            assertEquals(expected, replay(client, 2001, "--to-stream=2001"));

            // From an event time: exactly the events at or after it, still in recorded order.
            final int k = 2_500;
            final long fromTime = eventTime(frames.get(k));
            final List<String> fromThen = new ArrayList<>();
            for (final byte[] frame : frames)
            {
                if (eventTime(frame) >= fromTime)
                {
                    fromThen.add(HexFormat.of().formatHex(frame));
                }
            }
            assertTrue(fromThen.size() < frames.size() - 1_000, "the time cuts off a part: " + fromThen.size());
            assertEquals(fromThen, replay(client, 2002, "--to-stream=2002", "--from-time=" + fromTime));

            // From the second recording, paced: the second session alone.
            final long second = RecordingLog.list(driver.archive(), "aeron:ipc", 1001, 0).get(1).recordingId();
            assertEquals(expected.subList(FIRST_SESSION, expected.size()),
                replay(client, 2003, "--to-stream=2003", "--from-recording=" + second, "--rate=20000"));
        }
    }

    private List<String> replay(final Aeron client, final int streamId, final String... options)
    {
        final List<String> received = new ArrayList<>();
        try (Subscription subscription = client.addSubscription("aeron:ipc", streamId))
        {
            final String[] args = new String[options.length + 2];
            args[0] = "replay";
            args[1] = "--aeron-dir=" + dir.resolve("aeron");
            System.arraycopy(options, 0, args, 2, options.length);
            final AtomicInteger exit = new AtomicInteger(-1);
            final Thread replay = new Thread(() -> exit.set(Ringside.execute(args)), "replay-command");
            replay.start();
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                received.add(HexFormat.of().formatHex(bytes));
            });
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (replay.isAlive() || subscription.poll(assembler, 100) > 0)
            {
                if (0 == subscription.poll(assembler, 100))
                {
                    LockSupport.parkNanos(100_000);
                }
                if (System.nanoTime() > deadline)
                {
                    fail("replay did not finish; received " + received.size());
                }
            }
            assertEquals(0, exit.get(), "replay exit code");
        }
        return received;
    }

    private static void publishAndClose(final Aeron client, final List<byte[]> frames)
    {
        try (ExclusivePublication publication = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!publication.isConnected())
            {
                if (System.nanoTime() > deadline)
                {
                    fail("the archive never subscribed to the ingress stream");
                }
                LockSupport.parkNanos(100_000);
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (final byte[] frame : frames)
            {
                buffer.wrap(frame);
                while (publication.offer(buffer, 0, frame.length) < 0)
                {
                    LockSupport.parkNanos(50_000);
                }
            }
        }
    }

    private static void awaitRecordingsStopped(final ArchivingDriver driver, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            final List<RecordingLog.Recording> recordings = RecordingLog.list(driver.archive(), "aeron:ipc", 1001, 0);
            if (recordings.size() == count && recordings.stream().noneMatch(RecordingLog.Recording::isActive))
            {
                return;
            }
            if (System.nanoTime() > deadline)
            {
                fail("expected " + count + " stopped recordings: " + recordings);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static long eventTime(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getLong(
            MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeEncoder.eventTimeEncodingOffset(), EnvelopeEncoder.BYTE_ORDER);
    }

    private static List<String> hex(final List<byte[]> frames)
    {
        final List<String> hex = new ArrayList<>();
        frames.forEach((frame) -> hex.add(HexFormat.of().formatHex(frame)));
        return hex;
    }
}
