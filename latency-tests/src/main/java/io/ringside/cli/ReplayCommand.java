package io.ringside.cli;

import io.ringside.engine.DurableLogSettings;
import io.ringside.engine.StreamSettings;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.LogReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside replay}: the recorded ingress, again, for a late consumer. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay the recorded ingress log into a chosen stream at a chosen pace: for a late consumer "
        + "that needs history, or an audit. Needs a running `ringside driver` (or engine with its archive).")
final class ReplayCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeron;

    @Mixin
    IngressOptions ingress;

    /** Which recorded stream is replayed. */
    enum Log
    {
        auto, sequenced, ingress
    }

    @Option(names = "--log", paramLabel = "LOG", defaultValue = "auto", description = "sequenced: the sequenced log, "
        + "every input in the engine's order, which `driver` and a durable engine record; ingress: the market-data "
        + "stream (--ingress-channel, --ingress-stream), which a live engine's archive records; auto: the sequenced "
        + "log where it is recorded, else the ingress. Default: ${DEFAULT-VALUE}.")
    Log log;

    @Option(names = "--to-channel", paramLabel = "CHANNEL", defaultValue = StreamSettings.DEFAULT_CHANNEL,
        description = "Aeron channel to replay into. Default: ${DEFAULT-VALUE}.")
    String toChannel;

    @Option(names = "--to-stream", paramLabel = "ID", defaultValue = "2001",
        description = "Stream id to replay into. Default: ${DEFAULT-VALUE}.")
    int toStream;

    @Option(names = "--from-recording", paramLabel = "ID", defaultValue = "-1",
        description = "Start at this recording id; -1: the oldest. Default: ${DEFAULT-VALUE}.")
    long fromRecording;

    @Option(names = "--from-position", paramLabel = "POSITION", defaultValue = "0", description = "Start at this "
        + "position of the first recording (a frame boundary). Default: ${DEFAULT-VALUE}.")
    long fromPosition;

    @Option(names = "--from-time", paramLabel = "TIME", description = "Skip events before this event time: epoch ns, "
        + "or ISO-8601 with an offset.")
    String fromTime;

    @Option(names = "--rate", paramLabel = "EVENTS/S", defaultValue = "0",
        description = "Events/s; 0: as fast as the consumer takes them. Default: ${DEFAULT-VALUE}.")
    long rate;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = "10s", description = "How long to wait for a consumer on --to-stream. Default: ${DEFAULT-VALUE}.")
    long connectTimeoutNs;

    public Integer call()
    {
        final LogReplay.Result result = new LogReplay(new LogReplay.Context()
            .aeronDirectoryName(aeron.aeronDir)
            .sources(sources())
            .to(toChannel, toStream)
            .fromRecordingId(fromRecording)
            .fromPosition(fromPosition)
            .fromEventTimeNs(SelectionOptions.eventTime("--from-time", fromTime, Long.MIN_VALUE))
            .rate(rate)
            .connectTimeoutMs(TimeUnit.NANOSECONDS.toMillis(connectTimeoutNs))).run();
        result.print(System.out);
        return Ringside.EXIT_OK;
    }

    private List<ArchivingDriver.Stream> sources()
    {
        final List<ArchivingDriver.Stream> sources = new ArrayList<>(2);
        if (Log.ingress != log)
        {
            sources.add(new DurableLogSettings().sequencedStream());
        }
        if (Log.sequenced != log)
        {
            sources.add(new ArchivingDriver.Stream(ingress.channel, ingress.streamId));
        }
        return sources;
    }
}
