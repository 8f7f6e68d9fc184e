package io.ringside.latency.report;

import io.ringside.engine.metrics.Stages;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringside.latency.report.BenchDirectory.MEASURED_MS;
import static io.ringside.latency.report.IntervalLog.INTERVAL_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BenchPageTest
{
    private static final List<String> LABELS = List.of("raw Aeron", "engine", "ArrayBlockingQueue");

    @TempDir
    Path tempDir;

    @SuppressWarnings("unchecked")
    private static <T> T at(final Object json, final Object... path)
    {
        Object node = json;
        for (final Object key : path)
        {
            node = key instanceof Integer ?
                ((List<Object>)node).get((Integer)key) : ((Map<String, Object>)node).get(key);
        }
        return (T)node;
    }

    private static double[] percentiles(final Object chart)
    {
        final List<Object> values = at(chart, "percentiles");
        return values.stream().mapToDouble((v) -> ((Number)v).doubleValue()).toArray();
    }

    /** The rows of a table, cells joined by " | ". */
    private static List<String> rows(final String html, final String id)
    {
        final int start = html.indexOf("<table class=\"numbers\" id=\"" + id + "\">");
        assertTrue(start >= 0, id);
        final String table = html.substring(start, html.indexOf("</table>", start));
        final List<String> rows = new ArrayList<>();
        final Matcher row = Pattern.compile("<tr><td>(.*?)</td></tr>").matcher(table);
        while (row.find())
        {
            rows.add(String.join(" | ", row.group(1).split("</td><td>", -1)));
        }
        return rows;
    }

    @Test
    void everyRateDrawsTheEngineAgainstBothBaselinesExactly() throws Exception
    {
        final Map<String, Object> data = HtmlReportTest.data(BenchDirectory.page(tempDir).render());
        assertEquals("ns", data.get("units"));
        final List<Object> rates = at(data, "rates");
        assertEquals(2, rates.size(), "one entry per fixed rate; search steps are not drawn as rates");
        for (int r = 0; r < rates.size(); r++)
        {
            assertEquals(BenchDirectory.RATES.get(r), at(rates, r, "rate"));
            final Object chart = at(rates, r, "end_to_end");
            assertTrue(((String)at(chart, "title")).startsWith("end to end at " + (r == 0 ? "1,000" : "2,000")));
            final Map<String, Object> series = at(chart, "series");
            assertEquals(LABELS, new ArrayList<>(series.keySet()), "engine and both baselines, in the table's order");
            for (int c = 0; c < LABELS.size(); c++)
            {
                final Histogram expected = BenchDirectory.endToEnd(BenchPage.CONFIGS.get(c));
                assertEquals(ChartPage.distribution(expected, percentiles(chart)), series.get(LABELS.get(c)),
                    LABELS.get(c));
            }
            assertEquals(List.of(1L, 10L, 100L, 1000L), at(chart, "ticks"), "1000 values at most: 3 decades");
        }
    }

    @Test
    void theEnginesStagesAreItsMeasuredPhaseOnly() throws Exception
    {
        final Map<String, Object> data = HtmlReportTest.data(BenchDirectory.page(tempDir).render());
        final Object chart = at(data, "rates", 0, "stages");
        final Map<String, Object> series = at(chart, "series");
        assertEquals(List.of(Stages.TRANSPORT, Stages.QUEUE_SURVEILLANCE, Stages.SERVICE_EGRESS, Stages.END_TO_END,
            Stages.PACING_ERROR), new ArrayList<>(series.keySet()));
        final Histogram transport = RunDirectory.constant(2000, 10);
        transport.add(RunDirectory.constant(3000, 10));
        assertEquals(ChartPage.distribution(transport, percentiles(chart)), series.get(Stages.TRANSPORT),
            "the warm-up interval is left out");
        final List<Object> egress = at(series, Stages.SERVICE_EGRESS);
        assertFalse(egress.contains(BenchDirectory.WARM_UP_NS));

        final String html = BenchDirectory.page(tempDir.resolve("again")).render();
        assertTrue(html.contains("<tr><td>transport</td><td>20</td><td>2.00</td>"), "the stage table, 20 values");
        assertFalse(html.contains("777.00"), "no warm-up value anywhere");
    }

    @Test
    void aRunDirectorysReportIsItsMeasuredPhase() throws Exception
    {
        BenchDirectory.write(tempDir);
        final Path engine = tempDir.resolve("engine-1000");
        final Report report = Report.read(engine);
        assertEquals(20, report.histograms().get(Stages.TRANSPORT).getTotalCount(), "two intervals of 10, not 25");
        assertEquals(2, report.intervals().get(Stages.TRANSPORT).size());
        assertEquals(Long.valueOf(MEASURED_MS), report.intervals().get(Stages.TRANSPORT).get(0).startMs());
        final Map<String, Path> written = report.write();
        assertTrue(Files.readString(written.get(Stages.TRANSPORT)).contains("Total count    =           20]"));
        assertTrue(Files.readString(written.get(Report.SUMMARY_FILE))
            .contains("\"transport\": { \"count\": 20, \"p50\": 2000"));

        final Path raw = tempDir.resolve("raw-aeron-1000");
        assertEquals(List.of(Stages.END_TO_END, Stages.PACING_ERROR),
            new ArrayList<>(Report.read(raw).histograms().keySet()), "a baseline without an engine: the feed's");
    }

    @Test
    void everyConfigurationHasItsIntervalsOverTime() throws Exception
    {
        final Map<String, Object> data = HtmlReportTest.data(BenchDirectory.page(tempDir).render());
        for (int r = 0; r < BenchDirectory.RATES.size(); r++)
        {
            final long rate = BenchDirectory.RATES.get(r);
            final List<Object> configs = at(data, "rates", r, "configs");
            assertEquals(BenchPage.CONFIGS.size(), configs.size());
            for (int c = 0; c < configs.size(); c++)
            {
                final Object config = configs.get(c);
                assertEquals(BenchPage.CONFIGS.get(c), at(config, "config"));
                assertEquals(LABELS.get(c), at(config, "label"));
                assertEquals(Long.valueOf(MEASURED_MS), at(config, "start_ms"), "the first measured interval");
                assertEquals(List.of(MEASURED_MS, MEASURED_MS + INTERVAL_MS), at(config, "end_to_end", "start_ms"));
                final Histogram whole = BenchDirectory.endToEnd(BenchPage.CONFIGS.get(c));
                final List<Long> counts = at(config, "end_to_end", "count");
                assertEquals(whole.getTotalCount(), counts.get(0) + counts.get(1));
                final List<Long> sent = at(config, "pacing_error", "count");
                assertEquals(List.of(rate, rate / 2), sent);
                assertEquals(List.of((double)rate, rate / 2.0), at(config, "pacing_error", "rate"),
                    "events sent per second of 1 s intervals");
            }
        }
        final Object engine = at(data, "rates", 0, "configs", 1);
        assertEquals(List.of(500L, 1000L), at(engine, "end_to_end", "max"));
        assertEquals(List.of(250L, 750L), at(engine, "end_to_end", "p50"));
    }

    @Test
    void tablesSearchGcAndMetadataAreShown() throws Exception
    {
        final String html = BenchDirectory.page(tempDir).render();
        assertEquals(List.of(
            "p50 | 0.3 [0.3-0.3] | 0.5 [0.5-0.5] | 0.1 [0.1-0.1] | 1.67x | 0.20x",
            "p90 | 0.3 [0.3-0.3] | 0.9 [0.9-0.9] | 0.1 [0.1-0.1] | 3.00x | 0.11x",
            "p99 | 0.3 [0.3-0.3] | 1.0 [1.0-1.0] | 0.1 [0.1-0.1] | 3.30x | 0.10x",
            "p99.9 | 0.3 [0.3-0.3] | 1.0 [1.0-1.0] | 2.0 [2.0-2.0] | 3.33x | 2.00x",
            "p99.99 | 0.3 [0.3-0.3] | 1.0 [1.0-1.0] | 2.0 [2.0-2.0] | 3.33x | 2.00x",
            "max | 0.3 [0.3-0.3] | 1.0 [1.0-1.0] | 2.0 [2.0-2.0] | 3.33x | 2.00x",
            "outputs | 50 | 1000 | 100 |  | ",
            "gc | n/a | 0/0 | 0 |  | ",
            "valid | 1 of 1 | 1 of 2 | 1 of 1 |  | "), rows(html, "table-0"), "the invalid engine round is left out");
        assertEquals(List.of(
            "raw Aeron | 1 | 0.3 | 0.3 | 0.3 | 50 | n/a | 0.0 | valid | yes",
            "engine | 1 | 0.5 | 1.0 | 1.0 | 1000 | 0 | 0.0 | valid | yes",
            "engine | 2 | 9003.0 | 9003.0 | 9003.0 | 10 | 0 | 5000.0 | INVALID | no",
            "ArrayBlockingQueue | 1 | 0.1 | 0.1 | 2.0 | 100 | 0 | 0.0 | valid | yes"), rows(html, "rounds-0"));
        assertTrue(html.contains("<div class=\"banner invalid\" id=\"validity\">INVALID: 1 of 7 runs at fixed rates "
            + "fell behind their feed's schedule (not pacing error p99 within 1,000 &micro;s): engine round 2 at 1,000 "
            + "events/s (p99 5000.0 &micro;s)."), html);
        assertEquals(List.of(
            "engine | 100,000 | 100,000 | 1.0 | 1.0 | 1000 | 0.0 | 0 | held",
            "engine | 200,000 | 200,000 | 1.0 | 1.0 | 1000 | 0.0 | 3 | broke the bound"), rows(html, "search"));
        assertTrue(html.contains("<li>1,000 events/s: engine p99 1.0 µs = 3.30x raw Aeron&#39;s (0.3 µs), 9.90x "
            + "ArrayBlockingQueue&#39;s (0.1 µs); p50 0.5 µs against raw Aeron&#39;s 0.3 µs.</li>"), html);
        assertTrue(html.contains("<li>Highest sustainable rate: engine 100,000 events/s with books, rules and "
            + "strategies running = 0.25x raw Aeron echo&#39;s 400,000 events/s (p99 end to end &lt;= 10000 us).</li>"));
        assertTrue(html.contains("<tr><th>engine / raw Aeron</th><td>0.25x</td></tr>"));
        assertTrue(html.contains("<tr><th>raw Aeron one-way throughput (msgs/s)</th><td>24,400,000</td></tr>"));
        assertTrue(html.contains("Recording: off: no configuration records."));

        final List<String> runs = rows(html, "runs");
        assertEquals(9, runs.size(), "six fixed-rate runs, one late round and two search steps");
        assertEquals("raw Aeron | 1,000 | round 1 | valid | 1,000 | 1500 | 50 | n/a | n/a | raw-aeron-1000",
            runs.get(0));
        assertEquals("engine | 1,000 | round 1 | valid | 1,000 | 1500 | 1000 | 0 | 0 | engine-1000", runs.get(1));
        assertEquals("engine | 1,000 | round 2 | INVALID | 1,000 | 1500 | 10 | 0 | 0 | round2-engine-1000",
            runs.get(6));
        assertEquals("engine | 200,000 | search | valid | 200,000 | 300000 | 1000 | 3 | 4500 | search-engine-200000",
            runs.get(8));

        BenchDirectory.METADATA.forEach((key, value) -> assertTrue(html.contains(
            "<tr><th>" + ChartPage.escape(key) + "</th><td>" + ChartPage.escape(value) + "</td></tr>"), key));
        assertTrue(html.contains("<tr><th>engine ring-size</th><td>65536</td></tr>"));
        assertTrue(html.contains("<tr><th>engine term-length</th><td>16777216</td></tr>"));
        assertTrue(html.contains("<tr><th>engine pipeline</th><td>disruptor</td></tr>"), "the engine run's");
        assertFalse(html.contains("engine aeron-dir"), "a per-run path, not the run's metadata");
        assertFalse(html.contains("engine report-dir"), "a per-run path, not the run's metadata");
    }

    @Test
    void placeholdersChartsAndScriptsAgree() throws Exception
    {
        final BenchPage page = BenchDirectory.page(tempDir);
        final String html = page.render();
        assertEquals(2 * (2 + 2 * 3), page.chartCount(), "per rate: two distributions, latency and rate per config");
        assertTrue(html.contains("<body data-charts=\"16\">"));
        final List<String> ids = new ArrayList<>();
        final Matcher chart = Pattern.compile("<div class=\"chart[^\"]*\" id=\"(chart-[^\"]+)\"").matcher(html);
        while (chart.find())
        {
            ids.add(chart.group(1));
        }
        final List<String> expected = new ArrayList<>();
        for (int r = 0; r < 2; r++)
        {
            expected.add("chart-" + r + "-end-to-end");
            expected.add("chart-" + r + "-stages");
            for (final String kind : List.of("latency", "throughput"))
            {
                for (final String config : BenchPage.CONFIGS)
                {
                    expected.add("chart-" + r + "-" + config + "-" + kind);
                }
            }
        }
        assertEquals(expected, ids);
        assertTrue(html.contains(HtmlReportTest.resource("io/ringside/latency/report/charts.js")));
        assertTrue(html.contains(HtmlReportTest.resource("io/ringside/latency/report/bench.js")));
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find(),
            "nothing fetched: self-contained");
        assertFalse(Pattern.compile("(?i)<script[^>]*\\ssrc\\s*=").matcher(html).find(), "no external scripts");
    }

    @Test
    void otherConfigurationsGetTheirColumnsRatiosHeadlineAndTheFailover() throws Exception
    {
        final List<String> configs = List.of("raw-aeron", "engine", "durable", "cluster", "engine:dedicated");
        final FailoverTime failover = new FailoverTime(10_000, 0, 2, 3_056_400_000L, 3_134_100_000L, 3_208_700_000L,
            2000, 3744, 0, "failover-cluster-10000");
        final BenchPage page = new BenchPage(tempDir, BenchDirectory.METADATA, BenchDirectory.write(tempDir, configs),
            null, BenchDirectory.SETTINGS, failover);
        final String html = page.render();
        assertTrue(html.contains("<table class=\"numbers\" id=\"table-0\">\n<thead><tr><th></th><th>raw Aeron</th>"
            + "<th>engine</th><th>durable</th><th>cluster</th><th>engine:dedicated</th><th>engine / raw</th>"
            + "<th>durable / engine</th><th>cluster / engine</th><th>engine:dedicated / engine</th></tr></thead>"), html);
        final List<String> table = rows(html, "table-0");
        assertEquals(List.of(
            "p50 | 0.3 [0.3-0.3] | 0.5 [0.5-0.5] | 0.1 [0.1-0.1] | 0.1 [0.1-0.1] | 0.1 [0.1-0.1] | 1.67x | 0.20x | 0.20x "
                + "| 0.20x",
            "p99.9 | 0.3 [0.3-0.3] | 1.0 [1.0-1.0] | 2.0 [2.0-2.0] | 2.0 [2.0-2.0] | 2.0 [2.0-2.0] | 3.33x | 2.00x | "
                + "2.00x | 2.00x",
            "outputs | 50 | 1000 | 100 | 100 | 100 |  |  |  | ",
            "valid | 1 of 1 | 1 of 2 | 1 of 1 | 1 of 1 | 1 of 1 |  |  |  | "),
            List.of(table.get(0), table.get(3), table.get(6), table.get(8)));
        assertEquals(List.of("raw Aeron", "engine", "engine", "durable", "cluster", "engine:dedicated"),
            rows(html, "rounds-0").stream().map((row) -> row.substring(0, row.indexOf(" | "))).toList(),
            "every round, in the configurations' order");
        assertEquals(List.of(
            "1,000 events/s: engine p99 1.0 µs = 3.30x raw Aeron's (0.3 µs); p50 0.5 µs against raw Aeron's 0.3 µs.",
            "1,000 events/s: the durable engine p50 0.1 µs = 0.20x the engine's (0.5 µs) (goal: p50 within 2x); p99 0.1 "
                + "µs = 0.10x the engine's (1.0 µs).",
            "1,000 events/s: the cluster p50 0.1 µs = 0.20x the engine's (0.5 µs); p99 0.1 µs = 0.10x the engine's "
                + "(1.0 µs)."), page.headline().subList(0, 3));
        assertEquals("cluster failover at 10,000 events/s: leader (member 0) killed with SIGKILL; new leader elected "
            + "after 3056.4 ms, its first output after 3134.1 ms, the first output not received before after 3208.7 ms "
            + "(heartbeat timeout 2000 ms); 3744 outputs received twice, 0 lost.", page.headline().get(6));
        failover.table().forEach((key, value) -> assertTrue(html.contains(
            "<tr><th>" + ChartPage.escape(key) + "</th><td>" + ChartPage.escape(value) + "</td></tr>"), key));
        assertTrue(html.contains("<tr><th>kill -&gt; first output from the new leader (ms)</th><td>3134.1</td></tr>"));

        final List<Object> drawn = at(HtmlReportTest.data(html), "rates", 0, "configs");
        assertEquals(configs, drawn.stream().map((config) -> at(config, "config")).toList());
        final Map<String, Object> series = at(HtmlReportTest.data(html), "rates", 0, "end_to_end", "series");
        assertEquals(List.of("raw Aeron", "engine", "durable", "cluster", "engine:dedicated"),
            new ArrayList<>(series.keySet()));
        assertTrue(html.contains("<div class=\"chart\" id=\"chart-0-engine:dedicated-latency\"></div>"));
        assertEquals(2 * (2 + 2 * configs.size()), page.chartCount());
    }

    @Test
    void withoutASearchThePageSaysSo() throws Exception
    {
        final List<BenchPage.Run> runs = BenchDirectory.write(tempDir);
        final String html = new BenchPage(tempDir, Map.of(), runs.subList(0, 3), null, BenchDirectory.SETTINGS,
            null).render();
        assertTrue(html.contains("No throughput search in this run."));
        assertTrue(html.contains("Not run (--search-to 0)."));
        final List<Object> rates = at(HtmlReportTest.data(html), "rates");
        assertEquals(1, rates.size());
    }

    @Test
    void writePutsBenchHtmlInTheBenchDirectory() throws Exception
    {
        final BenchPage page = BenchDirectory.page(tempDir);
        final Path file = page.write();
        assertEquals(tempDir.resolve(BenchPage.FILE), file);
        assertEquals(page.render().length(), Files.readString(file, StandardCharsets.UTF_8).length());
    }
}
