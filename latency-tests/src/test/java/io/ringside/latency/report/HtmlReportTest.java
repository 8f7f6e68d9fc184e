package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.PercentileTable;
import io.ringside.engine.metrics.Stages;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringside.latency.report.IntervalLog.START_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class HtmlReportTest
{
    static final Map<String, String> ENVIRONMENT = Map.of("git commit", "0123456789abcdef0123456789abcdef01234567",
        "JDK", "17.0.99 (Test VM)");

    @TempDir
    Path tempDir;

    static String resource(final String name) throws Exception
    {
        try (InputStream in = HtmlReportTest.class.getClassLoader().getResourceAsStream(name))
        {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The JSON data block of a page, parsed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(final String html)
    {
        final String open = "<script type=\"application/json\" id=\"" + HtmlReport.DATA_ID + "\">";
        final int start = html.indexOf(open);
        assertTrue(start >= 0, "no data block");
        assertEquals(start, html.lastIndexOf(open), "one data block");
        final int end = html.indexOf("</script>", start);
        return (Map<String, Object>)Json.parse(html.substring(start + open.length(), end));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(final Object json, final String... path)
    {
        Object node = json;
        for (final String key : path)
        {
            node = ((Map<String, Object>)node).get(key);
        }
        return (T)node;
    }

    private static List<Double> doubles(final List<Object> values)
    {
        final List<Double> out = new ArrayList<>();
        values.forEach((v) -> out.add(((Number)v).doubleValue()));
        return out;
    }

    /** A run with engine intervals and a feed, plus a three-way comparison chart. */
    private HtmlReport page(final Path dir) throws Exception
    {
        IntervalLog.writeRun(dir);
        final Map<String, Histogram> series = new LinkedHashMap<>();
        series.put("engine", RunDirectory.oneToThousand());
        series.put("raw Aeron", RunDirectory.constant(300, 10));
        series.put("ArrayBlockingQueue", RunDirectory.withOneOutlier());
        return new HtmlReport(Report.read(dir), ENVIRONMENT).compare("engine against queues", series);
    }

    @Test
    void thePageIsSelfContainedWithUplotInlined() throws Exception
    {
        final String html = page(tempDir.resolve("run")).render();
        final Matcher remote = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html);
        assertFalse(remote.find(), () -> "a remote reference: " + html.substring(remote.start(),
            Math.min(html.length(), remote.start() + 80)));
        assertFalse(Pattern.compile("(?i)<script[^>]*\\ssrc\\s*=").matcher(html).find(), "no external scripts");
        assertFalse(Pattern.compile("(?i)<link\\b").matcher(html).find(), "no linked style sheets");
        assertFalse(html.contains("@import"), "no imported style sheets");

        final String dist = "META-INF/resources/webjars/uplot/1.6.30/dist/";
        assertTrue(html.contains("<script>\n" + resource(dist + "uPlot.iife.min.js") + "\n</script>"),
            "uPlot's minified JS, whole");
        assertTrue(html.contains("<style>\n" + resource(dist + "uPlot.min.css") + "\n</style>"), "uPlot's CSS, whole");
        assertTrue(html.contains(resource("io/ringside/latency/report/report.js")), "the page's own script");
        assertTrue(html.startsWith("<!DOCTYPE html>\n") && html.endsWith("</body>\n</html>\n"));
    }

    @Test
    void theDistributionChartIsEachNonEmptyStageOnTheGrid() throws Exception
    {
        final Path dir = tempDir.resolve("run");
        final HtmlReport page = page(dir);
        final Report report = Report.read(dir);
        final Map<String, Object> data = data(page.render());
        assertEquals("ns", data.get("units"));

        // pacing_error has 91,998 values: 5 decades of 1/(1-p), 20 points each, from 0% to 99.999%.
        final List<Double> x = doubles(at(data, "distribution", "x"));
        final List<Double> percentiles = doubles(at(data, "distribution", "percentiles"));
        assertEquals(101, x.size());
        assertEquals(List.of(1L, 10L, 100L, 1000L, 10_000L, 100_000L), at(data, "distribution", "ticks"));
        for (int i = 0; i < x.size(); i++)
        {
            assertEquals(Math.pow(10, i / 20.0), x.get(i), 1e-9 * x.get(i));
            assertEquals(100.0 * (1 - 1 / x.get(i)), percentiles.get(i), 1e-9);
        }
        assertEquals(0.0, percentiles.get(0));
        assertEquals(90.0, percentiles.get(20), 1e-12);
        assertEquals(99.999, percentiles.get(100), 1e-9);

        final Map<String, Object> series = at(data, "distribution", "series");
        final List<String> expectedStages = new ArrayList<>(report.histograms().keySet());
        expectedStages.remove(Stages.SERVICE_EGRESS); // no values: not drawn
        assertEquals(expectedStages, new ArrayList<>(series.keySet()));
        for (final String stage : expectedStages)
        {
            final Histogram h = report.histograms().get(stage);
            final List<Object> values = at(series, stage);
            assertEquals(x.size(), values.size(), stage);
            int i = 0;
            for (; i < x.size() && x.get(i) <= h.getTotalCount(); i++)
            {
                assertEquals(h.getValueAtPercentile(percentiles.get(i)), values.get(i), stage + " at " + i);
            }
            if (i < x.size())
            {
                assertEquals(h.getMaxValue(), values.get(i++), stage + ": the line ends at the max");
            }
            for (; i < x.size(); i++)
            {
                assertNull(values.get(i), stage + " beyond its resolution, at " + i);
            }
        }

        // By hand: transport is 1..1000 ns and 500 x 2000 ns, 1500 values.
        final List<Object> transport = at(series, Stages.TRANSPORT);
        assertEquals(1L, transport.get(0), "0%: the min");
        assertEquals(2000L, transport.get(20), "90%");
        assertEquals(2000L, transport.get(63), "1/(1-p) = 1413 <= 1500");
        assertEquals(2000L, transport.get(64), "1/(1-p) = 1585 > 1500: the max, once");
        assertNull(transport.get(65));
        // end_to_end is 100 x 1000 ns: resolved to 99%, then its max.
        final List<Object> endToEnd = at(series, Stages.END_TO_END);
        assertEquals(1000L, endToEnd.get(40));
        assertEquals(1000L, endToEnd.get(41));
        assertNull(endToEnd.get(42));
    }

    @Test
    void aComparisonChartIsItsSeriesInOrderOnItsOwnGrid() throws Exception
    {
        final Map<String, Object> data = data(page(tempDir.resolve("run")).render());
        final List<Object> comparisons = at(data, "comparisons");
        assertEquals(1, comparisons.size());
        final Object chart = comparisons.get(0);
        assertEquals("engine against queues", at(chart, "title"));
        assertEquals(List.of(1L, 10L, 100L, 1000L), at(chart, "ticks"), "1000 values: 3 decades");
        final Map<String, Object> series = at(chart, "series");
        assertEquals(List.of("engine", "raw Aeron", "ArrayBlockingQueue"), new ArrayList<>(series.keySet()));
        final List<Double> percentiles = doubles(at(chart, "percentiles"));
        assertEquals(ChartPage.distribution(RunDirectory.oneToThousand(), percentiles.stream()
            .mapToDouble(Double::doubleValue).toArray()), at(series, "engine"));
        final List<Object> engine = at(series, "engine");
        assertEquals(List.of(1L, 499L, 900L, 990L, 999L), List.of(engine.get(0), engine.get(6), engine.get(20),
            engine.get(40), engine.get(60)), "0%, 49.9%, 90%, 99%, 99.9%");
        final List<Object> aeron = at(series, "raw Aeron");
        assertEquals(300L, aeron.get(20));
        assertEquals(300L, aeron.get(21), "10 values: the max just past 90%");
        assertNull(aeron.get(22));
        final List<Object> queue = at(series, "ArrayBlockingQueue");
        assertEquals(100L, queue.get(40));
        assertEquals(2000L, queue.get(41));
    }

    @Test
    void intervalsAndThroughputAreTheEngineLogsExactly() throws Exception
    {
        final Map<String, Object> data = data(page(tempDir.resolve("run")).render());
        assertEquals(START_MS, data.get("intervals_start_ms"));
        final Map<String, Object> intervals = at(data, "intervals");
        assertEquals(List.of(Stages.TRANSPORT, Stages.QUEUE_SURVEILLANCE, Stages.SERVICE_EGRESS),
            new ArrayList<>(intervals.keySet()));

        final Object transport = intervals.get(Stages.TRANSPORT);
        assertEquals(List.of(START_MS, START_MS + 1000, START_MS + 2000), at(transport, "start_ms"));
        assertEquals(List.of(START_MS + 1000, START_MS + 2000, START_MS + 3000), at(transport, "end_ms"));
        assertEquals(List.of(1000L, 500L, 0L), at(transport, "count"));
        assertEquals(Arrays.asList(500L, 2000L, null), at(transport, "p50"), "an empty interval is a gap");
        assertEquals(Arrays.asList(990L, 2000L, null), at(transport, "p99"));
        assertEquals(Arrays.asList(1000L, 2000L, null), at(transport, "max"));

        final Object queue = intervals.get(Stages.QUEUE_SURVEILLANCE);
        assertEquals(List.of(10L, 100L, 1L), at(queue, "count"));
        assertEquals(List.of(100L, 100L, 50L), at(queue, "p50"));
        assertEquals(List.of(100L, 100L, 50L), at(queue, "p99"));
        assertEquals(List.of(100L, 2000L, 50L), at(queue, "max"));

        assertEquals(Arrays.asList(null, null, null), at(intervals.get(Stages.SERVICE_EGRESS), "max"));

        final Object throughput = data.get("throughput");
        assertEquals(Map.of("stage", Stages.TRANSPORT), throughput, "drawn from the transport intervals above");
        assertEquals(List.of(1000.0, 500.0, 0.0), at(transport, "rate"), "events per second of each interval");
    }

    @Test
    void thePercentileTableIsPercentileTablesNumbers() throws Exception
    {
        final Path dir = tempDir.resolve("run");
        final String html = page(dir).render();
        final Report report = Report.read(dir);

        final int start = html.indexOf("<table id=\"percentiles\">");
        final String table = html.substring(start, html.indexOf("</table>", start));
        final List<String> rows = new ArrayList<>();
        final Matcher row = Pattern.compile("<tr><td>(.*?)</td></tr>").matcher(table);
        while (row.find())
        {
            rows.add(String.join(" ", row.group(1).split("</td><td>")));
        }
        final List<String> expected = new ArrayList<>();
        final String[] lines = PercentileTable.format(report.histograms()).split("\n");
        for (int i = 1; i < lines.length; i++)
        {
            expected.add(String.join(" ", lines[i].trim().split(" +")));
        }
        assertEquals(expected, rows);
        assertEquals(report.histograms().size(), rows.size());
        assertTrue(rows.contains("service.egress 0 - - - - - -"), rows.toString());
        assertTrue(rows.contains("transport 1500 0.75 2.00 2.00 2.00 2.00 2.00"), rows.toString());
    }

    @Test
    void countsRunAndEnvironmentAreShown() throws Exception
    {
        final String html = page(tempDir.resolve("run")).render();
        assertTrue(html.contains("<tr><th>events_in</th><td>91998</td></tr>"), "engine counts");
        assertTrue(html.contains("<tr><th>orders</th><td>1234</td></tr>"));
        assertTrue(html.contains("<tr><th>feed_backpressure</th><td>6</td></tr>"), "feed counts");
        assertTrue(html.contains("<tr><th>feed pacing</th><td>fixed rate, 50000 events/s</td></tr>"));
        assertTrue(html.contains("<tr><th>target rate (events/s)</th><td>50000</td></tr>"));
        assertTrue(html.contains("<tr><th>achieved rate (events/s)</th><td>50000.0</td></tr>"));
        assertTrue(html.contains("<tr><th>engine run time</th><td>2.000 s</td></tr>"));
        assertTrue(html.contains("<tr><th>git commit</th><td>0123456789abcdef0123456789abcdef01234567</td></tr>"));
        assertTrue(html.contains("<tr><th>JDK</th><td>17.0.99 (Test VM)</td></tr>"));
        assertTrue(html.contains("Collected by <code>ringside report</code> when it wrote this page"),
            "the environment is said to be the report's, not necessarily the run's");
    }

    @Test
    void chartCountAndPlaceholdersAgree() throws Exception
    {
        final HtmlReport page = page(tempDir.resolve("run"));
        final String html = page.render();
        assertEquals(1 + 1 + 3 + 1, page.chartCount(), "distribution, comparison, 3 interval stages, throughput");
        assertTrue(html.contains("<body data-charts=\"6\">"));
        final Matcher charts = Pattern.compile("<div class=\"chart[^\"]*\" id=\"chart-").matcher(html);
        int count = 0;
        while (charts.find())
        {
            count++;
        }
        assertEquals(6, count);

        // A feed-only run: just the distribution chart.
        final Path feedOnly = tempDir.resolve("feed-only");
        RunDirectory.writeFeed(feedOnly);
        final HtmlReport feedPage = new HtmlReport(Report.read(feedOnly), ENVIRONMENT);
        assertEquals(1, feedPage.chartCount());
        final Map<String, Object> data = data(feedPage.render());
        assertNull(data.get("throughput"));
        assertTrue(((Map<?, ?>)data.get("intervals")).isEmpty());
    }

    @Test
    void aBaselineAddsAChartPerStageBothRunsHaveValuesFor() throws Exception
    {
        final Path run = IntervalLog.writeRun(tempDir.resolve("run"));
        final Path base = tempDir.resolve("base");
        RunDirectory.writeEngine(base);
        final HtmlReport page = new HtmlReport(Report.read(run), ENVIRONMENT).compareWithBaseline(Report.read(base));
        final List<Object> comparisons = at(data(page.render()), "comparisons");
        final List<String> titles = new ArrayList<>();
        for (final Object chart : comparisons)
        {
            titles.add(at(chart, "title"));
            final Map<String, Object> series = at(chart, "series");
            assertEquals(2, series.size());
        }
        // service.egress is empty, custom.stage only in the baseline, end_to_end and pacing_error only in the run.
        assertEquals(List.of(Stages.TRANSPORT + ": this run against " + base,
            Stages.QUEUE_SURVEILLANCE + ": this run against " + base), titles);
        assertEquals(List.of("baseline transport", "this run transport"),
            new ArrayList<>(((Map<?, ?>)at(comparisons.get(0), "series")).keySet()));
    }

    @Test
    void stageNamesCannotBreakOutOfTheDataBlockOrTheTable() throws Exception
    {
        final Path dir = Files.createDirectories(tempDir.resolve("odd"));
        final String evil = "</script><script>alert(\"x\")</script>";
        EngineSummary.writeHistograms(dir.resolve(EngineSummary.HISTOGRAM_FILE),
            Map.of(evil, RunDirectory.constant(5, 5)));
        final String html = new HtmlReport(Report.read(dir), ENVIRONMENT).render();
        assertFalse(html.contains("<script>alert"), "escaped everywhere");
        assertTrue(html.contains("<td>&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>"));
        final Map<String, Object> series = at(data(html), "distribution", "series");
        assertEquals(List.of(evil), new ArrayList<>(series.keySet()), "the JSON still holds the name as is");
    }

    @Test
    void writePutsReportHtmlInTheRunDirectory() throws Exception
    {
        final Path dir = tempDir.resolve("run");
        final HtmlReport page = page(dir);
        final Path file = page.write();
        assertEquals(dir.resolve("report.html"), file);
        assertEquals(page.render().length(), Files.readString(file, StandardCharsets.UTF_8).length());
    }
}
