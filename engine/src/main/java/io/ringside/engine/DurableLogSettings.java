package io.ringside.engine;

import io.ringside.transport.ArchivingDriver;

import java.nio.file.Path;

/**
 * The durable log: the archive records the inputs and the outputs, a durable engine recovers by replaying it, and
 * what it had published is not published again. Part of an {@link EngineContext}, checked when it concludes.
 */
public final class DurableLogSettings
{
    public static final int DEFAULT_REPLAY_STREAM_ID = 1101;
    public static final int DEFAULT_SEQUENCED_STREAM_ID = 1100;
    public static final long DEFAULT_RECOVERY_TIMEOUT_MS = 30_000;

    /** The archive directory of an engine that launches no archive: nothing is written there. */
    private static final String NO_ARCHIVE = "(none: no embedded archive)";

    private boolean archive = true;
    private String archiveDirectoryName;
    private boolean archiveDirectoryScratch;
    private boolean durable;
    private int replayStreamId = DEFAULT_REPLAY_STREAM_ID;
    private int sequencedStreamId = DEFAULT_SEQUENCED_STREAM_ID;
    private long recoveryTimeoutMs = DEFAULT_RECOVERY_TIMEOUT_MS;

    /**
     * Fill the archive directory when unset and check every setting against the engine's streams.
     *
     * @param engine the context these settings are part of, its own settings already concluded.
     * @throws IllegalArgumentException naming the first bad setting.
     */
    void conclude(final EngineContext engine)
    {
        if (null == archiveDirectoryName && engine.embeddedDriver() && archive)
        {
            // A scratch log on disk (not beside the driver in /dev/shm: recordings grow with the feed), deleted when
            // the engine stops. A log that outlives the process is given its own --archive-dir, or lives with
            // `ringside driver`.
            archiveDirectoryName = ScratchArchive.create(Path.of(System.getProperty("java.io.tmpdir")));
            archiveDirectoryScratch = true;
        }
        else if (null == archiveDirectoryName)
        {
            archiveDirectoryName = NO_ARCHIVE;
        }
        if (archiveDirectoryName.isBlank())
        {
            throw new IllegalArgumentException("archive-dir: must not be empty");
        }
        if (durable && engine.embeddedDriver() && !archive)
        {
            throw new IllegalArgumentException("durable: needs an archive; drop --no-archive or use --external-driver");
        }
        StreamSettings.checkStreamId("replay-stream", replayStreamId);
        for (final ArchivingDriver.Stream stream : engine.streams().ingressStreams())
        {
            if (stream.streamId() == replayStreamId)
            {
                throw new IllegalArgumentException("replay-stream: " + replayStreamId +
                    " is also an ingress stream; replays need a stream of their own");
            }
        }
        if (replayStreamId == engine.streams().alertStreamId() || replayStreamId == engine.streams().orderStreamId())
        {
            throw new IllegalArgumentException("replay-stream: " + replayStreamId + " is also an egress stream");
        }
        StreamSettings.checkStreamId("sequenced-stream", sequencedStreamId);
        if (sequencedStreamId == replayStreamId || sequencedStreamId == engine.streams().alertStreamId() ||
            sequencedStreamId == engine.streams().orderStreamId() ||
            engine.streams().ingressStreams().stream().anyMatch((s) -> s.streamId() == sequencedStreamId))
        {
            throw new IllegalArgumentException(
                "sequenced-stream: " + sequencedStreamId + " is already an ingress, egress or replay stream");
        }
        if (recoveryTimeoutMs < 1)
        {
            throw new IllegalArgumentException("recovery-timeout: must be >= 1 ms: " + recoveryTimeoutMs + " ms");
        }
    }

    public boolean archive()
    {
        return archive;
    }

    /** With the embedded driver: also launch an Aeron Archive recording the ingress and egress streams (default). */
    public DurableLogSettings archive(final boolean archive)
    {
        this.archive = archive;
        return this;
    }

    public String archiveDirectoryName()
    {
        return archiveDirectoryName;
    }

    public DurableLogSettings archiveDirectoryName(final String archiveDirectoryName)
    {
        this.archiveDirectoryName = archiveDirectoryName;
        return this;
    }

    /** True when no archive directory was given: the embedded archive's log is scratch, deleted at close. */
    public boolean archiveDirectoryScratch()
    {
        return archiveDirectoryScratch;
    }

    public boolean durable()
    {
        return durable;
    }

    /**
     * Ingest from the archive's recordings of the ingress streams instead of the live streams: from their start,
     * then following them as they grow, live up to the recorded position. A restarted engine so rebuilds its state,
     * and outputs it already published (read back from the egress recordings) are not published again.
     */
    public DurableLogSettings durable(final boolean durable)
    {
        this.durable = durable;
        return this;
    }

    public int replayStreamId()
    {
        return replayStreamId;
    }

    /** The stream the archive replays the ingress recordings on, to this engine (aeron:ipc). */
    public DurableLogSettings replayStreamId(final int replayStreamId)
    {
        this.replayStreamId = replayStreamId;
        return this;
    }

    public int sequencedStreamId()
    {
        return sequencedStreamId;
    }

    public DurableLogSettings sequencedStreamId(final int sequencedStreamId)
    {
        this.sequencedStreamId = sequencedStreamId;
        return this;
    }

    /** The merged ingress log, recorded when there is more than one ingress stream. */
    public ArchivingDriver.Stream sequencedStream()
    {
        return new ArchivingDriver.Stream("aeron:ipc", sequencedStreamId);
    }

    public long recoveryTimeoutMs()
    {
        return recoveryTimeoutMs;
    }

    /** How long a restarted engine waits for the driver to close a dead engine's egress streams. */
    public DurableLogSettings recoveryTimeoutMs(final long recoveryTimeoutMs)
    {
        this.recoveryTimeoutMs = recoveryTimeoutMs;
        return this;
    }
}
