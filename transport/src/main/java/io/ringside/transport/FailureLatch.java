package io.ringside.transport;

import io.aeron.exceptions.ClientTimeoutException;
import io.aeron.exceptions.ConductorServiceTimeoutException;
import io.aeron.exceptions.DriverTimeoutException;
import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first failure of the infrastructure under a process (its media driver gone, its archive no longer recording)
 * that must stop it: the reason is kept, printed once, and whoever waits is released, so the process stops in order,
 * writes what it counted and exits non-zero. Aeron's own client error handler exits the JVM from a thread of its own
 * instead, under threads still counting, before any summary.
 */
public final class FailureLatch
{
    private final String who;
    private final PrintStream err;
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final CountDownLatch failed = new CountDownLatch(1);
    private Runnable onFailure = () -> { };

    /**
     * @param who the process's name, at the start of each line it prints ({@code ringside engine}).
     * @param err where the reason goes.
     */
    public FailureLatch(final String who, final PrintStream err)
    {
        this.who = who;
        this.err = err;
    }

    /** Also run this once, on the thread that reports the failure (or now, if one already happened). */
    public synchronized void onFailure(final Runnable action)
    {
        onFailure = action;
        if (hasFailed())
        {
            action.run();
        }
    }

    /** Record the failure; only the first is kept and printed. */
    public void fail(final String why)
    {
        if (reason.compareAndSet(null, why))
        {
            err.println(who + ": " + why);
            err.flush();
            failed.countDown();
            synchronized (this)
            {
                onFailure.run();
            }
        }
    }

    public boolean hasFailed()
    {
        return null != reason.get();
    }

    /** Why it failed; null while it has not. */
    public String reason()
    {
        return reason.get();
    }

    /** @return true when it failed within the timeout. */
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return failed.await(timeout, unit);
    }

    /**
     * An Aeron client's error handler: a driver that stopped answering (or that timed this client out) is a failure,
     * after which the client closes itself; any other error is printed on one line and the client carries on.
     *
     * @param aeronDirectoryName the driver's directory, for the message.
     */
    public ErrorHandler aeronClientErrors(final String aeronDirectoryName)
    {
        return (throwable) ->
        {
            if (throwable instanceof DriverTimeoutException || throwable instanceof ConductorServiceTimeoutException)
            {
                fail("the media driver at " + aeronDirectoryName + " is gone (" + throwable.getMessage() + "); stopping");
            }
            else if (throwable instanceof ClientTimeoutException)
            {
                fail("the media driver at " + aeronDirectoryName + " timed this process out (" + throwable.getMessage()
                    + "): it was paused too long; stopping");
            }
            else if (!hasFailed()) // once the client has closed itself on a failure, its errors say nothing new
            {
                err.println(who + ": aeron: " + throwable);
            }
        };
    }
}
