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
 * it falls in and the window-ms - 1 before it. Each instrument keeps one count of messages and one of cancels per
 * millisecond, in rings of window-ms slots, so a message costs a few additions and allocates nothing; a quiet spell
 * costs at most window-ms slots cleared.
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

    /** One instrument's counts per millisecond over its window. */
    static final class Window
    {
        private int[] messages;
        private int[] cancels;
        private long currentMs = NO_TIME;
        private long windowMessages;
        private long windowCancels;
        private boolean alerted;

        Window(final int windowMs)
        {
            messages = new int[windowMs];
            cancels = new int[windowMs];
        }

        /** A new session, or a new window length: forget every message. */
        void reset(final int windowMs)
        {
            if (messages.length != windowMs)
            {
                messages = new int[windowMs]; // only on an instrument definition that changes its settings
                cancels = new int[windowMs];
            }
            else
            {
                java.util.Arrays.fill(messages, 0);
                java.util.Arrays.fill(cancels, 0);
            }
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
                instrument.windowSlotsCount(messages.length);
            for (int i = 0; i < messages.length; i++)
            {
                slots.next().messages(messages[i]).cancels(cancels[i]);
            }
        }

        void restore(final SurveillanceStateDecoder.InstrumentsDecoder instrument)
        {
            currentMs = instrument.windowCurrentMs();
            windowMessages = instrument.windowMessages();
            windowCancels = instrument.windowCancels();
            alerted = StateMessages.bool(instrument.windowAlerted());
            final SurveillanceStateDecoder.InstrumentsDecoder.WindowSlotsDecoder slots = instrument.windowSlots();
            if (messages.length != slots.count())
            {
                messages = new int[slots.count()];
                cancels = new int[slots.count()];
            }
            for (int i = 0; i < messages.length; i++)
            {
                slots.next();
                messages[i] = slots.messages();
                cancels[i] = slots.cancels();
            }
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

        long messages()
        {
            return windowMessages;
        }

        long cancels()
        {
            return windowCancels;
        }
    }

    /**
     * Count one order message.
     *
     * @param cancel true for a cancel or delete.
     * @return true when it raised an alert.
     */
    boolean onOrderMessage(
        final SurveillanceConfig.QuoteStuffing settings,
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
