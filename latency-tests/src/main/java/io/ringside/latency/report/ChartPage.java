package io.ringside.latency.report;

import io.ringside.engine.metrics.PercentileTable;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link HtmlReport} and {@link BenchPage} share, so both draw the same charts the same way: the page's frame
 * (uPlot's JS and CSS and the drawing script inlined, no network), its charts' data as one JSON block, the JSON of a
 * percentile-distribution chart on HdrHistogram's plotter grid and of a stage's intervals, and table and escaping
 * helpers.
 *
 * <p>The data is embedded as JSON in {@code <script type="application/json" id="ringside-data">}: latencies in ns
 * (the page divides by 1000), percentile charts on a grid of {@value #POINTS_PER_DECADE} points per decade of
 * 1/(1-percentile), like HdrHistogram's plotter. {@code charts.js} draws a chart; each page's own script says which
 * chart goes where. When a chart has drawn, {@code body[data-plots-drawn]} counts it and {@code body[data-charts]}
 * says how many there are, so a headless browser can tell the page drew completely.
 */
final class ChartPage
{
    static final String DATA_ID = "ringside-data";
    static final String UPLOT_VERSION = "1.6.30";
    static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    static final String SCRIPTS = "io/ringside/latency/report/";
    static final int POINTS_PER_DECADE = 20;
    static final int MIN_DECADES = 2;
    static final int MAX_DECADES = 6;

    private ChartPage()
    {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Data

    /** The percentiles of a chart's grid: 1/(1-p) from 1 to 10^decades, enough decades to resolve maxCount values. */
    static double[] percentileGrid(final long maxCount)
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
    static List<Long> distribution(final Histogram histogram, final double[] percentiles)
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

    /** A percentile-distribution chart of several series (name to histogram, ns) on one grid, in the map's order. */
    static void percentileChart(final StringBuilder json, final String title, final Map<String, Histogram> series)
    {
        long maxCount = 0;
        for (final Histogram h : series.values())
        {
            maxCount = Math.max(maxCount, h.getTotalCount());
        }
        final double[] percentiles = percentileGrid(maxCount);
        json.append("{\"title\": ").append(JsonString.quote(title)).append(",\n   \"ticks\": [");
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
            json.append(first ? "\n    " : ",\n    ").append(JsonString.quote(entry.getKey())).append(": ");
            longs(json, distribution(entry.getValue(), percentiles));
            first = false;
        }
        json.append("}}");
    }

    /**
     * One stage's intervals as a JSON object: when each started and ended (ms since the epoch), its count, p50, p99
     * and max (null where the interval is empty, so the line has a gap) and its values per second.
     */
    static void intervals(final StringBuilder json, final List<Interval> intervals)
    {
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
        json.append("{\"start_ms\": ");
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
        json.append(",\n   \"rate\": [");
        for (int i = 0; i < intervals.size(); i++)
        {
            json.append(i == 0 ? "" : ", ").append(intervals.get(i).ratePerSecond());
        }
        json.append("]}");
    }

    /** When the first of these intervals started (ms since the epoch), or 0 when there is none. */
    static long firstStartMs(final Iterable<List<Interval>> intervalLists)
    {
        long start = Long.MAX_VALUE;
        for (final List<Interval> intervals : intervalLists)
        {
            for (final Interval interval : intervals)
            {
                start = Math.min(start, interval.startMs());
            }
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }

    static void longs(final StringBuilder json, final List<Long> values)
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

    /**
     * The whole page: {@code body} between a head that inlines uPlot's CSS and the page's style, and the data block,
     * uPlot, charts.js and the page's own script ({@code script}, a resource beside charts.js).
     */
    static String render(
        final String title, final int charts, final CharSequence body, final String dataJson, final String script)
    {
        final String css = resource(UPLOT_DIST + "uPlot.min.css");
        final String uplot = resource(UPLOT_DIST + "uPlot.iife.min.js");
        final String draw = resource(SCRIPTS + "charts.js");
        final String driver = resource(SCRIPTS + script);
        if (css.contains("</style") || uplot.contains("</script") || draw.contains("</script") ||
            driver.contains("</script"))
        {
            throw new IllegalStateException("cannot inline uPlot " + UPLOT_VERSION + ": it holds a closing tag");
        }
        final StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<title>").append(escape(title)).append("</title>\n")
            .append("<style>\n").append(css).append("\n</style>\n")
            .append("<style>\n").append(PAGE_CSS).append("</style>\n")
            .append("</head>\n<body data-charts=\"").append(charts).append("\">\n")
            .append("<pre id=\"plot-errors\" hidden></pre>\n")
            .append(body)
            .append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">\n")
            // Inside a script element only "</" can end it early: stage names are data, never markup.
            .append(dataJson.replace("<", "\\u003c")).append("</script>\n")
            .append("<script>\n").append(uplot).append("\n</script>\n")
            .append("<script>\n").append(draw).append("\n</script>\n")
            .append("<script>\n").append(driver).append("\n</script>\n")
            .append("</body>\n</html>\n");
        return html.toString();
    }

    static void keyValueTable(final StringBuilder html, final String id, final Map<String, String> values)
    {
        html.append("<table class=\"kv\" id=\"").append(id).append("\">\n<tbody>\n");
        values.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
            .append(escape(value)).append("</td></tr>\n"));
        html.append("</tbody>\n</table>\n");
    }

    /** A table with a header row and right-aligned numbers after the first column. */
    static void table(
        final StringBuilder html, final String id, final List<String> header, final List<List<String>> rows)
    {
        html.append("<table class=\"numbers\" id=\"").append(id).append("\">\n<thead><tr>");
        header.forEach((name) -> html.append("<th>").append(escape(name)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (final List<String> row : rows)
        {
            html.append("<tr>");
            row.forEach((cell) -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Each stage's count, percentiles and max in µs, as {@code PercentileTable} prints them. */
    static void percentileTable(final StringBuilder html, final String id, final Map<String, Histogram> histograms)
    {
        html.append("<table id=\"").append(id).append("\">\n<thead><tr><th>stage</th><th>count</th><th>p50</th>")
            .append("<th>p90</th><th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th></tr></thead>\n<tbody>\n");
        for (final Map.Entry<String, Histogram> entry : histograms.entrySet())
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

    private static String resource(final String name)
    {
        try (InputStream in = ChartPage.class.getClassLoader().getResourceAsStream(name))
        {
            if (null == in)
            {
                throw new IllegalStateException("ringside html: " + name + " is not on the classpath (uPlot comes "
                    + "from the WebJar org.webjars.npm:uplot:" + UPLOT_VERSION + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("ringside html: cannot read " + name + ": " + ex.getMessage(), ex);
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

    private static final String PAGE_CSS = String.join("\n",
        "body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1320px; padding: 0 16px;",
        "  color: #222; }",
        "h1 { font-size: 24px; margin-bottom: 4px; }",
        "h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }",
        "h3 { font-size: 15px; }",
        ".note, .dir { color: #555; font-size: 13px; }",
        ".chart.wide { width: 100%; }",
        ".grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }",
        ".grid.three { grid-template-columns: 1fr 1fr 1fr; }",
        ".grid > .chart { min-width: 0; }",
        "table { border-collapse: collapse; font-size: 13px; }",
        "th, td { border: 1px solid #ddd; padding: 3px 8px; }",
        "table[id^=\"percentiles\"] td:not(:first-child), table.numbers td:not(:first-child) { text-align: right;",
        "  font-variant-numeric: tabular-nums; }",
        "table.numbers th { background: #f6f6f6; font-weight: normal; }",
        "table.kv th { text-align: left; background: #f6f6f6; font-weight: normal; }",
        "table.kv td { word-break: break-all; }",
        "ul.headline { font-size: 15px; padding-left: 20px; }",
        ".banner { padding: 8px 12px; margin: 12px 0; border-radius: 4px; font-size: 14px; }",
        ".banner.valid { background: #e8f5e9; border: 1px solid #81c784; }",
        ".banner.invalid { background: #fdecea; border: 1px solid #e57373; font-weight: 600; }",
        "#plot-errors { color: #b00; }",
        "");
}
