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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

/**
 * `ringside replay` serves a late consumer: the recorded log, into a stream of its own, same bytes, same order. The
 * driver records the sequenced log and not the ingress stream it is made of, so the log is what is replayed.
 */
final class LogReplayTest
{
    private static final int FIRST_RUN = 4_000;
    private static final int SECOND_RUN = 1_500;

    @TempDir
    Path dir;

    @Test
    void replayIntoASecondStreamReproducesTheRecordedEventsInOrderAcrossRecordings()
    {
        final List<byte[]> frames = DurableFixture.frames(FIRST_RUN + SECOND_RUN);
        final List<String> expected = hex(frames);
        // Two runs of the driver on one archive, so two recordings of the log, replayed one after the other.
        try (ArchivingDriver driver = DurableFixture.launchDriver(dir);
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString())))
        {
            publishAndClose(client, frames.subList(0, FIRST_RUN));
            awaitLogRecorded(driver, 1, logPosition(frames.subList(0, FIRST_RUN)));
        }
        try (ArchivingDriver driver = DurableFixture.launchDriver(dir);
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString())))
        {
            publishAndClose(client, frames.subList(FIRST_RUN, frames.size()));
            awaitLogRecorded(driver, 2, logPosition(frames.subList(FIRST_RUN, frames.size())));
            assertEquals(List.of(), RecordingLog.list(driver.archive(), "aeron:ipc", 1001, 0),
                "the ingress stream is recorded only as the log");

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

            // From the second recording, paced: the second run alone.
            final long second = RecordingLog.list(driver.archive(), "aeron:ipc", LOG_STREAM, 0).get(1).recordingId();
            assertEquals(expected.subList(FIRST_RUN, expected.size()),
                replay(client, 2003, "--to-stream=2003", "--from-recording=" + second, "--rate=20000"));

            // The ingress stream asked for by name: it has no recording here, which is said, and the exit is a failure.
            final PrintStream err = System.err;
            final ByteArrayOutputStream captured = new ByteArrayOutputStream();
            final int exit;
            try
            {
                System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
                exit = Ringside.execute("replay", "--aeron-dir=" + dir.resolve("aeron"), "--to-stream=2004",
                    "--log=ingress");
            }
            finally
            {
                System.setErr(err);
            }
            assertEquals(1, exit, captured.toString(StandardCharsets.UTF_8));
            assertTrue(captured.toString(StandardCharsets.UTF_8).contains(
                "the archive has no recording of aeron:ipc stream 1001\n"),
                captured.toString(StandardCharsets.UTF_8));
        }
    }

    /** The log's position once it holds these frames: each framed (32-byte header) and aligned to 32 bytes. */
    private static long logPosition(final List<byte[]> frames)
    {
        long position = 0;
        for (final byte[] frame : frames)
        {
            position += (frame.length + 32 + 31) & ~31;
        }
        return position;
    }

    private static final int LOG_STREAM = 1100;

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
                    fail("the sequencer never subscribed to the ingress stream");
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

    /** Until the log has {@code count} recordings and the newest holds {@code position} bytes. */
    private static void awaitLogRecorded(final ArchivingDriver driver, final int count, final long position)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            final List<RecordingLog.Recording> recordings =
                RecordingLog.list(driver.archive(), "aeron:ipc", LOG_STREAM, 0);
            if (recordings.size() == count &&
                RecordingLog.recordedPosition(driver.archive(), recordings.get(count - 1)) ==
                recordings.get(count - 1).startPosition() + position)
            {
                return;
            }
            if (System.nanoTime() > deadline)
            {
                fail("expected " + count + " recordings of the log, the newest to " + position + ": " + recordings);
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
