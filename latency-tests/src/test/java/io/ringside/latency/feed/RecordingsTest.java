package io.ringside.latency.feed;

import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Any format -> recording -> feed gives the same event stream, frame for frame, as the format read directly. */
final class RecordingsTest
{
    @TempDir
    Path tempDir;

    @Test
    void itchThroughARecordingIsTheSameStream()
    {
        assertSameStream(FeedEngineTest.sharedData().resolve("itch").resolve("AAPL_2012-06-21.itch50.gz"), 92_079);
    }

    @Test
    void lobsterThroughARecordingIsTheSameStream()
    {
        assertSameStream(FeedEngineTest.sharedData().resolve("lobster")
            .resolve("AAPL_2012-06-21_34200000_37800000_message_50.csv"), 91_998);
    }

    @Test
    void csvThroughARecordingIsTheSameStream() throws Exception
    {
        final Path csv = tempDir.resolve("trades.csv");
        Files.write(csv, List.of(
            "time,symbol,type,price,quantity,side,bid_price,bid_quantity,ask_price,ask_quantity",
            "2024-03-01T14:30:00.000000001Z,BTCUSD,trade,61000.5,2,buy,,,,",
            "2024-03-01T14:30:00.000000002Z,ETHUSD,quote,,,,3400.25,10,3400.75,12",
            "2024-03-01T14:30:00.000000003Z,BTCUSD,trade,61001.0,1,sell,,,,"));
        assertSameStream(csv, 5); // two definitions, three events
    }

    @Test
    void severalFilesMergeIntoOneRecordingThatCannotLoop() throws Exception
    {
        final Path lobster = FeedEngineTest.sharedData().resolve("lobster")
            .resolve("AAPL_2012-06-21_34200000_57600000_message_10.csv");
        final Path itch = FeedEngineTest.sharedData().resolve("itch").resolve("AAPL_2012-06-21.itch50.gz");
        final Path recording = tempDir.resolve("merged.rsrec");
        final FeedContext both = new FeedContext().files(List.of(lobster, itch)).instrumentId(100);
        final long written = Recordings.convert(both, recording, System.err);
        assertEquals(1_000 + 92_079, written);
        assertArrayEquals(digest(new FeedContext().files(List.of(lobster, itch)).instrumentId(100)),
            digest(new FeedContext().file(recording)));

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Feed.merge(new FeedContext().file(recording).loops(2).conclude(), (kind, where, problem) -> true));
        assertTrue(ex.getMessage().startsWith("--loop: a recording keeps the sequence numbers"), ex.getMessage());
    }

    private void assertSameStream(final Path source, final long expectedFrames)
    {
        final Path recording = tempDir.resolve(source.getFileName() + ".rsrec");
        final long written = Recordings.convert(new FeedContext().file(source), recording, System.err);
        assertEquals(expectedFrames, written);

        final long[] direct = digest(new FeedContext().file(source));
        final long[] replayed = digest(new FeedContext().file(recording));
        assertEquals(expectedFrames, direct[0]);
        assertEquals(direct[0], replayed[0], "frames");
        assertEquals(direct[1], replayed[1], "CRC32 of every frame, envelopes included");
    }

    /** {frames, CRC32 over every frame's bytes} as the feed would send them (before its send-time stamps). */
    private static long[] digest(final FeedContext ctx)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final CRC32 crc = new CRC32();
        long frames = 0;
        try (ReplayMerge merge = Feed.merge(ctx.conclude(), (kind, where, problem) ->
        {
            throw new AssertionError(kind + " at " + where + ": " + problem);
        }))
        {
            int length;
            while ((length = merge.next(frame, 0)) > 0)
            {
                crc.update(frame.byteArray(), 0, length);
                frames++;
            }
        }
        return new long[]{ frames, crc.getValue() };
    }
}
