package io.ringside.engine;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.durable.RecordedIngress;
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
import java.util.Iterator;
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
 * The durable engine under the compact profile counts its ingress thread's work for the media driver, the archive
 * (recording the sequenced log and the outputs) and the sequencer too: they all run on it.
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
    /** The durable engine, compact: its ingress thread runs the driver, the archive and the sequencer too. */
    private static final String DURABLE_COMPACT = "durable-compact";
    private static final String[] DURABLE_COMPACT_THREADS = { RecordedIngress.THREAD_NAME, "ringside-handlers" };

    /** Every inbound template has instrumentId right after the envelope. */
    private static final int INSTRUMENT_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeDecoder.ENCODED_LENGTH;

    /** First-sight work (a new book, a new quote state) happens on an instrument's first events: leave it out. */
    private static final int UNMEASURED_PREFIX = 1000;
    private static final int WARM_UP_HOURS = 2;
    private static final int MAX_MEASURED_HOURS = 12;
    /**
     * The durable engine's ingress thread runs more code whose first runs leave a trickle (the archive's, the driver's,
     * three clients' conductors) and more that allocates once a second or so, not per event (the wall clock's Instant,
     * as on every ingress thread; a client's first keepalive check): its clean hour can take longer to come.
     */
    private static final int MAX_MEASURED_HOURS_DURABLE = 24;

    private static final int RING_SIZE = 1024;

    /** Keeps the iterators {@link #iteratorBytes()} measures. */
    private static volatile Iterator<Object> iteratorSink;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = {
        EngineContext.PROFILE_SINGLE, EngineContext.PROFILE_COMPACT, EngineContext.PROFILE_SHARED, DURABLE_COMPACT })
    void engineThreadsAllocateNothingWhileHandlingAnHourOfRealOrderFlow(final String layout)
    {
        final boolean durable = DURABLE_COMPACT.equals(layout);
        final String profile = durable ? EngineContext.PROFILE_COMPACT : layout;
        final String[] engineThreads = durable ? DURABLE_COMPACT_THREADS :
            EngineContext.PROFILE_SINGLE.equals(profile) ? SINGLE_THREADS :
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
        ctx.durableLog().durable(durable).archiveDirectoryName(tempDir.resolve("archive").toString());
        // A live engine's archive, on as by default, has threads of its own and the driver too, in every profile.
        // A durable engine's ingress thread runs its driver and its archive. Aeron 1.51's driver allocates an
        // ArrayList iterator in its sender's and its receiver's transport poll, two in each duty cycle on whichever
        // thread runs it, not Ringside's (InvokedDriver runs it at most once per 100 us when every stream is IPC, for
        // that): counted by its duty cycles, those are taken out of the ingress thread's bytes, and what is left must
        // come to 0 like every other engine thread's.
        final long driverBytesPerDutyCycle = durable ? 2 * iteratorBytes() : 0;
        try (EngineHarness harness = new EngineHarness(ctx))
        {
            assertEquals(durable ? ThreadingMode.INVOKER : ThreadingMode.SHARED, ctx.driverThreadingMode());
            if (durable)
            {
                assertNoAeronThreads();
            }
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
            final int measuredHours = durable ? MAX_MEASURED_HOURS_DURABLE : MAX_MEASURED_HOURS;
            for (int instrumentId = 2; instrumentId <= measuredHours + 1 && !zeroHour; instrumentId++)
            {
                for (int i = 0; i < UNMEASURED_PREFIX; i++) // first events: the book and quote state are created
                {
                    copyAsInstrument(frames, offsets[i], lengths[i], frame, instrumentId);
                    harness.send(frame, lengths[i], ++sequence);
                }
                awaitAccounted(harness, sequence);
                final long gcBefore = gcCount();
                final long[] before = allocatedBytes(threadIds);
                final long driverCyclesBefore = driverDutyCycles(harness);

                for (int i = UNMEASURED_PREFIX; i < count; i++)
                {
                    copyAsInstrument(frames, offsets[i], lengths[i], frame, instrumentId);
                    harness.send(frame, lengths[i], ++sequence);
                }
                awaitAccounted(harness, sequence);
                final long driverCycles = driverDutyCycles(harness) - driverCyclesBefore;
                final long[] after = allocatedBytes(threadIds);
                final long gcs = gcCount() - gcBefore;

                final Map<String, Long> allocated = new LinkedHashMap<>();
                long total = 0;
                for (int t = 0; t < threadIds.length; t++)
                {
                    // Ingress (the first thread) runs the invoked driver: its known iterators are not counted.
                    final long bytes = after[t] - before[t] - (0 == t ? driverCycles * driverBytesPerDutyCycle : 0);
                    allocated.put(engineThreads[t], bytes);
                    total += bytes;
                }
                if (durable)
                {
                    allocated.put("driver_duty_cycles", driverCycles);
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

    private static long driverDutyCycles(final EngineHarness harness)
    {
        final io.ringside.transport.InvokedDriver driver = harness.engine.driverInvoker();
        return null == driver ? 0 : driver.dutyCycles();
    }

    /** What one ArrayList iterator takes on this JVM (its header and field layout), measured on this thread. */
    private static long iteratorBytes()
    {
        final List<Object> list = new ArrayList<>();
        final long thousand = iteratorsAllocatedBytes(list, 1_000);
        final long twoThousand = iteratorsAllocatedBytes(list, 2_000);
        return (twoThousand - thousand) / 1_000; // what the measurement itself takes, if anything, cancels out
    }

    private static long iteratorsAllocatedBytes(final List<Object> list, final int count)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < count; i++)
        {
            iteratorSink = list.iterator();
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
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

    /**
     * The driver, the archive, the sequencer and the engine's client conductors run on the engine's threads: no
     * thread of theirs, and one client conductor thread, the harness's own client's.
     */
    private static void assertNoAeronThreads()
    {
        final List<String> aeronThreads = new ArrayList<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final String name = thread.getName();
            if (name.contains("driver-conductor") || name.contains("sender") || name.contains("receiver") ||
                name.startsWith("archive") || name.equals("ringside-ingress-sequencer") || name.equals("aeron-client"))
            {
                aeronThreads.add(name);
            }
        }
        assertEquals(List.of("aeron-client"), aeronThreads, "threads of Aeron's own beside the engine's");
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
