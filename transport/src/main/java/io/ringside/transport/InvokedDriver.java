package io.ringside.transport;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * An embedded media driver in Aeron's INVOKER mode, as an agent for the thread that runs it (beside its own work, in
 * a {@link org.agrona.concurrent.CompositeAgent}), and as the invoker the Aeron client runs while it waits for the
 * driver's reply. Those are different threads at times (the launching thread before the agent's starts; a handler
 * adding a counter on its first failure), and a driver's duty cycle must never run on two at once: a flag taken
 * without waiting decides, and a thread that finds it taken does nothing this cycle, as the other is running it.
 * The driver starts and closes its own duty cycle; this only runs it.
 * <p>
 * When every stream is IPC the driver is not on the data's path (publishers and subscribers share the log buffers),
 * only its housekeeping is (publication limits, liveness): then the agent runs it at most once per
 * {@code minIntervalNs}, because Aeron 1.51's driver allocates an iterator in each sender and receiver poll, 64 bytes
 * a duty cycle, and a busy ingress thread runs hundreds of thousands of cycles a second. An archive invoked on the
 * same thread runs it the same way ({@link #intervalInvoker()}), several times in each of its own duty cycles.
 */
public final class InvokedDriver implements Agent
{
    /** Publication limits and liveness a tenth of a millisecond late cost nothing: a term window is megabytes. */
    public static final long IPC_HOUSEKEEPING_INTERVAL_NS = 100_000;

    private final AgentInvoker driver;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AgentInvoker forClient;
    private final AgentInvoker forArchive;
    private final long minIntervalNs;
    private long lastRunNs;
    /** Written behind the flag only, and released with it. */
    private long dutyCycles;

    /**
     * @param driver        the driver's {@code sharedAgentInvoker()}, started by its launch.
     * @param minIntervalNs 0 to run it every time; more only when the driver carries no stream's data (IPC only).
     */
    public InvokedDriver(final AgentInvoker driver, final long minIntervalNs)
    {
        if (minIntervalNs < 0)
        {
            throw new IllegalArgumentException("minIntervalNs must be >= 0: " + minIntervalNs);
        }
        this.driver = driver;
        this.minIntervalNs = minIntervalNs;
        // The client's waits run it every time: they wait for its reply.
        this.forClient = new AgentInvoker(Throwable::printStackTrace, null, new Agent()
        {
            public int doWork()
            {
                return invoke();
            }

            public String roleName()
            {
                return InvokedDriver.this.roleName();
            }
        });
        forClient.start();
        this.forArchive = new AgentInvoker(Throwable::printStackTrace, null, this);
        forArchive.start();
    }

    public int doWork()
    {
        if (minIntervalNs > 0)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - lastRunNs < minIntervalNs)
            {
                return 0;
            }
            lastRunNs = nowNs;
        }
        return invoke();
    }

    private int invoke()
    {
        if (!running.compareAndSet(false, true))
        {
            return 0;
        }
        try
        {
            dutyCycles++; // one writer at a time: the flag's holder
            return driver.invoke(); // the driver's own error handler and counter see its failures
        }
        finally
        {
            running.setRelease(false);
        }
    }

    /**
     * How many times the driver's duty cycle has run, on any thread: what its own allocation (see above) is counted
     * by. Read on another thread than the last to run it, it may lag by a cycle or so.
     */
    public long dutyCycles()
    {
        return dutyCycles;
    }

    /**
     * The driver's duty cycle and then the client's conductor, for a thread that waits on something only they can
     * move on (a full ring whose consumer is back-pressured): the work done.
     */
    public int doWork(final AgentInvoker clientConductor)
    {
        return doWork() + clientConductor.invoke();
    }

    /**
     * For a thread that runs the driver and waits on what only it moves on (egress back-pressured on the ingress thread
     * that also runs the handlers): each idle runs {@code duty} (the driver, the client's conductor, and the archive
     * where the thread runs it), and idles as {@code idle} only when that had nothing to do.
     */
    public static IdleStrategy idleRunning(final IntSupplier duty, final IdleStrategy idle)
    {
        return new IdleStrategy()
        {
            public void idle(final int workCount)
            {
                if (workCount > 0)
                {
                    idle.reset();
                }
                else
                {
                    idle();
                }
            }

            public void idle()
            {
                if (0 == duty.getAsInt())
                {
                    idle.idle();
                }
            }

            public void reset()
            {
                idle.reset();
            }

            public String alias()
            {
                return "invoked-driver-" + idle.alias();
            }
        };
    }

    /** For {@code Aeron.Context.driverAgentInvoker}: the same duty cycle behind the same flag. */
    public AgentInvoker clientInvoker()
    {
        return forClient;
    }

    /**
     * For {@code Archive.Context.mediaDriverAgentInvoker}: this agent's own duty cycle, at most once per interval and
     * behind the same flag, since the archive runs it in each of its duty cycles (and its client in each wait).
     */
    public AgentInvoker intervalInvoker()
    {
        return forArchive;
    }

    public String roleName()
    {
        return "invoked-" + driver.agent().roleName();
    }
}
