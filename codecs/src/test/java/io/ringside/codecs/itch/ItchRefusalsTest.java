package io.ringside.codecs.itch;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.TimeSkew;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static io.ringside.codecs.itch.ItchReaderTest.DATE;
import static io.ringside.codecs.itch.ItchReaderTest.TS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values no event can carry, and timestamps out of step, each costing its own message and no other. */
final class ItchRefusalsTest
{
    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return true;
    };

    @Test
    void aPriceOrShareCountOfZeroCostsItsMessageOnly() throws IOException
    {
        final ItchBytes b = new ItchBytes()
            .addOrder(7, TS, 1, 'B', 100, "AAPL", 0)                    // @0: price 0
            .addOrder(7, TS, 2, 'B', 0, "AAPL", 5_853_300)              // @38: no shares
            .addOrder(7, TS, 3, 'S', 100, "AAPL", 5_853_400)            // @76: accepted
            .executed(7, TS, 3, 0, 1)                                   // @114: none executed
            .executedWithPrice(7, TS, 3, 10, 2, 'Y', 0)                 // @147: executed at no price
            .cancel(7, TS, 3, 0)                                        // @185: none cancelled
            .replace(7, TS, 3, 4, 100, 0)                               // @210: replaced at no price
            .replace(7, TS, 3, 5, 0, 5_853_500)                         // @247: replaced by no shares
            .trade(7, TS, 0, 'B', 0, "AAPL", 5_853_300, 3)              // @284: a trade of no shares
            .trade(7, TS, 0, 'B', 10, "AAPL", 0, 4)                     // @330: a trade at no price
            .crossTrade(7, TS, 0, "AAPL", 0, 5, 'O')                    // @376: a cross that matched nothing
            .crossTrade(7, TS, 500, "AAPL", 0, 6, 'O')                  // @418: a cross at no price
            .crossTrade(7, TS, -1, "AAPL", 5_853_300, 7, 'O')           // @460: 2^64 - 1 shares
            .crossTrade(7, TS, 500, "AAPL", 5_853_300, 8, 'C')          // @502: accepted
            .executed(7, TS, 3, 10, 9);                                 // @544: accepted
        final Path file = write("zero.itch50", b.bytes());
        try (ItchReader reader = new ItchReader(file, DATE, handler))
        {
            assertEquals(3, ItchFrames.readAll(reader).size());
            assertEquals(15, reader.messagesRead());
            assertEquals(1, reader.crossesWithoutShares());
            assertEquals(11, reader.errors());
        }
        final String at = file + "@";
        assertEquals(List.of(
            "bad_price " + at + "0 type 'A' price is 0",
            "bad_quantity " + at + "38 type 'A' shares is 0",
            "bad_quantity " + at + "114 type 'E' executed shares is 0",
            "bad_price " + at + "147 type 'C' execution price is 0",
            "bad_quantity " + at + "185 type 'X' cancelled shares is 0",
            "bad_price " + at + "210 type 'U' price is 0",
            "bad_quantity " + at + "247 type 'U' shares is 0",
            "bad_quantity " + at + "284 type 'P' shares is 0",
            "bad_price " + at + "330 type 'P' price is 0",
            "bad_price " + at + "418 type 'Q' cross price is 0",
            "bad_quantity " + at + "460 type 'Q' shares 18446744073709551615 is beyond any share count"), errors);
    }

    @Test
    void aTimestampFarAheadThatTheNextRefutesCostsItsMessageOnly() throws IOException
    {
        final ItchBytes b = new ItchBytes()
            .addOrder(7, TS, 1, 'B', 100, "AAPL", 5_853_300)
            .addOrder(7, TS + MS, 2, 'B', 100, "AAPL", 5_853_300)
            .addOrder(7, TS + 5 * HOUR, 3, 'B', 100, "AAPL", 5_853_300) // @76: corrupt, 5 hours ahead
            .addOrder(7, TS + 2 * MS, 4, 'B', 100, "AAPL", 5_853_300)
            .addOrder(7, TS + 3 * MS, 5, 'B', 100, "AAPL", 5_853_300);
        final Path file = write("skew.itch50", b.bytes());
        try (ItchReader reader = new ItchReader(file, DATE, handler))
        {
            assertEquals(4, ItchFrames.readAll(reader).size());
            assertEquals(4, reader.messagesRead());
        }
        assertEquals(List.of("time_skew " + file + "@76 type 'A' timestamp " + (TS + 5 * HOUR) + " ns after midnight " +
            "is more than 1000000000 ns after the previous message's " + (TS + MS) + ", and the next message's " +
            (TS + 2 * MS) + " is back before it"), errors);
    }

    @Test
    void aRealGapIsTakenWhateverTheSkewAndAJumpAtTheEndToo() throws IOException
    {
        final ItchBytes b = new ItchBytes()
            .addOrder(7, TS, 1, 'B', 100, "AAPL", 5_853_300)
            .addOrder(7, TS + 5 * HOUR, 2, 'B', 100, "AAPL", 5_853_300) // the market quiet for 5 hours
            .addOrder(7, TS + 5 * HOUR, 3, 'B', 100, "AAPL", 5_853_300)
            .addOrder(7, TS + 6 * HOUR, 4, 'B', 100, "AAPL", 5_853_300); // the last: nothing to refute it
        final Path file = write("gap.itch50", b.bytes());
        try (ItchReader reader = new ItchReader(file, DATE, handler, 0))
        {
            assertEquals(4, ItchFrames.readAll(reader).size());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void theMessageAfterAJumpIsLookedAtEvenWhenItIsNotYetInView() throws IOException
    {
        // A gzip buffer of ItchInput.MIN_WINDOW bytes; the corrupt message ends 5 bytes before the first buffer's end,
        // so the next message's timestamp comes into view only with the next refill: 3 A and 4,670 S fill the rest.
        final ItchBytes b = new ItchBytes();
        for (int i = 0; i < 3; i++)
        {
            b.addOrder(7, TS, i + 1, 'B', 100, "AAPL", 5_853_300);
        }
        for (int i = 0; i < 4_670; i++)
        {
            b.systemEvent(0, TS, 'Q');
        }
        final int corruptAt = b.size();
        b.addOrder(7, TS + 5 * HOUR, 4, 'B', 100, "AAPL", 5_853_300);
        assertEquals(ItchInput.MIN_WINDOW - 5, b.size());
        b.addOrder(7, TS + MS, 5, 'B', 100, "AAPL", 5_853_300);
        final Path file = dir.resolve("edge.itch50.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)))
        {
            out.write(b.bytes());
        }
        try (ItchReader reader = new ItchReader(file, DATE, handler, TimeSkew.DEFAULT_NS, ItchInput.MIN_WINDOW))
        {
            assertEquals(4, ItchFrames.readAll(reader).size());
            assertEquals(3 + 4_670 + 1, reader.messagesRead());
        }
        assertEquals(1, errors.size());
        assertEquals("time_skew " + file + "@" + corruptAt, errors.get(0).substring(0, errors.get(0).indexOf(' ',
            errors.get(0).indexOf(' ') + 1)));
    }

    @Test
    void realDataWithOneTimestampCorruptedLosesThatMessageOnly() throws IOException
    {
        final byte[] bytes;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("..", "..", "shared", "data", "itch",
            "AAPL_2012-06-21.itch50.gz"))))
        {
            bytes = in.readAllBytes();
        }
        final Path clean = write("AAPL_2012-06-21.itch50", bytes);
        final long cleanEvents;
        try (ItchReader reader = new ItchReader(clean, null, handler))
        {
            cleanEvents = ItchFrames.readAll(reader).size();
            assertEquals(92_083, reader.messagesRead());
        }
        assertEquals(List.of(), errors);

        // Message 50,000 (an order's add, execution, cancel or delete: an event each) stamped 5 hours later, still
        // inside the day: without the rule, the 33,000-odd good messages after it would all go backwards.
        int at = 0;
        for (int i = 0; i < 50_000; i++)
        {
            at += 2 + (((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF));
        }
        final ByteBuffer message = ByteBuffer.wrap(bytes, at + 2, 11);
        final long timestamp = ((long)(message.getShort(at + 2 + 5) & 0xFFFF) << 32) |
            (message.getInt(at + 2 + 7) & 0xFFFF_FFFFL);
        final long corrupt = timestamp + 5 * HOUR;
        message.putShort(at + 2 + 5, (short)(corrupt >>> 32)).putInt(at + 2 + 7, (int)corrupt);
        final Path plain = write("AAPL_2012-06-21.corrupt.itch50", bytes);
        final Path gzip = dir.resolve("AAPL_2012-06-21.corrupt.itch50.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip)))
        {
            out.write(bytes);
        }
        for (final Path file : List.of(plain, gzip))
        {
            for (final int window : new int[] {0, ItchInput.MIN_WINDOW})
            {
                errors.clear();
                try (ItchReader reader = new ItchReader(file, null, handler, TimeSkew.DEFAULT_NS, window))
                {
                    assertEquals(cleanEvents - 1, ItchFrames.readAll(reader).size(), file + " window " + window);
                    assertEquals(92_082, reader.messagesRead());
                    assertEquals(1, reader.errors());
                }
                assertEquals(1, errors.size(), errors.toString());
                assertEquals("time_skew " + file + "@" + at + " type '" + (char)bytes[at + 2] + "' timestamp " +
                    corrupt + " ns after midnight is more than 1000000000 ns after", errors.get(0).substring(0,
                    errors.get(0).indexOf(" the previous")));
            }
        }
    }

    private Path write(final String name, final byte[] bytes) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
