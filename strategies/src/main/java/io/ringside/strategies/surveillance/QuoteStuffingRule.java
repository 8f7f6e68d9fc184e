package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateEncoder;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.StateMessages;

/**
 * Rule 6, quote stuffing, on market data alone: an instrument's order messages (adds, partial cancels, deletes,
 * replaces; not executions) within the last {@code window-ms} milliseconds of event time number more than
 * {@code max-messages-per-ms} × {@code window-ms}, and cancels and deletes make up more than
 * {@code min-cancel-percent} of them.
 * <p>
 * The window slides by whole milliseconds of event time: a message at time t counts the messages of the millisecond
 * it falls in and the window-ms - 1 before it. Each instrument keeps a count of messages and one of cancels for each
 * millisecond of its window that had a message, in a ring made on its first message and grown (to at most window-ms
 * entries) only while its busy milliseconds outnumber the ring; a message then costs a few additions and allocates
 * nothing, and a quiet spell costs the entries it retires.
 * <p>
 * A burst is a spell of messages after each of which the window holds more than the limit. The rule fires once per
 * burst, at the first message of it at which the cancel share is also over its limit (a burst that starts as adds and
 * turns to cancels fires when it turns); the burst ends, and the rule re-arms, at the first message after which the
 * window is back within the limit.
 * <p>
 * Alert values: observed = the messages in the window, limit = max-messages-per-ms × window-ms, reference = the
 * cancels and deletes among them in whole percent (rounded down). Severity CRITICAL beyond twice the limit, WARNING
 * otherwise. No accounts: both are {@link AlertSink#NO_ACCOUNT}.
 * <p>
 * The defaults, measured on the AAPL hour of 2012-06-21 (LOBSTER, and the same flow as ITCH): see the constants.
 */
public final class QuoteStuffingRule
{
    public static final int RULE_ID = 6;

    /**
     * 5 order messages per ms, sustained over the 10 ms window: more than 50 in 10 ms, 5,000 a second, some 200 times
     * the AAPL hour's average of 24 a second (85,729 adds, cancels and deletes in the hour, LOBSTER level 50). Shorter
     * windows catch single-millisecond spikes that are ordinary (60 adds in one ms at 09:30:03.599, a sweep refilled);
     * a stuffer must keep it up to clog a feed.
     */
    public static final int DEFAULT_MAX_MESSAGES_PER_MS = 5;
    /**
     * Over 40% cancels and deletes: churn. Stuffing adds and withdraws, so its share is near 50% (an add and its
     * delete); a burst of adds (an opening, a book refilled after a sweep) is not stuffing. The hour overall is 48%,
     * so the share only separates churn from building; the rate does the rest.
     */
    public static final int DEFAULT_MIN_CANCEL_PERCENT = 40;
    public static final int DEFAULT_WINDOW_MS = 10;
    public static final int MAX_WINDOW_MS = 60_000;

    private static final long NS_PER_MS = 1_000_000;
    private static final long NO_TIME = Long.MIN_VALUE;

    private long evaluated;
    private long fired;
    private long peakWindowMessages;
    private long peakTime = NO_TIME;
    private int peakInstrumentId;

    /**
     * One instrument's order messages over its window: a ring, oldest first, with an entry for each millisecond of the
     * window that had a message (its messages and cancels), not a slot for every millisecond. An instrument that is
     * defined but quiet costs no ring at all, and a busy one only the milliseconds it was busy in, however long the
     * window: with thousands of instruments defined and window-ms up to 60,000, a slot per millisecond would cost
     * hundreds of KB each. Moving on drops the entries that fell out of the window, so a message costs no more than
     * the entries it retires.
     * <p>
     * The snapshot keeps the layout of a slot per millisecond (slot {@code ms mod window-ms}); {@link #encode} and
     * {@link #restore} translate, so the bytes are what they always were.
     */
    static final class Window
    {
        /** The default window of 10 ms fits at once: its ring is made once, on the first message, and never grows. */
        private static final int INITIAL_CAPACITY = 16;

        private int length;
        // The low 32 bits of each entry's ms: every entry lies within length (at most 60,000) ms of currentMs, so the
        // int difference of two of them is their exact distance, and the ring needs 12 bytes an entry, not 16.
        private int[] entryMs;
        private int[] entryMessages;
        private int[] entryCancels;
        private int head;
        private int count;
        private long currentMs = NO_TIME;
        private long windowMessages;
        private long windowCancels;
        private boolean alerted;

        Window(final int windowMs)
        {
            length = windowMs;
        }

        /** A new session, or a new window length: forget every message. Keeps the ring unless the length changes. */
        void reset(final int windowMs)
        {
            if (length != windowMs)
            {
                length = windowMs; // only on an instrument definition that changes its settings
                entryMs = null;
                entryMessages = null;
                entryCancels = null;
            }
            head = 0;
            count = 0;
            currentMs = NO_TIME;
            windowMessages = 0;
            windowCancels = 0;
            alerted = false;
        }

        void encode(final SurveillanceStateEncoder.InstrumentsEncoder instrument)
        {
            instrument.windowCurrentMs(currentMs).windowMessages(windowMessages).windowCancels(windowCancels)
                .windowAlerted(StateMessages.bool(alerted));
            final SurveillanceStateEncoder.InstrumentsEncoder.WindowSlotsEncoder slots =
                instrument.windowSlotsCount(length);
            if (0 == count)
            {
                for (int slot = 0; slot < length; slot++)
                {
                    slots.next().messages(0).cancels(0);
                }
                return;
            }
            // Slots from oldestSlot on hold the older part of the window, slots before it the newer part: the ring's
            // tail, from its first entry younger than oldestSlot ms, fills slots 0 .. oldestSlot - 1; its head, the
            // rest.
            final int oldestSlot = oldestSlot();
            int newer = 0;
            while (newer < count && age(newer) >= oldestSlot)
            {
                newer++;
            }
            int k = newer;
            for (int slot = 0; slot < length; slot++)
            {
                if (slot == oldestSlot)
                {
                    k = 0;
                }
                final int end = slot < oldestSlot ? count : newer;
                if (k < end && slot(k, oldestSlot) == slot)
                {
                    final int i = index(k++);
                    slots.next().messages(entryMessages[i]).cancels(entryCancels[i]);
                }
                else
                {
                    slots.next().messages(0).cancels(0);
                }
            }
        }

        void restore(final SurveillanceStateDecoder.InstrumentsDecoder instrument)
        {
            currentMs = instrument.windowCurrentMs();
            windowMessages = instrument.windowMessages();
            windowCancels = instrument.windowCancels();
            alerted = StateMessages.bool(instrument.windowAlerted());
            final SurveillanceStateDecoder.InstrumentsDecoder.WindowSlotsDecoder slots = instrument.windowSlots();
            final int slotCount = slots.count();
            if (slotCount < 1 || slotCount > MAX_WINDOW_MS)
            {
                throw new IllegalStateException("snapshot quote-stuffing window has " + slotCount + " slots");
            }
            if (length != slotCount)
            {
                length = slotCount;
                entryMs = null;
                entryMessages = null;
                entryCancels = null;
            }
            head = 0;
            count = 0;
            final int oldestSlot = NO_TIME == currentMs ? 0 : oldestSlot();
            int newer = 0;
            for (int slot = 0; slot < slotCount; slot++)
            {
                slots.next();
                final int messages = slots.messages();
                final int cancels = slots.cancels();
                if (0 == messages && 0 == cancels)
                {
                    continue;
                }
                if (NO_TIME == currentMs)
                {
                    throw new IllegalStateException("snapshot quote-stuffing window counts messages before its first");
                }
                final int age = (int)Math.floorMod(currentMs - slot, (long)length);
                final int i = append((int)currentMs - age);
                entryMessages[i] = messages;
                entryCancels[i] = cancels;
                newer += slot < oldestSlot ? 1 : 0;
            }
            // Read in slot order, the newer part of the window came first: oldest first is the ring's order.
            rotateLeft(entryMs, count, newer);
            rotateLeft(entryMessages, count, newer);
            rotateLeft(entryCancels, count, newer);
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
                return; // out of order by less than a ms, or earlier: counted in the current ms
            }
            final boolean windowPassed = ms - currentMs >= length;
            final int msLow = (int)ms;
            while (count > 0 && (windowPassed || msLow - entryMs[head] >= length))
            {
                windowMessages -= entryMessages[head];
                windowCancels -= entryCancels[head];
                head = head + 1 == entryMs.length ? 0 : head + 1;
                count--;
            }
            currentMs = ms;
        }

        void count(final boolean cancel)
        {
            int i = 0 == count ? -1 : index(count - 1);
            if (i < 0 || entryMs[i] != (int)currentMs)
            {
                i = append((int)currentMs);
                entryMessages[i] = 0;
                entryCancels[i] = 0;
            }
            entryMessages[i]++;
            windowMessages++;
            if (cancel)
            {
                entryCancels[i]++;
                windowCancels++;
            }
        }

        long messages()
        {
            return windowMessages;
        }

        long cancels()
        {
            return windowCancels;
        }

        /** Entries held: the milliseconds of the window that had a message. */
        int entries()
        {
            return count;
        }

        /** Entries the ring has room for before it grows; 0 before the first message. */
        int capacity()
        {
            return null == entryMs ? 0 : entryMs.length;
        }

        // The slot of the window's oldest millisecond, currentMs - length + 1.
        private int oldestSlot()
        {
            return (int)Math.floorMod(currentMs + 1, (long)length);
        }

        // Milliseconds from the k-th entry, oldest first, to currentMs: 0 .. length - 1.
        private int age(final int k)
        {
            return (int)currentMs - entryMs[index(k)];
        }

        private int slot(final int k, final int oldestSlot)
        {
            return (oldestSlot + length - 1 - age(k)) % length;
        }

        private int index(final int k)
        {
            final int i = head + k;
            return i < entryMs.length ? i : i - entryMs.length;
        }

        // A new newest entry; the ring never needs more than length entries, one per millisecond of the window.
        private int append(final int msLow)
        {
            if (null == entryMs || count == entryMs.length)
            {
                grow();
            }
            final int i = index(count++);
            entryMs[i] = msLow;
            return i;
        }

        private void grow()
        {
            final int capacity = null == entryMs ?
                Math.min(length, INITIAL_CAPACITY) : Math.max(count + 1, Math.min(length, entryMs.length << 1));
            final int[] ms = new int[capacity];
            final int[] messages = new int[capacity];
            final int[] cancels = new int[capacity];
            for (int k = 0; k < count; k++)
            {
                final int i = index(k);
                ms[k] = entryMs[i];
                messages[k] = entryMessages[i];
                cancels[k] = entryCancels[i];
            }
            entryMs = ms;
            entryMessages = messages;
            entryCancels = cancels;
            head = 0;
        }

        private static void rotateLeft(final int[] array, final int count, final int by)
        {
            if (by > 0 && by < count)
            {
                reverse(array, 0, by);
                reverse(array, by, count);
                reverse(array, 0, count);
            }
        }

        private static void reverse(final int[] array, final int from, final int to)
        {
            for (int i = from, j = to - 1; i < j; i++, j--)
            {
                final int swap = array[i];
                array[i] = array[j];
                array[j] = swap;
            }
        }
    }

    /**
     * Count one order message.
     *
     * @param cancel true for a cancel or delete.
     * @return true when it raised an alert.
     */
    boolean onOrderMessage(
        final QuoteStuffingSettings settings,
        final Window window,
        final int instrumentId,
        final long time,
        final boolean cancel,
        final AlertSink sink)
    {
        evaluated++;
        window.advanceTo(Math.floorDiv(time, NS_PER_MS));
        window.count(cancel);

        final long messages = window.messages();
        if (messages > peakWindowMessages)
        {
            peakWindowMessages = messages;
            peakTime = time;
            peakInstrumentId = instrumentId;
        }

        final long limit = (long)settings.maxMessagesPerMs() * settings.windowMs();
        if (messages <= limit)
        {
            window.alerted = false; // the burst, if there was one, is over
            return false;
        }
        if (window.alerted || window.cancels() * 100 <= (long)settings.minCancelPercent() * messages)
        {
            return false;
        }
        window.alerted = true;
        fired++;
        sink.onAlert(RULE_ID, messages > 2 * limit ? Severity.CRITICAL : Severity.WARNING,
            AlertSink.NO_ACCOUNT, AlertSink.NO_ACCOUNT, instrumentId, messages, limit, window.cancels() * 100 / messages);
        return true;
    }

    /** The most order messages any instrument had in its window, since this rule was made. */
    public long peakWindowMessages()
    {
        return peakWindowMessages;
    }

    /** Event time of the message that set {@link #peakWindowMessages()}. */
    public long peakTime()
    {
        return peakTime;
    }

    public int peakInstrumentId()
    {
        return peakInstrumentId;
    }

    /** Order messages counted. */
    public long evaluated()
    {
        return evaluated;
    }

    public long fired()
    {
        return fired;
    }

    /** From a snapshot: the counts as they stood. */
    void restoreCounts(final long evaluated, final long fired)
    {
        this.evaluated = evaluated;
        this.fired = fired;
    }

    void restorePeak(final long peakWindowMessages, final long peakTime, final int peakInstrumentId)
    {
        this.peakWindowMessages = peakWindowMessages;
        this.peakTime = peakTime;
        this.peakInstrumentId = peakInstrumentId;
    }
}
