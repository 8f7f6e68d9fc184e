package io.ringside.latency.jmh;

import io.ringside.codecs.itch.ItchReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Times whole passes of {@link ItchReader} over a plain ITCH 5.0 file, the way a C++ parser run on the same bytes
 * times itself: after warm-up passes (the JIT's, as a native binary needs none), one timed pass reads every message
 * of the file {@code repeats} times end to end, each message framed, length- and time-checked and encoded into one
 * reused buffer. Prints one line, {@code ringside messages=N seconds=S msgs_per_s=R bytes_per_msg=B}, B the bytes
 * this thread allocated during the timed pass per message (0 when the hot path allocates nothing).
 * <p>
 * The file is read {@code repeats} times by rewinding the reader, not as one file of the hour concatenated: the
 * reader refuses a timestamp before the previous message's (time_backwards), and every copy after the first starts
 * back at the hour's first timestamp.
 * <p>
 * Usage: {@code java -cp ringside.jar io.ringside.latency.jmh.ItchFullPass FILE [REPEATS [WARMUP_PASSES]]}.
 */
public final class ItchFullPass
{
    /** The frames' lengths and event times, summed so that no read is dead code. */
    private static long checksum;

    private ItchFullPass()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length < 1 || args.length > 3)
        {
            System.err.println("usage: ItchFullPass FILE [REPEATS [WARMUP_PASSES]]   (a plain, not gzip, ITCH 5.0 file " +
                "with its trading date in its name)");
            System.exit(2);
        }
        final Path file = Path.of(args[0]);
        final int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        final int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);

        try (ItchReader reader = new ItchReader(file, null, (kind, where, problem) ->
        {
            throw new IllegalStateException(kind + " at " + where + ": " + problem);
        }))
        {
            for (int i = 0; i < warmups; i++)
            {
                pass(reader, buffer, repeats);
            }

            final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            final long start = System.nanoTime();
            final long messages = pass(reader, buffer, repeats);
            final long elapsed = System.nanoTime() - start;
            final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

            final double seconds = elapsed / 1e9;
            System.out.printf("ringside messages=%d seconds=%.4f msgs_per_s=%.0f bytes_per_msg=%.4f checksum=%d%n",
                messages, seconds, messages / seconds, (double)allocated / messages, checksum);
        }
    }

    /**
     * The file read {@code repeats} times.
     *
     * @return the messages read, all types, as a C++ parser counts them.
     */
    private static long pass(final ItchReader reader, final UnsafeBuffer buffer, final int repeats)
    {
        long sum = 0;
        long messages = 0;
        for (int r = 0; r < repeats; r++)
        {
            reader.rewind();
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                sum += length + buffer.getLong(16); // the frame length and the envelope's eventTime
            }
            messages += reader.messagesRead();
            if (reader.errors() != 0)
            {
                throw new IllegalStateException(reader.errors() + " messages refused");
            }
        }
        checksum += sum;
        return messages;
    }
}
