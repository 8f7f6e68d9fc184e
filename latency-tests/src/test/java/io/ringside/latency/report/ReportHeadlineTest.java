package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** report.html at a glance: its validity banner, its headline, and PnL at its price scale. */
final class ReportHeadlineTest
{
    @TempDir
    Path tempDir;

    private String render(final Path dir)
    {
        return new HtmlReport(Report.read(dir), HtmlReportTest.ENVIRONMENT).render();
    }

    @Test
    void aFeedOnScheduleIsValidAndTheHeadlineGivesEndToEndStagesAndLoad() throws Exception
    {
        final Path dir = IntervalLog.writeRun(tempDir.resolve("run"));
        final HtmlReport report = new HtmlReport(Report.read(dir), HtmlReportTest.ENVIRONMENT);
        final String html = report.render();
        assertTrue(html.contains("<div class=\"banner valid\" id=\"validity\">Valid: the feed kept to its schedule "
            + "(pacing error p99 0.0 &micro;s, within 1,000 &micro;s).</div>"), html);
        final List<String> headline = report.headline();
        assertEquals("End to end: p50 1.0 µs, p99 1.0 µs, max 1.0 µs over 100 outputs; published p50 1.0 µs, "
            + "p99 1.0 µs; delivery p50 0.0 µs, p99 0.0 µs.", headline.get(0), "end to end, then its two parts");
        assertEquals("Stages, p50 / p99 (µs): transport 0.8 / 2.0; queue.surveillance 0.1 / 0.1.", headline.get(1),
            "the stages with values, from the engine's intervals");
        assertEquals("Load: 91998 events sent at 50000.0 events/s (fixed rate, 50000 events/s).", headline.get(2));
        assertTrue(html.contains("<li>End to end: p50 1.0 µs, p99 1.0 µs, max 1.0 µs over 100 outputs; published p50 "
            + "1.0 µs, p99 1.0 µs; delivery p50 0.0 µs, p99 0.0 µs.</li>"));
    }

    @Test
    void aFeedBehindItsScheduleGetsAnInvalidBanner() throws Exception
    {
        final Path dir = IntervalLog.writeRun(tempDir.resolve("late"));
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        histograms.put(Stages.END_TO_END, RunDirectory.constant(1000, 100));
        final Histogram pacing = RunDirectory.constant(20, 90);
        pacing.recordValueWithCount(5_000_000, 10);
        histograms.put(Stages.PACING_ERROR, pacing);
        Feed.write(new FeedResult(Pacing.rate(50_000), 100, 0, Map.of(), 1_000_000, 0, 0, 100, 0, true,
            histograms), dir);
        final String html = render(dir);
        assertTrue(html.contains("<div class=\"banner invalid\" id=\"validity\">INVALID: the feed fell behind "
            + "its schedule: pacing error p99 5,001.2 us &gt; 1,000 us."), html.substring(0, 3000));
    }

    @Test
    void pnlIsShownAtItsPriceScale() throws Exception
    {
        final Path dir = IntervalLog.writeRun(tempDir.resolve("pnl"));
        final Path countsFile = dir.resolve(EngineSummary.COUNTS_FILE);
        final Properties counts = new Properties();
        try (Reader reader = Files.newBufferedReader(countsFile, StandardCharsets.UTF_8))
        {
            counts.load(reader);
        }
        counts.setProperty(EngineSummary.STRATEGY_PREFIX + "market-maker.realised-pnl", "-123456");
        counts.setProperty(EngineSummary.STRATEGY_PREFIX + "market-maker.unrealised-pnl", "70000");
        counts.setProperty(EngineSummary.STRATEGY_PREFIX + "pnl-price-scale", "4");
        try (Writer writer = Files.newBufferedWriter(countsFile, StandardCharsets.UTF_8))
        {
            counts.store(writer, null);
        }
        final String html = render(dir);
        assertTrue(html.contains("<tr><th>strategy.market-maker.realised-pnl</th><td>-12.3456 (raw -123456 at price "
            + "scale 4)</td></tr>"), html);
        assertTrue(html.contains("<tr><th>strategy.market-maker.unrealised-pnl</th><td>7.0000 (raw 70000 at price "
            + "scale 4)</td></tr>"));
    }
}
