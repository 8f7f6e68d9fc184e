package io.ringside.latency.feed;

/**
 * When each event is meant to be sent. Latency is measured from that intended time, not from when the event
 * actually went out, so a stall anywhere shows up in the tail instead of quietly slowing the load.
 */
public final class Pacing
{
    public enum Mode
    {
        /** The recorded inter-arrival times, divided by a speed factor. */
        RECORDED,
        /** A fixed number of events per second. */
        RATE,
        /** As fast as the publication takes them; intended time = actual time. */
        MAX
    }

    private final Mode mode;
    private final double speed;
    private final long ratePerSecond;
    private final long maxGapNs;

    private Pacing(final Mode mode, final double speed, final long ratePerSecond, final long maxGapNs)
    {
        this.mode = mode;
        this.speed = speed;
        this.ratePerSecond = ratePerSecond;
        this.maxGapNs = maxGapNs;
    }

    /**
     * @param speed    1.0 replays in real time, 60 a minute per second.
     * @param maxGapNs the longest recorded gap kept, after the speed factor (0: no cap); longer ones, such as a halt,
     *                 are cut to it.
     */
    public static Pacing recorded(final double speed, final long maxGapNs)
    {
        if (!(speed > 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("--speed must be a positive number: " + speed);
        }
        if (maxGapNs < 0)
        {
            throw new IllegalArgumentException("--max-gap must be >= 0: " + maxGapNs);
        }
        return new Pacing(Mode.RECORDED, speed, 0, maxGapNs);
    }

    public static Pacing rate(final long eventsPerSecond)
    {
        if (eventsPerSecond < 1 || eventsPerSecond > 1_000_000_000L)
        {
            throw new IllegalArgumentException("--rate must be from 1 to 1e9 events/s: " + eventsPerSecond);
        }
        return new Pacing(Mode.RATE, 0, eventsPerSecond, 0);
    }

    public static Pacing max()
    {
        return new Pacing(Mode.MAX, 0, 0, 0);
    }

    public Mode mode()
    {
        return mode;
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    public double speed()
    {
        return speed;
    }

    public String describe()
    {
        return switch (mode)
        {
            case RECORDED -> "as recorded, speed x" + speed + (maxGapNs > 0 ? ", gaps capped at " + maxGapNs + " ns" : "");
            case RATE -> "fixed rate, " + ratePerSecond + " events/s";
            case MAX -> "as fast as possible";
        };
    }

    /** Stateful scheduler for one replay; one per feed run. */
    public Schedule start(final long startNanos)
    {
        return new Schedule(startNanos);
    }

    public final class Schedule
    {
        private final long startNanos;
        private long index;
        private long previousEventTime = Long.MIN_VALUE;
        private long previousIntended;

        private Schedule(final long startNanos)
        {
            this.startNanos = startNanos;
            this.previousIntended = startNanos;
        }

        /**
         * @param eventTime the event's recorded time, ns.
         * @param now       the sender's clock now, used only in MAX mode.
         * @return the intended send time on the sender's clock.
         */
        public long intendedSendTime(final long eventTime, final long now)
        {
            final long intended;
            switch (mode)
            {
                case RATE ->
                    intended = startNanos + (index * 1_000_000_000L) / ratePerSecond;
                case RECORDED ->
                {
                    if (previousEventTime == Long.MIN_VALUE)
                    {
                        intended = startNanos;
                    }
                    else
                    {
                        long gap = (long)(Math.max(0, eventTime - previousEventTime) / speed);
                        if (maxGapNs > 0 && gap > maxGapNs)
                        {
                            gap = maxGapNs;
                        }
                        intended = previousIntended + gap;
                    }
                    previousEventTime = eventTime;
                }
                default -> intended = now;
            }
            index++;
            previousIntended = intended;
            return intended;
        }
    }
}
