package io.ringside.cli;

import io.ringside.engine.DurableLogSettings;
import io.ringside.engine.EngineContext;
import io.ringside.engine.SnapshotSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The engine's durable log: the archive beside its driver, recovery by replay, snapshots. */
final class DurableLogOptions
{
    @Option(names = "--no-archive", description = "Embedded driver only: do not launch an Aeron Archive with it "
        + "(by default it records the ingress and egress streams).")
    boolean noArchive;

    @Option(names = "--archive-dir", paramLabel = "DIR", description = "Embedded archive's directory. Default: a "
        + "scratch directory under java.io.tmpdir, deleted when the engine stops; give one to keep the log.")
    String archiveDir;

    @Option(names = "--durable", description = "Ingest from the archive's recordings of the ingress streams "
        + "(from their start, then following them) and do not publish again outputs an earlier run published: "
        + "recovery after a crash or restart. With `ringside driver` and --external-driver.")
    boolean durable;

    @Option(names = "--replay-stream", paramLabel = "ID",
        defaultValue = "" + DurableLogSettings.DEFAULT_REPLAY_STREAM_ID,
        description = "Stream the archive replays the ingress on, to the engine. Default: ${DEFAULT-VALUE}.")
    int replayStream;

    @Option(names = "--recovery-timeout", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = DurableLogSettings.DEFAULT_RECOVERY_TIMEOUT_MS + "ms", description = "How long a restarted "
        + "durable engine waits for the driver to close a dead engine's egress streams (30s). "
        + "Default: ${DEFAULT-VALUE}.")
    long recoveryTimeoutNs;

    @Option(names = "--snapshot-interval-events", paramLabel = "N",
        defaultValue = "" + SnapshotSettings.DEFAULT_INTERVAL_EVENTS, description = "Durable engine: snapshot "
        + "every handler's state every N events (and at a clean stop), and start from the newest snapshot instead "
        + "of the log's start; 0 for none. Default: ${DEFAULT-VALUE}.")
    long snapshotIntervalEvents;

    @Option(names = "--snapshot-interval", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = "0", description = "Durable engine: also snapshot when this much time has passed since the "
        + "last, as events arrive (30s, 500ms); 0 for none. Default: ${DEFAULT-VALUE}.")
    long snapshotIntervalNs;

    @Option(names = "--snapshot-dir", paramLabel = "DIR", description = "Where snapshots are written and looked for. "
        + "Default: <archive-dir>/snapshots with the embedded driver, <report-dir>/snapshots with --external-driver.")
    Path snapshotDir;

    @Option(names = "--snapshots-kept", paramLabel = "N", defaultValue = "" + SnapshotSettings.DEFAULT_KEPT,
        description = "Newest snapshot files kept; older ones are deleted. Default: ${DEFAULT-VALUE}.")
    int snapshotsKept;

    EngineContext applyTo(final EngineContext ctx)
    {
        ctx.durableLog()
            .archive(!noArchive)
            .archiveDirectoryName(archiveDir)
            .durable(durable)
            .replayStreamId(replayStream)
            .recoveryTimeoutMs(TimeUnit.NANOSECONDS.toMillis(recoveryTimeoutNs));
        ctx.snapshots()
            .intervalEvents(snapshotIntervalEvents)
            .intervalMs(TimeUnit.NANOSECONDS.toMillis(snapshotIntervalNs))
            .directory(snapshotDir)
            .kept(snapshotsKept);
        return ctx;
    }
}
