package io.ringside.engine;

import io.ringside.engine.pipeline.HandlerGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot settings' defaults and the message each bad value gets. */
final class SnapshotSettingsTest
{
    @Test
    void defaults()
    {
        final EngineContext embedded = new EngineContext().durable(true).archiveDirectoryName("/var/tmp/log").conclude();
        assertTrue(embedded.snapshots());
        assertEquals(1_000_000, embedded.snapshotIntervalEvents());
        assertEquals(0, embedded.snapshotIntervalMs());
        assertEquals(3, embedded.snapshotsKept());
        assertEquals(Path.of("/var/tmp/log", "snapshots"), embedded.snapshotDirectory(), "beside the archive");

        final EngineContext external = new EngineContext().durable(true).embeddedDriver(false)
            .reportDirectory(Path.of("out")).conclude();
        assertEquals(Path.of("out", "snapshots"), external.snapshotDirectory(), "beside the report");

        assertFalse(new EngineContext().conclude().snapshots(), "only a durable engine: positions are the log's");
        assertFalse(new EngineContext().durable(true).snapshotIntervalEvents(0).conclude().snapshots());
        assertTrue(new EngineContext().durable(true).snapshotIntervalEvents(0).snapshotIntervalMs(500).conclude()
            .snapshots());
        assertFalse(new EngineContext().durable(true).pipeline(HandlerGraph.BLOCKING_QUEUE).conclude().snapshots(),
            "the baseline's egress does not see slots in ring order");
    }

    @Test
    void badValuesNameTheSetting()
    {
        assertEquals("snapshot-interval-events: must be >= 0 (0: no snapshots): -1", assertThrows(
            IllegalArgumentException.class,
            () -> new EngineContext().snapshotIntervalEvents(-1).conclude()).getMessage());
        assertEquals("snapshot-interval: must be >= 0 (0: by event count only): -5 ms", assertThrows(
            IllegalArgumentException.class,
            () -> new EngineContext().snapshotIntervalMs(-5).conclude()).getMessage());
        assertEquals("snapshots-kept: must be >= 1: 0", assertThrows(
            IllegalArgumentException.class,
            () -> new EngineContext().snapshotsKept(0).conclude()).getMessage());
    }
}
