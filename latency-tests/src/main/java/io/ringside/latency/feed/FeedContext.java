package io.ringside.latency.feed;

import io.ringside.codecs.recorded.TimeSkew;
import io.ringside.engine.EngineContext;
import io.ringside.engine.StreamSettings;
import org.agrona.collections.IntHashSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** What a feed run reads, how it paces it, and where it sends it. Validated in {@link #conclude()}. */
public final class FeedContext
{
    public static final long DEFAULT_BACK_PRESSURE_TIMEOUT_MS = 10_000;

    private List<Path> files = List.of();
    private long fromNs = Long.MIN_VALUE;
    private long toNs = Long.MAX_VALUE;
    private IntHashSet instruments;
    private int loops = 1;
    private long eventTimeNotBeforeNs = Long.MIN_VALUE;
    private long maxEvents = Long.MAX_VALUE;
    private String format = RecordedFormats.AUTO;
    private int instrumentId = 1;
    private String symbol;
    private LocalDate date;
    private long maxTimeSkewNs = TimeSkew.DEFAULT_NS;
    private int sourceId = 1;
    private Pacing pacing = Pacing.max();
    private String aeronDirectoryName = EngineContext.defaultAeronDirectory();
    private String ingressChannel = "aeron:ipc";
    private int ingressStreamId = StreamSettings.DEFAULT_INGRESS_STREAM_ID;
    /** Null: the ingress channel. */
    private String activityChannel;
    private int activityStreamId = StreamSettings.DEFAULT_ACTIVITY_STREAM_ID;
    private boolean activityStream;
    private String egressChannel = "aeron:ipc";
    private String engineAeronDirectoryName;
    private int alertStreamId = StreamSettings.DEFAULT_ALERT_STREAM_ID;
    private int orderStreamId = StreamSettings.DEFAULT_ORDER_STREAM_ID;
    private int deadLetterStreamId = StreamSettings.DEFAULT_DEAD_LETTER_STREAM_ID;
    private long settleMs = 1_000;
    private boolean listen = true;
    private long connectTimeoutMs = 10_000;
    private long drainTimeoutMs = 30_000;
    private long backPressureTimeoutMs = DEFAULT_BACK_PRESSURE_TIMEOUT_MS;
    private long driverTimeoutMs = EngineContext.DEFAULT_DRIVER_TIMEOUT_MS;
    private boolean stopOnError;
    private boolean progress = true;
    private Path reportDirectory = Path.of("ringside-out");
    private EgressListener.Tap tap;

    public FeedContext conclude()
    {
        if (files.isEmpty())
        {
            throw new IllegalArgumentException("FILE: a recorded market-data file is required");
        }
        for (final Path file : files)
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException("FILE: no such file: " + file);
            }
            if (!Files.isReadable(file))
            {
                throw new IllegalArgumentException("FILE: cannot read " + file + " (permissions)");
            }
        }
        if (!RecordedFormats.NAMES.contains(format))
        {
            throw new IllegalArgumentException(
                "--format: unknown format '" + format + "'; expected one of " + String.join(", ", RecordedFormats.NAMES));
        }
        if (fromNs > toNs)
        {
            throw new IllegalArgumentException("--from: is after --to");
        }
        if (maxEvents < 1)
        {
            throw new IllegalArgumentException("--max-events: must be >= 1: " + maxEvents);
        }
        if (loops < 1)
        {
            throw new IllegalArgumentException("--loop: must be >= 1: " + loops);
        }
        if (instrumentId <= 0)
        {
            throw new IllegalArgumentException("--instrument-id: must be > 0: " + instrumentId);
        }
        if (activityChannel().equals(ingressChannel) && activityStreamId == ingressStreamId)
        {
            throw new IllegalArgumentException("--activity-stream: must differ from --ingress-stream (" +
                ingressStreamId + ") on the same channel, client activity has its own stream");
        }
        if (maxTimeSkewNs < 0)
        {
            throw new IllegalArgumentException("--max-time-skew: must be >= 0: " + maxTimeSkewNs + "ns");
        }
        if (sourceId <= 0)
        {
            throw new IllegalArgumentException("--source-id: must be > 0: " + sourceId);
        }
        if (connectTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("--connect-timeout-ms: must be > 0: " + connectTimeoutMs);
        }
        if (drainTimeoutMs < 0)
        {
            throw new IllegalArgumentException("--drain-timeout: must be >= 0: " + drainTimeoutMs + "ms");
        }
        if (settleMs < 0)
        {
            throw new IllegalArgumentException("--settle: must be >= 0: " + settleMs + "ms");
        }
        if (backPressureTimeoutMs < 1)
        {
            throw new IllegalArgumentException("--back-pressure-timeout: must be >= 1ms: " + backPressureTimeoutMs + "ms");
        }
        if (driverTimeoutMs < 1_000)
        {
            throw new IllegalArgumentException("--driver-timeout: must be >= 1s: " + driverTimeoutMs + "ms");
        }
        return this;
    }

    public List<Path> files()
    {
        return files;
    }

    /** Several files are merged by event time, each its own source (ids from {@link #sourceId()} up). */
    public FeedContext files(final List<Path> files)
    {
        this.files = List.copyOf(files);
        return this;
    }

    public FeedContext file(final Path file)
    {
        this.files = List.of(file);
        return this;
    }

    public long fromNs()
    {
        return fromNs;
    }

    /** Only events at or after this event time (ns since the epoch). */
    public FeedContext fromNs(final long fromNs)
    {
        this.fromNs = fromNs;
        return this;
    }

    public long toNs()
    {
        return toNs;
    }

    /** Only events at or before this event time (ns since the epoch). */
    public FeedContext toNs(final long toNs)
    {
        this.toNs = toNs;
        return this;
    }

    public IntHashSet instruments()
    {
        return instruments;
    }

    /** Only these instruments; null for all. */
    public FeedContext instruments(final IntHashSet instruments)
    {
        this.instruments = instruments;
        return this;
    }

    public long maxEvents()
    {
        return maxEvents;
    }

    /** Stop after this many events, wherever in the selection that falls. */
    public FeedContext maxEvents(final long maxEvents)
    {
        this.maxEvents = maxEvents;
        return this;
    }

    public int loops()
    {
        return loops;
    }

    /** Replay the whole selection this many times; sequences keep rising. */
    public FeedContext loops(final int loops)
    {
        this.loops = loops;
        return this;
    }

    public long eventTimeNotBeforeNs()
    {
        return eventTimeNotBeforeNs;
    }

    /**
     * Send the selection whole days later in event time until it starts at or after this: the bench's measured phase
     * continues its warm-up's event time, which windows kept by event time (the risk gate's order rate) need.
     */
    public FeedContext eventTimeNotBeforeNs(final long eventTimeNotBeforeNs)
    {
        this.eventTimeNotBeforeNs = eventTimeNotBeforeNs;
        return this;
    }

    public String format()
    {
        return format;
    }

    public FeedContext format(final String format)
    {
        this.format = format;
        return this;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public FeedContext instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    public String symbol()
    {
        return symbol;
    }

    public FeedContext symbol(final String symbol)
    {
        this.symbol = symbol;
        return this;
    }

    public LocalDate date()
    {
        return date;
    }

    public FeedContext date(final LocalDate date)
    {
        this.date = date;
        return this;
    }

    public long maxTimeSkewNs()
    {
        return maxTimeSkewNs;
    }

    /**
     * The largest jump ahead in event time a reader takes without looking at the record after it: a jump that record
     * refutes is refused as {@code time_skew}. See {@link TimeSkew}.
     */
    public FeedContext maxTimeSkewNs(final long maxTimeSkewNs)
    {
        this.maxTimeSkewNs = maxTimeSkewNs;
        return this;
    }

    public int sourceId()
    {
        return sourceId;
    }

    public FeedContext sourceId(final int sourceId)
    {
        this.sourceId = sourceId;
        return this;
    }

    public Pacing pacing()
    {
        return pacing;
    }

    public FeedContext pacing(final Pacing pacing)
    {
        this.pacing = pacing;
        return this;
    }

    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public FeedContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public String ingressChannel()
    {
        return ingressChannel;
    }

    public FeedContext ingressChannel(final String ingressChannel)
    {
        this.ingressChannel = ingressChannel;
        return this;
    }

    /** Where client activity files are published; the ingress channel unless set. */
    public String activityChannel()
    {
        return null == activityChannel ? ingressChannel : activityChannel;
    }

    public FeedContext activityChannel(final String activityChannel)
    {
        this.activityChannel = activityChannel;
        return this;
    }

    public int activityStreamId()
    {
        return activityStreamId;
    }

    public FeedContext activityStreamId(final int activityStreamId)
    {
        this.activityStreamId = activityStreamId;
        return this;
    }

    public boolean activityStream()
    {
        return activityStream;
    }

    /**
     * Send client activity on the activity channel and stream rather than merged with the market data on the ingress
     * stream (the default). The engine then takes the two streams in no fixed order: the same replay can give other
     * outputs run to run.
     */
    public FeedContext activityStream(final boolean activityStream)
    {
        this.activityStream = activityStream;
        return this;
    }

    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    public FeedContext ingressStreamId(final int ingressStreamId)
    {
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    public String egressChannel()
    {
        return egressChannel;
    }

    public FeedContext egressChannel(final String egressChannel)
    {
        this.egressChannel = egressChannel;
        return this;
    }

    public String engineAeronDirectoryName()
    {
        return engineAeronDirectoryName;
    }

    /**
     * The media driver whose CnC file holds the engine's counters, when it is not the feed's own: a cluster member's,
     * behind the gateway the feed publishes to. The feed waits for that engine to account for what it sent, as for
     * one on its own driver. Null (the default): the feed's driver.
     */
    public FeedContext engineAeronDirectoryName(final String engineAeronDirectoryName)
    {
        this.engineAeronDirectoryName = engineAeronDirectoryName;
        return this;
    }

    public int alertStreamId()
    {
        return alertStreamId;
    }

    public FeedContext alertStreamId(final int alertStreamId)
    {
        this.alertStreamId = alertStreamId;
        return this;
    }

    public int orderStreamId()
    {
        return orderStreamId;
    }

    public FeedContext orderStreamId(final int orderStreamId)
    {
        this.orderStreamId = orderStreamId;
        return this;
    }

    public int deadLetterStreamId()
    {
        return deadLetterStreamId;
    }

    /** Where the engine publishes what it refused or failed on, on the egress channel. */
    public FeedContext deadLetterStreamId(final int deadLetterStreamId)
    {
        this.deadLetterStreamId = deadLetterStreamId;
        return this;
    }

    public long settleMs()
    {
        return settleMs;
    }

    /**
     * After the engine has accounted for every event, how long at most to wait for the dead letters of the last
     * ones to arrive: the engine publishes one as it refuses, so this is short.
     */
    public FeedContext settleMs(final long settleMs)
    {
        this.settleMs = settleMs;
        return this;
    }

    public boolean listen()
    {
        return listen;
    }

    public FeedContext listen(final boolean listen)
    {
        this.listen = listen;
        return this;
    }

    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    public FeedContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    public long drainTimeoutMs()
    {
        return drainTimeoutMs;
    }

    public FeedContext drainTimeoutMs(final long drainTimeoutMs)
    {
        this.drainTimeoutMs = drainTimeoutMs;
        return this;
    }

    public boolean stopOnError()
    {
        return stopOnError;
    }

    public FeedContext stopOnError(final boolean stopOnError)
    {
        this.stopOnError = stopOnError;
        return this;
    }

    public boolean progress()
    {
        return progress;
    }

    public FeedContext progress(final boolean progress)
    {
        this.progress = progress;
        return this;
    }

    public Path reportDirectory()
    {
        return reportDirectory;
    }

    public FeedContext reportDirectory(final Path reportDirectory)
    {
        this.reportDirectory = reportDirectory;
        return this;
    }

    public EgressListener.Tap tap()
    {
        return tap;
    }

    /** Sees every output the listener receives (tests, recorders). */
    public FeedContext tap(final EgressListener.Tap tap)
    {
        this.tap = tap;
        return this;
    }

    public long backPressureTimeoutMs()
    {
        return backPressureTimeoutMs;
    }

    /** An event back-pressured this long with no progress stops the feed: nothing is taking its stream. */
    public FeedContext backPressureTimeoutMs(final long backPressureTimeoutMs)
    {
        this.backPressureTimeoutMs = backPressureTimeoutMs;
        return this;
    }

    public long driverTimeoutMs()
    {
        return driverTimeoutMs;
    }

    /** A media driver silent this long is gone: the feed stops with what it sent. */
    public FeedContext driverTimeoutMs(final long driverTimeoutMs)
    {
        this.driverTimeoutMs = driverTimeoutMs;
        return this;
    }
}
