package io.ringside.codecs.lobster;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One corrupt time in a LOBSTER file costs its line, and a real gap costs nothing. */
final class LobsterTimeSkewTest
{
    private static final String AAPL_50 = "AAPL_2012-06-21_34200000_37800000_message_50.csv";

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return true;
    };

    @Test
    void realDataWithOneTimeCorruptedLosesThatLineOnly() throws IOException
    {
        final List<String> lines = Files.readAllLines(
            Path.of("..", "..", "shared", "data", "lobster", AAPL_50), StandardCharsets.US_ASCII);
        assertEquals(91_997, lines.size());
        // Line 50,000 stamped 67 hours later: without the rule, the 41,997 good lines after it would all go back.
        final String line = lines.get(49_999);
        final String time = line.substring(0, line.indexOf(','));
        final String seconds = time.substring(0, time.indexOf('.'));
        final String corrupt = (Long.parseLong(seconds) + 67 * 3600) + time.substring(time.indexOf('.'));
        lines.set(49_999, corrupt + line.substring(line.indexOf(',')));
        final Path file = dir.resolve(AAPL_50);
        Files.write(file, lines, StandardCharsets.US_ASCII);

        try (LobsterReader reader = new LobsterReader(file, 1, null, null, handler))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            long frames = 0;
            while (reader.next(buffer, 0) > 0)
            {
                frames++;
            }
            assertEquals(1 + 91_996, frames, "the definition and every line but the corrupt one");
            assertEquals(91_997, reader.eventsRead());
            assertEquals(1, reader.errors());
        }
        final String next = lines.get(50_000).substring(0, lines.get(50_000).indexOf(','));
        assertEquals(List.of("time_skew " + file + ":50000 time " + nanos(corrupt) + " ns after midnight is more " +
            "than 1000000000 ns after the previous line's, and the next line's " + nanos(next) + " is back before it"),
            errors);
    }

    @Test
    void aRealGapIsTakenAndAJumpOnTheLastLineToo() throws IOException
    {
        final Path file = dir.resolve(AAPL_50);
        Files.writeString(file,
            "34200.1,1,1,10,5853300,1\n" +
            "36000.1,1,2,10,5853300,1\n" +    // half an hour quiet
            "\n" +
            "x,1,9,10,5853300,1\n" +          // a time that does not read is passed over in the look ahead
            "36000.2,1,3,10,5853300,1\n" +
            "50000.2,1,4,10,5853300,1\n");    // the last line: nothing refutes it
        try (LobsterReader reader = new LobsterReader(file, 1, null, null, handler, 0))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            while (reader.next(buffer, 0) > 0)
            {
                // read all
            }
            assertEquals(5, reader.eventsRead());
        }
        assertEquals(List.of("malformed_line " + file + ":4 time column is not a number"), errors);
    }

    /** LOBSTER seconds with up to 9 decimals as ns. */
    private static long nanos(final String time)
    {
        final int dot = time.indexOf('.');
        final String decimals = (time.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(time.substring(0, dot)) * 1_000_000_000L + Long.parseLong(decimals);
    }
}
