package io.ringside.engine;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.engine.metrics.EngineCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Each source's lag, {@code source.ID.lag_ns}: the wall clock when ingress received its latest message minus that
 * message's event time. With the clocks held still, exact.
 */
final class SourceLagTest
{
    /** 2012-06-21 09:30 America/New_York, in epoch ns: the LOBSTER file's times are seconds after midnight. */
    private static final long OPEN = 1_340_251_200_000_000_000L + 34_200_000_000_000L;

    @TempDir
    Path tempDir;

    @Test
    void lagIsTheWallClockAtIngressMinusTheLatestEventTime() throws Exception
    {
        final Path file = tempDir.resolve("TEST_2012-06-21_34200000_57600000_message_1.csv");
        Files.write(file, List.of("34200.000000001,1,1,100,1000000,1", "34200.250000000,1,2,100,1001000,-1"));
        final AtomicLong nanoTime = new AtomicLong(5_000);
        final Set<String> epochClockReaders = ConcurrentHashMap.newKeySet();
        // A replay of a day long gone: the wall clock is the next day, 09:30 plus one hour, and the lag says so.
        final long wall = OPEN + TimeUnit.DAYS.toNanos(1) + TimeUnit.HOURS.toNanos(1);
        try (EngineHarness harness = new EngineHarness(new EngineContext()
            .name("lag-test")
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .reportDirectory(tempDir.resolve("report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024)
            .initialOrderCapacity(1024)
            .nanoClock(nanoTime::get)
            .latencyIntervalMs(10)
            .epochClock(() ->
            {
                epochClockReaders.add(Thread.currentThread().getName());
                return wall + nanoTime.get() - 5_000;
            }));
            LobsterReader reader = new LobsterReader(file, 1, null, null, (kind, where, problem) -> false))
        {
            final EngineCounters counters = harness.engine.counters();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            long sequence = 0;
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                harness.send(buffer, length, ++sequence);
                final long expected = sequence;
                // The source's counters are made on its first message: until then there is none to read.
                harness.await("event " + expected,
                    () -> counters.snapshot().getOrDefault("source.1.last_sequence", 0L) == expected);
                if (2 == sequence)
                {
                    harness.await("its lag", () -> counters.get("source.1.lag_ns") ==
                        wall - (OPEN + 1));
                    assertEquals(OPEN + 1, counters.get("source.1.last_event_time"));
                    nanoTime.addAndGet(TimeUnit.MILLISECONDS.toNanos(300)); // the wall clock moves on with it
                }
            }
            harness.await("the last one's lag", () -> counters.get("source.1.lag_ns") ==
                wall + TimeUnit.MILLISECONDS.toNanos(300) - (OPEN + 250_000_000));
            assertEquals(OPEN + 250_000_000, counters.get("source.1.last_event_time"));
            assertEquals(3, counters.get("source.1.events"));
            // The epoch clock may allocate: the latency log's thread samples it, never the ingress thread.
            harness.await("a sample from the latency log", () -> epochClockReaders.contains("ringside-latency-log"));
            assertFalse(epochClockReaders.contains("ringside-ingress"), epochClockReaders.toString());
        }
    }
}
