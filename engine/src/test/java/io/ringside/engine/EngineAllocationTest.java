package io.ringside.engine;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineSummary;
import org.agrona.concurrent.UnsafeBuffer;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hot path allocates nothing, shown on the running engine rather than claimed: after a warm-up hour of real AAPL
 * order flow, further hours (the same flow as other instruments, so books start empty) are fed, and the bytes each
 * engine thread allocated while handling each hour are read from the JVM. An hour with 0 on every thread must come.
 */
final class EngineAllocationTest
{
    /** The compact profile's two threads: ingress runs the media driver too, one consumer runs every handler. */
    private static final String[] COMPACT_THREADS = { "ringside-ingress", "ringside-handlers" };
    /** The single profile's one thread: ingress fills the ring and then drains it through every handler. */
    private static final String[] SINGLE_THREADS = { "ringside-ingress" };
    private static final String[] SHARED_THREADS =
    {
        "ringside-ingress", "ringside-surveillance", "ringside-strategy", "ringside-egress"
    };

    /** Every inbound template has instrumentId right after the envelope. */
    private static final int INSTRUMENT_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeDecoder.ENCODED_LENGTH;

    /** First-sight work (a new book, a new quote state) happens on an instrument's first events: leave it out. */
    private static final int UNMEASURED_PREFIX = 1000;
    private static final int WARM_UP_HOURS = 2;
    private static final int MAX_MEASURED_HOURS = 12;

    private static final int RING_SIZE = 1024;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = { EngineContext.PROFILE_SINGLE, EngineContext.PROFILE_COMPACT, EngineContext.PROFILE_SHARED })
    void engineThreadsAllocateNothingWhileHandlingAnHourOfRealOrderFlow(final String profile)
    {
        final String[] engineThreads = EngineContext.PROFILE_SINGLE.equals(profile) ? SINGLE_THREADS :
            EngineContext.PROFILE_COMPACT.equals(profile) ? COMPACT_THREADS : SHARED_THREADS;
        final Path file = SharedData.lobster("AAPL_2012-06-21_34200000_37800000_message_50.csv");
        final UnsafeBuffer frames = new UnsafeBuffer(new byte[128 * 1024 * 96]);
        final int[] offsets = new int[128 * 1024];
        final int[] lengths = new int[128 * 1024];
        int count = 0;
        try (LobsterReader reader = new LobsterReader(file, 1, null, null, (kind, where, problem) -> false))
        {
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            int position = 0;
            int length;
            while ((length = reader.next(scratch, 0)) > 0)
            {
                frames.putBytes(position, scratch, 0, length);
                offsets[count] = position;
                lengths[count] = length;
                position += length;
                count++;
            }
        }
        assertEquals(91_998, count);

        // Books sized for the hour, as a deployment sizes them for its day: growth would allocate, by design, rarely.
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .reportDirectory(tempDir.resolve("report"))
            .termBufferLength(4 * 1024 * 1024)
            .ringSize(RING_SIZE)
            .profile(profile)
            .initialOrderCapacity(64 * 1024);
        // With the archive on, as by default, the driver has a thread of its own in every profile. Without it the
        // compact profile's ingress thread runs the driver too, and Aeron 1.51's driver allocates an ArrayList
        // iterator in each sender and receiver poll (every duty cycle, on whichever thread runs it): that
        // would be measured here as the ingress thread's, though it is not Ringside's.
        try (EngineHarness harness = new EngineHarness(ctx))
        {
            assertEquals(ThreadingMode.SHARED, ctx.driverThreadingMode());
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            long sequence = 0;

            for (int hour = 0; hour < WARM_UP_HOURS; hour++) // warm-up: instrument 1, a new session each hour
            {
                for (int i = 0; i < count; i++)
                {
                    frame.putBytes(0, frames, offsets[i], lengths[i]);
                    harness.send(frame, lengths[i], ++sequence);
                }
                awaitAccounted(harness, sequence);
            }

            // The JVM itself allocates a few bytes on a thread, once per site, when a method it compiled falls back to
            // the interpreter and resolves a constant there for the first time (seen with JFR: 24-byte Strings and
            // their byte[] at Image.poll, a decoder's getter, BatchEventProcessor). That trickles off as the code
            // settles. Steady state is what counts: an hour in which no engine thread allocates at all. Allocation
            // per event would show in every hour.
            final long[] threadIds = engineThreadIds(engineThreads);
            final List<Map<String, Long>> hours = new ArrayList<>();
            boolean zeroHour = false;
            for (int instrumentId = 2; instrumentId <= MAX_MEASURED_HOURS + 1 && !zeroHour; instrumentId++)
            {
                for (int i = 0; i < UNMEASURED_PREFIX; i++) // first events: the book and quote state are created
                {
                    copyAsInstrument(frames, offsets[i], lengths[i], frame, instrumentId);
                    harness.send(frame, lengths[i], ++sequence);
                }
                awaitAccounted(harness, sequence);
                final long gcBefore = gcCount();
                final long[] before = allocatedBytes(threadIds);

                for (int i = UNMEASURED_PREFIX; i < count; i++)
                {
                    copyAsInstrument(frames, offsets[i], lengths[i], frame, instrumentId);
                    harness.send(frame, lengths[i], ++sequence);
                }
                awaitAccounted(harness, sequence);
                final long[] after = allocatedBytes(threadIds);
                final long gcs = gcCount() - gcBefore;

                final Map<String, Long> allocated = new LinkedHashMap<>();
                long total = 0;
                for (int t = 0; t < threadIds.length; t++)
                {
                    allocated.put(engineThreads[t], after[t] - before[t]);
                    total += after[t] - before[t];
                }
                allocated.put("gc_count", gcs);
                hours.add(allocated);
                zeroHour = total == 0;
            }

            final EngineSummary summary = harness.engine.stop();
            assertEquals((long)count * (hours.size() + WARM_UP_HOURS), summary.count("events_in"));
            assertEquals(0, summary.count("rejected") + summary.count("duplicates") + summary.count("gaps"));
            assertTrue(summary.count("orders") > 0, "the measured hours exercised the egress");
            assertEquals(0, summary.count("handler_errors.surveillance") + summary.count("handler_errors.strategy")
                + summary.count("handler_errors.egress") + summary.count("handler_errors.ingress"));
            if (!zeroHour)
            {
                fail("every measured hour of " + (count - UNMEASURED_PREFIX) + " events allocated on engine threads: "
                    + hours);
            }
        }
    }

    private static void copyAsInstrument(
        final UnsafeBuffer frames, final int offset, final int length, final UnsafeBuffer frame, final int instrumentId)
    {
        frame.putBytes(0, frames, offset, length);
        frame.putInt(INSTRUMENT_ID_OFFSET, instrumentId, EnvelopeDecoder.BYTE_ORDER);
    }

    private static void awaitAccounted(final EngineHarness harness, final long events)
    {
        final EngineCounters counters = harness.engine.counters();
        harness.await(events + " events handled", () ->
            counters.get("events_in") == events && counters.get("ring_remaining_capacity") == RING_SIZE);
        // The ring gauge is updated by ingress each duty cycle; handlers may still be finishing the last batch.
        harness.await("egress idle", () -> harness.orders.size() == counters.get("orders")
            && harness.alerts.size() == counters.get("alerts"));
    }

    private static long gcCount()
    {
        long count = 0;
        for (final java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += gc.getCollectionCount();
        }
        return count;
    }

    private static long[] engineThreadIds(final String[] engineThreads)
    {
        final Map<String, Long> byName = new LinkedHashMap<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            byName.put(thread.getName(), thread.getId());
        }
        final long[] ids = new long[engineThreads.length];
        for (int i = 0; i < ids.length; i++)
        {
            final Long id = byName.get(engineThreads[i]);
            if (null == id)
            {
                fail("no thread named " + engineThreads[i] + " among " + byName.keySet());
            }
            ids[i] = id;
        }
        return ids;
    }

    private static long[] allocatedBytes(final long[] threadIds)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long[] bytes = threads.getThreadAllocatedBytes(threadIds);
        if (Arrays.stream(bytes).anyMatch((b) -> b < 0))
        {
            fail("thread allocation measurement is not supported by this JVM");
        }
        return bytes;
    }
}
