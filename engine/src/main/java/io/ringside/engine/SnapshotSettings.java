package io.ringside.engine;

import java.nio.file.Path;

/**
 * Snapshots: the handlers' state at a position in the log, so recovery replays only the tail after it. Part of an
 * {@link EngineContext}, checked when it concludes; whether snapshots are taken at all is
 * {@link EngineContext#takesSnapshots()}.
 */
public final class SnapshotSettings
{
    public static final long DEFAULT_INTERVAL_EVENTS = 1_000_000;
    public static final int DEFAULT_KEPT = 3;

    private long intervalEvents = DEFAULT_INTERVAL_EVENTS;
    private long intervalMs;
    private Path directory;
    private int kept = DEFAULT_KEPT;

    /**
     * Check every setting and place the directory when unset.
     *
     * @param engine the context these settings are part of, its durable log already concluded.
     * @throws IllegalArgumentException naming the first bad setting.
     */
    void conclude(final EngineContext engine)
    {
        if (intervalEvents < 0)
        {
            throw new IllegalArgumentException(
                "snapshot-interval-events: must be >= 0 (0: no snapshots): " + intervalEvents);
        }
        if (intervalMs < 0)
        {
            throw new IllegalArgumentException(
                "snapshot-interval: must be >= 0 (0: by event count only): " + intervalMs + " ms");
        }
        if (kept < 1)
        {
            throw new IllegalArgumentException("snapshots-kept: must be >= 1: " + kept);
        }
        if (null == directory)
        {
            // Snapshots name positions in one archive's recordings, so they live with that archive when the engine
            // knows where it is (and go with it when it is scratch); beside the report otherwise.
            directory = engine.embeddedDriver() ?
                Path.of(engine.durableLog().archiveDirectoryName(), "snapshots") :
                engine.reportDirectory().resolve("snapshots");
        }
    }

    public long intervalEvents()
    {
        return intervalEvents;
    }

    /** A snapshot every this many events taken into the ring, and one at a clean stop; 0 for none. */
    public SnapshotSettings intervalEvents(final long intervalEvents)
    {
        this.intervalEvents = intervalEvents;
        return this;
    }

    public long intervalMs()
    {
        return intervalMs;
    }

    /**
     * Also a snapshot when this much time has passed since the last (checked as events arrive, on the ingress
     * thread's clock); 0 for none. Snapshots then fall where either interval is due first.
     */
    public SnapshotSettings intervalMs(final long intervalMs)
    {
        this.intervalMs = intervalMs;
        return this;
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * Where snapshots are written and looked for. Default: {@code <archive-dir>/snapshots}, or with an external
     * driver {@code <report-dir>/snapshots}.
     */
    public SnapshotSettings directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    public int kept()
    {
        return kept;
    }

    /** How many of the newest snapshot files are kept; older ones are deleted after each write. */
    public SnapshotSettings kept(final int kept)
    {
        this.kept = kept;
        return this;
    }
}
