package io.ringside.latency.report;

import io.ringside.engine.EngineSummary;
import io.ringside.engine.PercentileTable;
import io.ringside.engine.Stages;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
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

/**
 * {@value #FILE}: one self-contained page (uPlot's JS and CSS inlined, no network) with the run's percentile
 * distributions, any comparisons, latency and throughput over the engine's intervals, the percentile table, the
 * run's counts and where the report was written.
 *
 * <p>The charts' data is embedded as JSON in {@code <script type="application/json" id="ringside-data">}: latencies in
 * ns (the page divides by 1000), percentile charts on a grid of {@value #POINTS_PER_DECADE} points per decade of
 * 1/(1-percentile), like HdrHistogram's plotter.
 */
public final class HtmlReport
{
    public static final String FILE = "report.html";
    public static final String DATA_ID = "ringside-data";
    public static final String UPLOT_VERSION = "1.6.30";
    static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    static final int POINTS_PER_DECADE = 20;
    static final int MIN_DECADES = 2;
    static final int MAX_DECADES = 6;

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

    /** The percentiles of a chart's grid: 1/(1-p) from 1 to 10^decades, enough decades to resolve maxCount values. */
    public static double[] percentileGrid(final long maxCount)
    {
        final int decades = decades(maxCount);
        final double[] percentiles = new double[decades * POINTS_PER_DECADE + 1];
        for (int i = 0; i < percentiles.length; i++)
        {
            percentiles[i] = 100.0 * (1.0 - 1.0 / inverse(i));
        }
        return percentiles;
    }

    private static double inverse(final int gridIndex)
    {
        return Math.pow(10.0, (double)gridIndex / POINTS_PER_DECADE);
    }

    private static int decades(final long maxCount)
    {
        final int needed = maxCount <= 1 ? 0 : (int)Math.ceil(Math.log10(maxCount) - 1e-9);
        return Math.max(MIN_DECADES, Math.min(MAX_DECADES, needed));
    }

    /**
     * A histogram on a grid: its value at each percentile while 1/(1-p) is at most its count (deeper percentiles
     * are not resolved by that many values), then its max once, then null; all null when it is empty.
     */
    public static List<Long> distribution(final Histogram histogram, final double[] percentiles)
    {
        final List<Long> values = new ArrayList<>(percentiles.length);
        final long count = histogram.getTotalCount();
        boolean ended = count == 0;
        for (int i = 0; i < percentiles.length; i++)
        {
            if (ended)
            {
                values.add(null);
            }
            else if (inverse(i) <= count)
            {
                values.add(histogram.getValueAtPercentile(percentiles[i]));
            }
            else
            {
                values.add(histogram.getMaxValue());
                ended = true;
            }
        }
        return values;
    }

    private static void percentileChart(final StringBuilder json, final String title, final Map<String, Histogram> series)
    {
        long maxCount = 0;
        for (final Histogram h : series.values())
        {
            maxCount = Math.max(maxCount, h.getTotalCount());
        }
        final double[] percentiles = percentileGrid(maxCount);
        json.append("{\"title\": ").append(quote(title)).append(",\n   \"ticks\": [");
        for (int decade = 0; decade <= (percentiles.length - 1) / POINTS_PER_DECADE; decade++)
        {
            json.append(decade == 0 ? "" : ", ").append((long)Math.pow(10, decade));
        }
        json.append("],\n   \"percentiles\": [");
        for (int i = 0; i < percentiles.length; i++)
        {
            json.append(i == 0 ? "" : ", ").append(percentiles[i]);
        }
        json.append("],\n   \"x\": [");
        for (int i = 0; i < percentiles.length; i++)
        {
            json.append(i == 0 ? "" : ", ").append(inverse(i));
        }
        json.append("],\n   \"series\": {");
        boolean first = true;
        for (final Map.Entry<String, Histogram> entry : series.entrySet())
        {
            json.append(first ? "\n    " : ",\n    ").append(quote(entry.getKey())).append(": ");
            longs(json, distribution(entry.getValue(), percentiles));
            first = false;
        }
        json.append("}}");
    }

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
        percentileChart(json, "latency by percentile, every stage", nonEmpty);
        json.append(",\n \"comparisons\": [");
        for (int i = 0; i < comparisons.size(); i++)
        {
            json.append(i == 0 ? "\n  " : ",\n  ");
            percentileChart(json, comparisons.get(i).title(), comparisons.get(i).series());
        }
        json.append("],\n \"intervals_start_ms\": ").append(intervalsStartMs()).append(",\n \"intervals\": {");
        boolean first = true;
        for (final Map.Entry<String, List<Interval>> entry : report.intervals().entrySet())
        {
            final List<Interval> intervals = entry.getValue();
            json.append(first ? "\n  " : ",\n  ").append(quote(entry.getKey())).append(": {");
            first = false;
            final List<Long> start = new ArrayList<>();
            final List<Long> end = new ArrayList<>();
            final List<Long> count = new ArrayList<>();
            final List<Long> p50 = new ArrayList<>();
            final List<Long> p99 = new ArrayList<>();
            final List<Long> max = new ArrayList<>();
            for (final Interval interval : intervals)
            {
                final boolean empty = interval.count() == 0;
                start.add(interval.startMs());
                end.add(interval.endMs());
                count.add(interval.count());
                p50.add(empty ? null : interval.p50());
                p99.add(empty ? null : interval.p99());
                max.add(empty ? null : interval.max());
            }
            json.append("\"start_ms\": ");
            longs(json, start);
            json.append(", \"end_ms\": ");
            longs(json, end);
            json.append(", \"count\": ");
            longs(json, count);
            json.append(",\n   \"p50\": ");
            longs(json, p50);
            json.append(",\n   \"p99\": ");
            longs(json, p99);
            json.append(",\n   \"max\": ");
            longs(json, max);
            json.append('}');
        }
        json.append("},\n \"throughput\": ");
        final String stage = throughputStage();
        if (null == stage)
        {
            json.append("null");
        }
        else
        {
            final List<Interval> intervals = report.intervals().get(stage);
            json.append("{\"stage\": ").append(quote(stage)).append(", \"start_ms\": ");
            longs(json, intervals.stream().map(Interval::startMs).toList());
            json.append(", \"count\": ");
            longs(json, intervals.stream().map(Interval::count).toList());
            json.append(",\n   \"rate\": [");
            for (int i = 0; i < intervals.size(); i++)
            {
                json.append(i == 0 ? "" : ", ").append(intervals.get(i).ratePerSecond());
            }
            json.append("]}");
        }
        json.append("\n}\n");
        return json.toString();
    }

    /** When the first interval of the engine's log started (ms since the epoch), or 0 when there is none. */
    private long intervalsStartMs()
    {
        long start = Long.MAX_VALUE;
        for (final List<Interval> intervals : report.intervals().values())
        {
            for (final Interval interval : intervals)
            {
                start = Math.min(start, interval.startMs());
            }
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }

    private static void longs(final StringBuilder json, final List<Long> values)
    {
        json.append('[');
        for (int i = 0; i < values.size(); i++)
        {
            json.append(i == 0 ? "" : ", ").append(null == values.get(i) ? "null" : values.get(i).toString());
        }
        json.append(']');
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Page

    /** The whole page. */
    public String render()
    {
        final String css = resource(UPLOT_DIST + "uPlot.min.css");
        final String uplot = resource(UPLOT_DIST + "uPlot.iife.min.js");
        final String script = resource("io/ringside/latency/report/report.js");
        if (css.contains("</style") || uplot.contains("</script") || script.contains("</script"))
        {
            throw new IllegalStateException("cannot inline uPlot " + UPLOT_VERSION + ": it holds a closing tag");
        }
        final int charts = chartCount();
        final StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<title>ringside report: ").append(escape(report.directory().toString())).append("</title>\n")
            .append("<style>\n").append(css).append("\n</style>\n")
            .append("<style>\n").append(PAGE_CSS).append("</style>\n")
            .append("</head>\n<body data-charts=\"").append(charts).append("\">\n");
        html.append("<h1>Ringside latency report</h1>\n<p class=\"dir\">run directory: <code>")
            .append(escape(report.directory().toAbsolutePath().toString())).append("</code></p>\n")
            .append("<pre id=\"plot-errors\" hidden></pre>\n");

        html.append("<h2>Latency by percentile</h2>\n")
            .append("<p class=\"note\">Every stage's whole-run distribution, as HdrHistogram's plotter draws it: x is ")
            .append("the percentile on a log scale of 1/(1&minus;p), y the latency in &micro;s. A line ends at its ")
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
                .append("at the interval's start, in seconds since the first interval started (")
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
        percentileTable(html);
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

        html.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">\n")
            .append(dataJson().replace("<", "\\u003c")).append("</script>\n")
            .append("<script>\n").append(uplot).append("\n</script>\n")
            .append("<script>\n").append(script).append("\n</script>\n")
            .append("</body>\n</html>\n");
        return html.toString();
    }

    private void percentileTable(final StringBuilder html)
    {
        html.append("<table id=\"percentiles\">\n<thead><tr><th>stage</th><th>count</th><th>p50</th><th>p90</th>")
            .append("<th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th></tr></thead>\n<tbody>\n");
        for (final Map.Entry<String, Histogram> entry : report.histograms().entrySet())
        {
            final Histogram h = entry.getValue();
            html.append("<tr><td>").append(escape(entry.getKey())).append("</td><td>").append(h.getTotalCount())
                .append("</td>");
            for (final double percentile : PercentileTable.PERCENTILES)
            {
                html.append("<td>").append(h.getTotalCount() == 0 ? "-" : micros(h.getValueAtPercentile(percentile)))
                    .append("</td>");
            }
            html.append("<td>").append(h.getTotalCount() == 0 ? "-" : micros(h.getMaxValue())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String micros(final long ns)
    {
        return String.format(Locale.ROOT, "%.2f", ns / 1000.0);
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
            sorted.put(key, properties.getProperty(key));
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

    private static void keyValueTable(final StringBuilder html, final String id, final Map<String, String> values)
    {
        html.append("<table class=\"kv\" id=\"").append(id).append("\">\n<tbody>\n");
        values.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
            .append(escape(value)).append("</td></tr>\n"));
        html.append("</tbody>\n</table>\n");
    }

    private static String resource(final String name)
    {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name))
        {
            if (null == in)
            {
                throw new IllegalStateException("report.html: " + name + " is not on the classpath (uPlot comes from "
                    + "the WebJar org.webjars.npm:uplot:" + UPLOT_VERSION + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("report.html: cannot read " + name + ": " + ex.getMessage(), ex);
        }
    }

    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length());
        for (final char c : text.toCharArray())
        {
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String quote(final String value)
    {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : value.toCharArray())
        {
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int)c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static final String PAGE_CSS = String.join("\n",
        "body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1320px; padding: 0 16px;",
        "  color: #222; }",
        "h1 { font-size: 24px; margin-bottom: 4px; }",
        "h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }",
        "h3 { font-size: 15px; }",
        ".note, .dir { color: #555; font-size: 13px; }",
        ".chart.wide { width: 100%; }",
        ".grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }",
        ".grid > .chart { min-width: 0; }",
        "table { border-collapse: collapse; font-size: 13px; }",
        "th, td { border: 1px solid #ddd; padding: 3px 8px; }",
        "#percentiles td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }",
        "table.kv th { text-align: left; background: #f6f6f6; font-weight: normal; }",
        "table.kv td { word-break: break-all; }",
        "#plot-errors { color: #b00; }",
        "");
}
