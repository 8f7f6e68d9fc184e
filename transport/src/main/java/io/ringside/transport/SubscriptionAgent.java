package io.ringside.transport;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.Agent;

/**
 * Polls one subscription and hands each whole message to a handler: fragments of messages larger than the MTU are
 * reassembled first. Runs under an {@link org.agrona.concurrent.AgentRunner} with the caller's idle strategy.
 */
public final class SubscriptionAgent implements Agent
{
    private final String roleName;
    private final Subscription subscription;
    private final FragmentAssembler assembler;
    private final int fragmentLimit;
    private final Runnable dutyCycleHook;

    /**
     * @param dutyCycleHook run once per duty cycle, after polling (for gauges); may be null.
     */
    public SubscriptionAgent(
        final String roleName,
        final Subscription subscription,
        final FragmentHandler handler,
        final int fragmentLimit,
        final Runnable dutyCycleHook)
    {
        this.roleName = roleName;
        this.subscription = subscription;
        this.assembler = new FragmentAssembler(handler);
        this.fragmentLimit = fragmentLimit;
        this.dutyCycleHook = dutyCycleHook;
    }

    public int doWork()
    {
        final int fragments = subscription.poll(assembler, fragmentLimit);
        if (null != dutyCycleHook)
        {
            dutyCycleHook.run();
        }
        return fragments;
    }

    public String roleName()
    {
        return roleName;
    }
}
