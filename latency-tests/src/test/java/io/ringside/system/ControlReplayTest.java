package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.latency.control.ControlClient;
import io.ringside.transport.ArchivingDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Commands and timers are inputs of the log: a durable engine that replays the log from its start, commands and
 * timers included, computes exactly the outputs of the run that took them live, and publishes none of them again.
 */
final class ControlReplayTest
{
    private static final int EVENTS = 30_000;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    @Test
    void aReplayOfTheLogWithItsCommandsAndTimersGivesTheSameOutputs()
    {
        final List<byte[]> frames = DurableFixture.frames(EVENTS);
        try (ArchivingDriver driver = DurableFixture.launchDriver(dir);
            Aeron client = DurableFixture.connect(dir);
            ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final EngineSummary live;
            final long withoutCommands;
            try (Engine engine = Engine.launch(context("live")))
            {
                send(ingress, frames, 0, 10_000);
                await(engine, 10_000);
                try (ControlClient control =
                    new ControlClient(dir.resolve("aeron").toString(), new EngineContext().streams(), 9000))
                {
                    assertEquals(ControlResult.APPLIED,
                        control.send(ControlAction.KILL_SWITCH_ON, 0, null, null, TIMEOUT_NS).result());
                    send(ingress, frames, 10_000, 20_000);
                    await(engine, 20_000);
                    assertEquals(ControlResult.APPLIED,
                        control.send(ControlAction.SET, 0, "risk.max-position", "50", TIMEOUT_NS).result());
                    assertEquals(ControlResult.APPLIED,
                        control.send(ControlAction.KILL_SWITCH_OFF, 0, null, null, TIMEOUT_NS).result());
                    assertEquals(0, engine.counters().get("snapshots.taken"));
                    assertEquals(ControlResult.APPLIED,
                        control.send(ControlAction.SNAPSHOT, 0, null, null, TIMEOUT_NS).result());
                    final long deadline = System.nanoTime() + TIMEOUT_NS;
                    while (engine.counters().get("snapshots.taken") < 1)
                    {
                        if (System.nanoTime() > deadline)
                        {
                            fail("no snapshot after the command: " + engine.counters().snapshot());
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                }
                // Silence: timers go into the log too.
                final long timersBefore = engine.counters().get("timers");
                final long silenceEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < silenceEnds || engine.counters().get("timers") == timersBefore)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                send(ingress, frames, 20_000, EVENTS);
                await(engine, EVENTS);
                live = engine.stop();
                withoutCommands = engine.counters().get("orders");
            }
            assertEquals(4, live.count("commands"));
            assertTrue(live.count("timers") > 0, "timers were taken: " + live.count("timers"));
            assertTrue(withoutCommands > 100, "orders: " + withoutCommands);

            final EngineSummary replayed;
            final long republished;
            try (Engine engine = Engine.launch(context("replay")))
            {
                await(engine, EVENTS);
                final long deadline = System.nanoTime() + TIMEOUT_NS;
                while (engine.counters().get("commands") < 4 || engine.counters().get("timers") < live.count("timers"))
                {
                    if (System.nanoTime() > deadline)
                    {
                        fail("commands and timers of the log not replayed: " + engine.counters().snapshot());
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                replayed = engine.stop();
                republished = engine.counters().get("orders") + engine.counters().get("alerts");
            }
            assertEquals(live.outputDigest(), replayed.outputDigest(), "the same outputs, in the same order");
            assertNotEquals(0, live.outputDigest());
            assertEquals(live.count("strategy.market-maker.orders"), replayed.count("strategy.market-maker.orders"));
            assertEquals(live.count("strategy.market-maker.rejected"),
                replayed.count("strategy.market-maker.rejected"));
            assertEquals(0, republished, "every output was out already: none published twice");
            assertEquals(0, replayed.count("durable.behind_bytes"), "caught up with what was recorded");
        }
    }

    private EngineContext context(final String name)
    {
        final EngineContext ctx = DurableFixture.engineContext(dir)
            .reportDirectory(dir.resolve("report-" + name))
            .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(50));
        ctx.snapshots().directory(dir.resolve("snapshots-" + name)); // the replay has none: it reads the whole log
        return ctx;
    }

    private static void send(final ExclusivePublication ingress, final List<byte[]> frames, final int from, final int to)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (int i = from; i < to; i++)
        {
            buffer.wrap(frames.get(i));
            while (ingress.offer(buffer, 0, frames.get(i).length) < 0)
            {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private static void await(final Engine engine, final long events)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (engine.counters().get("events_in") < events)
        {
            if (System.nanoTime() > deadline)
            {
                fail("events_in " + engine.counters().get("events_in") + " of " + events);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
