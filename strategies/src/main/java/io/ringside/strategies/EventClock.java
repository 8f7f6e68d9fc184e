package io.ringside.strategies;

/**
 * A handler's clock and the time state its snapshot carries. The clock is the latest event time taken, a Timer's
 * included; an earlier event does not move it back. Time comes only from events, never the wall clock, so a replay
 * decides as the first run did.
 * <p>
 * The time state (the clock, each instrument's last event time) is worth a snapshot's bytes only once a Timer has been
 * taken: before one it has decided nothing, and a handler that never saw a Timer snapshots as it did before Timers
 * existed. A restore from such a snapshot leaves the instruments' last event times unknown: the handler assumes them
 * at the first event after, the nearest time known to the snapshot's ({@link #advance} says when).
 */
public final class EventClock
{
    /** The clock, and an instrument's last event time, before any event. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private long time = NO_TIME;
    // Whether a Timer has been taken: until then the time state is not worth a snapshot's bytes.
    private boolean timed;
    // Restored from a snapshot taken before any Timer, which did not carry the instruments' last event times.
    private boolean lastTimesUnknown;

    /** The latest event time taken, a Timer's included, or {@link #NO_TIME} before any. */
    public long time()
    {
        return time;
    }

    /**
     * Take an event's time.
     *
     * @return true at the first event after a restore from a snapshot without the instruments' last event times: the
     * handler then assumes them at {@code eventTime}. False otherwise.
     */
    public boolean advance(final long eventTime)
    {
        if (eventTime > time)
        {
            time = eventTime;
        }
        if (lastTimesUnknown)
        {
            lastTimesUnknown = false;
            return true;
        }
        return false;
    }

    /** A Timer has been taken (its time through {@link #advance}): from now the time state goes into snapshots. */
    public void onTimer()
    {
        timed = true;
    }

    /** Start of a new session: no clock, as if no event had been taken. Whether a Timer has been is kept. */
    public void clear()
    {
        time = NO_TIME;
    }

    /** Whether a Timer has been taken, so the time state goes into a snapshot. */
    public boolean isTimed()
    {
        return timed;
    }

    /** A time of the time state as a snapshot writes it: the time once a Timer has been taken, else the null value. */
    public long encoded(final long time, final long nullValue)
    {
        return timed ? time : nullValue;
    }

    /**
     * Take a snapshot's clock: with it, the time state is the snapshot's; without it (the null value, a snapshot
     * taken before any Timer) there is no clock and the instruments' last event times are unknown until the next
     * event.
     */
    public void restore(final long snapshotTime, final long nullValue)
    {
        timed = nullValue != snapshotTime;
        time = timed ? snapshotTime : NO_TIME;
        lastTimesUnknown = !timed;
    }

    /** An instrument's last event time as restored from a snapshot: its own once {@link #restore} found a clock. */
    public long restored(final long lastTime)
    {
        return timed ? lastTime : NO_TIME;
    }
}
