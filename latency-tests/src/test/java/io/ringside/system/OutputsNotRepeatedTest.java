package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.BoundedReplay;
import io.ringside.transport.RecordingLog;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The case a crash test can only hit by luck: an engine that handled events and computed outputs, then died before
 * publishing them. Made exact here by cutting the first run's egress recordings short (as if the last outputs had
 * never left the process); the restarted engine publishes exactly the missing ones, numbered as before.
 */
final class OutputsNotRepeatedTest
{
    private static final int EVENTS = 20_000;

    @TempDir
    Path dir;

    @Test
    void outputsComputedButNeverPublishedArePublishedOnRestartAndNoneTwice()
    {
        final List<byte[]> frames = DurableFixture.frames(EVENTS);
        try (ArchivingDriver driver = DurableFixture.launchDriver(dir);
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString()));
            ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (final byte[] frame : frames)
            {
                buffer.wrap(frame);
                while (ingress.offer(buffer, 0, frame.length) < 0)
                {
                    LockSupport.parkNanos(50_000);
                }
            }

            runToTheEnd(0);
            final List<String> orders = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1003);
            final List<String> alerts = DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1002);
            assertTrue(orders.size() > 1_000, "orders: " + orders.size());
            assertTrue(alerts.size() > 0, "alerts: " + alerts.size());
            DurableFixture.assertNumberedFromOne("first run's orders", orders);

            // Half the orders and every alert "never left": cut from the first run's recordings.
            final int keptOrders = orders.size() / 2;
            truncateAfter(driver, 1003, keptOrders);
            truncateAfter(driver, 1002, 0);
            assertEquals(orders.subList(0, keptOrders), DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1003));

            final long suppressed = runToTheEnd(1);
            assertEquals(keptOrders, suppressed, "recomputed and not published again: the orders already out");
            assertEquals(orders, DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1003),
                "the complete order stream, byte for byte, each once");
            assertEquals(alerts, DurableFixture.recordedMessages(driver.archive(), "aeron:ipc", 1002),
                "the complete alert stream");
        }
    }

    /** A durable engine in this process, until it has taken every event; returns the outputs it did not publish. */
    private long runToTheEnd(final int run)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .embeddedDriver(false)
            .ringSize(4096)
            .initialOrderCapacity(1024)
            .reportDirectory(dir.resolve("report-" + run));
        ctx.durableLog().durable(true);
        try (Engine engine = Engine.launch(ctx))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (engine.counters().get("events_in") < EVENTS)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("events_in " + engine.counters().get("events_in") + " of " + EVENTS);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            engine.stop();
            return engine.suppressedOutputs();
        }
    }

    /** Cut the stream's only recording just after its {@code keep}-th message. */
    private static void truncateAfter(final ArchivingDriver driver, final int streamId, final int keep)
    {
        final List<RecordingLog.Recording> recordings = RecordingLog.list(driver.archive(), "aeron:ipc", streamId, 0);
        assertEquals(1, recordings.size(), "one run, one recording: " + recordings);
        final RecordingLog.Recording recording = recordings.get(0);
        final MutableLong position = new MutableLong(recording.startPosition());
        final int[] seen = { 0 };
        BoundedReplay.replay(driver.archive(), recording.recordingId(), recording.startPosition(),
            recording.stopPosition(), "aeron:ipc", DurableFixture.REPLAY_STREAM, (b, offset, length, header) ->
            {
                if (seen[0]++ < keep)
                {
                    position.set(header.position());
                }
            }, new BackoffIdleStrategy(), 10_000);
        driver.archive().truncateRecording(recording.recordingId(), position.get());
    }
}
