package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.engine.EngineContext;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.BoundedReplay;
import io.ringside.transport.RecordingLog;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared by the durable-log tests: an archiving driver in the test, real frames, the recorded outputs read back. */
final class DurableFixture
{
    static final Path BUNDLED = Path.of("data/AAPL_2012-06-21_34200000_37800000_message_50.csv");
    static final int REPLAY_STREAM = 1201;

    private DurableFixture()
    {
    }

    /** A durable engine on the driver {@link #launchDriver} started in {@code root}; reports in root/report. */
    static EngineContext engineContext(final Path root)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(root.resolve("aeron").toString())
            .embeddedDriver(false)
            .ringSize(4096)
            .initialOrderCapacity(1024)
            .reportDirectory(root.resolve("report"));
        ctx.durableLog().durable(true);
        return ctx;
    }

    /** A client of the driver {@link #launchDriver} started in {@code root}. */
    static Aeron connect(final Path root)
    {
        return Aeron.connect(new Aeron.Context().aeronDirectoryName(root.resolve("aeron").toString()));
    }

    static ArchivingDriver launchDriver(final Path dir)
    {
        final EngineContext engineCtx = new EngineContext().aeronDirectoryName(dir.resolve("aeron").toString())
            .embeddedDriver(false).conclude();
        final ArchivingDriver.Context ctx = new ArchivingDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .archiveDirectoryName(dir.resolve("archive").toString())
            .termBufferLength(1024 * 1024)
            .segmentFileLength(4 * 1024 * 1024)
            .lowStorageSpaceThreshold(0)
            .clientLivenessTimeoutMs(1_500);
        // As `ringside driver` does: market data and client activity merged into the one log a durable engine reads.
        return ArchivingDriver.launch(engineCtx.recordStreams(ctx, true));
    }

    /**
     * The first {@code count} events of the bundled AAPL hour as ingress frames, stamped deterministically (source 1,
     * sequence from 1, send times = event time) so two runs publish the same bytes.
     */
    static List<byte[]> frames(final int count)
    {
        if (!Files.isRegularFile(BUNDLED))
        {
            fail("bundled data not found at " + BUNDLED.toAbsolutePath());
        }
        final List<byte[]> frames = new ArrayList<>(count);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final EnvelopeEncoder envelope = new EnvelopeEncoder();
        try (LobsterReader reader = new LobsterReader(BUNDLED, 1, null, null, (kind, where, problem) -> false))
        {
            int length;
            while (frames.size() < count && (length = reader.next(buffer, 0)) > 0)
            {
                envelope.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH);
                final long eventTime = buffer.getLong(MessageHeaderDecoder.ENCODED_LENGTH
                    + EnvelopeEncoder.eventTimeEncodingOffset(), EnvelopeEncoder.BYTE_ORDER);
                envelope.sourceId(1).sequence(frames.size() + 1).sendTime(eventTime).intendedSendTime(eventTime);
                final byte[] frame = new byte[length];
                buffer.getBytes(0, frame);
                frames.add(frame);
            }
        }
        assertEquals(count, frames.size(), "events in the bundled data");
        return frames;
    }

    /** Every message of every recording of the stream, in recording order, as hex; waits for them all to stop. */
    static List<String> recordedMessages(final AeronArchive archive, final String channel, final int streamId)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<RecordingLog.Recording> recordings;
        while (true)
        {
            recordings = RecordingLog.list(archive, channel, streamId, 0);
            if (recordings.stream().noneMatch(RecordingLog.Recording::isActive))
            {
                break;
            }
            if (System.nanoTime() > deadline)
            {
                fail("recordings of stream " + streamId + " still active: " + recordings);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        final List<String> messages = new ArrayList<>();
        final HexFormat hex = HexFormat.of();
        for (final RecordingLog.Recording recording : recordings)
        {
            BoundedReplay.replay(archive, recording.recordingId(), recording.startPosition(), recording.stopPosition(),
                "aeron:ipc", REPLAY_STREAM,
                (buffer, offset, length, header) ->
                {
                    final byte[] bytes = new byte[length];
                    buffer.getBytes(offset, bytes);
                    messages.add(hex.formatHex(bytes));
                },
                new BackoffIdleStrategy(), 10_000);
        }
        return messages;
    }

    /** The outputSequence of a recorded output, from its hex. */
    static long outputSequence(final String hexMessage)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(HexFormat.of().parseHex(hexMessage));
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return switch (header.templateId())
        {
            case FraudAlertDecoder.TEMPLATE_ID -> new FraudAlertDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                header.blockLength(), header.version()).outputSequence();
            case StrategyOrderDecoder.TEMPLATE_ID -> new StrategyOrderDecoder().wrap(buffer,
                MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).outputSequence();
            default -> -1;
        };
    }

    static void assertNumberedFromOne(final String what, final List<String> messages)
    {
        for (int i = 0; i < messages.size(); i++)
        {
            if (outputSequence(messages.get(i)) != i + 1)
            {
                fail(what + ": message " + i + " has outputSequence " + outputSequence(messages.get(i))
                    + ", expected " + (i + 1) + " (a repeat or a loss)");
            }
        }
    }
}
