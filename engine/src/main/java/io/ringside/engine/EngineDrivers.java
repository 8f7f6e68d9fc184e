package io.ringside.engine;

import io.ringside.engine.durable.RecordedIngress;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.IdleStrategies;

import java.util.ArrayList;
import java.util.List;

/**
 * The media driver and archive an engine's log lives in, decided once for the engine that embeds them and for
 * {@code ringside driver} that runs them in a process of their own, so the two record the same streams the same way.
 */
public final class EngineDrivers
{
    public static final String DEFAULT_ARCHIVE_DIRECTORY = "ringside-archive";
    public static final int DEFAULT_SEGMENT_FILE_LENGTH = 128 * 1024 * 1024;
    public static final long DEFAULT_LOW_STORAGE_SPACE_THRESHOLD = 128L * 1024 * 1024;
    /** Short enough that a restarted durable engine does not wait long for a killed one's streams to close. */
    public static final long DEFAULT_CLIENT_LIVENESS_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_RETENTION_INTERVAL_MS = 60_000;

    private EngineDrivers()
    {
    }

    /**
     * The archiving driver an engine embeds: its log is the engine's own and, unless given a directory, scratch.
     *
     * @param ctx the engine's concluded context.
     * @return the driver's context, ready to launch.
     */
    public static ArchivingDriver.Context embedded(final EngineContext ctx)
    {
        final ArchivingDriver.Context archiveCtx = common(ctx, ctx.durableLog().archiveDirectoryName())
            .deleteArchiveDirectoryOnShutdown(ctx.durableLog().archiveDirectoryScratch())
            // Live ingest: the recording is read by no one while the engine runs, so the archive records in 1 ms
            // batches and leaves the cores to the engine. Durable ingest reads through the archive: it keeps up.
            .archiveIdleStrategy(ctx.durableLog().durable() ? ctx.driverIdleStrategy() : IdleStrategies.SLEEPING)
            .segmentFileLength(Math.max(ctx.termBufferLength(), DEFAULT_SEGMENT_FILE_LENGTH))
            // INVOKER (a durable engine, compact): the driver, the archive and the sequencer run on the thread the
            // engine's ingress then joins, named and idling as ingress.
            .invokerThread(RecordedIngress.THREAD_NAME, ctx.ingressIdleStrategy())
            .invokeIntervalNs(Engine.driverInterval(channels(ctx)));
        // Only a durable engine reads the sequenced log; a live one would pay for merging the streams for nothing.
        return ctx.recordStreams(archiveCtx, ctx.durableLog().durable());
    }

    /** Every stream the engine reads or writes, ingress then egress. */
    static List<ArchivingDriver.Stream> channels(final EngineContext ctx)
    {
        final List<ArchivingDriver.Stream> channels = new ArrayList<>(ctx.streams().ingressStreams());
        channels.addAll(ctx.streams().egressStreams());
        return channels;
    }

    /**
     * A driver and archive in a process of their own that durable engines (with an external driver) come and go on:
     * every stream of the log recorded, the ingress merged into the sequenced log, and the ingress side retained.
     *
     * @param ctx                  the context of the engines it serves: directory, streams, driver settings.
     * @param archiveDirectoryName where the recordings live, kept across runs.
     * @return the driver's context, for the caller's storage and retention settings, then launch.
     */
    public static ArchivingDriver.Context standalone(final EngineContext ctx, final String archiveDirectoryName)
    {
        ctx.conclude();
        final ArchivingDriver.Context archiveCtx = common(ctx, archiveDirectoryName)
            .segmentFileLength(DEFAULT_SEGMENT_FILE_LENGTH)
            .lowStorageSpaceThreshold(DEFAULT_LOW_STORAGE_SPACE_THRESHOLD)
            .clientLivenessTimeoutMs(DEFAULT_CLIENT_LIVENESS_TIMEOUT_MS);
        ctx.recordStreams(archiveCtx, true);
        // Retention trims the log of the inputs only: the egress recordings are how a restarted engine knows what it
        // sent.
        for (final ArchivingDriver.Stream stream : ctx.durableLogStreams())
        {
            archiveCtx.retain(stream.channel(), stream.streamId());
        }
        return archiveCtx;
    }

    private static ArchivingDriver.Context common(final EngineContext ctx, final String archiveDirectoryName)
    {
        return new ArchivingDriver.Context()
            .aeronDirectoryName(ctx.aeronDirectoryName())
            .archiveDirectoryName(archiveDirectoryName)
            .threadingMode(ctx.driverThreadingMode())
            .idleStrategy(ctx.driverIdleStrategy())
            .termBufferLength(ctx.termBufferLength());
    }
}
