package io.ringside.engine;

import io.ringside.engine.metrics.EngineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's heap gauges, on a real engine: the heap in use is sampled as soon as the engine is up (by the latency
 * log's thread), and the heap left after a collection is set when one happens. A benchmark in another process reads
 * both from the CnC file to tell what the engine holds after a warm-up.
 */
final class HeapGaugesTest
{
    @TempDir
    Path tempDir;

    @Test
    void heapInUseIsSampledFromStartAndHeapAfterGcIsSetByACollection()
    {
        try (EngineHarness harness = new EngineHarness(tempDir.resolve("aeron"), tempDir.resolve("report")))
        {
            final EngineCounters counters = harness.engine.counters();
            final long maxHeap = Runtime.getRuntime().maxMemory();

            harness.await("heap_used_bytes sampled after start", () -> counters.get("heap_used_bytes") > 0);
            assertTrue(counters.get("heap_used_bytes") <= maxHeap, "at most the heap: " + counters.snapshot());

            // The test's JVM is the engine's: a collection here is one the engine's monitor is told about.
            System.gc();
            harness.await("heap_after_gc_bytes set by the collection", () -> counters.get("heap_after_gc_bytes") > 0);
            assertTrue(counters.get("heap_after_gc_bytes") <= maxHeap, "at most the heap: " + counters.snapshot());
        }
    }
}
