package io.ringside.cli;

import io.ringside.engine.StreamSettings;
import io.ringside.latency.deadletters.DeadLetter;
import io.ringside.latency.deadletters.DeadLetterArchive;
import io.ringside.latency.deadletters.DeadLetterFilter;
import io.ringside.latency.deadletters.DeadLetterFormat;
import io.ringside.latency.deadletters.DeadLetterRecording;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** {@code ringside dead-letters}: what the engine refused or failed on, from its archive, and a way to send it again. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
    description = "List what the engine refused or failed on (its dead letters), as its archive recorded them: "
        + "reason, stage, source, sequence, event time, template, publisher, detail and the message's fields. "
        + "With --write, the chosen ones become a recording `ringside feed` sends again once the cause is fixed. "
        + "Needs the engine's archive (an engine with its archive, or `ringside driver`) on --aeron-dir.")
final class DeadLettersCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeron;

    @Option(names = "--egress-channel", paramLabel = "CHANNEL", defaultValue = StreamSettings.DEFAULT_CHANNEL,
        description = "Aeron channel the engine publishes its dead letters on. Default: ${DEFAULT-VALUE}.")
    String channel;

    @Option(names = "--dead-letter-stream", paramLabel = "ID",
        defaultValue = "" + StreamSettings.DEFAULT_DEAD_LETTER_STREAM_ID,
        description = "Stream id of the dead letters. Default: ${DEFAULT-VALUE}.")
    int streamId;

    @Option(names = "--reason", paramLabel = "NAME", description = "Only this reason: a refusal's name as the "
        + "rejected.NAME counters have it (duplicate, time_skew, bad_price...), or handler_failure.")
    String reason;

    @Option(names = "--source-id", paramLabel = "ID", description = "Only letters of this source id (the "
        + "envelope's; 0 for a message too damaged to have one).")
    Integer source;

    @Option(names = "--stage", paramLabel = "STAGE",
        description = "Only letters of this stage: ingress, surveillance, strategy or egress (or 0 to 3).")
    String stage;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text (a line each) or json (a JSON object each line). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--follow", description = "After what is recorded, keep listing letters as they are recorded, "
        + "until SIGINT or SIGTERM.")
    boolean follow;

    @Option(names = "--write", paramLabel = "FILE", description = "Also write the chosen letters' messages to this "
        + "Ringside recording, for `ringside feed FILE`; needs --as-source. Messages the engine could not read "
        + "(refused by its frame checks) are left out and counted.")
    Path write;

    @Option(names = "--as-source", paramLabel = "ID", description = "With --write: the source id the messages are "
        + "sent as, with sequences 1, 2, 3... in the order listed; one the engine has not taken events from.")
    Integer asSource;

    public Integer call() throws InterruptedException
    {
        if (!"text".equals(format) && !"json".equals(format))
        {
            throw new IllegalArgumentException("--format: '" + format + "' is not text or json");
        }
        if ((null == write) != (null == asSource))
        {
            throw new IllegalArgumentException("--write and --as-source go together: the messages are sent again as "
                + "one source, with sequences from 1");
        }
        if (null != write && follow)
        {
            throw new IllegalArgumentException("--write: not with --follow; a recording to send again is of letters "
                + "already recorded");
        }
        final DeadLetterFilter filter = new DeadLetterFilter(reason, source, stage);
        if (follow)
        {
            follow(filter);
        }
        else
        {
            list(filter, () -> true);
        }
        return Ringside.EXIT_OK;
    }

    /** List what is recorded and, until {@code stop}, what is recorded after; then say how many. */
    private void list(final DeadLetterFilter filter, final BooleanSupplier stop)
    {
        final DeadLetterFormat lines = new DeadLetterFormat("json".equals(format));
        final long[] counts = new long[2];
        try (DeadLetterArchive archive = new DeadLetterArchive(aeron.aeronDir, channel, streamId);
            DeadLetterRecording recording = null == write ? null : new DeadLetterRecording(write, asSource))
        {
            final Consumer<DeadLetter> onLetter = (letter) ->
            {
                counts[0]++;
                if (filter.test(letter))
                {
                    counts[1]++;
                    System.out.println(lines.line(letter));
                    if (null != recording)
                    {
                        recording.add(letter);
                    }
                }
            };
            archive.follow(onLetter, stop);
            System.out.flush();
            if (0 == archive.recordings())
            {
                System.err.println("dead-letters: the archive has no recording of " + channel + " stream " + streamId
                    + ": no dead letters (or the engine runs without its archive)");
            }
            System.err.println("dead-letters: listed " + counts[1] + " of " + counts[0]);
            if (null != recording)
            {
                recording.close();
                System.err.println("dead-letters: " + recording.summary());
            }
        }
    }

    private void follow(final DeadLetterFilter filter) throws InterruptedException
    {
        final AtomicBoolean stop = new AtomicBoolean();
        final RuntimeException[] failure = new RuntimeException[1];
        // Everything, the closing count included, happens inside the barrier: on a signal the JVM exits as soon as
        // the barrier closes.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final Thread reader = new Thread(() ->
            {
                try
                {
                    list(filter, stop::get);
                }
                catch (final RuntimeException ex)
                {
                    failure[0] = ex;
                }
                finally
                {
                    barrier.signal();
                }
            }, "ringside-dead-letters");
            reader.start();
            System.err.println("dead-letters: following " + channel + " stream " + streamId
                + "; SIGINT or SIGTERM stops it");
            barrier.await();
            stop.set(true);
            reader.join();
            if (null != failure[0])
            {
                throw failure[0];
            }
        }
    }
}
