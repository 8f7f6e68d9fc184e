package io.ringside.strategies.surveillance;

import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuoteStuffingRule.Window}, a ring of the busy milliseconds only, against the window it replaced: a slot per
 * millisecond of the window, written out here as {@link Dense}. On the same messages both must hold the same counts
 * after every message and encode the same snapshot slots, and a window restored from those slots must go on as the
 * original; the ring must stay as small as the busy milliseconds.
 */
final class QuoteStuffingWindowTest
{
    private static final long NO_TIME = Long.MIN_VALUE;

    @Test
    void shouldCountAndEncodeAsASlotPerMillisecondDoes()
    {
        for (final int length : new int[]{ 1, 2, 3, 7, 10, 16, 17, 100, 1_000, 60_000 })
        {
            for (long seed = 1; seed <= 8; seed++)
            {
                compare(length, seed, length >= 1_000 ? 4_000 : 20_000);
            }
        }
    }

    @Test
    void shouldCostNothingUntilTheFirstMessageAndOnlyTheBusyMillisecondsAfter()
    {
        final QuoteStuffingRule.Window window = new QuoteStuffingRule.Window(60_000);
        assertEquals(0, window.capacity());
        window.advanceTo(5_000);
        assertEquals(0, window.capacity(), "time alone makes no ring");

        for (int ms = 0; ms < 3; ms++)
        {
            window.advanceTo(5_000 + ms * 1_000);
            for (int i = 0; i < 40; i++)
            {
                window.count(0 == i % 2);
            }
        }
        assertEquals(3, window.entries(), "three busy ms in the window");
        assertEquals(120, window.messages());
        assertEquals(60, window.cancels());
        assertEquals(16, window.capacity(), "made once, at its first size");

        window.advanceTo(5_000 + 60_000);
        assertEquals(2, window.entries(), "the first busy ms has left the window");
        assertEquals(80, window.messages());
        window.advanceTo(10_000_000);
        assertEquals(0, window.entries());
        assertEquals(0, window.messages());
        assertEquals(0, window.cancels());

        window.reset(60_000);
        assertEquals(16, window.capacity(), "a new session keeps the ring");
        window.reset(10);
        assertEquals(0, window.capacity(), "a new length drops it");
    }

    @Test
    void shouldRefuseSlotsThisCodeNeverWrites()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        encode(buffer, NO_TIME, new int[]{ 0, 1, 0 }, new int[3]);
        assertThrows(IllegalStateException.class, () -> restore(buffer, new QuoteStuffingRule.Window(3)));
        encode(buffer, 7, new int[0], new int[0]);
        assertThrows(IllegalStateException.class, () -> restore(buffer, new QuoteStuffingRule.Window(3)));
    }

    private static void compare(final int length, final long seed, final int messages)
    {
        final String what = "window " + length + " ms, seed " + seed;
        final Random random = new Random(seed);
        final Dense dense = new Dense(length);
        final QuoteStuffingRule.Window window = new QuoteStuffingRule.Window(length);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        QuoteStuffingRule.Window restored = null;
        long ms = 1_340_285_400_000L + random.nextInt(1_000);
        int maxEntries = 0;
        for (int i = 0; i < messages; i++)
        {
            ms += step(random, length);
            final boolean cancel = random.nextInt(100) < 45;
            dense.advanceTo(ms);
            dense.count(cancel);
            window.advanceTo(ms);
            window.count(cancel);
            if (null != restored)
            {
                restored.advanceTo(ms);
                restored.count(cancel);
            }
            assertEquals(dense.windowMessages, window.messages(), what + ", message " + i);
            assertEquals(dense.windowCancels, window.cancels(), what + ", message " + i);
            maxEntries = Math.max(maxEntries, window.entries());
            assertTrue(window.entries() <= dense.busySlots(), what + ": an entry per busy ms, no more");

            if (0 == i % 97 || i == messages - 1)
            {
                final int[][] slots = encoded(buffer, window);
                assertEquals(dense.currentMs, currentMs(buffer), what);
                assertArrayEquals(dense.messages, slots[0], what + ", slots after message " + i);
                assertArrayEquals(dense.cancels, slots[1], what + ", cancels after message " + i);
                if (null != restored)
                {
                    final int[][] restoredSlots = encoded(buffer, restored);
                    assertArrayEquals(dense.messages, restoredSlots[0], what + ", restored, after message " + i);
                    assertArrayEquals(dense.cancels, restoredSlots[1], what + ", restored, after message " + i);
                    assertEquals(dense.windowMessages, restored.messages(), what);
                }
                encoded(buffer, window);
                restored = new QuoteStuffingRule.Window(length);
                restore(buffer, restored);
            }
            if (0 == random.nextInt(5_000))
            {
                dense.reset();
                window.reset(length);
                if (null != restored)
                {
                    restored.reset(length);
                }
            }
        }
        assertTrue(window.capacity() <= Math.max(16, 2 * maxEntries),
            what + ": the ring is sized by its busiest spell");
    }

    // Mostly within the ms or the next few, now and then out of order, now and then a quiet spell of about or over
    // the window: every path of advanceTo.
    private static long step(final Random random, final int length)
    {
        final int kind = random.nextInt(100);
        if (kind < 50)
        {
            return 0;
        }
        if (kind < 85)
        {
            return 1 + random.nextInt(3);
        }
        if (kind < 90)
        {
            return -random.nextInt(3);
        }
        if (kind < 97)
        {
            return random.nextInt(Math.max(1, length / 2));
        }
        return length - 1 + random.nextInt(3) + (0 == random.nextInt(4) ? 10L * length : 0);
    }

    private static int[][] encoded(final ExpandableArrayBuffer buffer, final QuoteStuffingRule.Window window)
    {
        final SurveillanceStateEncoder message =
            new SurveillanceStateEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        final SurveillanceStateEncoder.InstrumentsEncoder instrument = message.instrumentsCount(1).next();
        new SizeRule.TradeSizes(1).encode(instrument);
        window.encode(instrument);
        message.velocityAccountsCount(0);

        final SurveillanceStateDecoder.InstrumentsDecoder decoded = decoder(buffer);
        final SurveillanceStateDecoder.InstrumentsDecoder.WindowSlotsDecoder slots = decoded.windowSlots();
        final int[][] counts = new int[2][slots.count()];
        for (int i = 0; i < counts[0].length; i++)
        {
            slots.next();
            counts[0][i] = slots.messages();
            counts[1][i] = slots.cancels();
        }
        return counts;
    }

    private static long currentMs(final ExpandableArrayBuffer buffer)
    {
        return decoder(buffer).windowCurrentMs();
    }

    private static void restore(final ExpandableArrayBuffer buffer, final QuoteStuffingRule.Window window)
    {
        window.restore(decoder(buffer));
    }

    private static void encode(
        final ExpandableArrayBuffer buffer, final long currentMs, final int[] messages, final int[] cancels)
    {
        final SurveillanceStateEncoder message =
            new SurveillanceStateEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        final SurveillanceStateEncoder.InstrumentsEncoder instrument = message.instrumentsCount(1).next();
        new SizeRule.TradeSizes(1).encode(instrument);
        instrument.windowCurrentMs(currentMs);
        final SurveillanceStateEncoder.InstrumentsEncoder.WindowSlotsEncoder slots =
            instrument.windowSlotsCount(messages.length);
        for (int i = 0; i < messages.length; i++)
        {
            slots.next().messages(messages[i]).cancels(cancels[i]);
        }
        message.velocityAccountsCount(0);
    }

    private static SurveillanceStateDecoder.InstrumentsDecoder decoder(final ExpandableArrayBuffer buffer)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        final SurveillanceStateDecoder message = new SurveillanceStateDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final SurveillanceStateDecoder.InstrumentsDecoder instrument = message.instruments().next();
        final SurveillanceStateDecoder.InstrumentsDecoder.TradeSizesDecoder sizes = instrument.tradeSizes();
        while (sizes.hasNext())
        {
            sizes.next();
        }
        return instrument;
    }

    /** The window as it was: a slot per millisecond, slot ms mod length, cleared as time moves past it. */
    private static final class Dense
    {
        final int[] messages;
        final int[] cancels;
        long currentMs = NO_TIME;
        long windowMessages;
        long windowCancels;

        Dense(final int length)
        {
            messages = new int[length];
            cancels = new int[length];
        }

        void reset()
        {
            Arrays.fill(messages, 0);
            Arrays.fill(cancels, 0);
            currentMs = NO_TIME;
            windowMessages = 0;
            windowCancels = 0;
        }

        void advanceTo(final long ms)
        {
            if (NO_TIME == currentMs)
            {
                currentMs = ms;
                return;
            }
            if (ms <= currentMs)
            {
                return;
            }
            final int length = messages.length;
            final long steps = Math.min(ms - currentMs, length);
            int slot = (int)Math.floorMod(currentMs, (long)length);
            for (long k = 0; k < steps; k++)
            {
                slot = slot + 1 == length ? 0 : slot + 1;
                windowMessages -= messages[slot];
                windowCancels -= cancels[slot];
                messages[slot] = 0;
                cancels[slot] = 0;
            }
            currentMs = ms;
        }

        void count(final boolean cancel)
        {
            final int slot = (int)Math.floorMod(currentMs, (long)messages.length);
            messages[slot]++;
            windowMessages++;
            if (cancel)
            {
                cancels[slot]++;
                windowCancels++;
            }
        }

        int busySlots()
        {
            int busy = 0;
            for (final int count : messages)
            {
                busy += 0 == count ? 0 : 1;
            }
            return busy;
        }
    }
}
