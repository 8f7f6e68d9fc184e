package io.ringside.engine;

import io.aeron.driver.ThreadingMode;
import io.ringside.engine.pipeline.HandlerGraph;
import io.ringside.engine.pipeline.WaitStrategies;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ThreadingProfileTest
{
    @Test
    void autoIsSingleOnTwoCoresCompactOnFewAndSharedOnMore()
    {
        assertEquals("single", ThreadingProfile.of("auto", 1).name());
        assertEquals("single", ThreadingProfile.of("auto", ThreadingProfile.SINGLE_MAX_CORES).name());
        assertEquals("compact", ThreadingProfile.of("auto", ThreadingProfile.SINGLE_MAX_CORES + 1).name());
        assertEquals("compact", ThreadingProfile.of("auto", ThreadingProfile.COMPACT_MAX_CORES).name());
        assertEquals("shared", ThreadingProfile.of("auto", ThreadingProfile.COMPACT_MAX_CORES + 1).name());
    }

    @Test
    void compactRunsTheDriverOnIngressWhenItIsEmbeddedWithoutAnArchiveOrWithADurableEnginesArchive()
    {
        final ThreadingProfile compact = ThreadingProfile.of("compact", 2);
        assertEquals(ThreadingMode.INVOKER, compact.driverThreadingMode(true, false, false, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(true, true, false, HandlerGraph.DISRUPTOR),
            "a live engine's archive keeps threads of its own");
        assertEquals(ThreadingMode.INVOKER, compact.driverThreadingMode(true, true, true, HandlerGraph.DISRUPTOR),
            "a durable engine's ingress runs its archive too");
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(false, false, false, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(false, false, true, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(true, false, false, HandlerGraph.BLOCKING_QUEUE));
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(true, true, true, HandlerGraph.BLOCKING_QUEUE));
        assertEquals(HandlerGraph.SEQUENTIAL, compact.handlerLayout());
        assertEquals(WaitStrategies.PARKING, compact.handlerWaitStrategy());
        assertEquals(ThreadingMode.SHARED,
            ThreadingProfile.of("shared", 2).driverThreadingMode(true, false, false, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED,
            ThreadingProfile.of("shared", 2).driverThreadingMode(true, true, true, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED,
            ThreadingProfile.of("dedicated", 2).driverThreadingMode(true, true, true, HandlerGraph.DISRUPTOR));
        assertEquals(HandlerGraph.PARALLEL, ThreadingProfile.of("dedicated", 64).handlerLayout());
    }

    @Test
    void theContextFillsWhatIsNotSetFromTheProfileAndKeepsWhatIs()
    {
        final EngineContext compact = new EngineContext().profile("compact").handlerWaitStrategy("sleeping");
        compact.durableLog().archive(false);
        compact.conclude();
        assertEquals("compact", compact.profile());
        assertEquals(ThreadingMode.INVOKER, compact.driverThreadingMode());
        assertEquals(HandlerGraph.SEQUENTIAL, compact.handlerLayout());
        assertEquals("sleeping", compact.handlerWaitStrategy());
        assertEquals("backoff", compact.ingressIdleStrategy());

        final EngineContext external = new EngineContext().profile("compact").embeddedDriver(false);
        external.durableLog().archive(false);
        assertEquals(ThreadingMode.SHARED, external.conclude().driverThreadingMode());
        final EngineContext recording = new EngineContext().profile("compact").conclude();
        assertTrue(recording.durableLog().archive(), "the engine records by default");
        assertEquals(ThreadingMode.SHARED, recording.driverThreadingMode());

        final EngineContext durable = new EngineContext().profile("compact");
        durable.durableLog().durable(true).archiveDirectoryName("/var/tmp/ringside-log");
        assertEquals(ThreadingMode.INVOKER, durable.conclude().driverThreadingMode());
        final EngineContext durableExternal = new EngineContext().profile("compact").embeddedDriver(false);
        durableExternal.durableLog().durable(true);
        assertEquals(ThreadingMode.SHARED, durableExternal.conclude().driverThreadingMode());
        final EngineContext durableShared = new EngineContext().profile("shared");
        durableShared.durableLog().durable(true).archiveDirectoryName("/var/tmp/ringside-log");
        assertEquals(ThreadingMode.SHARED, durableShared.conclude().driverThreadingMode());
    }

    @Test
    void badThreadingSettingsAreRefusedByName()
    {
        final IllegalArgumentException profile = assertThrows(IllegalArgumentException.class,
            () -> new EngineContext().profile("turbo").conclude());
        assertTrue(profile.getMessage().startsWith("profile: unknown profile 'turbo'"), profile.getMessage());
        final IllegalArgumentException layout = assertThrows(IllegalArgumentException.class,
            () -> new EngineContext().handlerLayout("diagonal").conclude());
        assertTrue(layout.getMessage().startsWith("handler-layout: unknown layout 'diagonal'"), layout.getMessage());
        final IllegalArgumentException invoker = assertThrows(IllegalArgumentException.class,
            () -> new EngineContext().embeddedDriver(false).driverThreadingMode(ThreadingMode.INVOKER).conclude());
        assertTrue(invoker.getMessage().startsWith("driver-threading: INVOKER needs the embedded driver"),
            invoker.getMessage());
        final IllegalArgumentException liveArchive = assertThrows(IllegalArgumentException.class,
            () -> new EngineContext().driverThreadingMode(ThreadingMode.INVOKER).conclude());
        assertTrue(liveArchive.getMessage().startsWith("driver-threading: INVOKER needs the embedded driver, on the "
            + "disruptor pipeline, and no archive unless the engine is durable"), liveArchive.getMessage());
        final IllegalArgumentException durableQueue = assertThrows(IllegalArgumentException.class, () ->
        {
            final EngineContext ctx = new EngineContext().driverThreadingMode(ThreadingMode.INVOKER)
                .pipeline(HandlerGraph.BLOCKING_QUEUE);
            ctx.durableLog().durable(true).archiveDirectoryName("/var/tmp/ringside-log");
            ctx.conclude();
        });
        assertTrue(durableQueue.getMessage().startsWith("driver-threading: INVOKER needs"), durableQueue.getMessage());
        // Given, INVOKER with the archive is taken for a durable engine, in any profile: its ingress runs the archive.
        final EngineContext durableShared = new EngineContext().profile("shared").driverThreadingMode(ThreadingMode.INVOKER);
        durableShared.durableLog().durable(true).archiveDirectoryName("/var/tmp/ringside-log");
        assertEquals(ThreadingMode.INVOKER, durableShared.conclude().driverThreadingMode());
    }

    @Test
    void singleRunsTheHandlersOnTheIngressThreadAndTheDriverOnItsOwnUnlessDurable()
    {
        final EngineContext single = new EngineContext().profile("single");
        single.durableLog().archive(false);
        single.conclude();
        assertEquals("single", single.profile());
        assertEquals(ThreadingMode.SHARED, single.driverThreadingMode(), "its long housekeeping off the event path");
        final EngineContext durable = new EngineContext().profile("single");
        durable.durableLog().durable(true).archiveDirectoryName("/var/tmp/ringside-log");
        assertEquals(ThreadingMode.INVOKER, durable.conclude().driverThreadingMode(), "ingress runs the archive");
        assertEquals(HandlerGraph.INLINE, single.handlerLayout());
        assertEquals("backoff", single.ingressIdleStrategy());

        final EngineContext recording = new EngineContext().profile("single").conclude();
        assertEquals(ThreadingMode.SHARED, recording.driverThreadingMode(), "the archive's threads use the driver");
        assertEquals(HandlerGraph.INLINE, recording.handlerLayout());
        assertEquals(HandlerGraph.INLINE, new EngineContext().handlerLayout("inline").conclude().handlerLayout());
    }

    @Test
    void theRingIsSmallWhereIngressDrainsItAndLargeWhereAnotherThreadDoes()
    {
        assertEquals(EngineContext.INLINE_RING_SIZE, new EngineContext().profile("single").conclude().ringSize());
        assertEquals(64, EngineContext.INLINE_RING_SIZE);
        assertEquals(65_536, new EngineContext().profile("compact").conclude().ringSize());
        assertEquals(65_536, new EngineContext().profile("single").handlerLayout("sequential").conclude().ringSize());
        assertEquals(65_536, new EngineContext().profile("single").pipeline("blocking-queue").conclude().ringSize(),
            "the baseline's queues keep their size");
        assertEquals(4096, new EngineContext().profile("single").ringSize(4096).conclude().ringSize(),
            "one given is kept");
        assertEquals(EngineContext.UNSET_RING_SIZE, new EngineContext().ringSize(), "the layout's until concluded");
    }
}
