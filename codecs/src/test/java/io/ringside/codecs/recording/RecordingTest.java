package io.ringside.codecs.recording;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

final class RecordingTest
{
    private static final String AAPL_HOUR = "AAPL_2012-06-21_34200000_37800000_message_50.csv";
    /** Frames LobsterReader makes of the AAPL hour: the definition and 91,997 events (see LobsterRealDataTest). */
    private static final int AAPL_HOUR_FRAMES = 91_998;
    private static final int BODY = MessageHeaderDecoder.ENCODED_LENGTH;

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private boolean carryOn = true;
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return carryOn;
    };

    @Test
    void theAaplHourReadsBackByteForByteEnvelopesIncluded()
    {
        final List<byte[]> frames = lobsterFrames();
        assertEquals(AAPL_HOUR_FRAMES, frames.size());
        // Stamp the envelopes as a publisher would: a recording keeps them.
        for (int i = 0; i < frames.size(); i++)
        {
            final UnsafeBuffer frame = new UnsafeBuffer(frames.get(i));
            new EnvelopeEncoder().wrap(frame, BODY).sequence(i + 1).sendTime(1_000L * i)
                .intendedSendTime(1_000L * i - 7).sourceId(3);
        }

        final Path recording = dir.resolve("aapl.rec");
        long expectedLength = RecordingFormat.HEADER_LENGTH;
        // A small write buffer, so the hour crosses many flushes.
        try (RecordingWriter writer = new RecordingWriter(recording, 4096))
        {
            for (final byte[] frame : frames)
            {
                assertEquals(expectedLength, writer.append(new UnsafeBuffer(frame), 0, frame.length));
                expectedLength += (4 + frame.length + 7) / 8 * 8;
            }
            assertEquals(AAPL_HOUR_FRAMES, writer.framesWritten());
            assertEquals(expectedLength, writer.position());
        }
        assertEquals(expectedLength, recording.toFile().length());

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8 + RecordedEventReader.MAX_FRAME_LENGTH]);
        try (RecordingReader reader = new RecordingReader(recording, handler))
        {
            assertEquals(7001, reader.schemaId());
            assertEquals(2, reader.schemaVersion());
            for (int i = 0; i < frames.size(); i++)
            {
                final int length = reader.next(buffer, 8);
                final byte[] read = new byte[length];
                buffer.getBytes(8, read);
                assertArrayEquals(frames.get(i), read, "frame " + i);
            }
            assertEquals(0, reader.next(buffer, 8));
            assertEquals(AAPL_HOUR_FRAMES, reader.eventsRead());
            assertEquals(0, reader.errors());
            assertEquals(1.0, reader.progress());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void fileHeaderAndRecordLayoutAreExact() throws IOException
    {
        final Path recording = dir.resolve("layout.rec");
        final byte[] first = frame(65, 1);
        final byte[] second = frame(72, 2);
        try (RecordingWriter writer = new RecordingWriter(recording))
        {
            assertEquals(32, writer.append(new UnsafeBuffer(first), 0, first.length));
            assertEquals(32 + 72, writer.append(new UnsafeBuffer(second), 0, second.length));
        }
        final byte[] bytes = Files.readAllBytes(recording);
        final ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(32 + 72 + 80, bytes.length);
        assertEquals("RSIDEREC", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(1, file.getInt(8));
        assertEquals(7001, file.getInt(12));
        assertEquals(2, file.getInt(16));
        assertArrayEquals(new byte[12], Arrays.copyOfRange(bytes, 20, 32));
        assertEquals(65, file.getInt(32));
        assertArrayEquals(first, Arrays.copyOfRange(bytes, 36, 36 + 65));
        assertArrayEquals(new byte[3], Arrays.copyOfRange(bytes, 101, 104)); // padding to 104
        assertEquals(72, file.getInt(104));
        assertArrayEquals(second, Arrays.copyOfRange(bytes, 108, 108 + 72));
        assertArrayEquals(new byte[4], Arrays.copyOfRange(bytes, 180, 184));
        assertTrue(RecordingReader.looksLikeRecording(recording));
    }

    @Test
    void aCorruptFrameInTheMiddleIsReportedAtItsOffsetAndTheRestDelivered() throws IOException
    {
        final List<byte[]> frames = lobsterFrames().subList(0, 5);
        final Path recording = dir.resolve("corrupt.rec");
        final long[] offsets = write(recording, frames);
        assertEquals(List.of(32L, 104L, 192L, 280L, 368L), Arrays.stream(offsets).boxed().toList());

        final byte[] bytes = Files.readAllBytes(recording);
        final int schemaIdAt = (int)offsets[2] + 4 + MessageHeaderDecoder.schemaIdEncodingOffset();
        bytes[schemaIdAt] ^= (byte)0xFF;
        bytes[schemaIdAt + 1] ^= (byte)0xFF;
        Files.write(recording, bytes);

        try (RecordingReader reader = new RecordingReader(recording, handler))
        {
            assertFrames(List.of(frames.get(0), frames.get(1), frames.get(3), frames.get(4)), readAll(reader));
            assertEquals(4, reader.eventsRead());
            assertEquals(1, reader.errors());
        }
        assertEquals(List.of("bad_frame " + recording + "@192 unknown_schema: schema id is not Ringside's (7001) " +
            "(77-byte frame)"), errors);
    }

    @Test
    void theHandlerSayingFalseStopsAtTheBadFrame() throws IOException
    {
        final List<byte[]> frames = lobsterFrames().subList(0, 3);
        final Path recording = dir.resolve("stop.rec");
        final long[] offsets = write(recording, frames);
        final byte[] bytes = Files.readAllBytes(recording);
        bytes[(int)offsets[1] + 4 + MessageHeaderDecoder.templateIdEncodingOffset()] = 63; // no such template
        Files.write(recording, bytes);

        carryOn = false;
        try (RecordingReader reader = new RecordingReader(recording, handler))
        {
            assertFrames(List.of(frames.get(0)), readAll(reader));
            assertEquals(0, reader.next(new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]), 0));
        }
        assertEquals(List.of("bad_frame " + recording + "@104 unknown_template: template id unknown to this build " +
            "(77-byte frame)"), errors);
    }

    @Test
    void aTruncatedTailIsReported() throws IOException
    {
        final List<byte[]> frames = lobsterFrames().subList(0, 4);
        final Path recording = dir.resolve("whole.rec");
        final long[] offsets = write(recording, frames);
        final byte[] bytes = Files.readAllBytes(recording);

        // Cut 10 bytes into the last frame (77 bytes long).
        final Path cutInFrame = dir.resolve("cut-frame.rec");
        Files.write(cutInFrame, Arrays.copyOf(bytes, (int)offsets[3] + 4 + 10));
        try (RecordingReader reader = new RecordingReader(cutInFrame, handler))
        {
            assertFrames(frames.subList(0, 3), readAll(reader));
            assertEquals(1, reader.errors());
            assertEquals(1.0, reader.progress());
        }

        // Cut 2 bytes into the last record's length prefix.
        final Path cutInPrefix = dir.resolve("cut-prefix.rec");
        Files.write(cutInPrefix, Arrays.copyOf(bytes, (int)offsets[3] + 2));
        try (RecordingReader reader = new RecordingReader(cutInPrefix, handler))
        {
            assertFrames(frames.subList(0, 3), readAll(reader));
        }

        // The last record's padding missing: its frame is whole, so it is delivered.
        final Path noPadding = dir.resolve("no-padding.rec");
        Files.write(noPadding, Arrays.copyOf(bytes, (int)offsets[3] + 4 + 77));
        try (RecordingReader reader = new RecordingReader(noPadding, handler))
        {
            assertFrames(frames, readAll(reader));
        }

        assertEquals(List.of(
            "truncated " + cutInFrame + "@280 the file ends 10 bytes into a 77-byte frame",
            "truncated " + cutInPrefix + "@280 the file ends 2 bytes into a record's length prefix"), errors);
    }

    @Test
    void aBadLengthEndsTheReadBecauseTheNextRecordCannotBeFound() throws IOException
    {
        final List<byte[]> frames = lobsterFrames().subList(0, 3);
        final Path recording = dir.resolve("length.rec");
        final long[] offsets = write(recording, frames);
        final byte[] bytes = Files.readAllBytes(recording);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int)offsets[1], 100_000);
        Files.write(recording, bytes);
        try (RecordingReader reader = new RecordingReader(recording, handler))
        {
            assertFrames(List.of(frames.get(0)), readAll(reader));
        }
        assertEquals(List.of("bad_length " + recording + "@104 record length 100000 is not 1 to 256; the records " +
            "after it cannot be found"), errors);
    }

    @Test
    void notARecordingIsRefusedSayingWhatWasExpected() throws IOException
    {
        final Path recording = dir.resolve("good.rec");
        write(recording, lobsterFrames().subList(0, 1));
        final byte[] good = Files.readAllBytes(recording);

        final byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertRefusal(badMagic, "magic is 'XSIDEREC', expected RSIDEREC: not a Ringside recording");

        final byte[] badVersion = good.clone();
        badVersion[8] = 9;
        assertRefusal(badVersion, "format version is 9, expected 1");

        final byte[] badSchema = good.clone();
        badSchema[12] = 1;
        assertRefusal(badSchema, "SBE schema id is 6913, expected 7001");

        final Path shortFile = Files.write(dir.resolve("short.rec"), Arrays.copyOf(good, 20));
        assertEquals(shortFile + " is 20 bytes: not a recording, expected a 32-byte header starting with magic RSIDEREC",
            assertThrows(IllegalArgumentException.class, () -> new RecordingReader(shortFile, handler)).getMessage());

        final Path lobster = sharedData("lobster", AAPL_HOUR);
        assertFalse(RecordingReader.looksLikeRecording(lobster));
        assertEquals(lobster + ": magic is '34200.00', expected RSIDEREC: not a Ringside recording",
            assertThrows(IllegalArgumentException.class, () -> new RecordingReader(lobster, handler)).getMessage());
        assertFalse(RecordingReader.looksLikeRecording(Files.write(dir.resolve("a.csv"),
            "time,symbol,price,quantity\n".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(RecordingReader.looksLikeRecording(shortFile)); // the magic is all it looks at
    }

    @Test
    void theWriterRefusesFramesNoReaderCouldReturn()
    {
        try (RecordingWriter writer = new RecordingWriter(dir.resolve("w.rec")))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[300]);
            assertEquals("frame length 0 is not 1 to 256",
                assertThrows(IllegalArgumentException.class, () -> writer.append(frame, 0, 0)).getMessage());
            assertEquals("frame length 257 is not 1 to 256",
                assertThrows(IllegalArgumentException.class, () -> writer.append(frame, 0, 257)).getMessage());
            assertEquals(0, writer.framesWritten());
        }
        assertThrows(IllegalArgumentException.class, () -> new RecordingWriter(dir.resolve("x.rec"), 100));
    }

    @Test
    void lobsterThroughARecordingHasTheSameCrcAsLobsterDirectly()
    {
        final Path lobster = sharedData("lobster", AAPL_HOUR);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final byte[] bytes = new byte[RecordedEventReader.MAX_FRAME_LENGTH];

        final CRC32 direct = new CRC32();
        final Path recording = dir.resolve("aapl.rec");
        long directFrames = 0;
        try (LobsterReader reader = new LobsterReader(lobster, 1, null, null, handler);
            RecordingWriter writer = new RecordingWriter(recording))
        {
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                buffer.getBytes(0, bytes, 0, length);
                direct.update(bytes, 0, length);
                writer.append(buffer, 0, length);
                directFrames++;
            }
        }

        final CRC32 replayed = new CRC32();
        long replayedFrames = 0;
        buffer.setMemory(0, buffer.capacity(), (byte)0x77); // stale bytes would change the CRC
        try (RecordingReader reader = new RecordingReader(recording, handler))
        {
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                buffer.getBytes(0, bytes, 0, length);
                replayed.update(bytes, 0, length);
                replayedFrames++;
            }
        }
        assertEquals(AAPL_HOUR_FRAMES, directFrames);
        assertEquals(directFrames, replayedFrames);
        assertEquals(direct.getValue(), replayed.getValue());
        assertEquals(List.of(), errors);
    }

    @Test
    void readingAllocatesNothingPerFrame()
    {
        final Path recording = dir.resolve("aapl.rec");
        write(recording, lobsterFrames());
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        try (RecordingReader reader = new RecordingReader(recording, handler))
        {
            for (int i = 0; i < 10_000; i++)
            {
                assertTrue(reader.next(buffer, 0) > 0);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            int frames = 0;
            while (reader.next(buffer, 0) > 0)
            {
                frames++;
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(AAPL_HOUR_FRAMES - 10_000, frames);
            assertEquals(0, allocated, "bytes allocated reading " + frames + " frames");
        }
    }

    private void assertRefusal(final byte[] content, final String expected) throws IOException
    {
        final Path file = Files.write(dir.resolve("refused.rec"), content);
        assertEquals(file + ": " + expected,
            assertThrows(IllegalArgumentException.class, () -> new RecordingReader(file, handler)).getMessage());
    }

    private long[] write(final Path recording, final List<byte[]> frames)
    {
        final long[] offsets = new long[frames.size()];
        try (RecordingWriter writer = new RecordingWriter(recording))
        {
            for (int i = 0; i < frames.size(); i++)
            {
                offsets[i] = writer.append(new UnsafeBuffer(frames.get(i)), 0, frames.get(i).length);
            }
        }
        return offsets;
    }

    private static List<byte[]> readAll(final RecordedEventReader reader)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final List<byte[]> frames = new ArrayList<>();
        int length;
        while ((length = reader.next(buffer, 0)) > 0)
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(0, frame);
            frames.add(frame);
        }
        return frames;
    }

    private List<byte[]> lobsterFrames()
    {
        try (LobsterReader reader = new LobsterReader(sharedData("lobster", AAPL_HOUR), 1, null, null, handler))
        {
            return readAll(reader);
        }
    }

    /** A frame of {@code length} bytes of {@code fill}; the writer does not check frames. */
    private static byte[] frame(final int length, final int fill)
    {
        final byte[] frame = new byte[length];
        Arrays.fill(frame, (byte)fill);
        return frame;
    }

    /** shared/data/SUBDIR/NAME, found by walking up from the working directory. */
    private static Path sharedData(final String subdir, final String name)
    {
        final Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; null != dir; dir = dir.getParent())
        {
            final Path data = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(data))
            {
                final Path file = data.resolve(subdir).resolve(name);
                assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
                return file;
            }
        }
        fail("no shared/data directory in " + start + " or any parent: the real data samples are required");
        return null;
    }

    /** Byte-identical, frame by frame. */
    private static void assertFrames(final List<byte[]> expected, final List<byte[]> actual)
    {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }
}
