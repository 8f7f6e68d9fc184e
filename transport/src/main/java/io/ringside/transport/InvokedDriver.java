package io.ringside.transport;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An embedded media driver in Aeron's INVOKER mode, as an agent for the thread that runs it (beside its own work, in
 * a {@link org.agrona.concurrent.CompositeAgent}), and as the invoker the Aeron client runs while it waits for the
 * driver's reply. Those are different threads at times (the launching thread before the agent's starts; a handler
 * adding a counter on its first failure), and a driver's duty cycle must never run on two at once: a flag taken
 * without waiting decides, and a thread that finds it taken does nothing this cycle, as the other is running it.
 * The driver starts and closes its own duty cycle; this only runs it.
 */
public final class InvokedDriver implements Agent
{
    private final AgentInvoker driver;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AgentInvoker forClient;

    /**
     * @param driver the driver's {@code sharedAgentInvoker()}, started by its launch.
     */
    public InvokedDriver(final AgentInvoker driver)
    {
        this.driver = driver;
        this.forClient = new AgentInvoker(Throwable::printStackTrace, null, this);
        forClient.start();
    }

    public int doWork()
    {
        if (!running.compareAndSet(false, true))
        {
            return 0;
        }
        try
        {
            return driver.invoke(); // the driver's own error handler and counter see its failures
        }
        finally
        {
            running.setRelease(false);
        }
    }

    /** For {@code Aeron.Context.driverAgentInvoker}: the same duty cycle behind the same flag. */
    public AgentInvoker clientInvoker()
    {
        return forClient;
    }

    public String roleName()
    {
        return "invoked-" + driver.agent().roleName();
    }
}
