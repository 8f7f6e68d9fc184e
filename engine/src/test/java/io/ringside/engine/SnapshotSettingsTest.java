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
        final EngineContext embedded = durable();
        embedded.durableLog().archiveDirectoryName("/var/tmp/log");
        embedded.conclude();
        assertTrue(embedded.snapshots());
        assertEquals(1_000_000, embedded.snapshotIntervalEvents());
        assertEquals(0, embedded.snapshotIntervalMs());
        assertEquals(3, embedded.snapshotsKept());
        assertEquals(Path.of("/var/tmp/log", "snapshots"), embedded.snapshotDirectory(), "beside the archive");

        final EngineContext external = durable().embeddedDriver(false)
            .reportDirectory(Path.of("out")).conclude();
        assertEquals(Path.of("out", "snapshots"), external.snapshotDirectory(), "beside the report");

        assertFalse(new EngineContext().conclude().snapshots(), "only a durable engine: positions are the log's");
        assertFalse(durable().snapshotIntervalEvents(0).conclude().snapshots());
        assertTrue(durable().snapshotIntervalEvents(0).snapshotIntervalMs(500).conclude()
            .snapshots());
        assertFalse(durable().pipeline(HandlerGraph.BLOCKING_QUEUE).conclude().snapshots(),
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

    private static EngineContext durable()
    {
        final EngineContext ctx = new EngineContext();
        ctx.durableLog().durable(true);
        return ctx;
    }
}
