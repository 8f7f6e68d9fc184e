package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import org.agrona.concurrent.status.CountersReader;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineLabels;
import io.ringside.transport.ArchivingDriver;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The durable log's guarantee, end to end: a `ringside driver`-style archiving driver (here, in the test's process),
 * the engine in a process of its own run with --external-driver --durable, a feed that keeps publishing while the
 * engine is killed with SIGKILL at several points (once while it is still recovering) and restarted each time.
 * The complete output streams, read back from the archive's egress recordings, must equal byte for byte those of
 * an uninterrupted run on the same frames: numbered 1, 2, 3, ... with nothing lost and nothing repeated. The engines
 * snapshot every 2,000 events, so each restart loads the newest snapshot a killed engine left (a kill during a
 * snapshot's write leaves the one before) and replays only the log after it; the final figures must still be the
 * uninterrupted run's.
 */
final class CrashRecoveryTest
{
    private static final int EVENTS = 30_000;
    private static final int EVENTS_PER_SECOND = 4_000;
    /** events_in of the running engine at which it is killed; the third is reached while it is still replaying. */
    private static final long[] KILL_AT = { 3_000, 9_000, 1_000, 18_000 };
    private static final int SNAPSHOT_INTERVAL = 2_000;

    @TempDir
    Path dir;

    @Test
    void killedAndRestartedEngineGivesExactlyTheOutputsOfAnUninterruptedRun() throws Exception
    {
        final List<byte[]> frames = DurableFixture.frames(EVENTS);

        final List<String> expectedAlerts;
        final List<String> expectedOrders;
        final Properties expectedCounts;
        final Path baseline = dir.resolve("baseline");
        try (ArchivingDriver driver = DurableFixture.launchDriver(baseline))
        {
            final EngineContext ctx = engineContext(baseline, baseline.resolve("report"));
            try (Engine engine = Engine.launch(ctx); Aeron client = connect(baseline))
            {
                final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
                publish(ingress, frames, 0);
                awaitCounter(client.countersReader(), new LongHashSet(), EVENTS, null, null);
                engine.stop().writeTo(ctx.reportDirectory());
            }
            expectedAlerts = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1002);
            expectedOrders = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1003);
            expectedCounts = counts(ctx.reportDirectory());
        }
        assertTrue(expectedOrders.size() > 1_000, "the data gives orders: " + expectedOrders.size());
        DurableFixture.assertNumberedFromOne("baseline orders", expectedOrders);
        DurableFixture.assertNumberedFromOne("baseline alerts", expectedAlerts);

        final Path crash = dir.resolve("crash");
        try (ArchivingDriver driver = DurableFixture.launchDriver(crash); Aeron client = connect(crash))
        {
            final ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
            final AtomicReference<Throwable> feedError = new AtomicReference<>();
            final AtomicInteger sent = new AtomicInteger();
            final Thread feed = new Thread(() ->
            {
                try
                {
                    publishPaced(ingress, frames, sent);
                }
                catch (final Throwable ex)
                {
                    feedError.set(ex);
                }
            }, "crash-test-feed");
            feed.start();

            final LongHashSet seenCounters = new LongHashSet();
            int run = 0;
            for (final long killAt : KILL_AT)
            {
                final Process engine = startEngine(crash, run++);
                awaitCounter(client.countersReader(), seenCounters, killAt, engine, crash.resolve("engine-" + (run - 1) + ".log"));
                engine.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                System.out.println("CrashRecoveryTest: killed engine " + (run - 1) + " at events_in >= " + killAt
                    + " with the feed at " + sent.get() + " of " + EVENTS);
            }
            feed.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(null, feedError.get(), "the feed never failed: the archive kept its stream connected");
            assertEquals(EVENTS, sent.get(), "the feed published everything");

            final Process last = startEngine(crash, run);
            awaitAllEvents(client.countersReader(), seenCounters, last, crash.resolve("engine-" + run + ".log"));
            last.destroy(); // SIGTERM: the engine drains its ring, publishes and writes its counts
            assertTrue(last.waitFor(30, TimeUnit.SECONDS), "the engine stopped on SIGTERM");
            // 143: the JVM's exit status after SIGTERM, once the shutdown hooks (the engine's orderly stop) have run.
            final String log = Files.readString(crash.resolve("engine-" + run + ".log"));
            assertTrue(0 == last.exitValue() || 143 == last.exitValue(), "engine exit code " + last.exitValue() + ": " + log);
            assertTrue(log.contains("counts and histograms written to"), log);

            final List<String> alerts = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1002);
            final List<String> orders = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1003);
            DurableFixture.assertNumberedFromOne("orders after crashes", orders);
            DurableFixture.assertNumberedFromOne("alerts after crashes", alerts);
            assertEquals(expectedOrders, orders, "orders, byte for byte");
            assertEquals(expectedAlerts, alerts, "alerts, byte for byte");
            final int orderRecordings = io.ringside.transport.RecordingLog.list(driver.archive(), "aeron:ipc", 1003, 0).size();
            System.out.println("CrashRecoveryTest: " + orders.size() + " orders and " + alerts.size() + " alerts over "
                + orderRecordings + " order recordings (one per engine run)");

            // The final state: the restarted engine saw every event once, in order, like the uninterrupted one: those
            // before the snapshot it started from, and those it replayed and followed after it.
            final Properties finalCounts = counts(crash.resolve("report-" + run));
            final long loaded = Long.parseLong(finalCounts.getProperty("snapshot.loaded_events"));
            assertTrue(loaded > 0 && loaded % SNAPSHOT_INTERVAL == 0, "started from a snapshot: " + loaded);
            assertEquals(Long.parseLong(expectedCounts.getProperty("events_in")),
                loaded + Long.parseLong(finalCounts.getProperty("events_in")), "events before and after the snapshot");
            for (final String name : List.of("gaps", "gap_missing_events", "duplicates", "rejected"))
            {
                assertEquals(expectedCounts.getProperty(name), finalCounts.getProperty(name), name);
            }
            for (final String name : expectedCounts.stringPropertyNames())
            {
                if (name.startsWith("rule.") || name.startsWith("strategy.") || name.equals("output_digest"))
                {
                    assertEquals(expectedCounts.getProperty(name), finalCounts.getProperty(name), name);
                }
            }
        }
    }

    private EngineContext engineContext(final Path root, final Path report)
    {
        return DurableFixture.engineContext(root).reportDirectory(report);
    }

    private static Aeron connect(final Path root)
    {
        return DurableFixture.connect(root);
    }

    private Process startEngine(final Path root, final int run) throws IOException
    {
        return EngineProcess.start("256m", List.of(
            "--external-driver",
            "--durable",
            "--aeron-dir=" + root.resolve("aeron"),
            "--ring-size=4096",
            "--recovery-timeout=60s", // the driver must first time out the killed engine, on a loaded machine
            "--report-dir=" + root.resolve("report-" + run),
            // Snapshots often enough that every kill lands after some, and some kills during a replay from one.
            "--snapshot-interval-events=" + SNAPSHOT_INTERVAL,
            "--snapshot-dir=" + root.resolve("snapshots")), root.resolve("engine-" + run + ".log"));
    }

    /**
     * Wait until a ringside events_in counter not seen before reaches the value; remembers the counter. Known by its
     * registration id, which is never reused: the id of a dead engine's counter is, once the driver frees it.
     */
    private static void awaitCounter(
        final CountersReader counters, final LongHashSet seen, final long value, final Process process, final Path log)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int counterId = -1;
        while (true)
        {
            if (-1 == counterId)
            {
                final int[] found = { -1 };
                counters.forEach((id, typeId, key, label) ->
                {
                    if ("ringside: events_in".equals(EngineLabels.withoutName(label)) &&
                        !seen.contains(counters.getCounterRegistrationId(id)) &&
                        counters.getCounterState(id) == CountersReader.RECORD_ALLOCATED)
                    {
                        found[0] = id;
                    }
                });
                if (-1 != found[0])
                {
                    counterId = found[0];
                    seen.add(counters.getCounterRegistrationId(counterId));
                }
            }
            if (-1 != counterId && counters.getCounterValue(counterId) >= value)
            {
                return;
            }
            if (null != process && !process.isAlive())
            {
                fail("the engine exited with " + process.exitValue() + " before events_in reached " + value
                    + "; its output:\n" + readQuietly(log));
            }
            if (System.nanoTime() > deadline)
            {
                fail("events_in did not reach " + value + " (counter " + counterId + " at "
                    + (-1 == counterId ? -1 : counters.getCounterValue(counterId)) + "); the engine's output so far:\n"
                    + readQuietly(log));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Wait until the newest engine has taken every event: those in the snapshot it loaded, and those it read after.
     * Its snapshot.loaded_events counter is registered after its events_in, so has a higher registration id than it.
     */
    private static void awaitAllEvents(
        final CountersReader counters, final LongHashSet seen, final Process process, final Path log)
    {
        awaitCounter(counters, seen, 0, process, log);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (true)
        {
            final long[] eventsIn = { -1, -1 };
            final long[] loaded = { -1, -1 };
            counters.forEach((id, typeId, key, label) ->
            {
                final long registrationId = counters.getCounterRegistrationId(id);
                if (counters.getCounterState(id) != CountersReader.RECORD_ALLOCATED)
                {
                    return;
                }
                if ("ringside: events_in".equals(EngineLabels.withoutName(label)) && registrationId > eventsIn[0] &&
                    seen.contains(registrationId))
                {
                    eventsIn[0] = registrationId;
                    eventsIn[1] = counters.getCounterValue(id);
                }
                if ("ringside: snapshot.loaded_events".equals(EngineLabels.withoutName(label)) &&
                    registrationId > loaded[0])
                {
                    loaded[0] = registrationId;
                    loaded[1] = counters.getCounterValue(id);
                }
            });
            if (eventsIn[0] >= 0 && loaded[0] > eventsIn[0] && eventsIn[1] + loaded[1] >= EVENTS)
            {
                return;
            }
            if (!process.isAlive())
            {
                fail("the engine exited with " + process.exitValue() + "; its output:\n" + readQuietly(log));
            }
            if (System.nanoTime() > deadline)
            {
                fail("events_in " + eventsIn[1] + " + snapshot.loaded_events " + loaded[1] + " did not reach " + EVENTS);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void publish(final ExclusivePublication publication, final List<byte[]> frames, final int from)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (int i = from; i < frames.size(); i++)
        {
            buffer.wrap(frames.get(i));
            offer(publication, buffer);
        }
    }

    private static void publishPaced(
        final ExclusivePublication publication, final List<byte[]> frames, final AtomicInteger sent)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        final long start = System.nanoTime();
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / EVENTS_PER_SECOND;
        for (int i = 0; i < frames.size(); i++)
        {
            final long due = start + i * intervalNs;
            long now;
            while ((now = System.nanoTime()) < due)
            {
                LockSupport.parkNanos(Math.min(due - now, 500_000));
            }
            buffer.wrap(frames.get(i));
            offer(publication, buffer);
            sent.incrementAndGet();
        }
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer buffer)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long result;
        while ((result = publication.offer(buffer, 0, buffer.capacity())) < 0)
        {
            if (result == ExclusivePublication.CLOSED || System.nanoTime() > deadline)
            {
                throw new IllegalStateException("ingress offer failed: " + ExclusivePublication.errorString(result));
            }
            LockSupport.parkNanos(50_000);
        }
    }

    private static String readQuietly(final Path log)
    {
        try
        {
            return null == log ? "" : Files.readString(log);
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    private static Properties counts(final Path reportDir) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(reportDir.resolve("engine-counts.properties")))
        {
            properties.load(reader);
        }
        return properties;
    }
}
