package io.ringside.engine.snapshot;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.snapshot.FillSimulatorStateDecoder;
import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.codecs.snapshot.SpoofingStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.TradingStateDecoder;
import io.ringside.engine.EngineContext;
import io.ringside.engine.SharedData;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.Trading;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot files across schema versions, and files that are not whole. The committed
 * {@code snapshots/snapshot-v1-aapl-5000.rss} is a version 1 snapshot (SnapshotHeader without takenAtEventTime, every
 * message header saying version 1) of the handlers after the AAPL hour's first 5,000 events; this engine (schema
 * version 2) must load it, the new field reading as its null, and restore exactly the state it holds. Regenerate it
 * (only when the version 1 layout itself is wrong, never for a newer version) with this class's {@code main}.
 */
final class SnapshotCompatibilityTest
{
    static final String GOLDEN = "snapshot-v1-aapl-5000.rss";
    private static final int EVENTS = 5_000;
    private static final int TAKEN_AT_EVENT_TIME_LENGTH = Long.BYTES; // the field version 2 added, last in the block

    @TempDir
    Path tempDir;

    @Test
    void version1SnapshotLoadsAndRestoresItsState() throws IOException
    {
        final EngineContext ctx = context();
        final Path golden = goldenFile();
        final UnsafeBuffer file = SnapshotFiles.readVerified(golden);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(file, 0);
        assertEquals(1, header.version(), "the golden file is version 1");
        final SnapshotHeaderDecoder decoder = new SnapshotHeaderDecoder().wrap(
            file, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(EVENTS, decoder.eventCount());
        assertEquals(SnapshotHeaderDecoder.takenAtEventTimeNullValue(), decoder.takenAtEventTime(),
            "a field added after version 1 reads as its null");

        final SnapshotLoader.Loaded loaded = loader(ctx).load(null, golden, Long.MAX_VALUE, Long.MAX_VALUE);
        final Handlers expected = new Handlers(ctx);
        expected.feed(0, EVENTS);
        assertArrayEquals(expected.state(), state(loaded.surveillance(), loaded.trading()),
            "the state a version 1 snapshot holds is restored whole");

        final Handlers restored = new Handlers(ctx, loaded.surveillance(), loaded.trading());
        final List<String> expectedTail = expected.feed(EVENTS, 2 * EVENTS);
        assertEquals(expectedTail, restored.feed(EVENTS, 2 * EVENTS), "and goes on as the original");
        assertArrayEquals(expected.state(), restored.state());
    }

    @Test
    void damagedFilesAreRefusedByNameAndTheOneBeforeLoaded() throws IOException
    {
        final EngineContext ctx = context();
        ctx.snapshots().directory(tempDir);
        final Path golden = Files.copy(goldenFile(), SnapshotFiles.fileFor(tempDir, EVENTS));
        final byte[] bytes = Files.readAllBytes(golden);

        final byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x40;
        final Path corrupt = SnapshotFiles.fileFor(tempDir, EVENTS + 2);
        Files.write(corrupt, flipped);
        final Path truncated = SnapshotFiles.fileFor(tempDir, EVENTS + 1);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));

        final List<String> refusals = new ArrayList<>();
        final SnapshotLoader.Loaded loaded =
            loader(ctx).loadLatest(null, Long.MAX_VALUE, Long.MAX_VALUE, refusals::add);
        assertEquals(golden, loaded.file());
        assertEquals(2, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).startsWith("snapshot-dir: refused " + corrupt + ": corrupt: CRC-32"),
            refusals.get(0));
        assertTrue(refusals.get(1).startsWith("snapshot-dir: refused " + truncated + ": truncated"),
            refusals.get(1));
        assertTrue(refusals.get(1).endsWith("; renamed to snapshot-00000000000000005001.rss.refused; "
            + "trying the one before"), refusals.get(1));
        assertEquals(List.of(golden), SnapshotFiles.list(tempDir), "the refused files are no snapshots any more");
        assertArrayEquals(flipped, Files.readAllBytes(tempDir.resolve("snapshot-00000000000000005002.rss.refused")),
            "but kept, renamed aside, as they were");
        assertTrue(Files.exists(tempDir.resolve("snapshot-00000000000000005001.rss.refused")));

        Files.write(golden, Arrays.copyOf(bytes, 10));
        refusals.clear();
        assertNull(loader(ctx).loadLatest(null, Long.MAX_VALUE, Long.MAX_VALUE, refusals::add));
        assertEquals(1, refusals.size(), "the ones refused before are not tried again: " + refusals);
        assertTrue(refusals.get(0).endsWith("replaying the log from its start"), refusals.get(0));
        assertEquals(List.of(), SnapshotFiles.list(tempDir));
    }

    @Test
    void aSnapshotOfOutputsTheEgressRecordingsDoNotHoldIsRefused() throws IOException
    {
        final IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> loader(context()).load(null, goldenFile(), 0, 0));
        assertTrue(ex.getMessage().contains("egress recordings end at 0"), ex.getMessage());
    }

    /**
     * Writes the golden file. A program, not a test, so the suite has nothing it skips: run from {@code engine/}
     * with the test classpath, e.g. {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
     * -Dexec.mainClass=io.ringside.engine.snapshot.SnapshotCompatibilityTest}.
     */
    public static void main(final String[] args) throws IOException
    {
        final EngineContext ctx = context();
        final Handlers handlers = new Handlers(ctx);
        final List<String> outputs = handlers.feed(0, EVENTS);
        final long alerts = outputs.stream().filter((o) -> o.startsWith("alert")).count();

        // A version 2 header, then made version 1: its last root field cut out, the block length and version set.
        final ExpandableArrayBuffer v2 = new ExpandableArrayBuffer(1024);
        final SnapshotHeaderEncoder encoder = new SnapshotHeaderEncoder()
            .wrapAndApplyHeader(v2, 0, new MessageHeaderEncoder())
            .eventCount(EVENTS)
            .alertSequence(alerts)
            .orderSequence(outputs.size() - alerts)
            .outputDigest(0x52696E6773696465L)
            .takenAtEventTime(0);
        encoder.positionsCount(1).next()
            .streamId(ctx.durableLogStreams().get(0).streamId())
            .recordingId(0)
            .recordingStartTimestamp(0)
            .position(EVENTS * 128L);
        encoder.sourcesCount(1).next().sourceId(1).lastSequence(EVENTS);
        final int v2Length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final int cut = MessageHeaderEncoder.ENCODED_LENGTH + SnapshotHeaderEncoder.BLOCK_LENGTH
            - TAKEN_AT_EVENT_TIME_LENGTH;
        final UnsafeBuffer file = new UnsafeBuffer(new byte[1 << 22]);
        file.putBytes(0, v2, 0, cut);
        file.putBytes(cut, v2, cut + TAKEN_AT_EVENT_TIME_LENGTH, v2Length - cut - TAKEN_AT_EVENT_TIME_LENGTH);
        new MessageHeaderEncoder().wrap(file, 0).blockLength(SnapshotHeaderEncoder.BLOCK_LENGTH
            - TAKEN_AT_EVENT_TIME_LENGTH).version(1);
        int length = v2Length - TAKEN_AT_EVENT_TIME_LENGTH;

        final byte[] state = handlers.state();
        file.putBytes(length, state);
        stampVersion1(file, length, length + state.length);
        length += state.length;
        length = SnapshotFiles.seal(file, length, new CRC32());
        final Path target = Path.of("src/test/resources/snapshots").resolve(GOLDEN);
        Files.createDirectories(target.getParent());
        Files.write(target, Arrays.copyOf(file.byteArray(), length));
        System.out.println("wrote " + target.toAbsolutePath() + ": " + length + " bytes");
    }

    // Every state message is laid out alike in versions 1 and 2: only its header's version differs.
    private static void stampVersion1(final UnsafeBuffer buffer, final int from, final int to)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final MessageHeaderEncoder stamp = new MessageHeaderEncoder();
        int offset = from;
        while (offset < to)
        {
            header.wrap(buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int blockLength = header.blockLength();
            final int version = header.version();
            final int bodyLength = switch (header.templateId())
            {
                case SurveillanceStateDecoder.TEMPLATE_ID ->
                    new SurveillanceStateDecoder().wrap(buffer, body, blockLength, version).sbeDecodedLength();
                case SpoofingStateDecoder.TEMPLATE_ID ->
                    new SpoofingStateDecoder().wrap(buffer, body, blockLength, version).sbeDecodedLength();
                case OrderBookStateDecoder.TEMPLATE_ID ->
                    new OrderBookStateDecoder().wrap(buffer, body, blockLength, version).sbeDecodedLength();
                case TradingStateDecoder.TEMPLATE_ID ->
                    new TradingStateDecoder().wrap(buffer, body, blockLength, version).sbeDecodedLength();
                case FillSimulatorStateDecoder.TEMPLATE_ID ->
                    new FillSimulatorStateDecoder().wrap(buffer, body, blockLength, version).sbeDecodedLength();
                default -> throw new IllegalStateException("template " + header.templateId() + " at " + offset);
            };
            stamp.wrap(buffer, offset).version(1);
            offset = body + bodyLength;
        }
        assertEquals(to, offset);
    }

    private static Path goldenFile()
    {
        final Path path = Path.of("src/test/resources/snapshots").resolve(GOLDEN);
        assertTrue(Files.isRegularFile(path), "golden snapshot " + path.toAbsolutePath());
        return path;
    }

    private static SnapshotLoader loader(final EngineContext ctx)
    {
        return new SnapshotLoader(ctx.snapshots().directory(), ctx.durableLogStreams(), ctx.maxInstruments(),
            ctx.surveillanceConfig(), ctx.tradingConfig());
    }

    private static EngineContext context()
    {
        final EngineContext ctx = new EngineContext().embeddedDriver(false);
        ctx.durableLog().durable(true);
        return ctx.conclude();
    }

    static byte[] state(final Surveillance surveillance, final Trading trading)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
        final int surveillanceLength = surveillance.encodeState(buffer, 0);
        final int length = surveillanceLength + trading.encodeState(buffer, surveillanceLength);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    /** Surveillance and Trading of the engine's configuration, fed the AAPL hour's frames directly. */
    private static final class Handlers
    {
        private static List<byte[]> frames;
        private final Surveillance surveillance;
        private final Trading trading;

        Handlers(final EngineContext ctx)
        {
            this(ctx, new Surveillance(ctx.surveillanceConfig(), ctx.initialOrderCapacity()),
                new Trading(ctx.tradingConfig()));
        }

        Handlers(final EngineContext ctx, final Surveillance surveillance, final Trading trading)
        {
            this.surveillance = surveillance;
            this.trading = trading;
        }

        List<String> feed(final int from, final int to)
        {
            final List<String> outputs = new ArrayList<>();
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (final byte[] frame : frames().subList(from, to))
            {
                buffer.wrap(frame);
                assertEquals(FrameCheck.OK, surveillance.onFrame(buffer, 0, frame.length,
                    (rule, severity, account, counterparty, instrument, observed, limit, reference) ->
                        outputs.add("alert " + rule + " " + severity + " " + observed + " " + limit)));
                assertEquals(FrameCheck.OK, trading.onFrame(buffer, 0, frame.length,
                    (strategy, instrument, action, side, price, quantity, id, original) ->
                        outputs.add("order " + strategy + " " + action + " " + side + " " + quantity + "@" + price
                            + " " + id + " " + original)));
            }
            return outputs;
        }

        byte[] state()
        {
            return SnapshotCompatibilityTest.state(surveillance, trading);
        }

        private static synchronized List<byte[]> frames()
        {
            if (null == frames)
            {
                frames = new ArrayList<>();
                final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
                try (LobsterReader reader = new LobsterReader(
                    SharedData.lobster("AAPL_2012-06-21_34200000_37800000_message_50.csv"), 1, null, null,
                    (kind, where, problem) -> false))
                {
                    int length;
                    while (frames.size() < 2 * EVENTS && (length = reader.next(scratch, 0)) > 0)
                    {
                        frames.add(Arrays.copyOf(scratch.byteArray(), length));
                    }
                }
            }
            return frames;
        }
    }
}
