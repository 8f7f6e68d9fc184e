package io.ringside.codecs.recorded;

import java.nio.file.Path;

/**
 * A reader's refused records: each counted and told to its {@link ReadErrorHandler} with a location a user can find,
 * {@code file:line} in a text file or {@code file@byteOffset} in a binary one. Allocates only to report.
 */
public final class ReadErrors
{
    private final String fileName;
    private final ReadErrorHandler handler;
    private long count;

    public ReadErrors(final Path file, final ReadErrorHandler handler)
    {
        this.fileName = file.toString();
        this.handler = handler;
    }

    /**
     * A record refused at a line of a text file.
     *
     * @return true to skip it and go on, false when the handler says stop.
     */
    public boolean atLine(final String kind, final int line, final String problem)
    {
        count++;
        return handler.onError(kind, fileName + ":" + line, problem);
    }

    /**
     * A record refused at a byte offset of a binary file (or of its decompressed stream).
     *
     * @return true to skip it and go on, false when the handler says stop.
     */
    public boolean atByte(final String kind, final long offset, final String problem)
    {
        count++;
        return handler.onError(kind, fileName + "@" + offset, problem);
    }

    /** Records refused so far. */
    public long count()
    {
        return count;
    }

    /** None refused yet: for a reader that starts its file again. */
    public void reset()
    {
        count = 0;
    }
}
