package io.ringside.transport;

import io.aeron.ReservedValueSupplier;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * The publisher's clock in each frame's reserved value (Aeron's data header field for the application): a listener
 * on the same host reads when the frame went onto the stream, and so tells the publisher's part of a latency from
 * the delivery's (its own polling) without a field in any message. {@code System.nanoTime()}, the monotonic clock
 * every Ringside process on a host stamps with.
 */
public final class PublishTime implements ReservedValueSupplier
{
    /** Stateless: one for every publication. */
    public static final PublishTime STAMP = new PublishTime();

    /** What a frame carries when its publisher did not stamp it (Aeron's default reserved value). */
    public static final long NOT_STAMPED = 0;

    private PublishTime()
    {
    }

    public long get(final DirectBuffer termBuffer, final int termOffset, final int frameLength)
    {
        return System.nanoTime();
    }

    /** When the frame went onto its stream, or {@link #NOT_STAMPED}. */
    public static long of(final Header header)
    {
        return header.reservedValue();
    }
}
