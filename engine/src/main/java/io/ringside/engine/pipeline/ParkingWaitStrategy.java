package io.ringside.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spin briefly, then park until the producer publishes: on few cores a consumer with nothing to do gives its core back
 * at once, and is woken by the publish itself instead of by a timer ({@code parkNanos} sleeps a timer slack, about
 * 50 µs on Linux, whatever it is asked). Unlike Disruptor's {@code BlockingWaitStrategy} there is no lock: the producer
 * reads one flag per publish and calls {@link LockSupport#unpark} only when a consumer is parked.
 * <p>
 * Waiting for the cursor parks; waiting for another consumer (egress behind the handlers) spins and yields, because
 * only the producer signals. A consumer re-checks the cursor after saying it parks and the producer checks the flag
 * after publishing, each behind a full fence, so a wake-up cannot be lost; the park still has a bound, in case.
 */
public final class ParkingWaitStrategy implements WaitStrategy
{
    /** More consumers than the engine's three is a misuse, refused at the first wait. */
    static final int MAX_CONSUMERS = 8;
    static final long DEFAULT_MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    static final int YIELDS = 20;
    private static final VarHandle PARKED;

    static
    {
        try
        {
            PARKED = MethodHandles.lookup().findVarHandle(Waiter.class, "parked", boolean.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int spins;
    private final long maxParkNs;
    private final Waiter[] waiters = new Waiter[MAX_CONSUMERS];
    private volatile int waiterCount;
    private final ThreadLocal<Waiter> own = new ThreadLocal<>();

    /**
     * @param spins how many times a consumer re-reads the cursor before it parks: a burst's next event usually comes
     *              within them, at no wake-up cost.
     */
    public ParkingWaitStrategy(final int spins)
    {
        this(spins, DEFAULT_MAX_PARK_NS);
    }

    /** @param maxParkNs the bound on one park: a test sets it long enough that a lost wake-up would show. */
    ParkingWaitStrategy(final int spins, final long maxParkNs)
    {
        if (spins < 0 || maxParkNs < 1)
        {
            throw new IllegalArgumentException("spins must be >= 0 and maxParkNs >= 1: " + spins + ", " + maxParkNs);
        }
        this.spins = spins;
        this.maxParkNs = maxParkNs;
    }

    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        if (cursor.get() < sequence)
        {
            int counter = spins;
            int yields = YIELDS;
            Waiter waiter = null;
            while (cursor.get() < sequence)
            {
                barrier.checkAlert();
                if (counter > 0)
                {
                    --counter;
                    Thread.onSpinWait();
                }
                else if (yields > 0)
                {
                    // A few yields before parking: at a hundred thousand events a second the next one comes within
                    // them, and a yield costs nothing when no other thread wants the core.
                    --yields;
                    Thread.yield();
                }
                else
                {
                    if (null == waiter)
                    {
                        waiter = waiter();
                    }
                    PARKED.setVolatile(waiter, true);
                    if (cursor.get() < sequence)
                    {
                        LockSupport.parkNanos(this, maxParkNs);
                    }
                    PARKED.setVolatile(waiter, false);
                }
            }
        }

        long available;
        int yields = 100;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (yields > 0)
            {
                --yields;
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
        }
        return available;
    }

    public void signalAllWhenBlocking()
    {
        // The cursor was written with release semantics only: without this fence the read of a flag below could be
        // ordered before it, and miss a consumer that had just checked the old cursor.
        VarHandle.fullFence();
        final Waiter[] waiters = this.waiters;
        for (int i = 0, count = waiterCount; i < count; i++)
        {
            final Waiter waiter = waiters[i];
            if ((boolean)PARKED.getVolatile(waiter))
            {
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    // Once per consumer thread, at its first park: never on the producer's path.
    private Waiter waiter()
    {
        Waiter waiter = own.get();
        if (null == waiter)
        {
            synchronized (waiters)
            {
                final int count = waiterCount;
                if (count == waiters.length)
                {
                    throw new IllegalStateException("more than " + MAX_CONSUMERS + " consumers park on one ring");
                }
                waiter = new Waiter(Thread.currentThread());
                waiters[count] = waiter;
                waiterCount = count + 1; // published after the slot it counts
            }
            own.set(waiter);
        }
        return waiter;
    }

    private static final class Waiter
    {
        private final Thread thread;
        @SuppressWarnings("unused") // through PARKED
        private boolean parked;

        Waiter(final Thread thread)
        {
            this.thread = thread;
        }
    }
}
