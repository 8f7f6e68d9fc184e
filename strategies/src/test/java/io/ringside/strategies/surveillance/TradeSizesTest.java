package io.ringside.strategies.surveillance;

import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SizeRule.TradeSizes}, whose array is made on the first trade and grows with the trades, against the ring it
 * replaced, made whole up front ({@link Full}): the same averages after every trade, the same snapshot sizes (a new
 * session leaves the old sizes in place, and the snapshot shows them), and a restored copy goes on the same.
 */
final class TradeSizesTest
{
    @Test
    void shouldAverageAndEncodeAsAWholeRingMadeUpFrontDoes()
    {
        for (final int window : new int[]{ 1, 2, 100, 127, 128, 129, 1_000, 10_000 })
        {
            final Random random = new Random(window);
            final Full full = new Full(window);
            final SizeRule.TradeSizes sizes = new SizeRule.TradeSizes(window);
            assertEquals(0, sizes.capacity(), "no array before the first trade");
            SizeRule.TradeSizes restored = null;
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
            for (int i = 0; i < 3 * window + 500; i++)
            {
                final long quantity = 0 == random.nextInt(20) ? -random.nextInt(3) : 1 + random.nextInt(1_000);
                full.onTrade(quantity);
                sizes.onTrade(quantity);
                if (null != restored)
                {
                    restored.onTrade(quantity);
                    assertEquals(full.average(), restored.average());
                }
                assertEquals(full.average(), sizes.average(), "window " + window + ", trade " + i);
                if (0 == i % 61)
                {
                    assertArrayEquals(full.sizes, encoded(buffer, sizes), "window " + window + ", trade " + i);
                    if (null != restored)
                    {
                        assertArrayEquals(full.sizes, encoded(buffer, restored));
                    }
                    encoded(buffer, sizes);
                    restored = new SizeRule.TradeSizes(window);
                    restored.restore(decoder(buffer));
                }
                if (0 == random.nextInt(400))
                {
                    full.reset();
                    sizes.reset(window);
                    if (null != restored)
                    {
                        restored.reset(window);
                    }
                }
            }
            assertTrue(sizes.capacity() >= Math.min(window, 128) && sizes.capacity() <= window,
                "window " + window + ": grown with the trades of its busiest session, never past its length: "
                + sizes.capacity());
        }
    }

    private static long[] encoded(final ExpandableArrayBuffer buffer, final SizeRule.TradeSizes sizes)
    {
        final SurveillanceStateEncoder message =
            new SurveillanceStateEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        final SurveillanceStateEncoder.InstrumentsEncoder instrument = message.instrumentsCount(1).next();
        sizes.encode(instrument);
        new QuoteStuffingRule.Window(1).encode(instrument);
        message.velocityAccountsCount(0);

        final SurveillanceStateDecoder.InstrumentsDecoder.TradeSizesDecoder group = decoder(buffer).tradeSizes();
        final long[] values = new long[group.count()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = group.next().size();
        }
        return values;
    }

    private static SurveillanceStateDecoder.InstrumentsDecoder decoder(final ExpandableArrayBuffer buffer)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new SurveillanceStateDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version())
            .instruments().next();
    }

    /** The ring as it was: average-trades sizes from the start. */
    private static final class Full
    {
        final long[] sizes;
        int next;
        int count;
        long sum;

        Full(final int window)
        {
            sizes = new long[window];
        }

        void reset()
        {
            next = 0;
            count = 0;
            sum = 0;
        }

        void onTrade(final long quantity)
        {
            if (quantity <= 0)
            {
                return;
            }
            if (count == sizes.length)
            {
                sum -= sizes[next];
            }
            else
            {
                count++;
            }
            sizes[next] = quantity;
            sum += quantity;
            next = next + 1 == sizes.length ? 0 : next + 1;
        }

        long average()
        {
            return count == sizes.length ? sum / count : 0;
        }
    }
}
