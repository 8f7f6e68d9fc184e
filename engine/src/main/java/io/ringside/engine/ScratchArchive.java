package io.ringside.engine;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The archive directory of an engine given none: made fresh and private (rwx------, a name no one can guess or
 * claim first), tagged with the engine's pid. The engine deletes it as it stops; one killed cannot, so each new
 * one deletes those of processes no longer alive.
 */
final class ScratchArchive
{
    static final String PREFIX = "ringside-archive-";

    private ScratchArchive()
    {
    }

    /** @return a new private directory under {@code parent}; those of dead engines there are deleted first. */
    static String create(final Path parent)
    {
        deleteDead(parent);
        try
        {
            final String prefix = PREFIX + ProcessHandle.current().pid() + "-";
            final Path directory = FileSystems.getDefault().supportedFileAttributeViews().contains("posix") ?
                Files.createTempDirectory(parent, prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))) :
                Files.createTempDirectory(parent, prefix);
            // Removed at exit if no archive ever used it (a context concluded, never launched); else the driver does.
            directory.toFile().deleteOnExit();
            return directory.toString();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("archive-dir: cannot make a scratch directory in " + parent + " (give "
                + "--archive-dir): " + ex.getMessage(), ex);
        }
    }

    /** Delete the scratch archives under {@code parent} whose engine is no longer alive; returns how many. */
    static int deleteDead(final Path parent)
    {
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                final Optional<Long> pid = pid(entry.getFileName().toString());
                if (pid.isPresent() && ProcessHandle.of(pid.get()).isEmpty() && Files.isDirectory(entry) &&
                    !Files.isSymbolicLink(entry) && isOurs(entry))
                {
                    deleteTree(entry);
                    deleted++;
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Housekeeping only: a directory that cannot be read or deleted is left, and this engine starts anyway.
            System.err.println("ringside engine: could not clean dead scratch archives in " + parent + ": " + ex);
        }
        return deleted;
    }

    /** The pid in {@code ringside-archive-PID-RANDOM}, if the name is one. */
    static Optional<Long> pid(final String name)
    {
        if (!name.startsWith(PREFIX))
        {
            return Optional.empty();
        }
        final int end = name.indexOf('-', PREFIX.length());
        if (end <= PREFIX.length())
        {
            return Optional.empty();
        }
        try
        {
            return Optional.of(Long.parseLong(name.substring(PREFIX.length(), end)));
        }
        catch (final NumberFormatException ex)
        {
            return Optional.empty();
        }
    }

    /** Only this user's: another user's scratch (in a shared temporary directory) is theirs to delete. */
    private static boolean isOurs(final Path directory) throws IOException
    {
        return Files.getOwner(directory).getName().equals(System.getProperty("user.name"));
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
