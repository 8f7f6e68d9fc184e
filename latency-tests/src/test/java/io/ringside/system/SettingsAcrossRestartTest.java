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
 * A configuration key SET while a durable engine runs is in its snapshots: an engine restarted from a snapshot taken
 * after the SET runs with it, and its outputs are those of the run that was never interrupted.
 */
final class SettingsAcrossRestartTest
{
    private static final int EVENTS = 20_000;
    private static final int BEFORE_SET = 5_000;
    private static final long MAX_POSITION = 50;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    @Test
    void anEngineRestartedFromASnapshotAfterASetRunsWithTheSetValue()
    {
        final List<byte[]> frames = DurableFixture.frames(EVENTS);
        final Path withSet = dir.resolve("with-set");
        final EngineSummary restarted;
        final EngineSummary whole;
        try (ArchivingDriver driver = DurableFixture.launchDriver(withSet);
            Aeron client = DurableFixture.connect(withSet);
            ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final long configured;
            try (Engine first = Engine.launch(context(withSet, "snapshots")))
            {
                configured = first.context().tradingConfig().risk().maxPosition();
                send(ingress, frames, 0, BEFORE_SET);
                await(first, BEFORE_SET);
                try (ControlClient control =
                    new ControlClient(withSet.resolve("aeron").toString(), new EngineContext().streams(), 9000))
                {
                    assertEquals(ControlResult.APPLIED, control.send(
                        ControlAction.SET, 0, "risk.max-position", Long.toString(MAX_POSITION), TIMEOUT_NS).result());
                    assertEquals(ControlResult.APPLIED,
                        control.send(ControlAction.SNAPSHOT, 0, null, null, TIMEOUT_NS).result());
                    awaitCounter(first, "snapshots.taken", 1);
                }
                first.stop();
            }
            assertNotEquals(MAX_POSITION, configured, "the SET changes the limit");

            // A new engine with the same configuration: the snapshot, not the configuration, has the limit now.
            try (Engine second = Engine.launch(context(withSet, "snapshots")))
            {
                assertEquals(MAX_POSITION, second.context().tradingConfig().risk().maxPosition(),
                    "the SET value, from the snapshot");
                assertEquals(BEFORE_SET, second.counters().get("snapshot.loaded_events"), "started from the snapshot");
                send(ingress, frames, BEFORE_SET, EVENTS);
                await(second, EVENTS - BEFORE_SET);
                restarted = second.stop();
                assertEquals(0, second.counters().get("commands"), "the SET was before the snapshot: not replayed");
            }

            // Its own snapshots keep the setting: a third start, from the snapshot the second took as it stopped.
            try (Engine third = Engine.launch(context(withSet, "snapshots")))
            {
                assertEquals(MAX_POSITION, third.context().tradingConfig().risk().maxPosition());
                assertEquals(EVENTS, third.counters().get("snapshot.loaded_events"));
            }

            // The run never interrupted: the whole log, the SET at its place in it.
            try (Engine replay = Engine.launch(context(withSet, "none")))
            {
                await(replay, EVENTS);
                awaitCounter(replay, "commands", 2);
                whole = replay.stop();
            }
        }
        assertEquals(whole.outputDigest(), restarted.outputDigest(), "the outputs of the run never interrupted");

        // And without the SET, the outputs differ: the restarted engine's come from the setting.
        final Path withoutSet = dir.resolve("without-set");
        final EngineSummary unset;
        try (ArchivingDriver driver = DurableFixture.launchDriver(withoutSet);
            Aeron client = DurableFixture.connect(withoutSet);
            ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001);
            Engine engine = Engine.launch(context(withoutSet, "none")))
        {
            send(ingress, frames, 0, EVENTS);
            await(engine, EVENTS);
            unset = engine.stop();
        }
        assertNotEquals(unset.outputDigest(), whole.outputDigest());
        final long rejectedWithout = unset.count("strategy.market-maker.rejected");
        final long rejectedWith = whole.count("strategy.market-maker.rejected");
        assertTrue(rejectedWith > rejectedWithout, "the tighter limit refuses more: " + rejectedWith + " against "
            + rejectedWithout);
        assertEquals(rejectedWith, restarted.count("strategy.market-maker.rejected"));
    }

    private static EngineContext context(final Path root, final String snapshots)
    {
        final EngineContext ctx = DurableFixture.engineContext(root).reportDirectory(root.resolve("report"));
        ctx.snapshots().directory(root.resolve(snapshots));
        return ctx;
    }

    private static void send(
        final ExclusivePublication ingress, final List<byte[]> frames, final int from, final int to)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        for (int i = from; i < to; i++)
        {
            buffer.wrap(frames.get(i));
            while (ingress.offer(buffer, 0, frames.get(i).length) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("ingress offer did not succeed");
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private static void await(final Engine engine, final long events)
    {
        awaitCounter(engine, "events_in", events);
    }

    private static void awaitCounter(final Engine engine, final String name, final long value)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (engine.counters().get(name) < value)
        {
            if (System.nanoTime() > deadline)
            {
                fail(name + " " + engine.counters().get(name) + " of " + value + ": " + engine.counters().snapshot());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
