package io.ringside.transport;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Agrona idle strategies by the names users give on the command line.
 * <p>
 * {@code backoff} spins, then yields, then parks up to 1 ms: the default, right when threads share cores.
 * {@code busy-spin} never gives the core back: only for threads pinned to isolated cores.
 */
public final class IdleStrategies
{
    public static final String BACKOFF = "backoff";
    public static final String BUSY_SPIN = "busy-spin";
    public static final String YIELDING = "yielding";
    public static final String SLEEPING = "sleeping";
    public static final String NO_OP = "noop";

    private IdleStrategies()
    {
    }

    /**
     * @param setting the configuration setting the name came from, named in the error.
     * @param name    one of backoff, busy-spin, yielding, sleeping, noop.
     */
    public static IdleStrategy of(final String setting, final String name)
    {
        return switch (name)
        {
            case BACKOFF -> new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELDING -> new YieldingIdleStrategy();
            case SLEEPING -> new SleepingMillisIdleStrategy(1);
            case NO_OP -> NoOpIdleStrategy.INSTANCE;
            default -> throw new IllegalArgumentException(
                setting + ": unknown idle strategy '" + name + "'; expected one of backoff, busy-spin, yielding, sleeping, noop");
        };
    }

    /** True for strategies that never give the core back. */
    public static boolean spins(final String name)
    {
        return BUSY_SPIN.equals(name) || NO_OP.equals(name);
    }
}
