package io.ringside.latency.feed;

import org.agrona.concurrent.NanoClock;

import java.util.concurrent.locks.LockSupport;

/**
 * The sending thread's wait for each event's send time, reading the engine's outputs meanwhile when the feed
 * listens: an output is read within microseconds of going onto its stream, whether outputs are dense or sparse, and
 * the feed is one busy thread on a small machine.
 */
final class SendWait
{
    private final NanoClock clock;
    private final EgressListener listener;

    /** @param listener null when the feed does not listen. */
    SendWait(final NanoClock clock, final EgressListener listener)
    {
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Wait for {@code intended}: yield close to it, park while far from it (when listening, at most the shortest park
     * the OS gives, so outputs are still read), so a feed shares a small machine.
     *
     * @return the time the wait ended.
     */
    long until(final long intended)
    {
        long now = clock.nanoTime();
        while (now < intended)
        {
            if (pollOutputs() == 0)
            {
                final long remaining = intended - now;
                if (remaining > 200_000)
                {
                    LockSupport.parkNanos(null != listener ? 1_000 : remaining - 100_000);
                }
                else
                {
                    Thread.yield();
                }
            }
            now = clock.nanoTime();
        }
        return now;
    }

    /** Outputs read, if any; the listener's failures reported as its own thread's would be, and sending goes on. */
    int pollOutputs()
    {
        if (null == listener)
        {
            return 0;
        }
        try
        {
            return listener.doWork();
        }
        catch (final RuntimeException ex)
        {
            ex.printStackTrace();
            return 1;
        }
    }
}
