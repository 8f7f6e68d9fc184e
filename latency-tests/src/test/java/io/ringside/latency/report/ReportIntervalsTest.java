package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ringside.latency.report.IntervalLog.START_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ReportIntervalsTest
{
    @TempDir
    Path tempDir;

    @Test
    void intervalsAreTheEngineLogsOwnPerStageInStageOrder() throws Exception
    {
        final Report report = Report.read(IntervalLog.writeRun(tempDir.resolve("run")));
        final Map<String, List<Interval>> intervals = report.intervals();
        assertEquals(List.of(Stages.TRANSPORT, Stages.QUEUE_SURVEILLANCE, Stages.SERVICE_EGRESS),
            new ArrayList<>(intervals.keySet()), "only the engine log's stages, in report order");

        assertEquals(List.of(
            new Interval(START_MS, START_MS + 1000, 1000, 500, 990, 1000),
            new Interval(START_MS + 1000, START_MS + 2000, 500, 2000, 2000, 2000),
            new Interval(START_MS + 2000, START_MS + 3000, 0, 0, 0, 0)), intervals.get(Stages.TRANSPORT));
        assertEquals(List.of(
            new Interval(START_MS, START_MS + 1000, 10, 100, 100, 100),
            new Interval(START_MS + 1000, START_MS + 2000, 100, 100, 100, 2000),
            new Interval(START_MS + 2000, START_MS + 3000, 1, 50, 50, 50)), intervals.get(Stages.QUEUE_SURVEILLANCE));
        assertEquals(3, intervals.get(Stages.SERVICE_EGRESS).size());

        assertEquals(1000.0, intervals.get(Stages.TRANSPORT).get(0).ratePerSecond());
        assertEquals(500.0, intervals.get(Stages.TRANSPORT).get(1).ratePerSecond());

        // The whole-run histograms are still the sum of the intervals.
        assertEquals(1500, report.histograms().get(Stages.TRANSPORT).getTotalCount());
    }

    @Test
    void aFeedOnlyRunHasNoIntervals() throws Exception
    {
        final Path dir = tempDir.resolve("feed-only");
        RunDirectory.writeFeed(dir);
        assertTrue(Report.read(dir).intervals().isEmpty());
    }

    @Test
    void countsAndDirectoryAreExposedAsCopies() throws Exception
    {
        final Path dir = IntervalLog.writeRun(tempDir.resolve("run"));
        final Report report = Report.read(dir);
        assertEquals(dir, report.directory());
        assertEquals("91998", report.engineCounts().getProperty("events_in"));
        assertEquals("fixed rate, 50000 events/s", report.feedCounts().getProperty("pacing"));
        report.feedCounts().setProperty("pacing", "changed");
        assertEquals("fixed rate, 50000 events/s", report.feedCounts().getProperty("pacing"));
        assertTrue(Files.exists(dir.resolve(EngineSummary.HISTOGRAM_FILE)) && Files.exists(dir.resolve(Feed.COUNTS_FILE)));
    }
}
