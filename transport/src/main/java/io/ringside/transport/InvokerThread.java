package io.ringside.transport;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.DynamicCompositeAgent;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread running agents that join it, and leave it, while it runs: an invoked driver and archive from their
 * launch on, and beside them whatever their launcher adds when it is ready (a durable engine's client conductor, then
 * its ingress). An archive in INVOKER mode must be run by one thread from its first duty cycle to its close, and its
 * launcher waits on it before the launcher's own agents exist: so the thread starts with the archive, and the rest
 * joins it. Agents run in the order they joined.
 */
public final class InvokerThread implements AutoCloseable
{
    /** A thread that does not take an agent in this long is stuck, or gone. */
    private static final long CHANGE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final DynamicCompositeAgent agents;
    private final AgentRunner runner;
    private volatile ErrorHandler errorHandler;

    /**
     * Start the thread, named {@code name}, with no agent yet.
     *
     * @param errorHandler where an agent's error goes, until {@link #errorHandler(ErrorHandler)} says otherwise.
     */
    public InvokerThread(final String name, final IdleStrategy idleStrategy, final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        agents = new DynamicCompositeAgent(name);
        runner = new AgentRunner(idleStrategy, (throwable) -> this.errorHandler.onError(throwable), null, agents);
        AgentRunner.startOnThread(runner);
    }

    /**
     * Add an agent after those the thread runs: returns once the thread has run its {@code onStart}.
     *
     * @throws IllegalStateException when the thread has stopped, or does not take it within 10 s.
     */
    public void add(final Agent agent)
    {
        final long deadline = System.nanoTime() + CHANGE_TIMEOUT_NS;
        while (DynamicCompositeAgent.Status.ACTIVE != agents.status()) // until the thread has started
        {
            awaitChange(deadline, "add", agent);
        }
        while (!agents.tryAdd(agent))
        {
            awaitChange(deadline, "add", agent);
        }
        while (!agents.hasAddAgentCompleted())
        {
            awaitChange(deadline, "add", agent);
        }
    }

    /**
     * Take an agent out of the thread's duty cycle: returns once the thread has run its {@code onClose}.
     *
     * @throws IllegalStateException when the thread has stopped, or does not let it go within 10 s.
     */
    public void remove(final Agent agent)
    {
        final long deadline = System.nanoTime() + CHANGE_TIMEOUT_NS;
        while (!agents.tryRemove(agent))
        {
            awaitChange(deadline, "remove", agent);
        }
        while (!agents.hasRemoveAgentCompleted())
        {
            awaitChange(deadline, "remove", agent);
        }
    }

    private void awaitChange(final long deadline, final String change, final Agent agent)
    {
        if (runner.isClosed() || DynamicCompositeAgent.Status.CLOSED == agents.status() ||
            System.nanoTime() > deadline)
        {
            throw new IllegalStateException(agents.roleName() + ": cannot " + change + " " + agent.roleName() + ": "
                + (runner.isClosed() ? "the thread has stopped" : "the thread did not take it in 10 s"));
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }

    /** Where an agent's error goes from now on. */
    public void errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
    }

    /** Whether the thread has stopped: closed, or ended by an agent that terminated it. */
    public boolean isClosed()
    {
        return runner.isClosed();
    }

    /** Stop the thread; every agent still in it is closed on it. */
    public void close()
    {
        CloseHelper.close(runner);
    }
}
