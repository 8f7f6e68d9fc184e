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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static io.ringside.latency.report.ChartPage.escape;
import static io.ringside.latency.report.JsonString.quote;

/**
 * {@value #FILE}: one self-contained page for a whole {@code bench} run, drawn by {@link ChartPage} like report.html.
 * At the top whether every round was valid and the findings in a few lines. Per rate: the table of medians over the
 * rounds ({@link BenchRounds}), every round with its validity, end to end by percentile for each configuration's
 * median round, the engine's stages by percentile, and per configuration latency and throughput over the feed's
 * intervals; then both throughput searches, every run's GC count, and the run's metadata. Everything is read from the
 * run directories, each one's measured phase only ({@link Report#MEASURED_PHASE_FILE}).
 */
public final class BenchPage
{
    public static final String FILE = "bench.html";
    public static final String RAW_AERON = "raw-aeron";
    public static final String ENGINE = "engine";
    public static final String BLOCKING_QUEUE = "blocking-queue";
    public static final String DURABLE = "durable";
    public static final String CLUSTER = "cluster";
    /** The configurations bench runs by default, in its order; a run's own are in its runs' order. */
    public static final List<String> CONFIGS = List.of(RAW_AERON, ENGINE, BLOCKING_QUEUE);

    /**
     * One configuration at one rate: a round at a fixed rate or a step of the throughput search.
     *
     * @param round       1, 2, ... at a fixed rate; 0 for a search step.
     * @param search      a step of the throughput search rather than a round at a fixed rate.
     * @param gcCount     GCs in the measured phase, from the JVM's GC notifications; negative when not known.
     * @param sustained   for a search step: whether it held the search's bounds.
     * @param valid       its feed kept to its schedule ({@link PacingCheck}).
     * @param pacingP99Ns its feed's pacing error at p99, ns; negative when it sent nothing.
     */
    public record Run(
        String config, long rate, int round, boolean search, Path directory, long gcCount, long gcPauseMicros,
        boolean sustained, boolean valid, long pacingP99Ns)
    {
    }

    /**
     * Both throughput searches: the highest rate that held for the engine and for raw Aeron's echo under one bound,
     * and raw Aeron's one-way msgs/s in the same run.
     */
    public record Search(long engineRate, long rawAeronRate, double rawAeronOneWay, String bound)
    {
        /** engine / raw Aeron of the sustainable rates; NaN when raw Aeron sustained none. */
        public double ratio()
        {
            return rawAeronRate <= 0 ? Double.NaN : (double)engineRate / rawAeronRate;
        }
    }

    /**
     * How the bench ran, as the page states it.
     *
     * @param recording the recording setting every configuration shared, in words.
     */
    public record Settings(int rounds, double pacingBoundMicros, String recording)
    {
    }

    private final Path directory;
    private final Map<String, String> metadata;
    private final List<Run> runs;
    private final Search search;
    private final Settings settings;
    private final FailoverTime failover;
    private final Map<Run, Report> reports = new LinkedHashMap<>();
    private final BenchRounds rounds;
    /** Per rate, each configuration's median round: the one drawn. */
    private final Map<Long, Map<String, Run>> byRate = new LinkedHashMap<>();
    private final List<Run> searchSteps = new ArrayList<>();

    /**
     * @param directory where {@value #FILE} goes: the bench's report directory.
     * @param metadata  the run's settings and environment, shown as is, in order.
     * @param search    null when the run had no throughput search.
     * @param failover  null when the run had no cluster failover.
     */
    public BenchPage(
        final Path directory, final Map<String, String> metadata, final List<Run> runs, final Search search,
        final Settings settings, final FailoverTime failover)
    {
        this.directory = directory;
        this.metadata = new LinkedHashMap<>(metadata);
        this.runs = List.copyOf(runs);
        this.search = search;
        this.settings = settings;
        this.failover = failover;
        for (final Run run : this.runs)
        {
            reports.put(run, Report.read(run.directory()));
            if (run.search())
            {
                searchSteps.add(run);
            }
        }
        this.rounds = new BenchRounds(this.runs, this::endToEnd);
        for (final long rate : rounds.rates())
        {
            final Map<String, Run> drawn = new LinkedHashMap<>();
            for (final String config : rounds.configs(rate))
            {
                final Run run = rounds.medianRun(rate, config);
                if (null != run)
                {
                    drawn.put(config, run);
                }
            }
            byRate.put(rate, drawn);
        }
    }

    public static String label(final String config)
    {
        return switch (config)
        {
            case RAW_AERON -> "raw Aeron";
            case BLOCKING_QUEUE -> "ArrayBlockingQueue";
            default -> config;
        };
    }

    /** Write {@value #FILE} into the bench's directory. */
    public Path write()
    {
        final Path file = directory.resolve(FILE);
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

    private Histogram endToEnd(final Run run)
    {
        return null == run ? null : reports.get(run).histograms().get(Stages.END_TO_END);
    }

    /** The configurations at a rate whose feed logged intervals, which are what the over-time charts draw. */
    private List<Run> timed(final Map<String, Run> configs)
    {
        final List<Run> timed = new ArrayList<>();
        for (final Run run : configs.values())
        {
            final Map<String, List<Interval>> intervals = reports.get(run).intervals();
            if (intervals.containsKey(Stages.END_TO_END) && intervals.containsKey(Stages.PACING_ERROR))
            {
                timed.add(run);
            }
        }
        return timed;
    }

    private Map<String, Histogram> endToEndSeries(final Map<String, Run> configs)
    {
        final Map<String, Histogram> series = new LinkedHashMap<>();
        for (final Run run : configs.values())
        {
            final Histogram h = endToEnd(run);
            if (null != h && h.getTotalCount() > 0)
            {
                series.put(label(run.config()), h);
            }
        }
        return series;
    }

    private Map<String, Histogram> engineStages(final Map<String, Run> configs)
    {
        final Map<String, Histogram> stages = new LinkedHashMap<>();
        final Run engine = configs.get(ENGINE);
        if (null != engine)
        {
            reports.get(engine).histograms().forEach((stage, h) ->
            {
                if (h.getTotalCount() > 0)
                {
                    stages.put(stage, h);
                }
            });
        }
        return stages;
    }

    /** How many charts the page draws. */
    public int chartCount()
    {
        int charts = 0;
        for (final Map<String, Run> configs : byRate.values())
        {
            charts += (endToEndSeries(configs).isEmpty() ? 0 : 1) + (engineStages(configs).isEmpty() ? 0 : 1) +
                2 * timed(configs).size();
        }
        return charts;
    }

    /** The JSON the charts are drawn from: per rate its two distributions and per configuration its intervals. */
    public String dataJson()
    {
        final StringBuilder json = new StringBuilder(64 * 1024);
        json.append("{\"units\": \"ns\",\n \"rates\": [");
        int index = 0;
        for (final Map.Entry<Long, Map<String, Run>> entry : byRate.entrySet())
        {
            final Map<String, Run> configs = entry.getValue();
            json.append(index == 0 ? "\n  " : ",\n  ").append("{\"rate\": ").append(entry.getKey())
                .append(",\n  \"end_to_end\": ");
            percentileChartOrNull(json, String.format(Locale.ROOT, "end to end at %,d events/s: %s (each one's median "
                + "round, measured phase)", entry.getKey(), String.join(", ", endToEndSeries(configs).keySet())),
                endToEndSeries(configs));
            json.append(",\n  \"stages\": ");
            percentileChartOrNull(json, String.format(Locale.ROOT, "the engine's stages at %,d events/s (measured "
                + "phase)", entry.getKey()), engineStages(configs));
            json.append(",\n  \"configs\": [");
            boolean first = true;
            for (final Run run : timed(configs))
            {
                final Map<String, List<Interval>> intervals = reports.get(run).intervals();
                json.append(first ? "\n   " : ",\n   ").append("{\"config\": ").append(quote(run.config()))
                    .append(", \"label\": ").append(quote(label(run.config())))
                    .append(", \"round\": ").append(run.round())
                    .append(", \"start_ms\": ").append(ChartPage.firstStartMs(intervals.values()))
                    .append(",\n   \"end_to_end\": ");
                ChartPage.intervals(json, intervals.get(Stages.END_TO_END));
                json.append(",\n   \"pacing_error\": ");
                ChartPage.intervals(json, intervals.get(Stages.PACING_ERROR));
                json.append('}');
                first = false;
            }
            json.append("]}");
            index++;
        }
        json.append("]\n}\n");
        return json.toString();
    }

    /** null where there is nothing to draw, so the page leaves the chart out. */
    private static void percentileChartOrNull(
        final StringBuilder json, final String title, final Map<String, Histogram> series)
    {
        if (series.isEmpty())
        {
            json.append("null");
        }
        else
        {
            ChartPage.percentileChart(json, title, series);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Page

    public String render()
    {
        final StringBuilder html = new StringBuilder(32 * 1024);
        html.append("<h1>Ringside bench</h1>\n<p class=\"dir\">bench directory: <code>")
            .append(escape(directory.toAbsolutePath().toString())).append("</code></p>\n");
        banner(html);
        html.append("<ul class=\"headline\" id=\"headline\">\n");
        headline().forEach((line) -> html.append("<li>").append(escape(line)).append("</li>\n"));
        html.append("</ul>\n");
        html.append("<p class=\"note\">Latency is end to end: from each event's intended send time to its output ")
            .append("arriving at the feed, so a stall shows in the tail instead of slowing the load. raw Aeron echoes ")
            .append("every event straight back (the transport floor); ArrayBlockingQueue is the same handlers behind ")
            .append("queues").append(describeOthers()).append(". Each configuration ran ").append(settings.rounds()).append(" round(s) at each rate, the ")
            .append("configurations interleaved; a table cell is the median over the valid rounds with [min&ndash;")
            .append("max], and ratios are of the medians. Charts draw each configuration's median round (by p99). ")
            .append("Recording: ").append(escape(settings.recording())).append(". Percentile charts are drawn as ")
            .append("HdrHistogram's plotter draws them, x the percentile on a log scale of 1/(1&minus;p), but with ")
            .append("the latency (&micro;s) on a log axis too, so microsecond and millisecond stages both show; a ")
            .append("line ends at its max where it has too few values to resolve deeper percentiles.</p>\n");

        int index = 0;
        for (final Map.Entry<Long, Map<String, Run>> entry : byRate.entrySet())
        {
            rateSection(html, index++, entry.getKey(), entry.getValue());
        }

        if (null != failover)
        {
            html.append("<h2 id=\"failover\">Cluster failover</h2>\n<p class=\"note\">The leader member's process ")
                .append("killed with SIGKILL mid-feed, once per bench, at a fixed rate. The new leader's first output is ")
                .append("the first output after the kill repeating a sequence the feed already had (only a new leader ")
                .append("publishes an output again: it republishes those it kept, oldest first); the first output not ")
                .append("received before is when the feed has something new. Times from the kill.</p>\n");
            ChartPage.keyValueTable(html, "failover-result", failover.table());
        }
        html.append("<h2>Throughput search</h2>\n");
        searchSection(html);
        html.append("<h2>Every run and its GCs</h2>\n<p class=\"note\">GCs in each measured phase, from the JVM's own ")
            .append("GC notifications in the process that ran the configuration (n/a where it keeps no count: raw ")
            .append("Aeron's echo).</p>\n");
        runsTable(html);
        html.append("<h2>Run</h2>\n<p class=\"note\">The bench's settings and the JVM, machine and checkout that ran ")
            .append("it, collected when it wrote this page; each configuration ran with the same JVM and flags. ")
            .append("Engine settings are the first engine run's.</p>\n");
        final Map<String, String> run = new LinkedHashMap<>(metadata);
        run.putAll(engineSettings());
        ChartPage.keyValueTable(html, "metadata", run);
        return ChartPage.render("ringside bench: " + directory, chartCount(), html, dataJson(), "bench.js");
    }

    /** Whether every round at a fixed rate kept to its schedule, and which did not. */
    private void banner(final StringBuilder html)
    {
        final List<Run> invalid = rounds.invalidRuns();
        final String bound = String.format(Locale.ROOT, "pacing error p99 within %,.0f &micro;s",
            settings.pacingBoundMicros());
        if (invalid.isEmpty())
        {
            html.append("<div class=\"banner valid\" id=\"validity\">Valid: all ").append(rounds.runCount())
                .append(" runs at fixed rates kept to their feed's schedule (").append(bound).append(").</div>\n");
            return;
        }
        html.append("<div class=\"banner invalid\" id=\"validity\">INVALID: ").append(invalid.size()).append(" of ")
            .append(rounds.runCount()).append(" runs at fixed rates fell behind their feed's schedule (not ")
            .append(bound).append("): ");
        for (int i = 0; i < invalid.size(); i++)
        {
            final Run run = invalid.get(i);
            html.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s round %d at %,d events/s "
                + "(p99 %s &micro;s)", escape(label(run.config())), run.round(), run.rate(),
                SideBySide.micros(run.pacingP99Ns())));
        }
        html.append(". Medians leave them out; a configuration with no valid round at a rate shows all its rounds. ")
            .append("Rerun on a quieter machine before reading the ratios.</div>\n");
    }

    /** What the configurations beyond the default three are, for the page's note; empty when none ran. */
    private String describeOthers()
    {
        final StringBuilder others = new StringBuilder();
        final List<String> configs = rounds.configs();
        if (configs.contains(DURABLE))
        {
            others.append("; durable is the engine ingesting what its own embedded archive has recorded of its ")
                .append("ingress, as it is recorded");
        }
        if (configs.contains(CLUSTER))
        {
            others.append("; cluster is three cluster members and the ingress gateway, each a process of its own on ")
                .append("this host, the outputs from the leader over UDP on loopback");
        }
        if (configs.stream().anyMatch((config) -> config.contains(":")))
        {
            others.append("; KIND:PROFILE is that configuration with the engine's --profile PROFILE");
        }
        return others.toString();
    }

    /** The bench's findings in a few lines ({@link BenchHeadline}). */
    public List<String> headline()
    {
        return BenchHeadline.lines(rounds, search, failover);
    }

    private void rateSection(final StringBuilder html, final int index, final long rate, final Map<String, Run> configs)
    {
        html.append(String.format(Locale.ROOT, "<h2 id=\"rate-%d\">%,d events/s</h2>%n", index, rate));
        html.append("<p class=\"note\">End to end, intended send &rarr; output received (&micro;s), measured phase: ")
            .append("median [min&ndash;max] over the rounds; gc per round; the table <code>bench</code> prints.</p>\n");
        final SideBySide.Table table = rounds.table(rate);
        ChartPage.table(html, "table-" + index, table.header(), table.rows());
        roundsTable(html, index, rate);
        if (!endToEndSeries(configs).isEmpty())
        {
            html.append("<div class=\"chart wide\" id=\"chart-").append(index).append("-end-to-end\"></div>\n");
        }
        final Map<String, Histogram> stages = engineStages(configs);
        if (!stages.isEmpty())
        {
            html.append("<h3>The engine's stages</h3>\n<p class=\"note\">The engine's median round. ")
                .append("transport: feed send &rarr; engine ")
                .append("receive; queue: receive &rarr; handler start; service: the handler's time on the event; ")
                .append("end to end and the feed's pacing error (actual &minus; intended send time).</p>\n")
                .append("<div class=\"chart wide\" id=\"chart-").append(index).append("-stages\"></div>\n");
            ChartPage.percentileTable(html, "percentiles-" + index, reports.get(configs.get(ENGINE)).histograms());
        }
        final List<Run> timed = timed(configs);
        if (!timed.isEmpty())
        {
            html.append("<h3>Latency over time</h3>\n<p class=\"note\">End to end p50, p99 and max of each of the ")
                .append("feed's one-second intervals (feed-intervals.hlog) of each configuration's median round, drawn ")
                .append("as steps (each value holds over its interval), on a log axis, in seconds since the measured ")
                .append("phase's first interval started; gaps are intervals without outputs.</p>\n");
            charts(html, index, timed, "latency");
            html.append("<h3>Throughput over time</h3>\n<p class=\"note\">Events the feed sent and outputs it ")
                .append("received, per second of each interval.</p>\n");
            charts(html, index, timed, "throughput");
        }
    }

    private static void charts(final StringBuilder html, final int index, final List<Run> timed, final String kind)
    {
        html.append("<div class=\"grid three\">\n");
        for (final Run run : timed)
        {
            html.append("<div class=\"chart\" id=\"chart-").append(index).append('-').append(escape(run.config()))
                .append('-').append(kind).append("\"></div>\n");
        }
        html.append("</div>\n");
    }

    /** Every round of every configuration at a rate, with its validity. */
    private void roundsTable(final StringBuilder html, final int index, final long rate)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final String config : rounds.configs(rate))
        {
            final RoundMedians medians = rounds.medians(rate, config);
            final List<Run> configRounds = rounds.rounds(rate, config);
            for (int r = 0; r < configRounds.size(); r++)
            {
                final Run run = configRounds.get(r);
                rows.add(List.of(label(config), Integer.toString(run.round()),
                    SideBySide.micros(medians.value(r, 0)), SideBySide.micros(medians.value(r, RoundMedians.P99)),
                    SideBySide.micros(medians.value(r, RoundMedians.PERCENTILES.length - 1)),
                    Long.toString(medians.outputs(r)), gc(run), SideBySide.micros(run.pacingP99Ns()),
                    run.valid() ? "valid" : "INVALID", medians.counted().contains(r) ? "yes" : "no"));
            }
        }
        ChartPage.table(html, "rounds-" + index, List.of("configuration", "round", "p50 (µs)", "p99 (µs)",
            "max (µs)", "outputs", "gc", "pacing error p99 (µs)", "validity", "in the median"), rows);
    }

    private void searchSection(final StringBuilder html)
    {
        if (null == search)
        {
            html.append("<p class=\"note\">Not run (--search-to 0).</p>\n");
            return;
        }
        html.append("<p class=\"note\">Raw Aeron's echo and the engine, the rate doubled step by step, both at ")
            .append("each rate one after the other, each until a step breaks the bound: ")
            .append(escape(search.bound())).append(".</p>\n");
        final List<List<String>> rows = new ArrayList<>();
        for (final Run run : searchSteps)
        {
            final Histogram h = endToEnd(run);
            final boolean empty = null == h || h.getTotalCount() == 0;
            rows.add(List.of(label(run.config()), String.format(Locale.ROOT, "%,d", run.rate()), achieved(run),
                empty ? "-" : SideBySide.micros(RoundMedians.valueAt(h, 99)),
                empty ? "-" : SideBySide.micros(h.getMaxValue()), empty ? "-" : Long.toString(h.getTotalCount()),
                SideBySide.micros(run.pacingP99Ns()), gc(run), run.sustained() ? "held" : "broke the bound"));
        }
        ChartPage.table(html, "search", List.of("configuration", "rate (events/s)", "achieved (events/s)",
            "p99 end to end (µs)", "max (µs)", "outputs", "pacing error p99 (µs)", "gc", "verdict"), rows);
        final Map<String, String> result = new LinkedHashMap<>();
        result.put("highest sustainable rate, engine (events/s)", String.format(Locale.ROOT, "%,d",
            search.engineRate()));
        result.put("highest sustainable rate, raw Aeron echo (events/s)", String.format(Locale.ROOT, "%,d",
            search.rawAeronRate()));
        result.put("engine / raw Aeron", SideBySide.ratio(search.ratio()));
        result.put("raw Aeron one-way throughput (msgs/s)",
            String.format(Locale.ROOT, "%,.0f", search.rawAeronOneWay()));
        ChartPage.keyValueTable(html, "search-result", result);
    }

    private void runsTable(final StringBuilder html)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final Run run : runs)
        {
            final Properties feed = reports.get(run).feedCounts();
            final Histogram h = endToEnd(run);
            rows.add(List.of(label(run.config()), String.format(Locale.ROOT, "%,d", run.rate()),
                run.search() ? "search" : "round " + run.round(), run.valid() ? "valid" : "INVALID", achieved(run),
                feed.getProperty("events_sent", "-"),
                null == h ? "-" : Long.toString(h.getTotalCount()), gc(run),
                run.gcPauseMicros() < 0 ? "n/a" : Long.toString(run.gcPauseMicros()),
                run.directory().getFileName().toString()));
        }
        ChartPage.table(html, "runs", List.of("configuration", "rate (events/s)", "phase", "validity",
            "achieved (events/s)",
            "events sent", "outputs", "gc", "gc pause (µs)", "directory"), rows);
    }

    private String achieved(final Run run)
    {
        final String rate = reports.get(run).feedCounts().getProperty("rate");
        try
        {
            return null == rate ? "-" : String.format(Locale.ROOT, "%,.0f", Double.parseDouble(rate));
        }
        catch (final NumberFormatException ex)
        {
            return rate;
        }
    }

    private static String gc(final Run run)
    {
        return run.gcCount() < 0 ? "n/a" : Long.toString(run.gcCount());
    }

    /** Paths of one run, not settings of the bench. */
    private static final Set<String> PER_RUN_SETTINGS = Set.of("aeron-dir", "archive", "report-dir");

    /** The first engine run's settings (ring size, term length, idle strategies ...), but for its per-run paths. */
    private Map<String, String> engineSettings()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final Run run : runs)
        {
            if (ENGINE.equals(run.config()))
            {
                final Properties counts = reports.get(run).engineCounts();
                for (final String name : new TreeSet<>(counts.stringPropertyNames()))
                {
                    if (!name.startsWith(EngineSummary.SETTING_PREFIX))
                    {
                        continue;
                    }
                    final String setting = name.substring(EngineSummary.SETTING_PREFIX.length());
                    if (!PER_RUN_SETTINGS.contains(setting))
                    {
                        settings.put("engine " + setting, counts.getProperty(name));
                    }
                }
                break;
            }
        }
        return settings;
    }
}
