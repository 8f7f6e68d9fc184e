package io.ringside.cli;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import io.ringside.codecs.FrameText;
import io.ringside.engine.StreamSettings;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.BoundedReplay;
import io.ringside.transport.RecordingLog;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside tail}: one of the engine's output streams, decoded as it is published. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {
        "Print an engine's output stream one line per message as it is published: alerts, orders, dead-letters "
            + "(what the engine refused or failed on) or acks (control acknowledgements). With --from-start, what "
            + "the archive recorded of the stream comes first (acks are not recorded).",
        "The subscription is untethered: a tail that cannot keep up skips ahead and never holds the engine back. "
            + "On a UDP egress channel it spies on the engine's publication in the engine's own media driver.",
        "Runs until SIGINT or SIGTERM, or --count messages. Exit status: 0; 1 no driver, or no archive for "
            + "--from-start; 2 bad usage."
    })
final class TailCommand implements Callable<Integer>
{
    /** Where the archive replays into this process; the session id keeps concurrent tails apart. */
    static final int REPLAY_STREAM_ID = 1103;
    private static final long JOIN_WAIT_MS = 1_000;

    enum Output
    {
        ALERTS("alerts", StreamSettings.DEFAULT_ALERT_STREAM_ID),
        ORDERS("orders", StreamSettings.DEFAULT_ORDER_STREAM_ID),
        DEAD_LETTERS("dead-letters", StreamSettings.DEFAULT_DEAD_LETTER_STREAM_ID),
        ACKS("acks", StreamSettings.DEFAULT_CONTROL_RESPONSE_STREAM_ID);

        final String label;
        final int streamId;

        Output(final String label, final int streamId)
        {
            this.label = label;
            this.streamId = streamId;
        }

        static Output of(final String label)
        {
            for (final Output output : values())
            {
                if (output.label.equals(label))
                {
                    return output;
                }
            }
            throw new IllegalArgumentException("OUTPUT: " + label + " is not one of alerts, orders, dead-letters, acks");
        }
    }

    @Mixin
    AeronDirOption aeron;

    @Parameters(paramLabel = "OUTPUT", description = "alerts, orders, dead-letters or acks.")
    String output;

    @Option(names = "--egress-channel", paramLabel = "CHANNEL", defaultValue = StreamSettings.DEFAULT_CHANNEL,
        description = "Aeron channel of the engine's outputs. Default: ${DEFAULT-VALUE}.")
    String channel;

    @Option(names = "--stream", paramLabel = "ID",
        description = "Stream id, when the engine does not use the default of OUTPUT (alerts 1002, orders 1003, "
            + "dead-letters 1005, acks 1007).")
    Integer streamId;

    @Option(names = "--from-start", description = "First the archive's recordings of the stream, oldest first.")
    boolean fromStart;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
        description = "Exit after N messages; 0: run until stopped. Default: ${DEFAULT-VALUE}.")
    long count;

    @Mixin
    LineFormatOption format;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private FrameText text;
    private long printed;
    /** Per publication session, the position the replay covered: the live stream repeats nothing below it. */
    private final Int2ObjectHashMap<Long> replayedTo = new Int2ObjectHashMap<>();

    public Integer call()
    {
        final Output target = Output.of(output);
        final int stream = null != streamId ? streamId : target.streamId;
        if (count < 0)
        {
            throw new IllegalArgumentException("--count: must be >= 0: " + count);
        }
        text = format.frameText();
        out = spec.commandLine().getOut();
        try (Aeron client = connect(aeron.aeronDir);
            Subscription live = client.addSubscription(liveChannel(channel), stream))
        {
            if (fromStart)
            {
                awaitImages(live);
                replayRecorded(client, live, target, stream);
            }
            final FragmentAssembler assembler = new FragmentAssembler(this::onLive);
            final IdleStrategy idle = new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(1));
            while (!done())
            {
                final int fragments = live.poll(assembler, 64);
                if (fragments > 0)
                {
                    out.flush();
                }
                idle.idle(fragments);
            }
            out.flush();
            return Ringside.EXIT_OK;
        }
    }

    private boolean done()
    {
        return (count > 0 && printed >= count) || (printed > 0 && out.checkError());
    }

    private void onLive(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final Long covered = replayedTo.get(header.sessionId());
        if (null != covered && header.position() <= covered)
        {
            return;
        }
        print(buffer, offset, length);
    }

    private void print(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!done())
        {
            out.println(text.begin().frame(buffer, offset, length).end());
            printed++;
        }
    }

    private void replayRecorded(final Aeron client, final Subscription live, final Output target, final int stream)
    {
        final AeronArchive archive;
        try
        {
            archive = AeronArchive.connect(ArchivingDriver.clientContext(aeron.aeronDir).aeron(client)
                .ownsAeronClient(false).messageTimeoutNs(TimeUnit.SECONDS.toNanos(5)));
        }
        catch (final AeronException ex)
        {
            throw new IllegalStateException("--from-start: no archive answered at " + aeron.aeronDir + " (an engine "
                + "with --archive, or `ringside driver`, runs one): " + ex.getMessage(), ex);
        }
        try (archive)
        {
            final List<RecordingLog.Recording> recordings = RecordingLog.list(archive, channel, stream, 0);
            if (recordings.isEmpty())
            {
                System.err.println("ringside tail: the archive has no recording of " + target.label + " (" + channel
                    + " stream " + stream + ")" + (Output.ACKS == target ? ": acks are not recorded" : "")
                    + "; from now on only");
            }
            for (final RecordingLog.Recording recording : recordings)
            {
                long to = RecordingLog.recordedPosition(archive, recording);
                final Image image = live.imageBySessionId(recording.sessionId());
                if (recording.isActive() && null != image)
                {
                    // The archive may not yet have what the live image starts at: replay up to where it joined.
                    to = Math.max(to, image.joinPosition());
                }
                BoundedReplay.replay(archive, recording.recordingId(), recording.startPosition(), to, "aeron:ipc",
                    REPLAY_STREAM_ID, (buffer, offset, length, header) -> print(buffer, offset, length),
                    new BackoffIdleStrategy(), 10_000);
                replayedTo.put(recording.sessionId(), Long.valueOf(to));
                out.flush();
                if (done())
                {
                    return;
                }
            }
        }
    }

    /** A running engine's publications show up within moments; none may be running, which is not an error. */
    private static void awaitImages(final Subscription live)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_WAIT_MS);
        while (0 == live.imageCount() && System.nanoTime() < deadline)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Untethered, so a slow terminal never back-pressures the engine; a UDP stream is spied on in its driver. */
    static String liveChannel(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        uri.put(CommonContext.TETHER_PARAM_NAME, "false");
        final String untethered = uri.toString();
        return uri.isUdp() ? CommonContext.SPY_PREFIX + untethered : untethered;
    }

    private static Aeron connect(final String aeronDir)
    {
        try
        {
            return Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir).driverTimeoutMs(5_000));
        }
        catch (final AeronException | IllegalStateException ex)
        {
            throw new IllegalStateException("--aeron-dir: no media driver at " + aeronDir + " (is the engine or "
                + "`ringside driver` running?): " + ex.getMessage(), ex);
        }
    }
}
