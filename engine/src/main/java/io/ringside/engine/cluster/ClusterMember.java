package io.ringside.engine.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.EngineContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NoOpLock;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One member of a Ringside cluster in this process: its media driver, archive and consensus module
 * ({@link ClusteredMediaDriver}) and the service container hosting {@link RingsideClusteredService}. Its files are
 * under {@code dir} (archive/, cluster/), its driver at {@code aeronDirectoryName}; Aeron's ClusterTool reads
 * {@code dir/cluster}.
 */
public final class ClusterMember implements AutoCloseable
{
    /** Outputs of each stream a member keeps to publish again when it becomes leader. */
    public static final int DEFAULT_KEPT_OUTPUTS = 64 * 1024;
    public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS = 2_000;

    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final RingsideClusteredService service;

    private ClusterMember(
        final ClusteredMediaDriver driver,
        final ClusteredServiceContainer container,
        final RingsideClusteredService service)
    {
        this.driver = driver;
        this.container = container;
        this.service = service;
    }

    /** How a member is started; the engine's own settings come with the {@link EngineContext}. */
    public static final class Settings
    {
        int memberId;
        ClusterLayout layout;
        Path dir;
        String aeronDirectoryName;
        boolean cleanStart;
        long leaderHeartbeatTimeoutMs = DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS;
        int keptOutputs = DEFAULT_KEPT_OUTPUTS;
        ErrorHandler errorHandler = (ex) -> ex.printStackTrace(System.err);

        public Settings memberId(final int memberId)
        {
            this.memberId = memberId;
            return this;
        }

        public Settings layout(final ClusterLayout layout)
        {
            this.layout = layout;
            return this;
        }

        /** Where the member's archive and cluster files live. */
        public Settings dir(final Path dir)
        {
            this.dir = dir;
            return this;
        }

        public Settings aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /** Delete the member's archive and cluster files first: a new cluster, not a restart. */
        public Settings cleanStart(final boolean cleanStart)
        {
            this.cleanStart = cleanStart;
            return this;
        }

        /** A leader silent this long is taken as gone, and an election starts: the floor of a failover's time. */
        public Settings leaderHeartbeatTimeoutMs(final long leaderHeartbeatTimeoutMs)
        {
            this.leaderHeartbeatTimeoutMs = leaderHeartbeatTimeoutMs;
            return this;
        }

        public Settings keptOutputs(final int keptOutputs)
        {
            this.keptOutputs = keptOutputs;
            return this;
        }

        public Settings errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }

    public static ClusterMember launch(final Settings settings, final EngineContext engineCtx)
    {
        final ClusterLayout layout = settings.layout;
        final int id = settings.memberId;
        if (null == layout || id < 0 || id >= layout.memberCount())
        {
            throw new IllegalArgumentException("member: must be 0 to " +
                (null == layout ? "?" : layout.memberCount() - 1) + ": " + id);
        }
        if (settings.keptOutputs < 1)
        {
            throw new IllegalArgumentException("kept-outputs: must be >= 1: " + settings.keptOutputs);
        }
        final String host = layout.host(id);
        final String aeronDir = settings.aeronDirectoryName;
        final File base = settings.dir.toFile();
        final ErrorHandler errors = settings.errorHandler;

        final MediaDriver.Context driverCtx = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errors);

        final Archive.Context archiveCtx = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveId(id)
            .archiveDir(new File(base, "archive"))
            .controlChannel("aeron:udp?endpoint=" + layout.endpoint(id, ClusterLayout.ARCHIVE_CONTROL))
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .deleteArchiveOnStart(settings.cleanStart)
            .errorHandler(errors);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveCtx.localControlChannel())
            .controlRequestStreamId(archiveCtx.localControlStreamId())
            .controlResponseChannel(archiveCtx.localControlChannel())
            .aeronDirectoryName(aeronDir);

        final File clusterDir = new File(base, "cluster");
        final ConsensusModule.Context consensusCtx = new ConsensusModule.Context()
            .clusterMemberId(id)
            .clusterMembers(layout.clusterMembers())
            .clusterDir(clusterDir)
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .ingressChannel("aeron:udp?term-length=1m")
            .logChannel("aeron:udp?term-length=4m")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(settings.leaderHeartbeatTimeoutMs))
            .serviceCount(1)
            .deleteDirOnStart(settings.cleanStart)
            .errorHandler(errors);

        // The engine's own files (its error log) go with the member's driver, whatever directory the context named:
        // that is the gateway's, where feeds publish, and may not even exist on a member's host.
        engineCtx.aeronDirectoryName(aeronDir);
        final RingsideClusteredService service = new RingsideClusteredService(engineCtx, settings.keptOutputs);
        final ClusteredServiceContainer.Context containerCtx = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .clusteredService(service)
            .serviceId(0)
            .errorHandler(errors);

        ClusteredMediaDriver driver = null;
        try
        {
            driver = ClusteredMediaDriver.launch(driverCtx, archiveCtx, consensusCtx);
            return new ClusterMember(driver, ClusteredServiceContainer.launch(containerCtx), service);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    public RingsideClusteredService service()
    {
        return service;
    }

    /** Ask the cluster for a snapshot, as ClusterTool's snapshot does; false when a toggle is already pending. */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(driver.consensusModule().context().controlToggleCounter());
    }

    public String aeronDirectoryName()
    {
        return driver.mediaDriver().aeronDirectoryName();
    }

    public File clusterDir()
    {
        return driver.consensusModule().context().clusterDir();
    }

    /** Stop at once, as a crash would as far as the other members can tell: no handover, nothing flushed to them. */
    public void close()
    {
        CloseHelper.closeAll(container, driver);
    }
}
