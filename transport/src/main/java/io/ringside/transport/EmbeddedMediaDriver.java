package io.ringside.transport;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;

/**
 * Launches the media driver inside the engine's process, so one command runs everything on a laptop. Production runs
 * its own driver (Aeron's MediaDriver main, or {@code aeronmd}) and points the engine at its directory instead.
 */
public final class EmbeddedMediaDriver
{
    private EmbeddedMediaDriver()
    {
    }

    /**
     * @param aeronDirectory  where the driver's CnC file, counters and logs live.
     * @param threadingMode   SHARED (one thread, the default on small machines), DEDICATED or INVOKER.
     * @param idleStrategy    the driver threads' idle strategy.
     * @param termBufferLength publication term length (power of two, 64 KiB to 1 GiB).
     */
    public static MediaDriver launch(
        final String aeronDirectory,
        final ThreadingMode threadingMode,
        final IdleStrategy idleStrategy,
        final int termBufferLength)
    {
        DriverDirectory.checkNotLink(aeronDirectory);
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectory)
            .threadingMode(threadingMode)
            .dirDeleteOnStart(false) // false: Aeron refuses a directory an active driver owns, and cleans a stale one
            .dirDeleteOnShutdown(true)
            .publicationTermBufferLength(termBufferLength)
            .ipcTermBufferLength(termBufferLength)
            .spiesSimulateConnection(false);

        switch (threadingMode)
        {
            case SHARED -> context.sharedIdleStrategy(idleStrategy);
            case SHARED_NETWORK ->
            {
                context.sharedNetworkIdleStrategy(idleStrategy);
                context.conductorIdleStrategy(idleStrategy);
            }
            case DEDICATED ->
            {
                context.conductorIdleStrategy(idleStrategy);
                context.senderIdleStrategy(idleStrategy);
                context.receiverIdleStrategy(idleStrategy);
            }
            default ->
            {
                // INVOKER: the caller's own agent runs the driver's duty cycle; no idle strategy of its own.
            }
        }
        final MediaDriver driver = MediaDriver.launch(context);
        DriverDirectory.ownerOnly(Path.of(aeronDirectory)); // after the launch: Aeron recreates a stale directory
        return driver;
    }
}
