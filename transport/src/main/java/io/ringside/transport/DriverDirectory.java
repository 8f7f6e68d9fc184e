package io.ringside.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The media driver's directory is the driver's own: Aeron cleans what it finds there at start and deletes it at stop.
 * A symbolic link would hand that to wherever it points, so one is refused, naming where it points.
 */
public final class DriverDirectory
{
    private DriverDirectory()
    {
    }

    /** @throws IllegalArgumentException when {@code aeronDirectoryName} is a symbolic link. */
    public static void checkNotLink(final String aeronDirectoryName)
    {
        final Path path = Path.of(aeronDirectoryName);
        if (Files.isSymbolicLink(path))
        {
            String target;
            try
            {
                target = Files.readSymbolicLink(path).toString();
            }
            catch (final IOException ex)
            {
                target = "unreadable: " + ex.getMessage();
            }
            throw new IllegalArgumentException("aeron-dir: " + path + " is a symbolic link (to " + target + "); the " +
                "driver deletes what its directory holds at start and the directory at stop: give a real directory");
        }
    }
}
