package io.ringside.transport;

import io.aeron.archive.client.ArchiveException;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentTerminationException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The archive's error handler. An error after which the archive no longer records (no storage space, a write that
 * failed, its thread dead) is a failure of the log: the process is told and stops, rather than run on while
 * nothing it is sent is kept. Any other error (a client's bad request, say) is printed on one line; the archive
 * counts every error itself.
 */
final class ArchiveErrors implements ErrorHandler
{
    /** Where the archive records: an exception thrown from these has aborted a recording. */
    private static final Set<String> RECORDING_PATH =
        Set.of("io.aeron.archive.RecordingSession", "io.aeron.archive.RecordingWriter");

    private final String archiveDirectoryName;
    private final long lowStorageSpaceThreshold;
    private final FailureLatch failures;

    ArchiveErrors(final String archiveDirectoryName, final long lowStorageSpaceThreshold, final FailureLatch failures)
    {
        this.archiveDirectoryName = archiveDirectoryName;
        this.lowStorageSpaceThreshold = lowStorageSpaceThreshold;
        this.failures = failures;
    }

    public void onError(final Throwable throwable)
    {
        if (isStorageSpace(throwable))
        {
            failures.fail("the archive at " + archiveDirectoryName + " is out of storage space ("
                + new File(archiveDirectoryName).getUsableSpace() + " bytes free, low-storage-threshold "
                + lowStorageSpaceThreshold + "): " + throwable.getMessage() + "; the log stopped growing; stopping");
        }
        else if (stopsRecording(throwable))
        {
            failures.fail("the archive at " + archiveDirectoryName + " stopped recording: " + throwable
                + "; the log stopped growing; stopping");
        }
        else
        {
            System.err.println("ringside archive: " + throwable);
        }
    }

    private static boolean isStorageSpace(final Throwable throwable)
    {
        return throwable instanceof ArchiveException &&
            ArchiveException.STORAGE_SPACE == ((ArchiveException)throwable).errorCode();
    }

    /**
     * A write to the archive directory that failed, an error on a recording's own path (the recording is aborted) or
     * the archive's thread ending: no more is recorded. Errors of replays and control requests are not: the archive
     * answers them to the client that asked.
     */
    private static boolean stopsRecording(final Throwable throwable)
    {
        if (throwable instanceof Error || throwable instanceof AgentTerminationException)
        {
            return true;
        }
        for (Throwable cause = throwable; null != cause; cause = cause.getCause())
        {
            if (cause instanceof IOException || cause instanceof UncheckedIOException)
            {
                return true;
            }
            for (final StackTraceElement frame : cause.getStackTrace())
            {
                if (RECORDING_PATH.contains(frame.getClassName()))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
