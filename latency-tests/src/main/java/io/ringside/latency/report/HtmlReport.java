package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Stages;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import static io.ringside.latency.report.ChartPage.escape;
import static io.ringside.latency.report.ChartPage.keyValueTable;
import static io.ringside.latency.report.JsonString.quote;

/**
 * {@value #FILE}: one self-contained page (drawn by {@link ChartPage}) with one run's percentile distributions, any
 * comparisons, latency and throughput over the engine's intervals, the percentile table, the run's counts and where
 * the report was written.
 */
public final class HtmlReport
{
    public static final String FILE = "report.html";
    public static final String DATA_ID = ChartPage.DATA_ID;
    /** The feed's stages: end to end and its parts, and the feed's own lateness; the headline's stages are the rest. */
    private static final List<String> FEED_STAGES =
        List.of(Stages.END_TO_END, Stages.PUBLISHED, Stages.DELIVERY, Stages.PACING_ERROR);

    private final Report report;
    private final Map<String, String> environment;
    private final List<Comparison> comparisons = new ArrayList<>();

    private record Comparison(String title, Map<String, Histogram> series)
    {
    }

    /**
     * @param environment where the report is written, shown as is; {@link ReportEnvironment#collect()} for this JVM.
     */
    public HtmlReport(final Report report, final Map<String, String> environment)
    {
        this.report = report;
        this.environment = new LinkedHashMap<>(environment);
    }

    /**
     * Add a percentile-distribution chart of several series side by side, e.g. "engine", "raw Aeron",
     * "ArrayBlockingQueue"; or a run and its baseline.
     *
     * @param series series name to histogram (ns), drawn in the map's order.
     */
    public HtmlReport compare(final String title, final Map<String, Histogram> series)
    {
        comparisons.add(new Comparison(title, Collections.unmodifiableMap(new LinkedHashMap<>(series))));
        return this;
    }

    /** One comparison chart per stage both runs hold with values in both: "baseline" against "this run". */
    public HtmlReport compareWithBaseline(final Report baseline)
    {
        for (final Map.Entry<String, Histogram> entry : report.histograms().entrySet())
        {
            final Histogram before = baseline.histograms().get(entry.getKey());
            if (null != before && before.getTotalCount() > 0 && entry.getValue().getTotalCount() > 0)
            {
                final Map<String, Histogram> series = new LinkedHashMap<>();
                series.put("baseline " + entry.getKey(), before);
                series.put("this run " + entry.getKey(), entry.getValue());
                compare(entry.getKey() + ": this run against " + baseline.directory(), series);
            }
        }
        return this;
    }

    /** How many charts the page draws. */
    public int chartCount()
    {
        return 1 + comparisons.size() + report.intervals().size() + (throughputStage() == null ? 0 : 1);
    }

    private String throughputStage()
    {
        return report.intervals().containsKey(Stages.TRANSPORT) ? Stages.TRANSPORT : null;
    }

    /** Write {@value #FILE} into the run's directory. */
    public Path write()
    {
        final Path file = report.directory().resolve(FILE);
        try
        {
            Files.writeString(file, render(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        return file;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Data

    /** The JSON the charts are drawn from. */
    public String dataJson()
    {
        final StringBuilder json = new StringBuilder(16 * 1024);
        json.append("{\"units\": \"ns\",\n \"distribution\": ");
        final Map<String, Histogram> nonEmpty = new LinkedHashMap<>();
        report.histograms().forEach((stage, h) ->
        {
            if (h.getTotalCount() > 0)
            {
                nonEmpty.put(stage, h);
            }
        });
        ChartPage.percentileChart(json, "latency by percentile, every stage", nonEmpty);
        json.append(",\n \"comparisons\": [");
        for (int i = 0; i < comparisons.size(); i++)
        {
            json.append(i == 0 ? "\n  " : ",\n  ");
            ChartPage.percentileChart(json, comparisons.get(i).title(), comparisons.get(i).series());
        }
        json.append("],\n \"intervals_start_ms\": ").append(intervalsStartMs()).append(",\n \"intervals\": {");
        boolean first = true;
        for (final Map.Entry<String, List<Interval>> entry : report.intervals().entrySet())
        {
            json.append(first ? "\n  " : ",\n  ").append(quote(entry.getKey())).append(": ");
            first = false;
            ChartPage.intervals(json, entry.getValue());
        }
        json.append("},\n \"throughput\": ");
        final String stage = throughputStage();
        if (null == stage)
        {
            json.append("null");
        }
        else
        {
            // The rate is the stage's own intervals': named, not repeated.
            json.append("{\"stage\": ").append(quote(stage)).append('}');
        }
        json.append("\n}\n");
        return json.toString();
    }

    /** When the first interval of the engine's log started (ms since the epoch), or 0 when there is none. */
    private long intervalsStartMs()
    {
        return ChartPage.firstStartMs(report.intervals().values());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Page

    /** The whole page. */
    public String render()
    {
        final StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<h1>Ringside latency report</h1>\n<p class=\"dir\">run directory: <code>")
            .append(escape(report.directory().toAbsolutePath().toString())).append("</code></p>\n");

        banner(html);
        html.append("<ul class=\"headline\" id=\"headline\">\n");
        headline().forEach((line) -> html.append("<li>").append(escape(line)).append("</li>\n"));
        html.append("</ul>\n");

        html.append("<h2>Latency by percentile</h2>\n")
            .append("<p class=\"note\">Every stage's whole-run distribution, as HdrHistogram's plotter draws it: x is ")
            .append("the percentile on a log scale of 1/(1&minus;p), y the latency in &micro;s on a log scale too, so ")
            .append("microsecond and millisecond stages both show. A line ends at its ")
            .append("stage's max where the stage has too few values to resolve deeper percentiles.");
        final List<String> empty = new ArrayList<>();
        report.histograms().forEach((stage, h) ->
        {
            if (h.getTotalCount() == 0)
            {
                empty.add(stage);
            }
        });
        if (!empty.isEmpty())
        {
            html.append(" No values (not drawn): ").append(escape(String.join(", ", empty))).append('.');
        }
        html.append("</p>\n<div class=\"chart wide\" id=\"chart-distribution\"></div>\n");

        if (!comparisons.isEmpty())
        {
            html.append("<h2>Compared</h2>\n<p class=\"note\">Distributions side by side, same axes as above.</p>\n");
            for (int i = 0; i < comparisons.size(); i++)
            {
                html.append("<div class=\"chart wide\" id=\"chart-compare-").append(i).append("\"></div>\n");
            }
        }

        html.append("<h2>Latency over time</h2>\n");
        if (report.intervals().isEmpty())
        {
            html.append("<p class=\"note\">No engine interval log in this run directory.</p>\n");
        }
        else
        {
            html.append("<p class=\"note\">p50, p99 and max of each interval of the engine's log (engine.hlog), ")
                .append("drawn as steps over the interval, on a log axis, in seconds since the first interval started (")
                .append(java.time.Instant.ofEpochMilli(intervalsStartMs())).append("); gaps are intervals ")
                .append("without values.</p>\n<div class=\"grid\">\n");
            for (int i = 0; i < report.intervals().size(); i++)
            {
                html.append("<div class=\"chart\" id=\"chart-interval-").append(i).append("\"></div>\n");
            }
            html.append("</div>\n");
        }

        html.append("<h2>Throughput over time</h2>\n");
        if (null == throughputStage())
        {
            html.append("<p class=\"note\">No transport intervals in this run directory.</p>\n");
        }
        else
        {
            html.append("<p class=\"note\">Events the engine received per second in each interval: the transport ")
                .append("stage's interval counts over the interval's length.</p>\n")
                .append("<div class=\"chart wide\" id=\"chart-throughput\"></div>\n");
        }

        html.append("<h2>Percentiles (&micro;s)</h2>\n");
        ChartPage.percentileTable(html, "percentiles", report.histograms());
        html.append("<h2>Counts</h2>\n<div class=\"grid\">\n");
        propertiesTable(html, "engine (engine-counts.properties)", "engine-counts", report.engineCounts());
        propertiesTable(html, "feed (feed.properties)", "feed-counts", report.feedCounts());
        html.append("</div>\n");

        html.append("<h2>Run</h2>\n");
        final Map<String, String> run = new LinkedHashMap<>();
        final Properties feed = report.feedCounts();
        final Properties engine = report.engineCounts();
        run.put("feed pacing", feed.getProperty("pacing", "no feed in this run"));
        run.put("target rate (events/s)", feed.getProperty("target_rate", "-"));
        run.put("achieved rate (events/s)", feed.getProperty("rate", "-"));
        run.put("events sent", feed.getProperty("events_sent", "-"));
        run.put("feed run time", seconds(feed.getProperty("elapsed_ns")));
        run.put("engine run time", seconds(engine.getProperty("elapsed_ns")));
        run.put("ring drained at shutdown", engine.getProperty("drained", "-"));
        final List<String> settingNames = new ArrayList<>(engine.stringPropertyNames());
        settingNames.removeIf((name) -> !name.startsWith(EngineSummary.SETTING_PREFIX));
        Collections.sort(settingNames);
        if (settingNames.isEmpty())
        {
            run.put("engine settings", "not recorded in the run directory (the engine prints them when it starts)");
        }
        for (final String name : settingNames)
        {
            run.put("engine " + name.substring(EngineSummary.SETTING_PREFIX.length()), engine.getProperty(name));
        }
        keyValueTable(html, "run", run);
        html.append("<h2>Environment at report time</h2>\n<p class=\"note\">Collected by <code>ringside report</code>")
            .append(" when it wrote this page: the JVM, machine and checkout that ran the report, which are the ")
            .append("run's only if the report ran where and when the run did.</p>\n");
        keyValueTable(html, "environment", environment);
        return ChartPage.render("ringside report: " + report.directory(), chartCount(), html, dataJson(), "report.js");
    }

    /** Whether the feed kept to its schedule, so the latencies are the target's and not the feed's lateness. */
    private void banner(final StringBuilder html)
    {
        final Histogram pacing = report.histograms().get(Stages.PACING_ERROR);
        if (null == pacing)
        {
            html.append("<div class=\"banner\" id=\"validity\">No feed in this run directory: whether the load ")
                .append("kept to its schedule is not known.</div>\n");
            return;
        }
        final PacingCheck.Verdict verdict = PacingCheck.of(pacing, PacingCheck.DEFAULT_BOUND_MICROS);
        if (verdict.valid())
        {
            html.append("<div class=\"banner valid\" id=\"validity\">Valid: the feed kept to its schedule (pacing ")
                .append("error p99 ").append(SideBySide.micros(verdict.pacingP99Ns())).append(" &micro;s, within ")
                .append(String.format(Locale.ROOT, "%,.0f", PacingCheck.DEFAULT_BOUND_MICROS))
                .append(" &micro;s).</div>\n");
            return;
        }
        html.append("<div class=\"banner invalid\" id=\"validity\">INVALID: ").append(escape(verdict.reason()))
            .append(". End to end counts from the intended send time, so it holds the feed's own lateness too, and ")
            .append("the load was lighter than asked for.</div>\n");
    }

    /** End to end's two parts, when the outputs carried their publisher's stamp; else nothing. */
    private String endToEndParts()
    {
        final Histogram published = report.histograms().get(Stages.PUBLISHED);
        final Histogram delivery = report.histograms().get(Stages.DELIVERY);
        if (null == published || null == delivery || published.getTotalCount() == 0)
        {
            return "";
        }
        return String.format(Locale.ROOT, "; published p50 %s µs, p99 %s µs; delivery p50 %s µs, p99 %s µs",
            SideBySide.micros(published.getValueAtPercentile(50)),
            SideBySide.micros(published.getValueAtPercentile(99)),
            SideBySide.micros(delivery.getValueAtPercentile(50)),
            SideBySide.micros(delivery.getValueAtPercentile(99)));
    }

    /** The run in a few lines: end to end, the engine's stages at p50 and p99, and the load. */
    public List<String> headline()
    {
        final List<String> lines = new ArrayList<>();
        final Histogram endToEnd = report.histograms().get(Stages.END_TO_END);
        if (null != endToEnd && endToEnd.getTotalCount() > 0)
        {
            lines.add(String.format(Locale.ROOT, "End to end: p50 %s µs, p99 %s µs, max %s µs over %,d outputs%s.",
                SideBySide.micros(endToEnd.getValueAtPercentile(50)),
                SideBySide.micros(endToEnd.getValueAtPercentile(99)), SideBySide.micros(endToEnd.getMaxValue()),
                endToEnd.getTotalCount(), endToEndParts()));
        }
        final StringBuilder stages = new StringBuilder();
        report.histograms().forEach((stage, h) ->
        {
            if (!FEED_STAGES.contains(stage) && h.getTotalCount() > 0)
            {
                stages.append(stages.length() == 0 ? "Stages, p50 / p99 (µs): " : "; ").append(stage).append(' ')
                    .append(SideBySide.micros(h.getValueAtPercentile(50))).append(" / ")
                    .append(SideBySide.micros(h.getValueAtPercentile(99)));
            }
        });
        if (stages.length() > 0)
        {
            lines.add(stages.append('.').toString());
        }
        final Properties feed = report.feedCounts();
        if (null != feed.getProperty("events_sent"))
        {
            lines.add(String.format(Locale.ROOT, "Load: %s events sent at %s events/s (%s).",
                feed.getProperty("events_sent"), feed.getProperty("rate", "-"), feed.getProperty("pacing", "-")));
        }
        if (lines.isEmpty())
        {
            lines.add("No latencies in this run directory.");
        }
        return lines;
    }

    private static String seconds(final String ns)
    {
        try
        {
            return null == ns ? "-" : String.format(Locale.ROOT, "%.3f s", Long.parseLong(ns) / 1e9);
        }
        catch (final NumberFormatException ex)
        {
            return ns;
        }
    }

    private static void propertiesTable(
        final StringBuilder html, final String caption, final String id, final Properties properties)
    {
        final Map<String, String> sorted = new LinkedHashMap<>();
        for (final String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            sorted.put(key, PriceScale.display(key, properties.getProperty(key), properties));
        }
        html.append("<div>\n<h3>").append(escape(caption)).append("</h3>\n");
        if (sorted.isEmpty())
        {
            html.append("<p class=\"note\">not in this run directory</p>\n");
        }
        else
        {
            keyValueTable(html, id, sorted);
        }
        html.append("</div>\n");
    }

}
