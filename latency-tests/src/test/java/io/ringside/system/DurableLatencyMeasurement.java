package io.ringside.system;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.EngineDrivers;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.IdleStrategies;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Not a test but a measurement, run on demand: end-to-end latency (the feed's, on the engine's outputs) of a live and
 * a durable engine, alternately, each on a fresh `ringside driver`-style driver and archive in this process, fed the
 * AAPL hour at a fixed rate. Figures only: a shared machine's are too noisy to assert on.
 * <pre>
 * mvn -B -o -q -pl latency-tests -am test -Dtest=DurableLatencyMeasurement -Dringside.measure=true \
 *     -Dringside.measure.rate=10000 -Dringside.measure.events=40000 -Dringside.measure.rounds=2 \
 *     -Dringside.measure.driverIdle=backoff \
 *     -Dringside.failIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "ringside.measure", matches = "true")
final class DurableLatencyMeasurement
{
    @TempDir
    Path dir;

    @Test
    void endToEndLiveAgainstDurable()
    {
        final int rate = Integer.getInteger("ringside.measure.rate", 10_000);
        final long events = Long.getLong("ringside.measure.events", 40_000);
        final int rounds = Integer.getInteger("ringside.measure.rounds", 2);
        // The driver's, the sequencer's and the archive's threads: a durable event passes all three.
        final String driverIdle = System.getProperty("ringside.measure.driverIdle", IdleStrategies.BACKOFF);
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
            "%-8s %5s %10s %10s %10s %10s %8s%n", "engine", "round", "p50 us", "p90 us", "p99 us", "max us", "outputs"));
        for (int round = 1; round <= rounds; round++)
        {
            for (final boolean durable : new boolean[] { false, true })
            {
                final Histogram h =
                    run(dir.resolve((durable ? "durable-" : "live-") + round), durable, rate, events, driverIdle);
                table.append(String.format(Locale.ROOT, "%-8s %5d %10.1f %10.1f %10.1f %10.1f %8d%n",
                    durable ? "durable" : "live", round, h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3,
                    h.getTotalCount()));
            }
        }
        System.out.print("DurableLatencyMeasurement: " + rate + " events/s, " + events + " events a run, driver-idle "
            + driverIdle + "\n" + table);
    }

    private static Histogram run(
        final Path root, final boolean durable, final int rate, final long events, final String driverIdle)
    {
        final EngineContext ctx = DurableFixture.engineContext(root);
        ctx.durableLog().durable(durable);
        final ArchivingDriver.Context driverCtx =
            EngineDrivers.standalone(new EngineContext().aeronDirectoryName(ctx.aeronDirectoryName())
                .embeddedDriver(false).driverIdleStrategy(driverIdle), root.resolve("archive").toString())
                .lowStorageSpaceThreshold(0);
        try (ArchivingDriver driver = ArchivingDriver.launch(driverCtx); Engine engine = Engine.launch(ctx))
        {
            final FeedResult result = new Feed(new FeedContext()
                .file(DurableFixture.BUNDLED)
                .aeronDirectoryName(ctx.aeronDirectoryName())
                .pacing(Pacing.rate(rate))
                .maxEvents(events)
                .listen(true)
                .progress(false)
                .drainTimeoutMs(30_000)
                .reportDirectory(root.resolve("feed")), System.err).run();
            assertTrue(result.engineCaughtUp(), "the engine took every event");
            engine.stop();
            return result.histograms().get(Stages.END_TO_END);
        }
    }
}
