package io.ringside.cli;

import java.util.logging.LogManager;

/**
 * java.util.logging as usual, except that the JVM's shutdown does not close its handlers: an engine stopped by SIGTERM
 * writes its last lines (the stop, its outcome) while the JVM is shutting down, and the standard LogManager's own
 * shutdown hook would have silenced them by then. The process's exit closes the streams anyway.
 */
public final class ShutdownLogManager extends LogManager
{
    private volatile boolean configured;

    public ShutdownLogManager()
    {
    }

    @Override
    public void readConfiguration() throws java.io.IOException
    {
        super.readConfiguration();
        configured = true;
    }

    @Override
    public void reset()
    {
        // The first reset is part of reading the configuration; later ones come from the shutdown hook.
        if (!configured)
        {
            super.reset();
        }
    }
}
