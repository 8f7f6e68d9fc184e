package io.ringside.engine;

import io.aeron.driver.ThreadingMode;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.config.RingsideConfig;
import io.ringside.engine.config.StrategyOverrides;
import io.ringside.engine.metrics.EngineErrors;
import io.ringside.engine.metrics.EngineLabels;
import io.ringside.engine.pipeline.HandlerGraph;
import io.ringside.engine.pipeline.WaitStrategies;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.TradingConfig;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.IdleStrategies;
import org.agrona.BitUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine is configured by, with defaults, validated in {@link #conclude()} before anything starts.
 * A bad value fails there, with a message naming the setting as the command line spells it.
 */
public final class EngineContext
{
    /** How long the media driver may stay silent before the engine stops: Aeron's own default. */
    public static final long DEFAULT_DRIVER_TIMEOUT_MS = 10_000;

    public static final String PROFILE_AUTO = ThreadingProfile.AUTO;
    public static final String PROFILE_SINGLE = ThreadingProfile.SINGLE;
    public static final String PROFILE_COMPACT = ThreadingProfile.COMPACT;
    public static final String PROFILE_SHARED = ThreadingProfile.SHARED;
    public static final String PROFILE_DEDICATED = ThreadingProfile.DEDICATED;

    /** Small enough that the driver's log cleaning and unmapping stay short: see docs/design.md, Threads. */
    public static final int DEFAULT_TERM_BUFFER_LENGTH = 2 * 1024 * 1024;
    public static final String DEFAULT_DRIVER_IDLE_STRATEGY = IdleStrategies.BACKOFF;
    public static final int DEFAULT_RING_SIZE = 64 * 1024;
    /** The ring in the {@code inline} layout, where ingress drains it itself ({@link ThreadingProfile} says why). */
    public static final int INLINE_RING_SIZE = 64;
    /** No ring size given: the layout's ({@link #INLINE_RING_SIZE} or {@link #DEFAULT_RING_SIZE}). */
    public static final int UNSET_RING_SIZE = 0;
    public static final String DEFAULT_PIPELINE = HandlerGraph.DISRUPTOR;
    public static final String DEFAULT_REPORT_DIRECTORY = "ringside-out";
    public static final long DEFAULT_LATENCY_INTERVAL_MS = 1000;
    /** Covers a US equities day: NASDAQ's stock directory lists 8,000 to 12,000 symbols. */
    public static final int DEFAULT_MAX_INSTRUMENTS = 16_384;
    static final int MAX_MAX_INSTRUMENTS = 1 << 24;

    private String name;
    private String profile = PROFILE_AUTO;
    private ThreadingProfile threading;
    private String aeronDirectoryName = defaultAeronDirectory();
    private boolean embeddedDriver = true;
    private long driverTimeoutMs = DEFAULT_DRIVER_TIMEOUT_MS;
    private ThreadingMode driverThreadingMode;
    private String driverIdleStrategy = DEFAULT_DRIVER_IDLE_STRATEGY;
    private int termBufferLength = DEFAULT_TERM_BUFFER_LENGTH;
    private String ingressIdleStrategy;
    private String egressIdleStrategy;
    private String handlerWaitStrategy;
    private String handlerLayout;
    private int ringSize = UNSET_RING_SIZE;
    private int errorLogLength = EngineErrors.DEFAULT_LOG_LENGTH;
    private String pipeline = DEFAULT_PIPELINE;
    private int fragmentLimit = 64;
    private StrategyOverrides strategyOverrides = new StrategyOverrides();
    private TradingConfig tradingConfig;
    private SurveillanceConfig surveillanceConfig;
    private IngressConfig ingressConfig;
    private long timerIntervalNs;
    private Path configFile;
    private int initialOrderCapacity = BookBuilder.DEFAULT_INITIAL_ORDER_CAPACITY;
    private int maxInstruments = DEFAULT_MAX_INSTRUMENTS;
    private UndefinedInstrumentPolicy undefinedInstruments = UndefinedInstrumentPolicy.ACCEPT;
    private Path reportDirectory = Path.of(DEFAULT_REPORT_DIRECTORY);
    private long latencyIntervalMs = DEFAULT_LATENCY_INTERVAL_MS;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private EpochNanoClock epochClock = SystemEpochNanoClock.INSTANCE;
    private final StreamSettings streams = new StreamSettings();
    private final DurableLogSettings durableLog = new DurableLogSettings();
    private final SnapshotSettings snapshots = new SnapshotSettings();
    private boolean concluded;

    /** Aeron's own default: /dev/shm where it exists, so the driver's files live in memory. */
    public static String defaultAeronDirectory()
    {
        final String user = System.getProperty("user.name", "default");
        final File shm = new File("/dev/shm");
        final String base = shm.isDirectory() ? shm.getPath() : System.getProperty("java.io.tmpdir");
        return new File(base, "ringside-" + user).getPath();
    }

    /**
     * Fill unset values from the profile and check every setting.
     *
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public EngineContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        threading = ThreadingProfile.of(profile, Runtime.getRuntime().availableProcessors());
        threading.fillUnset(this);
        IdleStrategies.of("driver-idle", driverIdleStrategy);
        IdleStrategies.of("ingress-idle", ingressIdleStrategy);
        IdleStrategies.of("egress-idle", egressIdleStrategy);
        WaitStrategies.of("handler-wait", handlerWaitStrategy);

        if (null == name)
        {
            name = EngineLabels.defaultName();
        }
        EngineLabels.checkName(name);
        if (null == aeronDirectoryName || aeronDirectoryName.isBlank())
        {
            throw new IllegalArgumentException("aeron-dir: must not be empty");
        }
        if (driverTimeoutMs < 1_000)
        {
            // The driver proves it is alive about once a second; less would stop a healthy engine.
            throw new IllegalArgumentException("driver-timeout: must be >= 1s: " + driverTimeoutMs + "ms");
        }
        if (!BitUtil.isPowerOfTwo(termBufferLength) || termBufferLength < 64 * 1024 || termBufferLength > 1 << 30)
        {
            throw new IllegalArgumentException(
                "term-length: must be a power of two from 64 KiB to 1 GiB: " + termBufferLength);
        }
        streams.conclude();
        if (!BitUtil.isPowerOfTwo(ringSize) || ringSize < 2 || ringSize > 1 << 24)
        {
            throw new IllegalArgumentException("ring-size: must be a power of two from 2 to 16M: " + ringSize);
        }
        EngineErrors.checkLogLength(errorLogLength);
        if (!HandlerGraph.DISRUPTOR.equals(pipeline) && !HandlerGraph.BLOCKING_QUEUE.equals(pipeline))
        {
            throw new IllegalArgumentException(
                "pipeline: unknown pipeline '" + pipeline + "'; expected disruptor or blocking-queue");
        }
        if (fragmentLimit < 1)
        {
            throw new IllegalArgumentException("fragment-limit: must be >= 1: " + fragmentLimit);
        }
        strategyOverrides.conclude();
        HandlerConfigs.conclude(this);
        if (initialOrderCapacity < 1)
        {
            throw new IllegalArgumentException("book.initial-order-capacity: must be >= 1: " + initialOrderCapacity);
        }
        if (timerIntervalNs < 0 || (timerIntervalNs > 0 && timerIntervalNs < 1_000_000))
        {
            throw new IllegalArgumentException("timer-interval: 0 for none, or at least 1ms: " + timerIntervalNs + " ns");
        }
        if (maxInstruments < 1 || maxInstruments > MAX_MAX_INSTRUMENTS)
        {
            throw new IllegalArgumentException(
                "max-instruments: must be 1 to " + MAX_MAX_INSTRUMENTS + ": " + maxInstruments);
        }
        if (null == undefinedInstruments)
        {
            throw new IllegalArgumentException("undefined-instruments: must be accept or refuse");
        }
        if (latencyIntervalMs < 10)
        {
            throw new IllegalArgumentException("latency-interval: must be >= 10 ms: " + latencyIntervalMs + " ms");
        }
        if (null == reportDirectory)
        {
            throw new IllegalArgumentException("report-dir: must be set");
        }
        durableLog.conclude(this);
        snapshots.conclude(this);
        concluded = true;
        return this;
    }

    /**
     * Snapshots are taken by a durable engine (their positions are the recordings') on the Disruptor pipeline (its
     * egress sees slots in ring order, so every part of a snapshot is at the same event).
     */
    public boolean takesSnapshots()
    {
        return durableLog.durable() && (snapshots.intervalEvents() > 0 || snapshots.intervalMs() > 0) &&
            HandlerGraph.DISRUPTOR.equals(pipeline);
    }

    /** When snapshots are taken, where they go and how many are kept: concluded with this context. */
    public SnapshotSettings snapshots()
    {
        return snapshots;
    }

    /**
     * What a durable engine ingests: with one ingress stream, its recording; with more, the sequenced log the driver
     * merges them into ({@link io.ringside.transport.IngressSequencer}), because separate recordings have no order
     * between them that a replay could reproduce.
     */
    public List<ArchivingDriver.Stream> durableLogStreams()
    {
        final List<ArchivingDriver.Stream> ingress = streams.ingressStreams();
        return ingress.size() == 1 ? ingress : List.of(durableLog.sequencedStream());
    }

    /**
     * Have {@code archive} record what this engine's log is made of: the inputs and every egress stream. The inputs
     * are, when {@code sequence} and there is more than one ingress stream, the sequenced log a durable engine reads,
     * and else each ingress stream.
     * <p>
     * A sequenced log is the inputs' only recording: a recording of each ingress stream beside it would hold nothing
     * more (what the sequencer has not yet taken is in no recording a restarted engine reads, and a driver that
     * dies loses it either way), and would cost a second write of every event on the path to the engine.
     */
    public ArchivingDriver.Context recordStreams(final ArchivingDriver.Context archive, final boolean sequence)
    {
        if (sequence && streams.ingressStreams().size() > 1)
        {
            archive.sequence(streams.ingressStreams(), durableLog.sequencedStream());
        }
        else
        {
            streams.ingressStreams().forEach((s) -> archive.record(s.channel(), s.streamId()));
        }
        streams.egressStreams().forEach((s) -> archive.record(s.channel(), s.streamId()));
        archive.record(streams.deadLetterStream().channel(), streams.deadLetterStream().streamId());
        return archive;
    }

    /** The archive, the recovery by replay and the sequenced log: concluded with this context. */
    public DurableLogSettings durableLog()
    {
        return durableLog;
    }

    /** The settings in effect, in the order the engine prints them at start. */
    public Map<String, String> describe()
    {
        return EngineSettingsReport.of(this);
    }

    /**
     * The engine's name: its Aeron client's, and on every counter it allocates, so engines sharing a media driver are
     * told apart. Default {@code ringside-HOST-PID}.
     */
    public String name()
    {
        return name;
    }

    public EngineContext name(final String name)
    {
        this.name = name;
        return this;
    }

    /** The profile as given: {@code auto} until {@link #conclude()}, which resolves it by the cores there are. */
    public String profile()
    {
        return null == threading ? profile : threading.name();
    }

    public EngineContext profile(final String profile)
    {
        this.profile = profile;
        return this;
    }

    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public EngineContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public boolean embeddedDriver()
    {
        return embeddedDriver;
    }

    public EngineContext embeddedDriver(final boolean embeddedDriver)
    {
        this.embeddedDriver = embeddedDriver;
        return this;
    }

    public long driverTimeoutMs()
    {
        return driverTimeoutMs;
    }

    /** A media driver silent for this long is gone: the engine stops in order and exits non-zero. */
    public EngineContext driverTimeoutMs(final long driverTimeoutMs)
    {
        this.driverTimeoutMs = driverTimeoutMs;
        return this;
    }

    /** The embedded driver's threading mode; from the profile unless set, INVOKER run by the ingress thread. */
    public ThreadingMode driverThreadingMode()
    {
        return driverThreadingMode;
    }

    public EngineContext driverThreadingMode(final ThreadingMode driverThreadingMode)
    {
        this.driverThreadingMode = driverThreadingMode;
        return this;
    }

    public String driverIdleStrategy()
    {
        return driverIdleStrategy;
    }

    public EngineContext driverIdleStrategy(final String driverIdleStrategy)
    {
        this.driverIdleStrategy = driverIdleStrategy;
        return this;
    }

    public int termBufferLength()
    {
        return termBufferLength;
    }

    public EngineContext termBufferLength(final int termBufferLength)
    {
        this.termBufferLength = termBufferLength;
        return this;
    }

    /** Every stream the engine reads and writes: concluded with this context. */
    public StreamSettings streams()
    {
        return streams;
    }

    public String ingressIdleStrategy()
    {
        return ingressIdleStrategy;
    }

    public EngineContext ingressIdleStrategy(final String ingressIdleStrategy)
    {
        this.ingressIdleStrategy = ingressIdleStrategy;
        return this;
    }

    public String egressIdleStrategy()
    {
        return egressIdleStrategy;
    }

    public EngineContext egressIdleStrategy(final String egressIdleStrategy)
    {
        this.egressIdleStrategy = egressIdleStrategy;
        return this;
    }

    public String handlerWaitStrategy()
    {
        return handlerWaitStrategy;
    }

    public EngineContext handlerWaitStrategy(final String handlerWaitStrategy)
    {
        this.handlerWaitStrategy = handlerWaitStrategy;
        return this;
    }

    /** {@code parallel} or {@code sequential} ({@link HandlerGraph}); from the profile unless set. */
    public String handlerLayout()
    {
        return handlerLayout;
    }

    public EngineContext handlerLayout(final String handlerLayout)
    {
        this.handlerLayout = handlerLayout;
        return this;
    }

    /** Ring slots, a power of two; {@link #UNSET_RING_SIZE} for the layout's, which {@link #conclude()} sets. */
    public int ringSize()
    {
        return ringSize;
    }

    public EngineContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /** Bytes of the engine's own error log file in the Aeron directory ({@link EngineErrors}). */
    public int errorLogLength()
    {
        return errorLogLength;
    }

    public EngineContext errorLogLength(final int errorLogLength)
    {
        this.errorLogLength = errorLogLength;
        return this;
    }

    public String pipeline()
    {
        return pipeline;
    }

    /** disruptor (the engine), or blocking-queue (the naive baseline the engine is measured against). */
    public EngineContext pipeline(final String pipeline)
    {
        this.pipeline = pipeline;
        return this;
    }

    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    public EngineContext fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return this;
    }

    /** The strategy settings given on the command line, applied over the configuration file. */
    public StrategyOverrides strategyOverrides()
    {
        return strategyOverrides;
    }

    public EngineContext strategyOverrides(final StrategyOverrides strategyOverrides)
    {
        this.strategyOverrides = strategyOverrides;
        return this;
    }

    /** The configuration file (rules, strategies, risk limits); null for none. */
    public Path configFile()
    {
        return configFile;
    }

    public EngineContext configFile(final Path configFile)
    {
        this.configFile = configFile;
        return this;
    }

    /**
     * How long the inputs must be silent before ingress sends a timer (and how often it sends one while they stay
     * so); 0, the default here, for none. The command line's engine sends them every second.
     */
    public long timerIntervalNs()
    {
        return timerIntervalNs;
    }

    public EngineContext timerIntervalNs(final long timerIntervalNs)
    {
        this.timerIntervalNs = timerIntervalNs;
        return this;
    }

    /** Who may publish, and the bounds on what a source may claim: after {@link #conclude()}, from the file. */
    public IngressConfig ingressConfig()
    {
        return ingressConfig;
    }

    public EngineContext ingressConfig(final IngressConfig ingressConfig)
    {
        this.ingressConfig = ingressConfig;
        return this;
    }

    /** The surveillance rules' settings: after {@link #conclude()}, from the file or the defaults. */
    public SurveillanceConfig surveillanceConfig()
    {
        return surveillanceConfig;
    }

    public EngineContext surveillanceConfig(final SurveillanceConfig surveillanceConfig)
    {
        this.surveillanceConfig = surveillanceConfig;
        return this;
    }

    /** The strategies and risk limits: after {@link #conclude()}, from the file or the defaults, then the overrides. */
    public TradingConfig tradingConfig()
    {
        return tradingConfig;
    }

    public EngineContext tradingConfig(final TradingConfig tradingConfig)
    {
        this.tradingConfig = tradingConfig;
        return this;
    }

    public int initialOrderCapacity()
    {
        return initialOrderCapacity;
    }

    public EngineContext initialOrderCapacity(final int initialOrderCapacity)
    {
        this.initialOrderCapacity = initialOrderCapacity;
        return this;
    }

    /** Distinct instruments ingress admits; events for any further instrument are refused and counted. */
    public int maxInstruments()
    {
        return maxInstruments;
    }

    public EngineContext maxInstruments(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        return this;
    }

    /** What ingress does with an event for an instrument no InstrumentDefinition has named. */
    public UndefinedInstrumentPolicy undefinedInstruments()
    {
        return undefinedInstruments;
    }

    public EngineContext undefinedInstruments(final UndefinedInstrumentPolicy undefinedInstruments)
    {
        this.undefinedInstruments = undefinedInstruments;
        return this;
    }

    public Path reportDirectory()
    {
        return reportDirectory;
    }

    public EngineContext reportDirectory(final Path reportDirectory)
    {
        this.reportDirectory = reportDirectory;
        return this;
    }

    public long latencyIntervalMs()
    {
        return latencyIntervalMs;
    }

    /** How often the stage latencies are sampled into the interval log. */
    public EngineContext latencyIntervalMs(final long latencyIntervalMs)
    {
        this.latencyIntervalMs = latencyIntervalMs;
        return this;
    }

    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public EngineContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * The wall clock, read by ingress only (never by a handler), about once a second, for each source's lag behind
     * it ({@code source.ID.lag_ns}).
     */
    public EpochNanoClock epochClock()
    {
        return epochClock;
    }

    public EngineContext epochClock(final EpochNanoClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }
}
