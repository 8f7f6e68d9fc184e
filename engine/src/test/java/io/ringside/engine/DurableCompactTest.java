package io.ringside.engine;

import io.aeron.driver.ThreadingMode;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.engine.durable.RecordedIngress;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineSummary;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A durable engine under the compact profile, with the embedded driver and archive: its ingress thread runs the media
 * driver, the archive and the sequencer, and the engine has no other thread of Aeron's. Over three runs on one kept
 * archive it does what a durable engine does: a run that stops cleanly leaves a snapshot, the next starts from it and
 * numbers its outputs on, and a run without snapshots replays the whole log, both earlier runs' recordings, and
 * publishes none of the outputs it recomputes.
 */
final class DurableCompactTest
{
    private static final int EVENTS_PER_RUN = 5_000;

    @TempDir
    Path tempDir;

    @Test
    void ingressRunsTheDriverTheArchiveAndTheSequencerAcrossRestarts()
    {
        final List<UnsafeBuffer> frames = frames(2 * EVENTS_PER_RUN);

        final List<String> firstOrders = new ArrayList<>();
        final List<String> firstAlerts = new ArrayList<>();
        try (EngineHarness harness = new EngineHarness(context(true)))
        {
            assertEquals(ThreadingMode.INVOKER, harness.engine.context().driverThreadingMode());
            assertOnlyEngineThreads();
            send(harness, frames, 0);
            final EngineSummary summary = harness.engine.stop();
            harness.drainEgress();
            firstOrders.addAll(harness.orders);
            firstAlerts.addAll(harness.alerts);
            assertEquals(EVENTS_PER_RUN, summary.count("events_in"));
            assertEquals(0, summary.count("gaps") + summary.count("duplicates") + summary.count("rejected"));
            assertEquals(1, summary.count("snapshots.taken"), "a clean stop leaves a snapshot");
        }
        assertTrue(firstOrders.size() > 0, "the first run published orders");

        final List<String> secondOrders = new ArrayList<>();
        final List<String> secondAlerts = new ArrayList<>();
        try (EngineHarness harness = new EngineHarness(context(true)))
        {
            assertEquals(EVENTS_PER_RUN, harness.engine.snapshotLoadedEvents(), "started from the first run's snapshot");
            send(harness, frames, EVENTS_PER_RUN);
            final EngineSummary summary = harness.engine.stop();
            harness.drainEgress();
            secondOrders.addAll(harness.orders);
            secondAlerts.addAll(harness.alerts);
            assertEquals(EVENTS_PER_RUN, summary.count("events_in"), "only what came after the snapshot");
            assertEquals(0, summary.count("gaps") + summary.count("duplicates") + summary.count("rejected"));
            assertEquals(0, harness.engine.suppressedOutputs());
        }
        assertTrue(secondOrders.size() > 0, "the second run published orders");
        // Each output stream numbered on from where the first run's ended.
        assertTrue(secondOrders.get(0).startsWith("#" + (firstOrders.size() + 1) + " "), secondOrders.get(0));
        assertTrue(secondAlerts.isEmpty() || secondAlerts.get(0).startsWith("#" + (firstAlerts.size() + 1) + " "),
            secondAlerts.toString());
        final int published = firstOrders.size() + firstAlerts.size() + secondOrders.size() + secondAlerts.size();

        try (EngineHarness harness = new EngineHarness(context(false)))
        {
            final EngineCounters counters = harness.engine.counters();
            final long expected = 2 * EVENTS_PER_RUN;
            harness.await("the whole log replayed", () -> counters.get("events_in") == expected);
            harness.await("every output recomputed", () -> harness.engine.suppressedOutputs() == published);
            harness.drainEgress();
            assertEquals(List.of(), harness.orders, "nothing published again");
            assertEquals(List.of(), harness.alerts, "nothing published again");
            assertEquals(0, harness.engine.snapshotLoadedEvents());
        }
    }

    /** The same directories every run: the archive is kept, the driver's directory is the driver's. */
    private EngineContext context(final boolean snapshots)
    {
        final EngineContext ctx = new EngineContext()
            .profile(EngineContext.PROFILE_COMPACT)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .reportDirectory(tempDir.resolve("report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024)
            .initialOrderCapacity(1024);
        ctx.durableLog().durable(true).archiveDirectoryName(tempDir.resolve("archive").toString());
        if (!snapshots)
        {
            ctx.snapshots().intervalEvents(0).intervalMs(0);
        }
        return ctx;
    }

    private static void send(final EngineHarness harness, final List<UnsafeBuffer> frames, final int from)
    {
        for (int i = from; i < from + EVENTS_PER_RUN; i++)
        {
            harness.send(frames.get(i), frames.get(i).capacity(), i + 1);
        }
        final EngineCounters counters = harness.engine.counters();
        harness.await(EVENTS_PER_RUN + " events in", () -> counters.get("events_in") == EVENTS_PER_RUN);
    }

    /** Every thread of Aeron's (driver, archive, sequencer, client conductor) runs on ingress: none of their own. */
    private static void assertOnlyEngineThreads()
    {
        final List<String> names = new ArrayList<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            names.add(thread.getName());
        }
        assertTrue(names.contains(RecordedIngress.THREAD_NAME), names.toString());
        assertTrue(names.contains("ringside-handlers"), names.toString());
        final List<String> aeron = names.stream().filter((name) -> name.contains("driver-conductor") ||
            name.startsWith("archive") || name.equals("ringside-ingress-sequencer") || name.equals("aeron-client"))
            .toList();
        assertEquals(List.of("aeron-client"), aeron, "the harness's own client only: " + names);
    }

    private static List<UnsafeBuffer> frames(final int count)
    {
        final List<UnsafeBuffer> frames = new ArrayList<>(count);
        try (LobsterReader reader = new LobsterReader(SharedData.lobster("AAPL_2012-06-21_34200000_37800000_message_50.csv"),
            1, null, null, (kind, where, problem) -> false))
        {
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            int length;
            while (frames.size() < count && (length = reader.next(scratch, 0)) > 0)
            {
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[length]);
                frame.putBytes(0, scratch, 0, length);
                frames.add(frame);
            }
        }
        assertEquals(count, frames.size());
        return frames;
    }
}
