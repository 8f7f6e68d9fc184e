package io.ringside.engine.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * The Disruptor wait strategies the handlers may use. None of them takes a lock: BlockingWaitStrategy is left out
 * on purpose, because its publisher signals under a lock on the hot path; {@link ParkingWaitStrategy} parks without one.
 */
public final class WaitStrategies
{
    public static final String SLEEPING = "sleeping";
    public static final String YIELDING = "yielding";
    public static final String BUSY_SPIN = "busy-spin";
    public static final String PARKING = "parking";
    /** About a microsecond of spinning before a consumer parks: the next event of a burst is usually that close. */
    static final int PARKING_SPINS = 100;

    private WaitStrategies()
    {
    }

    public static WaitStrategy of(final String setting, final String name)
    {
        return switch (name)
        {
            // Spin 200, yield 100, then park 100 ns at a time: near-idle CPU when quiet, no lock.
            case SLEEPING -> new SleepingWaitStrategy(200, 100);
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
            case PARKING -> new ParkingWaitStrategy(PARKING_SPINS);
            default -> throw new IllegalArgumentException(
                setting + ": unknown wait strategy '" + name + "'; expected parking, sleeping, yielding or busy-spin");
        };
    }
}
