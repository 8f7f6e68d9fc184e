package io.ringside.strategies.book;

import io.ringside.strategies.SharedData;
import io.ringside.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rebuilds the book from LOBSTER's AAPL level-10 message file and checks it against LOBSTER's own book file, as the
 * data README describes: seed from the first book line less the first event, adopt levels that surface from beyond
 * depth 10, and compare at each event's side and price after each event of types 1-4.
 * <p>
 * The README's "adopted 3 times" counts adopting only the level an event is about to change; scanning the whole
 * previous line adopts 10 levels, the same three earlier plus seven no event touches. Both match after all 938.
 */
final class LobsterBookFileTest
{
    private static final String MESSAGE_FILE = "AAPL_2012-06-21_34200000_57600000_message_10.csv";
    private static final String BOOK_FILE = "AAPL_2012-06-21_34200000_57600000_orderbook_10.csv";
    private static final int DEPTH = 10;
    private static final long EMPTY_ASK_PRICE = 9999999999L;
    private static final long EMPTY_BID_PRICE = -9999999999L;

    /** When to adopt a level that the previous book line shows and the rebuilt book lacks. */
    enum Adoption
    {
        /** Never: a level surfacing from beyond depth 10 stays unknown. */
        NONE,
        /** Only the level the next event is for, just before applying it. */
        EVENT_LEVEL,
        /** Every such level in the previous line, before each event. */
        WHOLE_LINE
    }

    record Replay(int checked, int matched, int adoptions, String adopted, String mismatches)
    {
    }

    @Test
    void shouldMatchAfterEveryEventAdoptingSurfacedLevelsFromWholePreviousLine() throws IOException
    {
        final Replay replay = replay(Adoption.WHOLE_LINE);

        assertEquals(938, replay.checked(), "events of types 1-4");
        assertEquals(938, replay.matched(), replay.mismatches());
        // Ten levels surface at depth 10 in this file; an event later touches three of them (see EVENT_LEVEL).
        assertEquals(10, replay.adoptions(), replay.adopted());
        assertEquals(
            "49 SELL 5873000 200, 86 SELL 5870700 10, 148 BUY 5854000 50, 151 BUY 5853800 22, 152 BUY 5853600 5, " +
            "298 BUY 5850500 1, 320 BUY 5850400 2, 489 BUY 5849500 50, 595 SELL 5865700 4, 618 SELL 5866000 80, ",
            replay.adopted());
    }

    @Test
    void shouldMatchAfterEveryEventAdoptingOnlyTheLevelEachEventTouches() throws IOException
    {
        final Replay replay = replay(Adoption.EVENT_LEVEL);

        assertEquals(938, replay.checked(), "events of types 1-4");
        assertEquals(938, replay.matched(), replay.mismatches());
        // The data README's "3 times": the surfaced levels an event goes on to change.
        assertEquals(3, replay.adoptions(), replay.adopted());
        assertEquals("448 BUY 5854000 50, 449 BUY 5853800 22, 488 BUY 5853600 5, ", replay.adopted());
    }

    @Test
    void shouldMissOnlyTheLevelsThatSurfacedWithoutAdoption() throws IOException
    {
        final Replay replay = replay(Adoption.NONE);

        assertEquals(938, replay.checked(), "events of types 1-4");
        assertEquals(937, replay.matched(), replay.mismatches());
        // Events 448 and 488 execute all of a surfaced level, leaving 0 with or without it; 449 executes 20 of 22.
        assertEquals("event 449 type 4 BUY @ 5853800: book file 2, rebuilt 0\n", replay.mismatches());
    }

    private static Replay replay(final Adoption adoption) throws IOException
    {
        final Path dir = SharedData.lobsterDir();
        final List<String> messages = Files.readAllLines(dir.resolve(MESSAGE_FILE));
        final List<String> bookLines = Files.readAllLines(dir.resolve(BOOK_FILE));
        assertEquals(999, messages.size());
        assertEquals(999, bookLines.size());

        final long[][] events = new long[messages.size()][];
        for (int i = 0; i < events.length; i++)
        {
            events[i] = parseMessage(messages.get(i));
        }
        final long[][] books = new long[bookLines.size()][];
        for (int i = 0; i < books.length; i++)
        {
            books[i] = parseBookLine(bookLines.get(i));
        }

        final OrderBook book = new OrderBook(1, 16);
        seed(book, books[0], events[0]);

        int checked = 0;
        int matched = 0;
        int adoptions = 0;
        final StringBuilder adopted = new StringBuilder();
        final StringBuilder mismatches = new StringBuilder();
        for (int i = 0; i < events.length; i++)
        {
            final long[] event = events[i];
            final int type = (int)event[1];
            if (i > 0)
            {
                if (Adoption.WHOLE_LINE == adoption)
                {
                    adoptions += adoptSurfacedLevels(book, books[i - 1], i + 1, adopted);
                }
                else if (Adoption.EVENT_LEVEL == adoption && type >= 1 && type <= 4)
                {
                    adoptions += adoptSurfacedLevel(book, books[i - 1], side(event[5]), event[4], i + 1, adopted);
                }
            }

            if (!apply(book, event))
            {
                continue;
            }

            final Side side = side(event[5]);
            final long price = event[4];
            final long expected = bookQuantity(books[i], side, price);
            final long actual = book.quantityAt(side, price);
            checked++;
            if (expected == actual)
            {
                matched++;
            }
            else if (mismatches.length() < 2000)
            {
                mismatches.append("event ").append(i + 1).append(" type ").append(type).append(' ').append(side)
                    .append(" @ ").append(price).append(": book file ").append(expected).append(", rebuilt ")
                    .append(actual).append('\n');
            }
        }

        assertEquals(0, book.duplicateOrderIds());
        assertEquals(0, book.unknownOrderEvents());
        assertEquals(0, book.invalidEvents());

        return new Replay(checked, matched, adoptions, adopted.toString(), mismatches.toString());
    }

    private static void seed(final OrderBook book, final long[] firstLine, final long[] firstEvent)
    {
        assertEquals(1, firstEvent[1], "the first event is an add, so undoing it is subtracting it from its level");
        final Side firstSide = side(firstEvent[5]);
        for (int level = 0; level < DEPTH; level++)
        {
            for (final Side side : new Side[]{ Side.SELL, Side.BUY })
            {
                final long price = linePrice(firstLine, side, level);
                long quantity = lineQuantity(firstLine, side, level);
                if (isEmpty(side, price))
                {
                    continue;
                }
                if (side == firstSide && price == firstEvent[4])
                {
                    quantity -= firstEvent[3];
                }
                if (quantity > 0)
                {
                    assertTrue(book.setLevel(side, price, quantity));
                }
            }
        }
    }

    private static int adoptSurfacedLevels(
        final OrderBook book, final long[] line, final int eventNumber, final StringBuilder adopted)
    {
        int adoptions = 0;
        for (final Side side : new Side[]{ Side.SELL, Side.BUY })
        {
            for (int level = 0; level < DEPTH; level++)
            {
                adoptions += adoptSurfacedLevel(book, line, side, linePrice(line, side, level), eventNumber, adopted);
            }
        }
        return adoptions;
    }

    private static int adoptSurfacedLevel(
        final OrderBook book,
        final long[] line,
        final Side side,
        final long price,
        final int eventNumber,
        final StringBuilder adopted)
    {
        final long quantity = bookQuantity(line, side, price);
        if (isEmpty(side, price) || quantity <= 0 || 0 != book.quantityAt(side, price))
        {
            return 0;
        }

        assertTrue(book.setLevel(side, price, quantity));
        adopted.append(eventNumber).append(' ').append(side).append(' ').append(price).append(' ').append(quantity)
            .append(", ");
        return 1;
    }

    /**
     * @return true when the event is of a type that changes the visible book (1-4).
     */
    private static boolean apply(final OrderBook book, final long[] event)
    {
        final long orderId = event[2];
        final long size = event[3];
        final long price = event[4];
        final Side side = side(event[5]);
        switch ((int)event[1])
        {
            case 1:
                assertTrue(book.add(orderId, side, price, size));
                return true;
            case 2:
                assertTrue(book.cancel(orderId, size, price, side));
                return true;
            case 3:
                assertTrue(book.delete(orderId, price, size, side));
                return true;
            case 4:
                assertTrue(book.execute(orderId, size, price, side));
                return true;
            default:
                return false; // 5 hidden execution, 6 cross, 7 halt: not in the visible book
        }
    }

    private static long bookQuantity(final long[] line, final Side side, final long price)
    {
        for (int level = 0; level < DEPTH; level++)
        {
            if (linePrice(line, side, level) == price)
            {
                return lineQuantity(line, side, level);
            }
        }
        return 0;
    }

    private static long linePrice(final long[] line, final Side side, final int level)
    {
        return line[level * 4 + (Side.SELL == side ? 0 : 2)];
    }

    private static long lineQuantity(final long[] line, final Side side, final int level)
    {
        return line[level * 4 + (Side.SELL == side ? 1 : 3)];
    }

    private static boolean isEmpty(final Side side, final long price)
    {
        return Side.SELL == side ? EMPTY_ASK_PRICE == price : EMPTY_BID_PRICE == price;
    }

    private static Side side(final long direction)
    {
        if (1 == direction)
        {
            return Side.BUY;
        }
        if (-1 == direction)
        {
            return Side.SELL;
        }
        throw new IllegalArgumentException("direction " + direction);
    }

    /**
     * @return time (unused), type, order id, size, price, direction.
     */
    private static long[] parseMessage(final String line)
    {
        final String[] columns = line.trim().split(",");
        final long[] event = new long[6];
        for (int i = 1; i < 6; i++)
        {
            event[i] = Long.parseLong(columns[i].trim());
        }
        return event;
    }

    private static long[] parseBookLine(final String line)
    {
        final String[] columns = line.trim().split(",");
        assertEquals(4 * DEPTH, columns.length, line);
        final long[] values = new long[columns.length];
        for (int i = 0; i < columns.length; i++)
        {
            values[i] = Long.parseLong(columns[i].trim());
        }
        return values;
    }

}
