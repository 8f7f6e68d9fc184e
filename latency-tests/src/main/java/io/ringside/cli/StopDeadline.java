package io.ringside.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A bound on how long a process may take to stop once asked. A signal's shutdown waits for the stop to finish, so a
 * stop stuck on failed infrastructure (an archive whose thread died, a driver gone) would leave the process up for
 * ever: past the deadline, what the stopping thread was doing goes on stderr and the JVM halts with status 1.
 */
final class StopDeadline implements AutoCloseable
{
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopDeadline(final String who, final long timeoutMs, final PrintStream err)
    {
        final Thread stopping = Thread.currentThread();
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                if (!stopped.await(timeoutMs, TimeUnit.MILLISECONDS))
                {
                    err.println(who + ": did not stop within " + timeoutMs + " ms (stuck at "
                        + where(stopping) + "); exiting without finishing");
                    err.flush();
                    Runtime.getRuntime().halt(Ringside.EXIT_FAILED);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "ringside-stop-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** From now, the calling thread has {@code timeoutMs} to stop the process and {@link #close()} this. */
    static StopDeadline start(final String who, final long timeoutMs, final PrintStream err)
    {
        return new StopDeadline(who, timeoutMs, err);
    }

    /** The innermost frame of the stopping thread that is not the JDK's own: what it waits on. */
    private static String where(final Thread thread)
    {
        final StackTraceElement[] stack = thread.getStackTrace();
        for (final StackTraceElement frame : stack)
        {
            final String name = frame.getClassName();
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun."))
            {
                return frame.toString();
            }
        }
        return stack.length > 0 ? stack[0].toString() : "an unknown place";
    }

    public void close()
    {
        stopped.countDown();
    }
}
