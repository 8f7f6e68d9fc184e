package io.ringside.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The media driver's directory is the driver's own: Aeron cleans what it finds there at start and deletes it at stop.
 * A symbolic link would hand that to wherever it points, so one is refused, naming where it points. What the driver,
 * the archive and the engine write (log buffers, recordings, snapshots) is the engine's alone: their directories are
 * made readable by their owner only, whatever the umask left on the files in them.
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

    /**
     * For a file Ringside itself creates that holds the engine's state (a snapshot): readable and writable by its
     * owner only, from the moment it exists; nothing on a file system without POSIX permissions.
     */
    public static FileAttribute<?>[] ownerOnlyFile(final Path directory)
    {
        return null != Files.getFileAttributeView(directory, PosixFileAttributeView.class) ?
            new FileAttribute<?>[]{ PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) } :
            new FileAttribute<?>[0];
    }

    /**
     * Make the directory, if it is not there, and leave it readable, writable and searchable by its owner only; on a
     * file system without POSIX permissions, nothing more than make it.
     */
    public static void ownerOnly(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final PosixFileAttributeView posix = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
            if (null != posix)
            {
                posix.setPermissions(PosixFilePermissions.fromString("rwx------"));
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot make " + directory + " private to its owner: " + ex, ex);
        }
    }
}
