package io.ringside.codecs.recorded;

import org.agrona.MutableDirectBuffer;

/**
 * Reads a recorded market-data file as a sequence of Ringside SBE frames.
 * <p>
 * Each call encodes the next event, header included, into the caller's buffer. The envelope's event time is set; its
 * sequence, source id and send times are left for the publisher to stamp at the moment it offers the frame. A record
 * that cannot be read is reported to the {@link ReadErrorHandler}, counted, and skipped: one bad line never ends a
 * replay unless the handler says so.
 */
public interface RecordedEventReader extends AutoCloseable
{
    /** Largest frame any reader writes; buffers passed to {@link #next} need this much room from the offset. */
    int MAX_FRAME_LENGTH = 256;

    /**
     * Encode the next event at {@code offset}.
     *
     * @return the frame's length, or 0 at the end of the file (or when the error handler asked to stop).
     */
    int next(MutableDirectBuffer buffer, int offset);

    /** Events read so far (frames returned). */
    long eventsRead();

    /** Records refused so far, all kinds. */
    long errors();

    /** Fraction of the input consumed, 0.0 to 1.0, for progress lines. */
    double progress();

    @Override
    void close();
}
