package io.ringside.engine.metrics;

import io.ringside.transport.IdlePriority;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyLogTest
{
    @Test
    void theLogEncodesOnAnIdlePriorityThreadAndWritesEachStageTaggedAndTheFirstUntagged(@TempDir final Path dir)
        throws Exception
    {
        final StageLatency first = new StageLatency("first");
        final StageLatency second = new StageLatency("second");
        first.record(1_000);
        first.record(2_000);
        second.record(7_000);
        final CountDownLatch ticked = new CountDownLatch(1);
        final AtomicReference<Boolean> idle = new AtomicReference<>();
        final Path file = dir.resolve("stages.hlog");

        try (LatencyLog log = new LatencyLog(List.of(first, second), file, 60_000, () ->
        {
            idle.set(IdlePriority.isIdle());
            ticked.countDown();
        }))
        {
            assertTrue(ticked.await(10, TimeUnit.SECONDS));
        }

        assertTrue(idle.get(), "the log's thread gives way to any thread that wakes on its core (SCHED_IDLE)");
        final HistogramLogReader reader = new HistogramLogReader(file.toFile());
        final Histogram taggedFirst = (Histogram)reader.nextIntervalHistogram();
        final Histogram untagged = (Histogram)reader.nextIntervalHistogram();
        final Histogram taggedSecond = (Histogram)reader.nextIntervalHistogram();
        assertNull(reader.nextIntervalHistogram());
        assertEquals("first", taggedFirst.getTag());
        assertEquals(2, taggedFirst.getTotalCount());
        assertNull(untagged.getTag());
        assertEquals(2, untagged.getTotalCount());
        assertEquals(taggedFirst.getMaxValue(), untagged.getMaxValue());
        assertEquals("second", taggedSecond.getTag());
        assertEquals(1, taggedSecond.getTotalCount());
        assertEquals(3, first.total().getTotalCount() + second.total().getTotalCount());
    }
}
