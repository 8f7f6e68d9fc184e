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
        assertTrue(embedded.takesSnapshots());
        assertEquals(1_000_000, embedded.snapshots().intervalEvents());
        assertEquals(0, embedded.snapshots().intervalMs());
        assertEquals(3, embedded.snapshots().kept());
        assertEquals(Path.of("/var/tmp/log", "snapshots"), embedded.snapshots().directory(), "beside the archive");

        final EngineContext external = durable().embeddedDriver(false)
            .reportDirectory(Path.of("out")).conclude();
        assertEquals(Path.of("out", "snapshots"), external.snapshots().directory(), "beside the report");

        assertFalse(new EngineContext().conclude().takesSnapshots(), "only a durable engine: positions are the log's");
        final EngineContext noInterval = durable();
        noInterval.snapshots().intervalEvents(0);
        assertFalse(noInterval.conclude().takesSnapshots());
        final EngineContext byTimeOnly = durable();
        byTimeOnly.snapshots().intervalEvents(0).intervalMs(500);
        assertTrue(byTimeOnly.conclude().takesSnapshots());
        assertFalse(durable().pipeline(HandlerGraph.BLOCKING_QUEUE).conclude().takesSnapshots(),
            "the baseline's egress does not see slots in ring order");
    }

    @Test
    void badValuesNameTheSetting()
    {
        final EngineContext negativeEvents = new EngineContext();
        negativeEvents.snapshots().intervalEvents(-1);
        assertEquals("snapshot-interval-events: must be >= 0 (0: no snapshots): -1", assertThrows(
            IllegalArgumentException.class, negativeEvents::conclude).getMessage());
        final EngineContext negativeTime = new EngineContext();
        negativeTime.snapshots().intervalMs(-5);
        assertEquals("snapshot-interval: must be >= 0 (0: by event count only): -5 ms", assertThrows(
            IllegalArgumentException.class, negativeTime::conclude).getMessage());
        final EngineContext noneKept = new EngineContext();
        noneKept.snapshots().kept(0);
        assertEquals("snapshots-kept: must be >= 1: 0", assertThrows(
            IllegalArgumentException.class, noneKept::conclude).getMessage());
    }

    private static EngineContext durable()
    {
        final EngineContext ctx = new EngineContext();
        ctx.durableLog().durable(true);
        return ctx;
    }
}
