package io.ringside.system;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.transport.ArchivingDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A feed into a durable engine that is stopped and started again while the feed runs (the README's deployment) must
 * see the restarted engine account for everything it sent. The new engine's counters have ids of their own, and what
 * it restored from a snapshot is in snapshot.loaded_events, not events_in: a feed that kept watching the first
 * engine's events_in waited out its drain timeout and warned that events were unaccounted for.
 */
final class FeedAcrossRestartTest
{
    private static final long AAPL_HOUR_FRAMES = 91_998; // the definition and 91,997 events

    @TempDir
    Path dir;

    @Test
    void theFeedSeesARestartedEngineAccountForEveryEvent() throws Exception
    {
        try (ArchivingDriver driver = DurableFixture.launchDriver(dir))
        {
            final FeedContext feedContext = new FeedContext()
                .file(DurableFixture.BUNDLED)
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .pacing(Pacing.rate(40_000))
                .listen(false)
                .progress(false)
                .drainTimeoutMs(15_000)
                .reportDirectory(dir.resolve("feed"));

            final Engine first = Engine.launch(context());
            final CompletableFuture<FeedResult> feed =
                CompletableFuture.supplyAsync(() -> new Feed(feedContext, System.err).run());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(800));
            assertFalse(feed.isDone(), "the feed is still sending when the engine stops");
            first.stop();
            first.close();

            final EngineSummary summary;
            final FeedResult result;
            try (Engine second = Engine.launch(context()))
            {
                result = feed.get(60, TimeUnit.SECONDS);
                summary = second.stop();
            }
            assertEquals(AAPL_HOUR_FRAMES, result.eventsSent());
            assertTrue(result.engineCaughtUp(), "the restarted engine accounted for every event sent");
            assertTrue(summary.count("snapshot.loaded_events") > 0, "the second engine started from a snapshot");
            assertEquals(AAPL_HOUR_FRAMES, summary.count("snapshot.loaded_events") + summary.count("events_in"));
            assertEquals(0, summary.count("gaps"));
            assertEquals(0, summary.count("duplicates"));
        }
    }

    private EngineContext context()
    {
        final EngineContext ctx = DurableFixture.engineContext(dir);
        ctx.snapshots().intervalEvents(10_000);
        ctx.durableLog().recoveryTimeoutMs(20_000);
        return ctx;
    }
}
