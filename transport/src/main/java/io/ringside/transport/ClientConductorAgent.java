package io.ringside.transport;

import io.aeron.Aeron;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

/**
 * An Aeron client's conductor when the client has no thread of its own ({@code useConductorAgentInvoker}, which Aeron
 * requires where the client runs the driver's duty cycle too): run by the thread that runs the driver. The conductor
 * guards its own duty cycle against other threads of the client.
 */
public final class ClientConductorAgent implements Agent
{
    private final AgentInvoker conductor;

    public ClientConductorAgent(final Aeron aeron)
    {
        this.conductor = aeron.conductorAgentInvoker();
        if (null == conductor)
        {
            throw new IllegalArgumentException("the client runs its conductor on a thread of its own");
        }
    }

    public int doWork()
    {
        return conductor.invoke();
    }

    public String roleName()
    {
        return "invoked-" + conductor.agent().roleName();
    }
}
