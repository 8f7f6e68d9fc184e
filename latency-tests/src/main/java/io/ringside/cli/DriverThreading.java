package io.ringside.cli;

import io.aeron.driver.ThreadingMode;

/** The media driver threading modes Ringside runs with; INVOKER only where the engine or echo runs the driver. */
enum DriverThreading
{
    SHARED(ThreadingMode.SHARED),
    SHARED_NETWORK(ThreadingMode.SHARED_NETWORK),
    DEDICATED(ThreadingMode.DEDICATED),
    INVOKER(ThreadingMode.INVOKER);

    private final ThreadingMode mode;

    DriverThreading(final ThreadingMode mode)
    {
        this.mode = mode;
    }

    ThreadingMode mode()
    {
        return mode;
    }

    static DriverThreading of(final ThreadingMode mode)
    {
        return valueOf(mode.name());
    }
}
