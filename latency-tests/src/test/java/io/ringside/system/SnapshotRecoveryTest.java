package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.transport.ArchivingDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Recovery from a snapshot, in one process with a real archiving driver and the Disruptor: an engine takes snapshots
 * every 5,000 events of the AAPL hour's first 20,000 and stops; the newest snapshot file is then cut in half. The
 * restarted engine must refuse it (counted), load the one before (at 15,000 events), replay only the 5,000 events
 * after it, then follow the 10,000 published meanwhile. The egress recordings, concatenated, equal byte for byte those
 * of an uninterrupted run, and so do the final rule and strategy figures and the output digest.
 */
final class SnapshotRecoveryTest
{
    private static final int EVENTS = 30_000;
    private static final int FIRST = 20_000;
    private static final int INTERVAL = 5_000;

    @TempDir
    Path dir;

    /** Each profile's ring: consumed by a thread of its own (compact), or drained by ingress itself (single). */
    @ParameterizedTest
    @ValueSource(strings = { EngineContext.PROFILE_COMPACT, EngineContext.PROFILE_SINGLE })
    void restartFromASnapshotGivesTheOutputsAndStateOfAnUninterruptedRun(final String profile) throws Exception
    {
        final List<byte[]> frames = DurableFixture.frames(EVENTS);

        final List<String> expectedAlerts;
        final List<String> expectedOrders;
        final EngineSummary expected;
        final Path baseline = dir.resolve("baseline");
        try (ArchivingDriver driver = DurableFixture.launchDriver(baseline); Aeron client = connect(baseline))
        {
            try (Engine engine = Engine.launch(context(baseline, 0)))
            {
                final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
                publish(ingress, frames, 0, EVENTS);
                awaitCounter(engine, "events_in", EVENTS);
                expected = engine.stop();
            }
            expectedAlerts = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1002);
            expectedOrders = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1003);
        }
        assertTrue(expectedOrders.size() > 1_000, "the data gives orders: " + expectedOrders.size());
        assertTrue(expectedAlerts.size() > 0, "the data raises alerts: " + expectedAlerts.size()
            + " (else 'alerts, byte for byte' compares two empty lists)");

        final Path root = dir.resolve("snapshots");
        final Path snapshotDir = root.resolve("snapshot-files");
        try (ArchivingDriver driver = DurableFixture.launchDriver(root); Aeron client = connect(root))
        {
            final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
            try (Engine first = Engine.launch(context(root, INTERVAL, snapshotDir).profile(profile)))
            {
                publish(ingress, frames, 0, FIRST);
                awaitCounter(first, "events_in", FIRST);
                final EngineSummary summary = first.stop();
                // every 5,000 events, the last at 20,000, which is also where the engine stopped: no extra one
                assertEquals(FIRST / INTERVAL, summary.count("snapshots.taken"));
                assertEquals(0, summary.count("snapshots.write_failed"));
                assertEquals(0, summary.count("snapshot.loaded_events"));
            }
            final List<Path> files = snapshotFiles(snapshotDir);
            assertEquals(List.of("snapshot-00000000000000010000.rss", "snapshot-00000000000000015000.rss",
                "snapshot-00000000000000020000.rss"), files.stream().map((p) -> p.getFileName().toString()).toList(),
                "the newest three kept");
            truncate(files.get(2));

            try (Engine second = Engine.launch(context(root, INTERVAL, snapshotDir).profile(profile)))
            {
                assertEquals(1, second.counters().get("snapshots.refused"), "the cut file is refused");
                assertEquals(15_000, second.counters().get("snapshot.loaded_events"), "the one before it is loaded");
                publish(ingress, frames, FIRST, EVENTS);
                awaitCounter(second, "events_in", EVENTS - 15_000);
                final EngineSummary summary = second.stop();
                assertEquals(EVENTS - 15_000, summary.count("events_in"), "only the tail is replayed");
                assertEquals(0, summary.count("duplicates") + summary.count("gaps") + summary.count("rejected"));
                assertEquals(expected.count("output_digest"), summary.count("output_digest"), "output digest");
                assertEquals(figures(expected), figures(summary), "rule and strategy figures");
            }

            final List<String> alerts = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1002);
            final List<String> orders = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1003);
            DurableFixture.assertNumberedFromOne("orders", orders);
            DurableFixture.assertNumberedFromOne("alerts", alerts);
            assertEquals(expectedOrders, orders, "orders, byte for byte");
            assertEquals(expectedAlerts, alerts, "alerts, byte for byte");
        }
    }

    @Test
    void snapshotsByTimeAlone() throws Exception
    {
        final List<byte[]> frames = DurableFixture.frames(3_000);
        final Path root = dir.resolve("by-time");
        final Path snapshotDir = root.resolve("snapshot-files");
        try (ArchivingDriver driver = DurableFixture.launchDriver(root); Aeron client = connect(root))
        {
            final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
            final EngineSummary first;
            try (Engine engine = Engine.launch(everyMillisecond(root, snapshotDir)))
            {
                for (int batch = 0; batch < 3; batch++)
                {
                    publish(ingress, frames, batch * 1_000, (batch + 1) * 1_000);
                    awaitCounter(engine, "events_in", (batch + 1) * 1_000L);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                first = engine.stop();
            }
            // By the second batch's first event 1 ms has passed with no snapshot yet: one by time at the latest there
            // (more when the machine is slow enough, or the write quick enough, for others); then another at the last
            // event, by time or at the stop.
            assertTrue(first.count("snapshots.taken") >= 2, "snapshots taken: " + first.count("snapshots.taken"));
            try (Engine second = Engine.launch(everyMillisecond(root, snapshotDir)))
            {
                assertEquals(3_000, second.counters().get("snapshot.loaded_events"), "the one at the stop");
                final EngineSummary summary = second.stop();
                assertEquals(0, summary.count("events_in"), "nothing left to replay");
                assertEquals(first.count("output_digest"), summary.count("output_digest"));
            }
        }
    }

    /**
     * Stale snapshots of another archive, with higher event counts than the new engine will reach: each is refused and
     * renamed aside, so the snapshots the engine then writes from event 0 survive retention and the next start loads
     * the newest of them.
     */
    @Test
    void refusedSnapshotsAreSetAsideAndTheNewOnesKept() throws Exception
    {
        final List<byte[]> frames = DurableFixture.frames(FIRST);
        final Path snapshotDir = dir.resolve("shared-snapshot-files");
        final Path old = dir.resolve("old-archive");
        try (ArchivingDriver driver = DurableFixture.launchDriver(old); Aeron client = connect(old))
        {
            final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
            try (Engine engine = Engine.launch(context(old, INTERVAL, snapshotDir)))
            {
                publish(ingress, frames, 0, FIRST);
                awaitCounter(engine, "events_in", FIRST);
                assertEquals(4, engine.stop().count("snapshots.taken"), "at 5,000 to 20,000");
            }
        }
        final List<String> stale = List.of("snapshot-00000000000000010000.rss", "snapshot-00000000000000015000.rss",
            "snapshot-00000000000000020000.rss");
        assertEquals(stale, names(snapshotFiles(snapshotDir)));

        final int events = 7_000;
        final Path fresh = dir.resolve("new-archive"); // the old recordings gone: every stale snapshot is refused
        try (ArchivingDriver driver = DurableFixture.launchDriver(fresh); Aeron client = connect(fresh))
        {
            final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
            try (Engine engine = Engine.launch(context(fresh, 3_000, snapshotDir)))
            {
                assertEquals(3, engine.counters().get("snapshots.refused"));
                assertEquals(0, engine.counters().get("snapshot.loaded_events"), "rebuilt from the log's start");
                publish(ingress, frames, 0, events);
                awaitCounter(engine, "events_in", events);
                final EngineSummary summary = engine.stop();
                assertEquals(3, summary.count("snapshots.taken"), "at 3,000, 6,000 and the stop at 7,000");
                assertEquals(0, summary.count("snapshots.write_failed"));
            }
            assertEquals(List.of("snapshot-00000000000000003000.rss", "snapshot-00000000000000006000.rss",
                "snapshot-00000000000000007000.rss"), names(snapshotFiles(snapshotDir)), "the new ones survive");
            try (Stream<Path> all = Files.list(snapshotDir))
            {
                assertEquals(stale.stream().map((name) -> name + ".refused").toList(),
                    all.map((p) -> p.getFileName().toString()).filter((n) -> n.endsWith(".refused")).sorted().toList(),
                    "the refused ones kept aside for inspection");
            }
            try (Engine engine = Engine.launch(context(fresh, 3_000, snapshotDir)))
            {
                assertEquals(0, engine.counters().get("snapshots.refused"));
                assertEquals(events, engine.counters().get("snapshot.loaded_events"), "the newest new one loaded");
                assertEquals(0, engine.stop().count("events_in"), "nothing left to replay");
            }
        }
    }

    /**
     * The last snapshot before a clean stop fails to be written (its directory cannot be made: the path's parent is
     * a regular file, which stops root too); once the path is free again, the stop still leaves a snapshot at the end,
     * though no event came in since the failed one's marker.
     */
    @Test
    void aCleanStopAfterAFailedSnapshotStillTakesOne() throws Exception
    {
        final int events = 2_000;
        final List<byte[]> frames = DurableFixture.frames(events);
        final Path root = dir.resolve("failed-last");
        try (ArchivingDriver driver = DurableFixture.launchDriver(root); Aeron client = connect(root))
        {
            final Path blocker = root.resolve("blocker");
            Files.write(blocker, new byte[]{ 1 });
            final Path snapshotDir = blocker.resolve("snapshot-files");
            final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
            try (Engine engine = Engine.launch(context(root, events, snapshotDir)))
            {
                publish(ingress, frames, 0, events);
                awaitCounter(engine, "events_in", events);
                awaitCounter(engine, "snapshots.write_failed", 1);
                Files.delete(blocker);
                final EngineSummary summary = engine.stop();
                assertEquals(1, summary.count("snapshots.write_failed"), "the one at 2,000");
                assertEquals(1, summary.count("snapshots.taken"), "the one at the stop, also at 2,000");
                assertEquals(0, summary.count("snapshots.skipped"));
            }
            assertEquals(List.of("snapshot-00000000000000002000.rss"), names(snapshotFiles(snapshotDir)));
            try (Engine engine = Engine.launch(context(root, events, snapshotDir)))
            {
                assertEquals(events, engine.counters().get("snapshot.loaded_events"));
                assertEquals(0, engine.stop().count("events_in"), "nothing left to replay");
            }
        }
    }

    private static List<String> names(final List<Path> files)
    {
        return files.stream().map((p) -> p.getFileName().toString()).toList();
    }

    private static void awaitCounter(final Engine engine, final String name, final long value)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.counters().get(name) < value)
        {
            if (System.nanoTime() > deadline)
            {
                fail(name + " " + engine.counters().get(name) + " did not reach " + value);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static Map<String, Long> figures(final EngineSummary summary)
    {
        final Map<String, Long> figures = new TreeMap<>();
        summary.counts().forEach((name, value) ->
        {
            if (name.startsWith(EngineSummary.RULE_PREFIX) || name.startsWith(EngineSummary.STRATEGY_PREFIX))
            {
                figures.put(name, value);
            }
        });
        assertTrue(figures.size() > 10, "figures: " + figures);
        return figures;
    }

    private static EngineContext context(final Path root, final long snapshotInterval)
    {
        final EngineContext ctx = DurableFixture.engineContext(root);
        ctx.snapshots().intervalEvents(snapshotInterval);
        ctx.durableLog().recoveryTimeoutMs(20_000);
        return ctx;
    }

    private static EngineContext context(final Path root, final long snapshotInterval, final Path snapshotDir)
    {
        final EngineContext ctx = context(root, snapshotInterval);
        ctx.snapshots().directory(snapshotDir);
        return ctx;
    }

    /** Snapshots by time only: one when a millisecond has passed since the last. */
    private static EngineContext everyMillisecond(final Path root, final Path snapshotDir)
    {
        final EngineContext ctx = context(root, 0, snapshotDir);
        ctx.snapshots().intervalMs(1);
        return ctx;
    }

    private static Aeron connect(final Path root)
    {
        return DurableFixture.connect(root);
    }

    private static List<Path> snapshotFiles(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter((p) -> p.getFileName().toString().endsWith(".rss")).sorted().toList();
        }
    }

    private static void truncate(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(channel.size() / 2);
        }
    }

    private static void publish(final ExclusivePublication publication, final List<byte[]> frames, final int from,
        final int to)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (int i = from; i < to; i++)
        {
            buffer.wrap(frames.get(i));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (publication.offer(buffer, 0, buffer.capacity()) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("ingress offer did not succeed");
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }
}
