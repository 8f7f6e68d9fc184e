package io.ringside.latency.bench;

import io.ringside.codecs.itch.ItchReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.exchange.ExchangeDayGenerator;
import io.ringside.latency.feed.RecordedFormats;
import io.ringside.latency.report.Report;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.function.Function;

import static io.ringside.latency.report.JsonString.quote;

/**
 * The cost of scale: the same engine (its own process, default settings, this JVM's flags) on two inputs of one
 * format in one run, the recorded AAPL hour (one instrument, looped) and an exchange day (thousands of instruments,
 * {@link ExchangeDayGenerator}). Rounds alternate the inputs, so whatever else the machine does falls on both. Each
 * round and input is two fresh engines: one fed the first N events as fast as it takes them (throughput, GCs), one
 * warmed up then measured at a fixed rate by {@link Bench} (latency end to end and per stage, GCs, heap after the
 * warm-up). Reported as medians with the min-max over rounds, and the ratios exchange / aapl of the medians.
 */
public final class ScaleBench
{
    public static final String AAPL = "aapl";
    public static final String EXCHANGE = "exchange";
    public static final List<String> INPUTS = List.of(AAPL, EXCHANGE);
    public static final String SUMMARY_FILE = "bench-scale.json";
    /** The ratios bench-scale.json gives, each of the medians of this metric: exchange / aapl. */
    public static final Map<String, String> RATIOS = ratios();
    /** A generated exchange day's seed: fixed, so the same options give the same file and it can be reused. */
    static final long SEED = 1;

    private static final String THROUGHPUT = "throughput.events_per_s";
    /** Percentiles reported, as summary.json names them, and the maximum (percentile 100). */
    private static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99, 100 };
    private static final String[] PERCENTILE_KEYS = { "p50", "p90", "p99", "p99_9", "p99_99", "max" };
    private static final String[] PERCENTILE_NAMES = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };

    /**
     * @param exchange  the exchange day to read, or null to generate one into {@code dataDirectory} (reused while
     *                  symbols, messages and the source are the same).
     * @param maxEvents events each throughput run feeds, the input looped as needed; 0 for the exchange day's all.
     */
    public record Settings(
        Path aapl, Path exchange, Path dataDirectory, int symbols, long messages, long maxEvents, long rate,
        long warmupSeconds, long measureSeconds, int rounds, Path reportDirectory)
    {
        public Settings
        {
            if (null == aapl || !Files.isRegularFile(aapl))
            {
                throw new IllegalArgumentException("--aapl: no such file: " + aapl);
            }
            if (null != exchange && !Files.isRegularFile(exchange))
            {
                throw new IllegalArgumentException("--exchange: no such file: " + exchange);
            }
            if (rounds < 1)
            {
                throw new IllegalArgumentException("--rounds: must be >= 1: " + rounds);
            }
            if (maxEvents < 0)
            {
                throw new IllegalArgumentException("--max-events: must be >= 0 (0: the whole exchange day): "
                    + maxEvents);
            }
        }
    }

    /** One input's two runs in one round, and its metrics by name (latencies ns, heap bytes). */
    record Round(int round, String input, Bench.MaxRateResult throughput, Bench.RunResult latency,
        Map<String, Double> metrics)
    {
    }

    private final Settings settings;
    private final PrintStream out;

    public ScaleBench(final Settings settings, final PrintStream out)
    {
        this.settings = settings;
        this.out = out;
    }

    /** @return bench-scale.json. */
    public Path run()
    {
        final Map<String, Path> files = new LinkedHashMap<>();
        files.put(AAPL, settings.aapl());
        files.put(EXCHANGE, null != settings.exchange() ? settings.exchange() : exchangeDay());
        final long events = settings.maxEvents() > 0 ? settings.maxEvents() : countEvents(files.get(EXCHANGE));
        final Map<String, Bench> benches = new LinkedHashMap<>();
        final Map<String, List<Round>> rounds = new LinkedHashMap<>();
        for (final String input : INPUTS)
        {
            benches.put(input, new Bench(new BenchContext()
                .data(files.get(input))
                .rates(List.of(settings.rate()))
                .warmupSeconds(settings.warmupSeconds())
                .measureSeconds(settings.measureSeconds())
                .searchMaxRate(0)
                // The engine's default: its embedded archive records every stream, as the scale figures always had.
                .record(true)
                .reportDirectory(settings.reportDirectory()), out));
            rounds.put(input, new ArrayList<>());
        }
        out.printf(Locale.ROOT, "ringside scale-bench: %d round(s), inputs alternating; each run a fresh engine in "
            + "its own process%n", settings.rounds());
        files.forEach((input, file) -> out.printf(Locale.ROOT, "  %-9s %s%n", input, file));
        out.printf(Locale.ROOT, "  throughput: the first %,d events as fast as the engine takes them; latency: %,d "
            + "events/s, warm-up %d s, measured %d s%n%n", events, settings.rate(), settings.warmupSeconds(),
            settings.measureSeconds());
        for (int round = 1; round <= settings.rounds(); round++)
        {
            for (final String input : INPUTS)
            {
                final Round result = runRound(benches.get(input), input, round, events);
                rounds.get(input).add(result);
                out.println(describe(result));
                out.flush();
            }
        }
        out.println();
        out.print(table(rounds));
        final Path json = settings.reportDirectory().resolve(SUMMARY_FILE);
        write(json, toJson(files, events, rounds));
        out.println("results: " + json.toAbsolutePath());
        return json;
    }

    private Round runRound(final Bench bench, final String input, final int round, final long events)
    {
        final String prefix = "round" + round + "-" + input + "-";
        final Bench.MaxRateResult throughput = bench.runAtMaxRate(events, prefix);
        final Bench.RunResult latency =
            bench.runOne(BenchConfig.ENGINE, settings.rate(), round, settings.warmupSeconds(), settings.measureSeconds(),
                prefix);

        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(THROUGHPUT, throughput.eventsPerSecond());
        metrics.put("throughput.elapsed_ns", (double)throughput.engineCaughtUpNs());
        metrics.put("throughput.events_sent", (double)throughput.feed().eventsSent());
        metrics.put("throughput.events_in", (double)throughput.end().eventsIn());
        metrics.put("throughput.rejected", (double)throughput.end().rejected());
        metrics.put("throughput.gc_count", (double)throughput.end().gcCount());
        metrics.put("throughput.gc_pause_us", (double)throughput.end().gcPauseMicros());
        metrics.put("latency.achieved_rate", latency.feed().rate());
        metrics.put("latency.measured_events_sent", (double)latency.feed().eventsSent());
        metrics.put("latency.measured_events_in",
            (double)(latency.measuredEnd().eventsIn() - latency.warmedUp().eventsIn()));
        metrics.put("latency.rejected", (double)latency.measuredEnd().rejected());
        metrics.put("latency.gc_count", (double)latency.gcCount());
        metrics.put("latency.gc_pause_us", (double)latency.gcPauseMicros());
        metrics.put("latency.heap_used_after_warmup_bytes", (double)latency.warmedUp().heapUsedBytes());
        metrics.put("latency.heap_after_gc_after_warmup_bytes", (double)latency.warmedUp().heapAfterGcBytes());
        // End to end from the measured feed; the engine's stages from its log, measured phase only.
        final Map<String, Histogram> stages = new LinkedHashMap<>();
        stages.put(Stages.END_TO_END, latency.endToEnd());
        Report.read(latency.directory()).histograms().forEach(stages::putIfAbsent);
        stages.forEach((stage, histogram) ->
        {
            for (int i = 0; i < PERCENTILE_KEYS.length; i++)
            {
                metrics.put("latency." + stage + "." + PERCENTILE_KEYS[i], histogram.getTotalCount() == 0 ?
                    0.0 : histogram.getValueAtPercentile(PERCENTILES[i]));
            }
        });
        return new Round(round, input, throughput, latency, metrics);
    }

    private String describe(final Round round)
    {
        final Map<String, Double> m = round.metrics();
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
            "  round %d %-9s throughput %,.0f events/s (gc %.0f) | at %,d/s: p50 %s us, p99 %s us, p99.99 %s us, "
                + "gc %.0f, heap after warm-up %s MiB", round.round(), round.input(), m.get(THROUGHPUT),
            m.get("throughput.gc_count"), settings.rate(), micros(m.get("latency.end_to_end.p50")),
            micros(m.get("latency.end_to_end.p99")), micros(m.get("latency.end_to_end.p99_99")),
            m.get("latency.gc_count"), megabytes(m.get("latency.heap_used_after_warmup_bytes"))));
        if (!m.get("throughput.events_in").equals(m.get("throughput.events_sent")) ||
            !m.get("latency.measured_events_in").equals(m.get("latency.measured_events_sent")) ||
            m.get("throughput.rejected") != 0 || m.get("latency.rejected") != 0 ||
            !round.throughput().feed().engineCaughtUp() || !round.latency().feed().engineCaughtUp())
        {
            line.append(String.format(Locale.ROOT, "%n    WARNING: events sent %.0f / %.0f, taken in %.0f / %.0f, "
                + "rejected %.0f / %.0f (throughput / measured phase); see %s", m.get("throughput.events_sent"),
                m.get("latency.measured_events_sent"), m.get("throughput.events_in"),
                m.get("latency.measured_events_in"), m.get("throughput.rejected"), m.get("latency.rejected"),
                round.latency().directory().getParent()));
        }
        return line.toString();
    }

    /** The median of each metric with its min and max over the rounds. */
    static Map<String, double[]> spreads(final List<Round> rounds)
    {
        final Map<String, double[]> spreads = new LinkedHashMap<>();
        for (final String metric : rounds.get(0).metrics().keySet())
        {
            final double[] values = rounds.stream().mapToDouble((round) -> round.metrics().get(metric)).sorted()
                .toArray();
            spreads.put(metric, new double[]{ median(values), values[0], values[values.length - 1] });
        }
        return spreads;
    }

    /** @param sorted ascending; with an even count, the mean of the middle two. */
    static double median(final double[] sorted)
    {
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /** exchange / aapl of the two medians; NaN when aapl's is 0. */
    static double ratio(final double exchange, final double aapl)
    {
        return aapl == 0 ? Double.NaN : exchange / aapl;
    }

    private String table(final Map<String, List<Round>> rounds)
    {
        final Map<String, double[]> aapl = spreads(rounds.get(AAPL));
        final Map<String, double[]> exchange = spreads(rounds.get(EXCHANGE));
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
            "medians [min - max] over %d round(s)%n", settings.rounds()));
        row(table, "", "aapl", "exchange", "exchange/aapl");
        row(table, aapl, exchange, "throughput (events/s)", THROUGHPUT, 1, "%,.0f", true);
        row(table, aapl, exchange, "  gc count", "throughput.gc_count", 1, "%.0f", false);
        row(table, aapl, exchange, "  gc pause (ms)", "throughput.gc_pause_us", 1e3, "%,.1f", false);
        table.append(String.format(Locale.ROOT, "end to end at %,d events/s (us)%n", settings.rate()));
        for (int i = 0; i < PERCENTILE_KEYS.length; i++)
        {
            row(table, aapl, exchange, "  " + PERCENTILE_NAMES[i], "latency.end_to_end." + PERCENTILE_KEYS[i], 1e3,
                "%,.1f", true);
        }
        row(table, aapl, exchange, "measured phase: gc count", "latency.gc_count", 1, "%.0f", false);
        row(table, aapl, exchange, "  gc pause (ms)", "latency.gc_pause_us", 1e3, "%,.1f", false);
        row(table, aapl, exchange, "heap after warm-up (MiB)", "latency.heap_used_after_warmup_bytes", 1 << 20,
            "%,.1f", true);
        row(table, aapl, exchange, "  after the last GC (MiB)", "latency.heap_after_gc_after_warmup_bytes", 1 << 20,
            "%,.1f", false);
        table.append("stages, measured phase: p50 / p99 / p99.99 (us, medians)").append(System.lineSeparator());
        for (final String metric : aapl.keySet())
        {
            if (metric.endsWith(".p50") && !metric.startsWith("latency.end_to_end."))
            {
                final String stage = metric.substring("latency.".length(), metric.length() - ".p50".length());
                row(table, "  " + stage, stageCell(aapl, stage), stageCell(exchange, stage), "");
            }
        }
        return table.toString();
    }

    private static String stageCell(final Map<String, double[]> spreads, final String stage)
    {
        final double[] p50 = spreads.get("latency." + stage + ".p50");
        final double[] p99 = spreads.get("latency." + stage + ".p99");
        final double[] p9999 = spreads.get("latency." + stage + ".p99_99");
        return null == p50 ? "-" : micros(p50[0]) + " / " + micros(p99[0]) + " / " + micros(p9999[0]);
    }

    private static void row(
        final StringBuilder table, final Map<String, double[]> aapl, final Map<String, double[]> exchange,
        final String label, final String metric, final double divisor, final String format, final boolean ratio)
    {
        row(table, label, spread(aapl.get(metric), divisor, format), spread(exchange.get(metric), divisor, format),
            ratio ? String.format(Locale.ROOT, "%.2f", ratio(exchange.get(metric)[0], aapl.get(metric)[0])) : "");
    }

    private static void row(
        final StringBuilder table, final String label, final String aapl, final String exchange, final String ratio)
    {
        table.append(String.format(Locale.ROOT, "%-28s %-34s %-34s %s", label, aapl, exchange, ratio).stripTrailing())
            .append(System.lineSeparator());
    }

    private static String spread(final double[] spread, final double divisor, final String format)
    {
        return String.format(Locale.ROOT, format + " [" + format + " - " + format + "]",
            spread[0] / divisor, spread[1] / divisor, spread[2] / divisor);
    }

    private static String micros(final double nanos)
    {
        return String.format(Locale.ROOT, "%,.1f", nanos / 1e3);
    }

    private static String megabytes(final double bytes)
    {
        return String.format(Locale.ROOT, "%,.1f", bytes / (1 << 20));
    }

    private String toJson(final Map<String, Path> files, final long events, final Map<String, List<Round>> rounds)
    {
        final StringBuilder json = new StringBuilder("{\n");
        json.append("  \"units\": { \"latency\": \"ns\", \"heap\": \"bytes\", \"throughput\": \"events/s\" },\n");
        json.append(String.format(Locale.ROOT, "  \"settings\": { \"rounds\": %d, \"throughput_events\": %d, "
            + "\"rate\": %d, \"warmup_s\": %d, \"measure_s\": %d },%n", settings.rounds(), events, settings.rate(),
            settings.warmupSeconds(), settings.measureSeconds()));
        json.append("  \"inputs\": {");
        final Map<String, Map<String, double[]>> spreads = new LinkedHashMap<>();
        for (final String input : INPUTS)
        {
            spreads.put(input, spreads(rounds.get(input)));
            json.append(input.equals(AAPL) ? "\n" : ",\n");
            json.append("    ").append(quote(input)).append(": {\n");
            json.append("      \"file\": ").append(quote(files.get(input).toString())).append(",\n");
            json.append("      \"rounds\": [");
            for (final Round round : rounds.get(input))
            {
                json.append(round.round() == 1 ? "\n" : ",\n");
                json.append("        { \"round\": ").append(round.round())
                    .append(", \"throughput_directory\": ").append(quote(name(round.throughput().directory())))
                    .append(", \"latency_directory\": ").append(quote(name(round.latency().directory())))
                    .append(",\n          \"metrics\": {");
                appendMetrics(json, round.metrics().entrySet(), ScaleBench::number, "            ");
                json.append("\n          } }");
            }
            json.append("\n      ],\n      \"summary\": {");
            appendMetrics(json, spreads.get(input).entrySet(), (spread) -> "{ \"median\": " + number(spread[0]) +
                ", \"min\": " + number(spread[1]) + ", \"max\": " + number(spread[2]) + " }", "        ");
            json.append("\n      }\n    }");
        }
        json.append("\n  },\n  \"ratios\": {");
        boolean first = true;
        for (final Map.Entry<String, String> ratio : RATIOS.entrySet())
        {
            json.append(first ? "\n" : ",\n").append("    ").append(quote(ratio.getKey())).append(": ").append(number(
                ratio(spreads.get(EXCHANGE).get(ratio.getValue())[0], spreads.get(AAPL).get(ratio.getValue())[0])));
            first = false;
        }
        json.append("\n  }\n}\n");
        return json.toString();
    }

    private static <T> void appendMetrics(
        final StringBuilder json, final Iterable<Map.Entry<String, T>> entries,
        final Function<T, String> value, final String indent)
    {
        boolean first = true;
        for (final Map.Entry<String, T> entry : entries)
        {
            json.append(first ? "\n" : ",\n").append(indent).append(quote(entry.getKey())).append(": ")
                .append(value.apply(entry.getValue()));
            first = false;
        }
    }

    /** Whole numbers as such; others as Java writes a double, which reads back to the same double. */
    private static String number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long)value) : Double.toString(value);
    }

    private static String name(final Path directory)
    {
        return directory.getFileName().toString();
    }

    private static Map<String, String> ratios()
    {
        final Map<String, String> ratios = new LinkedHashMap<>();
        ratios.put("throughput", THROUGHPUT);
        ratios.put("p50", "latency.end_to_end.p50");
        ratios.put("p99", "latency.end_to_end.p99");
        ratios.put("p99_99", "latency.end_to_end.p99_99");
        ratios.put("heap_after_warmup", "latency.heap_used_after_warmup_bytes");
        return Collections.unmodifiableMap(ratios);
    }

    /**
     * The exchange day for these settings in the data directory: reused when the note beside it says it was made
     * with the same symbols, messages, seed and source and it still has the size it was made with; else generated.
     */
    Path exchangeDay()
    {
        final Path aapl = settings.aapl().toAbsolutePath().normalize();
        final Path file = settings.dataDirectory().resolve(String.format(Locale.ROOT, "NASDAQ_%s_%dsym_%dmsg.itch50",
            ItchReader.dateFromName(aapl), settings.symbols(), settings.messages()));
        final Path note = file.resolveSibling(file.getFileName() + ".properties");
        final Properties made = new Properties();
        made.setProperty("symbols", Integer.toString(settings.symbols()));
        made.setProperty("messages", Long.toString(settings.messages()));
        made.setProperty("seed", Long.toString(SEED));
        made.setProperty("zipf", Double.toString(ExchangeDayGenerator.DEFAULT_ZIPF));
        made.setProperty("source", aapl.toString());
        try
        {
            made.setProperty("source_bytes", Long.toString(Files.size(aapl)));
            if (Files.isRegularFile(file) && Files.isRegularFile(note))
            {
                final Properties found = new Properties();
                try (Reader reader = Files.newBufferedReader(note, StandardCharsets.UTF_8))
                {
                    found.load(reader);
                }
                final String bytes = (String)found.remove("bytes");
                if (found.equals(made) && Long.toString(Files.size(file)).equals(bytes))
                {
                    out.println("exchange day: reusing " + file);
                    return file;
                }
            }
            Files.createDirectories(settings.dataDirectory());
            Files.deleteIfExists(note);
            out.printf(Locale.ROOT, "exchange day: generating %s (%,d symbols, %,d messages) ...%n", file,
                settings.symbols(), settings.messages());
            out.flush();
            ExchangeDayGenerator.write(aapl, file, settings.symbols(), settings.messages(), SEED);
            // Written last, so an interrupted generation is never taken for a finished one.
            made.setProperty("bytes", Long.toString(Files.size(file)));
            try (Writer writer = Files.newBufferedWriter(note, StandardCharsets.UTF_8))
            {
                made.store(writer, "ringside scale-bench: how " + file.getFileName() + " was generated");
            }
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--data-dir: cannot read or write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** The events a feed of the whole file sends: --max-events 0 feeds the exchange day once, the AAPL hour as many. */
    private static long countEvents(final Path file)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        try (RecordedEventReader reader = RecordedFormats.open(
            file, RecordedFormats.AUTO, 1, null, null, (kind, location, problem) -> true))
        {
            long events = 0;
            while (reader.next(buffer, 0) > 0)
            {
                events++;
            }
            return events;
        }
    }

    private static void write(final Path file, final String text)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--report-dir: cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
