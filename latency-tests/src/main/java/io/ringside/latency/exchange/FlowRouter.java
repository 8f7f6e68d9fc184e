package io.ringside.latency.exchange;

import io.ringside.codecs.itch.ItchMessages;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.ringside.codecs.itch.ItchMessages.ADD_STOCK;
import static io.ringside.codecs.itch.ItchMessages.CROSS_MATCH;
import static io.ringside.codecs.itch.ItchMessages.CROSS_STOCK;
import static io.ringside.codecs.itch.ItchMessages.EXEC_MATCH;
import static io.ringside.codecs.itch.ItchMessages.ORDER_REF;
import static io.ringside.codecs.itch.ItchMessages.REPLACE_NEW_REF;
import static io.ringside.codecs.itch.ItchMessages.TRADE_MATCH;
import static io.ringside.codecs.itch.ItchMessages.TRADE_STOCK;

/**
 * The one place that knows what each ITCH type means for the mapping. Order flow is A F E C X D U P Q: each order
 * (its reference, at its A or F) goes to a drawn symbol, and every later message about it (E C X D, U and the order U
 * replaces it with) to the same symbol; each P and Q goes to a symbol of its own draw. The source's other messages
 * (its own S, R, H and reference data, and B, which names a match rather than an order) are not copied.
 * <p>
 * The same routing serves both passes. Surveying, it checks the order references against the orders alive (an order
 * added twice while alive, or an E C X D U about an order not alive, is an error) and learns the largest order
 * reference and match number. Copying loop k, it adds k x (largest + 1) to every reference and match number, so they
 * stay unique in the file as ITCH requires, and rewrites the symbol and time.
 */
final class FlowRouter
{
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    private final ItchSource source;
    private final UnsafeBuffer in;
    private final ZipfSymbols symbols;
    /** The orders alive in the current loop: reference to locate. */
    private final Long2LongHashMap orders = new Long2LongHashMap(1 << 16, 0.65f, 0);
    private final long[] flowByLocate;
    private long maxOrderRef;
    private long maxMatch;
    private ItchDayWriter writer;
    private UnsafeBuffer out;
    private LoopClock clock;

    FlowRouter(final ItchSource source, final ZipfSymbols symbols, final int symbolCount)
    {
        this.source = source;
        this.in = source.buffer();
        this.symbols = symbols;
        this.flowByLocate = new long[symbolCount + 1];
    }

    /** Check the source message at {@code m} without copying it: true when it is order flow. */
    boolean survey(final int m)
    {
        return route(m, 0, false) != 0;
    }

    /** Check that {@code loops} x the source's references still fit in 64 bits. */
    void checkRoomFor(final int loops)
    {
        if (loops > 1)
        {
            try
            {
                Math.addExact(Math.multiplyExact(loops - 1L, Math.addExact(maxOrderRef, 1)), maxOrderRef);
                Math.addExact(Math.multiplyExact(loops - 1L, Math.addExact(maxMatch, 1)), maxMatch);
            }
            catch (final ArithmeticException ex)
            {
                throw new IllegalArgumentException(source.path() + ": order references up to " +
                    Long.toUnsignedString(maxOrderRef) + " and match numbers up to " + Long.toUnsignedString(maxMatch) +
                    " leave no room for " + loops + " loops with unique references");
            }
        }
    }

    /** Where copies go and the time they get: call once, after the survey. */
    void writeTo(final ItchDayWriter writer, final LoopClock clock)
    {
        this.writer = writer;
        this.out = writer.buffer();
        this.clock = clock;
    }

    /** One pass over the source's flow as loop {@code loop}, stopping after {@code flowLeft} messages. */
    long copyLoop(final int loop, final long flowLeft)
    {
        // References of one loop never appear in the next.
        orders.clear();
        long copied = 0;
        source.open();
        try
        {
            int m;
            while (copied < flowLeft && (m = source.next()) >= 0)
            {
                if (route(m, loop, true) != 0)
                {
                    copied++;
                }
            }
        }
        finally
        {
            source.close();
        }
        return copied;
    }

    /** Order-flow messages copied per locate, index 0 unused. */
    long[] flowByLocate()
    {
        return flowByLocate.clone();
    }

    /** @return the locate the message went to (1 while surveying), or 0 when it is not order flow (not copied). */
    private int route(final int m, final int loop, final boolean write)
    {
        final char type = ItchMessages.type(in, m);
        final int locate;
        switch (type)
        {
            case 'A':
            case 'F':
            {
                final long ref = in.getLong(m + ORDER_REF, BE);
                locate = write ? symbols.draw() : 1;
                addOrder(ref, locate);
                noteRef(ref);
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, ref, loop);
                    writer.putStock(o + ADD_STOCK, locate);
                }
                break;
            }

            case 'E':
            case 'C':
            case 'X':
            case 'D':
            {
                final long ref = in.getLong(m + ORDER_REF, BE);
                locate = aliveOrder(ref, type);
                if (type == 'D')
                {
                    orders.remove(ref);
                }
                if (type == 'E' || type == 'C')
                {
                    noteMatch(in.getLong(m + EXEC_MATCH, BE));
                }
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, ref, loop);
                    if (type == 'E' || type == 'C')
                    {
                        offsetMatch(o + EXEC_MATCH, in.getLong(m + EXEC_MATCH, BE), loop);
                    }
                }
                break;
            }

            case 'U':
            {
                final long original = in.getLong(m + ORDER_REF, BE);
                final long replacement = in.getLong(m + REPLACE_NEW_REF, BE);
                locate = aliveOrder(original, type);
                orders.remove(original);
                addOrder(replacement, locate);
                noteRef(replacement);
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, original, loop);
                    offsetRef(o + REPLACE_NEW_REF, replacement, loop);
                }
                break;
            }

            case 'P':
            {
                // A hidden order's execution: the order was never on the book, so any symbol will do.
                final long ref = in.getLong(m + ORDER_REF, BE);
                final long match = in.getLong(m + TRADE_MATCH, BE);
                noteRef(ref);
                noteMatch(match);
                locate = write ? symbols.draw() : 1;
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetRef(o + ORDER_REF, ref, loop);
                    offsetMatch(o + TRADE_MATCH, match, loop);
                    writer.putStock(o + TRADE_STOCK, locate);
                }
                break;
            }

            case 'Q':
            {
                final long match = in.getLong(m + CROSS_MATCH, BE);
                noteMatch(match);
                locate = write ? symbols.draw() : 1;
                if (write)
                {
                    final int o = copy(m, locate, loop);
                    offsetMatch(o + CROSS_MATCH, match, loop);
                    writer.putStock(o + CROSS_STOCK, locate);
                }
                break;
            }

            default:
                return 0;
        }
        if (write)
        {
            flowByLocate[locate]++;
        }
        return locate;
    }

    private int copy(final int m, final int locate, final int loop)
    {
        return writer.copy(in, m, locate, clock.timestamp(loop, ItchMessages.timestamp(in, m)));
    }

    private void addOrder(final long ref, final int locate)
    {
        if (orders.containsKey(ref))
        {
            throw source.error("order reference " + Long.toUnsignedString(ref) + " is added while an order with " +
                "it is still alive: references must be unique");
        }
        orders.put(ref, locate);
    }

    private int aliveOrder(final long ref, final char type)
    {
        final long locate = orders.get(ref);
        if (locate == orders.missingValue())
        {
            throw source.error("'" + type + "' names order reference " + Long.toUnsignedString(ref) + ", which " +
                "no earlier A, F or U added (or which was deleted or replaced): the source must hold every order it " +
                "refers to");
        }
        return (int)locate;
    }

    private void noteRef(final long ref)
    {
        maxOrderRef = Long.compareUnsigned(ref, maxOrderRef) > 0 ? ref : maxOrderRef;
    }

    private void noteMatch(final long match)
    {
        maxMatch = Long.compareUnsigned(match, maxMatch) > 0 ? match : maxMatch;
    }

    private void offsetRef(final int index, final long ref, final int loop)
    {
        // Reference 0 is "none" (a P for a non-displayed order may carry it): it stays 0.
        if (ref != 0)
        {
            out.putLong(index, ref + loop * (maxOrderRef + 1), BE);
        }
    }

    private void offsetMatch(final int index, final long match, final int loop)
    {
        if (match != 0)
        {
            out.putLong(index, match + loop * (maxMatch + 1), BE);
        }
    }
}
