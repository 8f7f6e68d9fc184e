package io.ringside.codecs.lobster;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class LobsterReaderTest
{
    /** 2012-06-21 00:00 America/New_York (EDT, UTC-4) = 2012-06-21T04:00Z, in ns since the epoch. */
    private static final long MIDNIGHT = 1_340_251_200_000_000_000L;
    private static final String AAPL = "AAPL_2012-06-21_34200000_57600000_message_10.csv";
    private static final String AMZN = "AMZN_2012-06-21_34200000_57600000_message_1.csv";
    private static final String NO_ATTRIBUTION = " attribution=[0, 0, 0, 0]";
    private static final String DEFINITION_AAPL =
        "len=65 block=57 v2 schema=7001 InstrumentDefinition t=1340251200000000000 instrument=42 tick=100 scale=4 " +
        "symbol=AAPL";

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
    private boolean carryOn = true;
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location);
        return carryOn;
    };

    @Test
    void everyLobsterTypeBecomesItsEvent() throws IOException
    {
        final Path file = write(AAPL,
            "34200.004241176,1,16113575,18,5853300,1\n" +
            "34200.00426064,1,16113584,18,5853200,-1\n" +
            "34200.1,2,16113575,5,5853300,1\n" +
            "34200.2,3,16113584,18,5853200,-1\n" +
            "34200.3,4,16113575,10,5853300,1\n" +
            "34200.4,5,0,7,5853250,-1\n" +
            "34200.45,5,0,3,5853350,1\n" +
            "34200.5,4,16113575,3,5853300,1\n" +
            "34200.6,6,0,1000,5853100,-1\n" +
            "34200.7,7,0,0,-1,-1\n" +
            "34200.8,7,0,0,0,-1\n" +
            "34200.9,7,0,0,1,-1"); // no newline after the last line

        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            assertEquals("AAPL", reader.symbol());
            final List<byte[]> frames = Frames.readAll(reader, buffer);

            assertEquals(List.of(
                DEFINITION_AAPL,
                "len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_004_241_176L) +
                    " instrument=42 order=16113575 side=BUY price=5853300 qty=18" + NO_ATTRIBUTION,
                "len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_004_260_640L) +
                    " instrument=42 order=16113584 side=SELL price=5853200 qty=18" + NO_ATTRIBUTION,
                "len=73 block=65 v2 schema=7001 OrderCancelled t=" + at(34_200_100_000_000L) +
                    " instrument=42 order=16113575 qty=5 price=5853300 side=BUY",
                "len=73 block=65 v2 schema=7001 OrderDeleted t=" + at(34_200_200_000_000L) +
                    " instrument=42 order=16113584 price=5853200 qty=18 side=SELL",
                "len=81 block=73 v2 schema=7001 OrderExecuted t=" + at(34_200_300_000_000L) +
                    " instrument=42 order=16113575 qty=10 match=1 price=5853300 side=BUY",
                "len=74 block=66 v2 schema=7001 TradePrint t=" + at(34_200_400_000_000L) +
                    " instrument=42 price=5853250 qty=7 match=2 kind=HIDDEN aggressor=BUY",
                "len=74 block=66 v2 schema=7001 TradePrint t=" + at(34_200_450_000_000L) +
                    " instrument=42 price=5853350 qty=3 match=3 kind=HIDDEN aggressor=SELL",
                "len=81 block=73 v2 schema=7001 OrderExecuted t=" + at(34_200_500_000_000L) +
                    " instrument=42 order=16113575 qty=3 match=4 price=5853300 side=BUY",
                "len=74 block=66 v2 schema=7001 TradePrint t=" + at(34_200_600_000_000L) +
                    " instrument=42 price=5853100 qty=1000 match=5 kind=CROSS aggressor=NULL_VAL",
                "len=49 block=41 v2 schema=7001 TradingStatus t=" + at(34_200_700_000_000L) +
                    " instrument=42 state=HALTED",
                "len=49 block=41 v2 schema=7001 TradingStatus t=" + at(34_200_800_000_000L) +
                    " instrument=42 state=QUOTING",
                "len=49 block=41 v2 schema=7001 TradingStatus t=" + at(34_200_900_000_000L) +
                    " instrument=42 state=TRADING"),
                Frames.describeAll(frames));

            for (final byte[] frame : frames)
            {
                assertEquals(FrameCheck.OK, FrameCheck.checkInbound(new UnsafeBuffer(frame), 0, frame.length));
            }
            assertEquals(13, reader.eventsRead());
            assertEquals(0, reader.errors());
            assertEquals(List.of(), errors);
            assertEquals(0, reader.next(buffer, 0));
        }
    }

    @Test
    void firstAddOrderMatchesTheBriefsExample() throws IOException
    {
        final Path file = write(AAPL, "34200.004241176,1,16113575,18,5853300,1\n");
        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            final List<byte[]> frames = Frames.readAll(reader, buffer);
            assertEquals(2, frames.size());
            assertEquals(1_340_251_200_000_000_000L, Frames.eventTime(frames.get(0)));
            // 34200.004241176 s after midnight = 34,200,004,241,176 ns.
            assertEquals(1_340_285_400_004_241_176L, Frames.eventTime(frames.get(1)));
        }
    }

    @Test
    void everyByteTheReaderOwnsIsWrittenWhateverTheBufferHeld() throws IOException
    {
        final Path file = write(AAPL,
            "34200.1,4,16113575,10,5853300,1\n" +
            "34200.2,1,16113584,18,5853200,-1\n" +
            "34200.3,5,0,7,5853250,-1\n" +
            "34200.4,2,16113584,5,5853200,-1\n" +
            "34200.5,3,16113584,13,5853200,-1\n" +
            "34200.6,7,0,0,1,-1\n");

        final List<byte[]> clean;
        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            clean = Frames.readAll(reader, new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]));
        }

        final List<byte[]> dirty = new ArrayList<>();
        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            final byte[] garbage = new byte[RecordedEventReader.MAX_FRAME_LENGTH];
            Arrays.fill(garbage, (byte)0xFF);
            final UnsafeBuffer dirtyBuffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            while (true)
            {
                dirtyBuffer.putBytes(0, garbage);
                final int length = reader.next(dirtyBuffer, 0);
                if (0 == length)
                {
                    break;
                }
                final byte[] frame = new byte[length];
                dirtyBuffer.getBytes(0, frame);
                dirty.add(frame);
            }
        }

        assertEquals(7, clean.size());
        assertEquals(7, dirty.size());
        for (int i = 0; i < clean.size(); i++)
        {
            final byte[] expected = clean.get(i);
            final byte[] actual = dirty.get(i);
            // The envelope's sequence (8..15), send times (24..39) and source id (40..43) are the publisher's to stamp.
            for (final int[] publisherOwned : new int[][] { { 8, 16 }, { 24, 44 } })
            {
                Arrays.fill(expected, publisherOwned[0], publisherOwned[1], (byte)0);
                Arrays.fill(actual, publisherOwned[0], publisherOwned[1], (byte)0);
            }
            assertArrayEquals(expected, actual, "frame " + i + ": " + Frames.describe(clean.get(i)));
        }
        assertEquals("len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_200_000_000L) +
            " instrument=42 order=16113584 side=SELL price=5853200 qty=18" + NO_ATTRIBUTION,
            Frames.describe(dirty.get(2)));
    }

    @Test
    void headerRowIsSkippedAndCountedAsLineOne() throws IOException
    {
        final Path file = write(AMZN,
            "Time,Type,OrderId,Size,Price,Direction\n" +
            "34200.01746,5,0,1,2238200,-1\n" +
            "34200.18961,1,11885113,21,2238100,1\n" +
            "34200.2,1,11885114,x,2238000,1\n" +
            "34200.3,3,11885113,21,2238100,1\n");

        try (LobsterReader reader = new LobsterReader(file, 3, null, null, handler))
        {
            assertEquals("AMZN", reader.symbol());
            assertEquals(List.of(
                "len=65 block=57 v2 schema=7001 InstrumentDefinition t=1340251200000000000 instrument=3 tick=100 " +
                    "scale=4 symbol=AMZN",
                "len=74 block=66 v2 schema=7001 TradePrint t=" + at(34_200_017_460_000L) +
                    " instrument=3 price=2238200 qty=1 match=1 kind=HIDDEN aggressor=BUY",
                "len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_189_610_000L) +
                    " instrument=3 order=11885113 side=BUY price=2238100 qty=21" + NO_ATTRIBUTION,
                "len=73 block=65 v2 schema=7001 OrderDeleted t=" + at(34_200_300_000_000L) +
                    " instrument=3 order=11885113 price=2238100 qty=21 side=BUY"),
                Frames.describeAll(Frames.readAll(reader, buffer)));
            assertEquals(List.of("malformed_line " + file + ":4"), errors);
            assertEquals(4, reader.eventsRead());
            assertEquals(1, reader.errors());
        }
    }

    @Test
    void crlfLineEndsAndSeventhColumnAreAccepted() throws IOException
    {
        final Path file = write(AAPL,
            "34200.01746,1,16113575,18,5853300,1,0\r\n" +
            "34200.5,3,16113575,18,5853300,1,extra\r\n" +
            "34200.6,1,16113576,20,5853400,-1\r\n");

        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            assertEquals(List.of(
                DEFINITION_AAPL,
                "len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_017_460_000L) +
                    " instrument=42 order=16113575 side=BUY price=5853300 qty=18" + NO_ATTRIBUTION,
                "len=73 block=65 v2 schema=7001 OrderDeleted t=" + at(34_200_500_000_000L) +
                    " instrument=42 order=16113575 price=5853300 qty=18 side=BUY",
                "len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_600_000_000L) +
                    " instrument=42 order=16113576 side=SELL price=5853400 qty=20" + NO_ATTRIBUTION),
                Frames.describeAll(Frames.readAll(reader, buffer)));
            assertEquals(List.of(), errors);
            assertEquals(4, reader.eventsRead());
            assertEquals(0, reader.errors());
        }
    }

    @Test
    void timesWithFewerDecimalsAreScaledToNanoseconds() throws IOException
    {
        final Path file = write(AAPL,
            "34200.01746,1,1,1,5853300,1\n" +
            "34200.1,1,2,1,5853300,1\n" +
            "34201,1,3,1,5853300,1\n" +
            "34201.000000001,1,4,1,5853300,1\n");

        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            final List<byte[]> frames = Frames.readAll(reader, buffer);
            assertEquals(5, frames.size());
            assertEquals(at(34_200_017_460_000L), Frames.eventTime(frames.get(1)));
            assertEquals(at(34_200_100_000_000L), Frames.eventTime(frames.get(2)));
            assertEquals(at(34_201_000_000_000L), Frames.eventTime(frames.get(3)));
            assertEquals(at(34_201_000_000_001L), Frames.eventTime(frames.get(4)));
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void digitsPastTheNanosecondAreDropped() throws IOException
    {
        // As in AAPL_2012-06-21_34200000_37800000_message_50.csv line 39483: float noise after the 9th decimal.
        final Path file = write(AAPL,
            "35821.088778456004,3,44276101,100,5851500,1\n" +
            "35821.0887784569,1,2,1,5853300,1\n" +
            "35821.9999999999999,1,3,1,5853300,1\n" +
            "35822.000000000999,1,4,1,5853300,1\n");

        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            final List<byte[]> frames = Frames.readAll(reader, buffer);
            assertEquals(List.of(), errors);
            assertEquals(5, frames.size());
            assertEquals(at(35_821_088_778_456L), Frames.eventTime(frames.get(1)));
            assertEquals(at(35_821_088_778_456L), Frames.eventTime(frames.get(2)));
            assertEquals(at(35_821_999_999_999L), Frames.eventTime(frames.get(3)));
            assertEquals(at(35_822_000_000_000L), Frames.eventTime(frames.get(4)));
        }
    }

    static Stream<Arguments> badLines()
    {
        return Stream.of(
            Arguments.of("34200.2,1,2,abc,5853300,1", "malformed_line"),
            Arguments.of("34200.2,abc,2,10,5853300,1", "malformed_line"),
            Arguments.of("abc,1,2,10,5853300,1", "malformed_line"),
            Arguments.of("34200.2,1,2,10", "malformed_line"),
            Arguments.of("34200.2,1,2,10,5853300", "malformed_line"),
            Arguments.of("34200.2,9,2,10,5853300,1", "unknown_type"),
            Arguments.of("34200.2,0,2,10,5853300,1", "unknown_type"),
            Arguments.of("34200.2,4294967297,2,10,5853300,1", "unknown_type"), // 2^32 + 1: not type 1
            Arguments.of("34200.2,1,2,10,5853300,0", "malformed_line"),
            Arguments.of("34200.05,1,2,10,5853300,1", "time_backwards"),
            Arguments.of("34200.2,1,2,-10,5853300,1", "bad_quantity"),
            Arguments.of("34200.2,4,2,0,5853300,1", "bad_quantity"),
            Arguments.of("34200.2,7,0,-1,-1,-1", "bad_quantity"),
            Arguments.of("34200.2,7,0,0,2,-1", "malformed_line"),
            Arguments.of("34200.2,1,2,10,0,1", "bad_price"),
            Arguments.of("34200.2,4,2,10,-5853300,1", "bad_price"),
            Arguments.of("34200.2,6,0,10,0,1", "bad_price"),
            Arguments.of("34200.2,1,-2,10,5853300,1", "malformed_line"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void badLineIsReportedWithKindAndLocationAndReadingGoesOn(final String badLine, final String kind)
        throws IOException
    {
        final Path file = write(AAPL,
            "34200.1,1,1,10,5853300,1\n" +
            badLine + "\n" +
            "34200.3,1,3,11,5853400,-1\n");

        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            assertEquals(List.of(
                DEFINITION_AAPL,
                "len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_100_000_000L) +
                    " instrument=42 order=1 side=BUY price=5853300 qty=10" + NO_ATTRIBUTION,
                "len=77 block=69 v2 schema=7001 AddOrder t=" + at(34_200_300_000_000L) +
                    " instrument=42 order=3 side=SELL price=5853400 qty=11" + NO_ATTRIBUTION),
                Frames.describeAll(Frames.readAll(reader, buffer)));
            assertEquals(List.of(kind + " " + file + ":2"), errors);
            assertEquals(3, reader.eventsRead());
            assertEquals(1, reader.errors());
            assertEquals(1.0, reader.progress());
        }
    }

    @Test
    void handlerReturningFalseStopsReading() throws IOException
    {
        final Path file = write(AAPL,
            "34200.1,1,1,10,5853300,1\n" +
            "34200.2,1,2,abc,5853300,1\n" +
            "34200.3,1,3,11,5853400,-1\n" +
            "34200.4,9,4,11,5853400,-1\n");
        carryOn = false;

        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            assertEquals(65, reader.next(buffer, 0));
            assertEquals(77, reader.next(buffer, 0));
            assertEquals(0, reader.next(buffer, 0));
            assertEquals(0, reader.next(buffer, 0));
            assertEquals(List.of("malformed_line " + file + ":2"), errors);
            assertEquals(2, reader.eventsRead());
            assertEquals(1, reader.errors());
            assertTrue(reader.progress() < 1.0, "stopped at line 2 of 4: " + reader.progress());
        }
    }

    @Test
    void progressRisesToOneAtTheEnd() throws IOException
    {
        final String line1 = "34200.1,1,1,10,5853300,1\n";
        final String line2 = "34200.2,1,2,10,5853300,1\n";
        final Path file = write(AAPL, line1 + line2);
        final double total = line1.length() + line2.length();

        try (LobsterReader reader = new LobsterReader(file, 42, null, null, handler))
        {
            assertEquals(0.0, reader.progress());
            assertEquals(65, reader.next(buffer, 0));
            assertEquals(0.0, reader.progress());
            assertEquals(77, reader.next(buffer, 0));
            assertEquals(line1.length() / total, reader.progress());
            assertEquals(77, reader.next(buffer, 0));
            assertEquals(1.0, reader.progress());
            assertEquals(0, reader.next(buffer, 0));
            assertEquals(1.0, reader.progress());
            assertEquals(3, reader.eventsRead());
        }
    }

    @Test
    void symbolAndDateMayBeGivenForAnyFileName() throws IOException
    {
        final Path file = write("feed.csv", "60,1,1,10,5853300,1\n");

        try (LobsterReader reader = new LobsterReader(file, 9, "MSFT", java.time.LocalDate.of(2012, 1, 3), handler))
        {
            final List<byte[]> frames = Frames.readAll(reader, buffer);
            // 2012-01-03 00:00 EST (UTC-5) = 2012-01-03T05:00Z = 1325566800 s.
            assertEquals(
                "len=65 block=57 v2 schema=7001 InstrumentDefinition t=1325566800000000000 instrument=9 tick=100 " +
                "scale=4 symbol=MSFT", Frames.describe(frames.get(0)));
            assertEquals(1_325_566_800_000_000_000L + 60_000_000_000L, Frames.eventTime(frames.get(1)));
        }
    }

    private static long at(final long nanosAfterMidnight)
    {
        return MIDNIGHT + nanosAfterMidnight;
    }

    private Path write(final String name, final String content) throws IOException
    {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.US_ASCII));
    }
}
