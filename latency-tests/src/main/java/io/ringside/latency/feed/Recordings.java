package io.ringside.latency.feed;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recording.RecordingWriter;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Ringside recordings: files of SBE frames exactly as the engine's ingress carries them. {@link #convert} turns any
 * format the feed reads into one, once, so later replays skip parsing; {@link #record} captures what arrives on a
 * running engine's ingress stream.
 */
public final class Recordings
{
    private Recordings()
    {
    }

    /**
     * Read the context's files (merged, selected, looped as a feed would send them, envelopes stamped with source ids
     * and sequences) and write every frame to {@code out}.
     *
     * @return frames written.
     */
    public static long convert(final FeedContext ctx, final Path out, final PrintStream err)
    {
        final ReadErrorHandler onError = (kind, location, problem) ->
        {
            err.println("convert: " + kind + " at " + location + ": " + problem
                + (ctx.stopOnError() ? "; stopping" : "; skipped"));
            return !ctx.stopOnError();
        };
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final long maxEvents = ctx.maxEvents();
        long written = 0;
        try (ReplayMerge merge = Feed.merge(ctx.conclude(), onError); RecordingWriter writer = new RecordingWriter(out))
        {
            int length;
            while (written < maxEvents && (length = merge.next(frame, 0)) > 0)
            {
                writer.append(frame, 0, length);
                written++;
            }
        }
        return written;
    }

    /**
     * Subscribe to a running engine's ingress stream and write every well-formed frame that arrives to {@code out},
     * until {@code stop} says so. Frames the engine would refuse are counted, not written.
     *
     * @return {frames written, frames refused}.
     */
    public static long[] record(
        final String aeronDir,
        final String channel,
        final int streamId,
        final Path out,
        final BooleanSupplier stop)
    {
        final Aeron aeron;
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir).driverTimeoutMs(10_000));
        }
        catch (final DriverTimeoutException | IllegalStateException ex)
        {
            throw new IllegalStateException("--aeron-dir: no media driver at " + aeronDir + "; is the engine running? ("
                + ex.getMessage() + ")", ex);
        }
        final long[] counts = new long[2];
        try (RecordingWriter writer = new RecordingWriter(out))
        {
            final Subscription subscription = aeron.addSubscription(channel, streamId);
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                if (FrameCheck.checkInbound(buffer, offset, length) == FrameCheck.OK &&
                    length <= RecordedEventReader.MAX_FRAME_LENGTH)
                {
                    writer.append(buffer, offset, length);
                    counts[0]++;
                }
                else
                {
                    counts[1]++;
                }
            });
            final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
            while (!stop.getAsBoolean())
            {
                idle.idle(subscription.poll(assembler, 256));
            }
            while (subscription.poll(assembler, 256) > 0)
            {
                idle.reset(); // take what already arrived
            }
        }
        finally
        {
            CloseHelper.close(aeron);
        }
        return counts;
    }
}
