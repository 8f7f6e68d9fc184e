package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ArchiveException;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.status.SystemCounterDescriptor;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;

/**
 * A media driver and an Aeron Archive launched together, recording the engine's streams from the moment they start:
 * whatever a feed publishes is on disk whether or not an engine is running. Runs in the engine's process (the
 * embedded default) or in a process of its own ({@code bin/ringside driver}), which is what lets an engine die and
 * come back without losing an event.
 * <p>
 * The archive is reached over IPC only (its local control channel): no UDP port is bound, so several drivers on
 * one machine never collide.
 * <p>
 * In the driver's INVOKER mode the driver, the archive (Aeron's INVOKER mode, running the driver through
 * {@link InvokedDriver#intervalInvoker()}), the sequencer and the one Aeron client they share have one thread between
 * them, started at the launch: {@link #invokerThread()}, which the launcher's own agents then join (a durable
 * engine's ingress). A thread that waits on the driver runs it meanwhile ({@link InvokedDriver#clientInvoker()}).
 */
public final class ArchivingDriver implements AutoCloseable
{
    /** The archive's local control channel; clients reach it through the driver's directory. */
    public static final String CONTROL_CHANNEL = "aeron:ipc?term-length=64k";
    public static final int CONTROL_STREAM_ID = 10;
    public static final int CONTROL_RESPONSE_STREAM_ID = 20;

    private final MediaDriver driver;
    private final Archive archiveServer;
    private final AeronArchive archive;
    private final InvokedDriver invokedDriver;
    private final InvokedArchive invokedArchive;
    private final Context ctx;
    private volatile boolean running = true;
    private Thread housekeeping;
    private AgentRunner abandonedSweep;
    private Aeron sequencerAeron;
    private AgentRunner sequencerRunner;
    /** INVOKER only: the thread that runs the driver, the archive and the sequencer, and joined by the launcher's. */
    private InvokerThread invokerThread;
    /** INVOKER only: the client of this driver's archive client and sequencer, its conductor run by that thread. */
    private Aeron invokedClient;

    private ArchivingDriver(final Context ctx)
    {
        this.ctx = ctx;
        final MediaDriver.Context driverCtx = new MediaDriver.Context()
            .aeronDirectoryName(ctx.aeronDirectoryName)
            .threadingMode(ctx.threadingMode)
            .dirDeleteOnStart(false) // false: Aeron refuses a directory an active driver owns, and cleans a stale one
            .dirDeleteOnShutdown(ctx.deleteAeronDirectoryOnShutdown)
            .publicationTermBufferLength(ctx.termBufferLength)
            .ipcTermBufferLength(ctx.termBufferLength)
            .spiesSimulateConnection(false)
            .clientLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(ctx.clientLivenessTimeoutMs))
            // A client killed mid-offer leaves a frame never committed; the driver pads over it after this (a zeroed
            // one at the tail: AbandonedPublications), so a dead engine's recording can end. Over the liveness timeout.
            .publicationUnblockTimeoutNs(TimeUnit.MILLISECONDS.toNanos(2 * ctx.clientLivenessTimeoutMs + 1_000));
        switch (ctx.threadingMode)
        {
            case SHARED -> driverCtx.sharedIdleStrategy(IdleStrategies.of("driver-idle", ctx.idleStrategy));
            case SHARED_NETWORK ->
            {
                driverCtx.sharedNetworkIdleStrategy(IdleStrategies.of("driver-idle", ctx.idleStrategy));
                driverCtx.conductorIdleStrategy(IdleStrategies.of("driver-idle", ctx.idleStrategy));
            }
            case DEDICATED ->
            {
                driverCtx.conductorIdleStrategy(IdleStrategies.of("driver-idle", ctx.idleStrategy));
                driverCtx.senderIdleStrategy(IdleStrategies.of("driver-idle", ctx.idleStrategy));
                driverCtx.receiverIdleStrategy(IdleStrategies.of("driver-idle", ctx.idleStrategy));
            }
            default ->
            {
                // INVOKER: the invoker thread runs the duty cycle. Every stream IPC (an interval set), no endpoint
                // has a name to re-resolve, and the check allocates an iterator per poller each second on that thread.
                if (ctx.invokeIntervalNs > 0)
                {
                    driverCtx.reResolutionCheckIntervalNs(0);
                }
            }
        }

        final Archive.Context archiveCtx = new Archive.Context()
            .aeronDirectoryName(ctx.aeronDirectoryName)
            .archiveDir(new File(ctx.archiveDirectoryName))
            .deleteArchiveOnStart(false)
            .controlChannelEnabled(false)
            .localControlChannel(CONTROL_CHANNEL)
            .localControlStreamId(CONTROL_STREAM_ID)
            .recordingEventsEnabled(false)
            // Required by Archive.Context even when nothing is replicated; port 0 binds nothing until it is used.
            .replicationChannel("aeron:udp?endpoint=localhost:0")
            // The archive's own client (for replication) answers over IPC too.
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel(CONTROL_CHANNEL)
                .controlResponseStreamId(CONTROL_RESPONSE_STREAM_ID + 1))
            .idleStrategySupplier(() -> IdleStrategies.of("archive-idle",
                null != ctx.archiveIdleStrategy ? ctx.archiveIdleStrategy : ctx.idleStrategy))
            .segmentFileLength(ctx.segmentFileLength)
            .lowStorageSpaceThreshold(ctx.lowStorageSpaceThreshold)
            .fileSyncLevel(ctx.fileSyncLevel)
            .catalogFileSyncLevel(ctx.fileSyncLevel)
            .errorHandler(new ArchiveErrors(ctx.archiveDirectoryName, ctx.lowStorageSpaceThreshold, ctx.failures));

        MediaDriver driver = null;
        Archive archiveServer = null;
        InvokedDriver invokedDriver = null;
        InvokedArchive invokedArchive = null;
        AeronArchive archive = null;
        try
        {
            // As ArchivingMediaDriver.launch, but for the driver's duty cycle the archive runs in INVOKER mode: the
            // interval-limited one, behind InvokedDriver's flag, never the driver's own invoker.
            driver = MediaDriver.launch(driverCtx);
            if (ThreadingMode.INVOKER == ctx.threadingMode)
            {
                invokedDriver = new InvokedDriver(driver.sharedAgentInvoker(), ctx.invokeIntervalNs);
                invokerThread = new InvokerThread(ctx.invokerThreadName,
                    IdleStrategies.of("ingress-idle", ctx.invokerIdleStrategy),
                    (throwable) -> System.err.println("ringside driver: " + throwable));
                invokerThread.add(invokedDriver);
            }
            archiveServer = Archive.launch(archiveCtx
                .threadingMode(null == invokedDriver ? ArchiveThreadingMode.SHARED : ArchiveThreadingMode.INVOKER)
                .mediaDriverAgentInvoker(null == invokedDriver ? null : invokedDriver.intervalInvoker())
                .errorCounter(new AtomicCounter(driverCtx.countersValuesBuffer(), SystemCounterDescriptor.ERRORS.id())));
            // After the launch: Aeron recreates a stale driver directory, and makes the archive's.
            DriverDirectory.ownerOnly(Path.of(ctx.aeronDirectoryName));
            DriverDirectory.ownerOnly(Path.of(ctx.archiveDirectoryName));
            if (null == invokedDriver)
            {
                archive = AeronArchive.connect(clientContext(ctx.aeronDirectoryName));
            }
            else
            {
                invokedClient = Aeron.connect(new Aeron.Context()
                    .clientName("ringside-archiving-driver")
                    .aeronDirectoryName(ctx.aeronDirectoryName)
                    .useConductorAgentInvoker(true)
                    .driverAgentInvoker(invokedDriver.clientInvoker())
                    .errorHandler(ctx.failures.aeronClientErrors(ctx.aeronDirectoryName)));
                invokedArchive = new InvokedArchive(archiveServer, invokedDriver, invokedClient.conductorAgentInvoker());
                // The archive is that thread's from its first duty cycle on: this one only waits on it from here.
                invokerThread.add(invokedArchive);
                archive = AeronArchive.connect(clientContext(ctx.aeronDirectoryName)
                    .aeron(invokedClient)
                    .ownsAeronClient(false)
                    .agentInvoker(invokedArchive.clientInvoker()));
            }
            for (final Stream stream : ctx.recordedStreams)
            {
                // IPC, LOCAL: the archive records every publication on the stream in this driver, from any process.
                // UDP, REMOTE: the archive is a receiver on the endpoint itself, so a feed stays connected (and
                // recorded) while no engine is subscribed, and feeds on other hosts are recorded too.
                final SourceLocation source =
                    ChannelUri.parse(stream.channel()).isUdp() ? SourceLocation.REMOTE : SourceLocation.LOCAL;
                try
                {
                    archive.startRecording(stream.channel(), stream.streamId(), source);
                }
                catch (final ArchiveException ex)
                {
                    final long usable = new File(ctx.archiveDirectoryName).getUsableSpace();
                    throw new IllegalStateException(usable < ctx.lowStorageSpaceThreshold ?
                        "archive-dir: " + ctx.archiveDirectoryName + " has " + usable + " bytes free, below "
                            + "low-storage-threshold " + ctx.lowStorageSpaceThreshold + "; the archive refuses to record "
                            + "(free space, or lower retention): " + ex.getMessage() :
                        "archive: cannot record " + stream + ": " + ex.getMessage(), ex);
                }
            }
            if (null != ctx.sequencedStream)
            {
                // Record the sequenced log first, so it is on disk from its first message.
                archive.startRecording(ctx.sequencedStream.channel(), ctx.sequencedStream.streamId(), SourceLocation.LOCAL);
                if (null != invokedArchive)
                {
                    invokedArchive.sequencer(
                        new IngressSequencer(invokedClient, ctx.sequencedInputs, ctx.sequencedStream, 64));
                }
                else
                {
                    sequencerAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName));
                    sequencerRunner = new AgentRunner(
                        IdleStrategies.of("driver-idle", ctx.idleStrategy),
                        (throwable) -> System.err.println("ringside driver: sequencer: " + throwable),
                        null,
                        new IngressSequencer(sequencerAeron, ctx.sequencedInputs, ctx.sequencedStream, 64));
                    AgentRunner.startOnThread(sequencerRunner);
                }
            }
            abandonedSweep = ctx.abandonedSweepIntervalMs <= 0 ? null : AbandonedPublications.sweep(
                archive.context().aeron().countersReader(), ctx.aeronDirectoryName, ctx.abandonedSweepIntervalMs);
            if (ctx.retention.isEnabled())
            {
                final AeronArchive housekeepingArchive = archive;
                housekeeping = new Thread(() -> housekeep(housekeepingArchive), "ringside-archive-retention");
                housekeeping.setDaemon(true);
                housekeeping.start();
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(abandonedSweep,
                archive, invokerThread, sequencerRunner, sequencerAeron, invokedClient, archiveServer, driver);
            throw ex;
        }
        this.driver = driver;
        this.archiveServer = archiveServer;
        this.invokedDriver = invokedDriver;
        this.invokedArchive = invokedArchive;
        this.archive = archive;
    }

    /**
     * Launch the driver and the archive and start recording every stream in the context.
     *
     * @throws IllegalArgumentException for bad configuration, naming the setting.
     */
    public static ArchivingDriver launch(final Context ctx)
    {
        ctx.conclude();
        return new ArchivingDriver(ctx);
    }

    /** How a client in any process reaches the archive of the driver at {@code aeronDirectoryName}. */
    public static AeronArchive.Context clientContext(final String aeronDirectoryName)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .controlRequestChannel(CONTROL_CHANNEL)
            .controlRequestStreamId(CONTROL_STREAM_ID)
            .controlResponseChannel(CONTROL_CHANNEL)
            .controlResponseStreamId(CONTROL_RESPONSE_STREAM_ID);
    }

    public Context context()
    {
        return ctx;
    }

    /** The driver's own archive client; for the thread that launched it only. */
    public AeronArchive archive()
    {
        return archive;
    }

    public MediaDriver mediaDriver()
    {
        return driver;
    }

    /**
     * INVOKER mode: the driver's duty cycle, run by {@link #invokerThread()}, and by a thread of the launcher's that
     * waits on the driver ({@link InvokedDriver#clientInvoker()}) or on what that thread does; else null.
     */
    public InvokedDriver invokedDriver()
    {
        return invokedDriver;
    }

    /**
     * INVOKER mode: the sequencer, the archive and their client's conductor, run by {@link #invokerThread()}, and by
     * an agent of that thread that waits on them; else null.
     */
    public InvokedArchive invokedArchive()
    {
        return invokedArchive;
    }

    /**
     * INVOKER mode: the one thread that runs the driver, the archive and the sequencer, for the launcher's agents to
     * join; closed with this driver. Else null.
     */
    public InvokerThread invokerThread()
    {
        return invokerThread;
    }

    public void close()
    {
        running = false;
        if (null != housekeeping)
        {
            housekeeping.interrupt();
            try
            {
                housekeeping.join(10_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        // The archive client first, so its session ends before the archive; INVOKER: the thread closes the archive.
        CloseHelper.closeAll(abandonedSweep, archive, invokerThread, sequencerRunner, sequencerAeron, invokedClient,
            archiveServer, driver);
        if (ctx.deleteArchiveDirectoryOnShutdown)
        {
            org.agrona.IoUtil.delete(new File(ctx.archiveDirectoryName), true);
        }
    }

    /** Retention on the recorded ingress streams, every retention interval; owns the archive client once running. */
    private void housekeep(final AeronArchive archive)
    {
        while (running)
        {
            try
            {
                for (final Stream stream : ctx.retainedStreams)
                {
                    final long purged = ctx.retention.apply(archive, stream.channel(), stream.streamId(),
                        System.currentTimeMillis());
                    if (purged > 0)
                    {
                        System.err.println("ringside driver: retention purged " + purged + " bytes of " + stream);
                    }
                }
            }
            catch (final RuntimeException ex)
            {
                if (running)
                {
                    System.err.println("ringside driver: retention failed: " + ex.getMessage());
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ctx.retentionIntervalMs));
        }
    }

    /** A channel and stream the archive records. */
    public record Stream(String channel, int streamId)
    {
    }

    /** Configuration with defaults; {@link #conclude()} checks it. */
    public static final class Context
    {
        private String aeronDirectoryName;
        private String archiveDirectoryName;
        private ThreadingMode threadingMode = ThreadingMode.SHARED;
        private long invokeIntervalNs;
        private String invokerThreadName = "ringside-archiving-driver";
        private String invokerIdleStrategy = IdleStrategies.BACKOFF;
        private String idleStrategy = IdleStrategies.BACKOFF;
        private String archiveIdleStrategy;
        private int termBufferLength = 16 * 1024 * 1024;
        private int segmentFileLength = 128 * 1024 * 1024;
        private long lowStorageSpaceThreshold = 128L * 1024 * 1024;
        private int fileSyncLevel = 0;
        private long clientLivenessTimeoutMs = 10_000;
        private boolean deleteAeronDirectoryOnShutdown = true;
        private boolean deleteArchiveDirectoryOnShutdown = false;
        private final List<Stream> recordedStreams = new ArrayList<>();
        private final List<Stream> retainedStreams = new ArrayList<>();
        private Retention retention = new Retention(0, 0);
        private List<Stream> sequencedInputs = List.of();
        private Stream sequencedStream;
        private long retentionIntervalMs = 60_000;
        private long abandonedSweepIntervalMs = 1_000;
        private FailureLatch failures = new FailureLatch("ringside archive", System.err);

        public Context conclude()
        {
            if (null == aeronDirectoryName || aeronDirectoryName.isBlank())
            {
                throw new IllegalArgumentException("aeron-dir: must not be empty");
            }
            DriverDirectory.checkNotLink(aeronDirectoryName);
            if (null == archiveDirectoryName || archiveDirectoryName.isBlank())
            {
                throw new IllegalArgumentException("archive-dir: must not be empty");
            }
            if (invokeIntervalNs < 0)
            {
                throw new IllegalArgumentException("invoke-interval: must be >= 0: " + invokeIntervalNs + " ns");
            }
            IdleStrategies.of("ingress-idle", invokerIdleStrategy);
            IdleStrategies.of("driver-idle", idleStrategy);
            if (null != archiveIdleStrategy)
            {
                IdleStrategies.of("archive-idle", archiveIdleStrategy);
            }
            if (Integer.bitCount(segmentFileLength) != 1 || segmentFileLength < termBufferLength)
            {
                throw new IllegalArgumentException("segment-length: must be a power of two >= the term length ("
                    + termBufferLength + "): " + segmentFileLength);
            }
            if (lowStorageSpaceThreshold < 0)
            {
                throw new IllegalArgumentException("low-storage-threshold: must be >= 0: " + lowStorageSpaceThreshold);
            }
            if (fileSyncLevel < 0 || fileSyncLevel > 2)
            {
                throw new IllegalArgumentException("file-sync: must be 0 (page cache), 1 (data) or 2 (data and metadata): "
                    + fileSyncLevel);
            }
            if (clientLivenessTimeoutMs <= 1_000)
            {
                throw new IllegalArgumentException("client-timeout: must be > 1s (the driver checks clients once a second): " + clientLivenessTimeoutMs + "ms");
            }
            return this;
        }

        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        public Context archiveDirectoryName(final String archiveDirectoryName)
        {
            this.archiveDirectoryName = archiveDirectoryName;
            return this;
        }

        public String archiveDirectoryName()
        {
            return archiveDirectoryName;
        }

        /**
         * SHARED (the default) or DEDICATED: the driver, the archive and the sequencer have threads of their own.
         * INVOKER: they share one, {@link ArchivingDriver#invokerThread()}, that the launcher's agents join.
         */
        public Context threadingMode(final ThreadingMode threadingMode)
        {
            this.threadingMode = threadingMode;
            return this;
        }

        /**
         * INVOKER mode: at most how often the invoked duty cycle runs the driver (0, the default, every time): more
         * only when every stream is IPC, see {@link InvokedDriver}.
         */
        public Context invokeIntervalNs(final long invokeIntervalNs)
        {
            this.invokeIntervalNs = invokeIntervalNs;
            return this;
        }

        /** INVOKER mode: the name and idle strategy of the one thread, as its launcher's agents that join it need. */
        public Context invokerThread(final String name, final String idleStrategy)
        {
            this.invokerThreadName = name;
            this.invokerIdleStrategy = idleStrategy;
            return this;
        }

        /** The idle strategy of the driver's and the archive's threads: backoff by default, for shared cores. */
        public Context idleStrategy(final String idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * The archive thread's own idle strategy; null (the default) takes the driver's. {@code sleeping} records in
         * 1 ms batches and leaves the cores to the engine: right when nothing reads the recording live.
         */
        public Context archiveIdleStrategy(final String archiveIdleStrategy)
        {
            this.archiveIdleStrategy = archiveIdleStrategy;
            return this;
        }

        public Context termBufferLength(final int termBufferLength)
        {
            this.termBufferLength = termBufferLength;
            return this;
        }

        /** Recording segment file length; retention works in whole segments. */
        public Context segmentFileLength(final int segmentFileLength)
        {
            this.segmentFileLength = segmentFileLength;
            return this;
        }

        /**
         * Below this much free space in the archive directory, the archive refuses to start a recording or a new
         * segment and reports an error, rather than writing a segment the disk cannot hold.
         */
        public Context lowStorageSpaceThreshold(final long lowStorageSpaceThreshold)
        {
            this.lowStorageSpaceThreshold = lowStorageSpaceThreshold;
            return this;
        }

        /** 0: leave it to the page cache (survives a process crash, not a power cut); 1 or 2: fsync each write. */
        public Context fileSyncLevel(final int fileSyncLevel)
        {
            this.fileSyncLevel = fileSyncLevel;
            return this;
        }

        /** How long the driver waits before it declares a silent client (a killed engine) dead and closes its streams. */
        public Context clientLivenessTimeoutMs(final long clientLivenessTimeoutMs)
        {
            this.clientLivenessTimeoutMs = clientLivenessTimeoutMs;
            return this;
        }

        /** Told when the archive stops recording (out of storage space, a write failed, its thread died). */
        public Context failures(final FailureLatch failures)
        {
            this.failures = failures;
            return this;
        }

        public FailureLatch failures()
        {
            return failures;
        }

        public Context deleteAeronDirectoryOnShutdown(final boolean delete)
        {
            this.deleteAeronDirectoryOnShutdown = delete;
            return this;
        }

        /** For a scratch log only: the recordings go with the driver. */
        public Context deleteArchiveDirectoryOnShutdown(final boolean delete)
        {
            this.deleteArchiveDirectoryOnShutdown = delete;
            return this;
        }

        public Context record(final String channel, final int streamId)
        {
            recordedStreams.add(new Stream(channel, streamId));
            return this;
        }

        public List<Stream> recordedStreams()
        {
            return recordedStreams;
        }

        /**
         * Merge these ingress streams into one recorded log, {@code output}, in the order they arrive: the total
         * order a durable engine needs when it has more than one ingress stream. See {@link IngressSequencer}. The
         * inputs need not be recorded as well: the sequencer subscribes to each (on a UDP endpoint, as a receiver of
         * its own, so a feed stays connected while no engine is), and the log holds all they carry.
         */
        public Context sequence(final List<Stream> inputs, final Stream output)
        {
            this.sequencedInputs = List.copyOf(inputs);
            this.sequencedStream = output;
            return this;
        }

        /** Apply the retention to this recorded stream (the ingress streams; egress recordings are kept). */
        public Context retain(final String channel, final int streamId)
        {
            retainedStreams.add(new Stream(channel, streamId));
            return this;
        }

        /** How often dead clients' abandoned frames are padded ({@link AbandonedPublications}); 0: never. */
        public Context abandonedSweepIntervalMs(final long intervalMs)
        {
            this.abandonedSweepIntervalMs = intervalMs;
            return this;
        }

        public Context retention(final Retention retention, final long intervalMs)
        {
            if (intervalMs < 1)
            {
                throw new IllegalArgumentException("retention-interval: must be >= 1ms");
            }
            this.retention = retention;
            this.retentionIntervalMs = intervalMs;
            return this;
        }
    }
}
