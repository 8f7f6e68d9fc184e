package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedRefusals;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside feed}: recorded data into a running engine, with end-to-end latency measured on its outputs. */
@Command(name = "feed", mixinStandardHelpOptions = true,
    description = "Replay recorded market data (Ringside recordings, ITCH 5.0, CSV, LOBSTER) into a running engine "
        + "over Aeron, and measure end-to-end latency on its outputs. Exits 0 when the engine took every event, "
        + "1 on an error (its driver gone, the stream held back past --back-pressure-timeout, or the engine not "
        + "having accounted for every event by --drain-timeout), 2 on bad usage, "
        + "and 5 when the engine refused some of the feed's events or a handler failed on them (its dead letters "
        + "say so; the feed names how many, by reason, and `ringside dead-letters` lists them).")
final class FeedCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recorded files; several are merged by "
        + "event time, each its own source (ids from --source-id up) and, for LOBSTER, its own instrument (ids "
        + "from --instrument-id up).")
    List<Path> files;

    @Mixin
    SelectionOptions selection;

    @Mixin
    AeronDirOption aeron;

    @Mixin
    EngineStreams streams;

    @Option(names = "--rate", paramLabel = "EVENTS/S", description = "Fixed rate, events/s.")
    Long rate;

    @Option(names = "--speed", paramLabel = "FACTOR",
        description = "As recorded, this many times faster (1 = real time).")
    Double speed;

    @Option(names = "--max-gap", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "0",
        description = "As recorded: cap idle gaps at this after --speed (1s, 500ms; 0: no cap). "
            + "Default: ${DEFAULT-VALUE}.")
    long maxGapNs;

    @Option(names = "--max", description = "As fast as possible (the default when no pacing is given).")
    boolean max;

    @Option(names = "--activity-own-stream", description = "Send client activity on --activity-channel/"
        + "--activity-stream instead of with the market data on the ingress stream. The engine then takes the two "
        + "streams in no fixed order, so the same replay can give other outputs run to run.")
    boolean activityOwnStream;

    @Option(names = "--no-listen", description = "Do not listen to the engine's outputs (no end-to-end latency).")
    boolean noListen;

    @Option(names = "--no-progress", description = "No progress line on stderr.")
    boolean noProgress;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "30s",
        description = "After sending, wait this long for the engine to catch up. Default: ${DEFAULT-VALUE}.")
    long drainTimeoutNs;

    @Option(names = "--settle", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "1s",
        description = "Once the engine has accounted for every event, wait at most this long for the dead letters "
            + "of the last ones. Default: ${DEFAULT-VALUE}.")
    long settleNs;

    @Option(names = "--back-pressure-timeout", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = FeedContext.DEFAULT_BACK_PRESSURE_TIMEOUT_MS + "ms", description = "An event held back this "
        + "long (nothing takes the stream: the engine or the archive stopped) stops the feed: summary, exit 1. "
        + "Default: ${DEFAULT-VALUE}.")
    long backPressureTimeoutNs;

    @Option(names = "--driver-timeout", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = EngineContext.DEFAULT_DRIVER_TIMEOUT_MS + "ms", description = "A media driver silent this "
        + "long is gone: the feed stops with a summary of what it sent and exits 1. Default: ${DEFAULT-VALUE}.")
    long driverTimeoutNs;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = EngineContext.DEFAULT_REPORT_DIRECTORY,
        description = "Where the feed's counts and histograms go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    public Integer call()
    {
        final FeedContext ctx = streams.applyTo(selection.toContext(files))
            .pacing(pacing())
            .activityStream(activityOwnStream)
            .listen(!noListen)
            .progress(!noProgress)
            .drainTimeoutMs(TimeUnit.NANOSECONDS.toMillis(drainTimeoutNs))
            .settleMs(TimeUnit.NANOSECONDS.toMillis(settleNs))
            .backPressureTimeoutMs(TimeUnit.NANOSECONDS.toMillis(backPressureTimeoutNs))
            .driverTimeoutMs(TimeUnit.NANOSECONDS.toMillis(driverTimeoutNs))
            .aeronDirectoryName(aeron.aeronDir)
            .reportDirectory(reportDir);
        final Feed feed = new Feed(ctx, System.err);
        final FeedResult result = feed.run();
        result.print(System.out);
        Feed.write(result, reportDir);
        System.out.println("counts and histograms written to " + reportDir);
        if (null != feed.stopReason())
        {
            System.out.println("ringside feed stopped early: " + feed.stopReason());
            return Ringside.EXIT_FAILED;
        }
        if (!result.engineCaughtUp() && ctx.listen())
        {
            return Ringside.EXIT_FAILED;
        }
        final FeedRefusals refusals = feed.refusals();
        if (refusals.total() > 0)
        {
            System.err.println("ringside feed: " + refusals.describe());
            return Ringside.EXIT_REFUSED;
        }
        return Ringside.EXIT_OK;
    }

    private Pacing pacing()
    {
        final int modes = (null != rate ? 1 : 0) + (null != speed ? 1 : 0) + (max ? 1 : 0);
        if (modes > 1)
        {
            throw new IllegalArgumentException("--rate, --speed and --max: choose one pacing");
        }
        if (null != rate)
        {
            return Pacing.rate(rate);
        }
        if (null != speed)
        {
            return Pacing.recorded(speed, maxGapNs);
        }
        return Pacing.max();
    }
}
