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
    void autoIsCompactOnFewCoresAndSharedOnMore()
    {
        assertEquals("compact", ThreadingProfile.of("auto", 2).name());
        assertEquals("compact", ThreadingProfile.of("auto", ThreadingProfile.COMPACT_MAX_CORES).name());
        assertEquals("shared", ThreadingProfile.of("auto", ThreadingProfile.COMPACT_MAX_CORES + 1).name());
    }

    @Test
    void compactRunsTheDriverOnIngressOnlyWhenItIsEmbeddedWithoutAnArchive()
    {
        final ThreadingProfile compact = ThreadingProfile.of("compact", 2);
        assertEquals(ThreadingMode.INVOKER, compact.driverThreadingMode(true, false, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(true, true, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(false, false, HandlerGraph.DISRUPTOR));
        assertEquals(ThreadingMode.SHARED, compact.driverThreadingMode(true, false, HandlerGraph.BLOCKING_QUEUE));
        assertEquals(HandlerGraph.SEQUENTIAL, compact.handlerLayout());
        assertEquals(WaitStrategies.PARKING, compact.handlerWaitStrategy());
        assertEquals(ThreadingMode.SHARED, ThreadingProfile.of("shared", 2).driverThreadingMode(true, false, HandlerGraph.DISRUPTOR));
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
    }

    @Test
    void singleRunsTheHandlersOnTheIngressThreadThatAlsoRunsTheDriver()
    {
        final EngineContext single = new EngineContext().profile("single");
        single.durableLog().archive(false);
        single.conclude();
        assertEquals("single", single.profile());
        assertEquals(ThreadingMode.INVOKER, single.driverThreadingMode());
        assertEquals(HandlerGraph.INLINE, single.handlerLayout());
        assertEquals("backoff", single.ingressIdleStrategy());

        final EngineContext recording = new EngineContext().profile("single").conclude();
        assertEquals(ThreadingMode.SHARED, recording.driverThreadingMode(), "the archive's threads use the driver");
        assertEquals(HandlerGraph.INLINE, recording.handlerLayout());
        assertEquals(HandlerGraph.INLINE, new EngineContext().handlerLayout("inline").conclude().handlerLayout());
    }
}
