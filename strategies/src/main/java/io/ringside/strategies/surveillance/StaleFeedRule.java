package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.EventClock;
import io.ringside.strategies.IdOrder;

/**
 * Rule 7, stale feed: an instrument that has had market data (a definition, a status, an order message, an execution
 * or a trade print; client messages are not the feed) and then none for {@code stale-after-ns} of event time. Judged
 * only at a Timer, the engine's word that time passes while its inputs are silent, so a replay without Timers raises
 * what it raised before this rule existed. Each silence is reported once: at the first Timer that finds the
 * instrument silent that long, and not again until the instrument has an event.
 * <p>
 * Instruments are judged in instrument id order. Alert values: observed = the silence in ns (the Timer's time, or the
 * handler's later clock, less the last event's), limit = stale-after-ns, reference = the last event's time. Severity
 * WARNING; no accounts.
 */
public final class StaleFeedRule
{
    public static final int RULE_ID = 7;

    /** An instrument's last feed time before it has had one. */
    static final long NO_TIME = EventClock.NO_TIME;

    private long evaluated;
    private long fired;

    /**
     * Judge every instrument with a feed time at {@code now}.
     *
     * @return alerts raised.
     */
    int onTimer(
        final StaleFeedSettings settings,
        final IdOrder<InstrumentState> instruments,
        final long now,
        final AlertSink sink)
    {
        if (!settings.enabled())
        {
            return 0;
        }
        final long staleAfterNs = settings.staleAfterNs();
        int raised = 0;
        for (int i = 0, size = instruments.size(); i < size; i++)
        {
            final InstrumentState state = instruments.get(i);
            final long last = state.lastFeedTime;
            if (NO_TIME == last)
            {
                continue;
            }
            evaluated++;
            final long silence = now - last;
            if (silence >= staleAfterNs && !state.staleReported)
            {
                state.staleReported = true;
                fired++;
                raised++;
                sink.onAlert(RULE_ID, Severity.WARNING, AlertSink.NO_ACCOUNT, AlertSink.NO_ACCOUNT, state.instrumentId,
                    silence, staleAfterNs, last);
            }
        }
        return raised;
    }

    /** Instruments judged at Timers, one per instrument with market data per Timer. */
    public long evaluated()
    {
        return evaluated;
    }

    public long fired()
    {
        return fired;
    }

    void restoreCounts(final long evaluated, final long fired)
    {
        this.evaluated = evaluated;
        this.fired = fired;
    }
}
