package io.ringside.latency.bench;

import io.ringside.engine.EngineContext;
import io.ringside.engine.EngineSummary;
import io.ringside.engine.Latency;
import io.ringside.engine.PercentileTable;
import io.ringside.engine.Stages;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.report.CounterStat;
import io.ringside.latency.report.HtmlReport;
import io.ringside.latency.report.Report;
import io.ringside.latency.report.ReportEnvironment;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency harness: drives the engine at fixed rates with real order flow (a recorded file looped and re-timed
 * to the rate), warm-up then measured phase, and runs the same load in the same way against two baselines: raw Aeron
 * (every event echoed straight back, the transport floor) and the same handlers behind ArrayBlockingQueues (the naive
 * design). Latency is end to end, from each event's intended send time to its output arriving, so stalls land in the
 * tail. Then a throughput search, raw Aeron's one-way throughput, and the GC count of each measured phase.
 */
public final class Bench
{
    public static final List<String> CONFIGS =
        List.of(BenchTarget.RAW_AERON, BenchTarget.ENGINE, BenchTarget.BLOCKING_QUEUE);

    private final BenchContext ctx;
    private final PrintStream out;
    private int runNumber;

    public Bench(final BenchContext ctx, final PrintStream out)
    {
        this.ctx = ctx.conclude();
        this.out = out;
    }

    /** One configuration at one rate, measured phase only. */
    public record RunResult(
        String config,
        long rate,
        FeedResult feed,
        Map<String, Histogram> engineStages,
        long gcCount,
        long gcPauseMicros,
        Path directory)
    {
        Histogram endToEnd()
        {
            return feed.histograms().get(Stages.END_TO_END);
        }

        boolean sustained(final double p99BoundMicros)
        {
            return feed.engineCaughtUp() && feed.outputSequenceErrors() == 0 && feed.rate() >= 0.95 * rate &&
                endToEnd().getTotalCount() > 0 && endToEnd().getValueAtPercentile(99) <= p99BoundMicros * 1000;
        }
    }

    public List<RunResult> run()
    {
        final List<RunResult> results = new ArrayList<>();
        out.printf(Locale.ROOT, "ringside bench: %s profile, %s, warm-up %d s, measured %d s per run, data %s%n%n",
            ctx.profile(), ctx.ownProcess() ? "engine in its own process" : "engine in this process",
            ctx.warmupSeconds(), ctx.measureSeconds(), ctx.data());

        for (final long rate : ctx.rates())
        {
            final Map<String, RunResult> byConfig = new LinkedHashMap<>();
            for (final String config : CONFIGS)
            {
                out.printf(Locale.ROOT, "  %-15s at %,d events/s ...%n", config, rate);
                out.flush();
                final RunResult result = runOne(config, rate, ctx.warmupSeconds(), ctx.measureSeconds());
                byConfig.put(config, result);
                results.add(result);
            }
            out.println();
            out.print(table(rate, byConfig));
            out.println("html: " + writePage(rate, byConfig));
            out.println();
        }

        final List<RunResult> search = new ArrayList<>();
        if (ctx.searchMaxRate() > 0)
        {
            out.printf(Locale.ROOT, "throughput search (engine; bound: p99 end to end <= %.0f us, >= 95%% of the rate"
                + " achieved, every output delivered in order)%n", ctx.searchP99BoundMicros());
            long sustainable = 0;
            for (long rate = ctx.searchStartRate(); rate <= ctx.searchMaxRate(); rate *= 2)
            {
                final RunResult result = runOne(BenchTarget.ENGINE, rate, 2, 3);
                search.add(result);
                results.add(result);
                final boolean ok = result.sustained(ctx.searchP99BoundMicros());
                out.printf(Locale.ROOT, "  %,10d events/s: achieved %,.0f, p99 %s us, gc %d -> %s%n", rate,
                    result.feed().rate(), micros(result.endToEnd(), 99), result.gcCount(), ok ? "ok" : "over");
                out.flush();
                if (!ok)
                {
                    break;
                }
                sustainable = rate;
            }
            final double rawThroughput = AeronThroughput.measure(
                aeronDir(), "aeron:ipc", 1001, idleStrategy(), 77, 3.0);
            out.printf(Locale.ROOT, "highest sustainable rate: %,d events/s; raw Aeron one-way throughput, same "
                + "driver settings and 77-byte messages: %,.0f msgs/s%n%n", sustainable, rawThroughput);
            writeSummary(results, sustainable, rawThroughput);
        }
        else
        {
            writeSummary(results, -1, -1);
        }
        out.println("results: " + ctx.reportDirectory().toAbsolutePath());
        return results;
    }

    /** The engine run's report.html, with its end-to-end latency drawn against both baselines'. */
    private static Path writePage(final long rate, final Map<String, RunResult> byConfig)
    {
        final RunResult engine = byConfig.get(BenchTarget.ENGINE);
        final Map<String, Histogram> series = new LinkedHashMap<>();
        series.put("raw Aeron", byConfig.get(BenchTarget.RAW_AERON).endToEnd());
        series.put("engine", engine.endToEnd());
        series.put("ArrayBlockingQueue", byConfig.get(BenchTarget.BLOCKING_QUEUE).endToEnd());
        final Report report = Report.read(engine.directory());
        report.write();
        final Map<String, String> environment = new LinkedHashMap<>(ReportEnvironment.collect());
        environment.put("bench rate", rate + " events/s");
        return new HtmlReport(report, environment)
            .compare(String.format(Locale.ROOT, "end to end at %,d events/s: engine against raw Aeron and "
                + "ArrayBlockingQueue (measured phase)", rate), series)
            .write();
    }

    private String idleStrategy()
    {
        return EngineContext.PROFILE_DEDICATED.equals(ctx.profile()) ? "busy-spin" : "backoff";
    }

    private String aeronDir()
    {
        return EngineContext.defaultAeronDirectory() + "-bench-" + ProcessHandle.current().pid() + "-" + (++runNumber);
    }

    private RunResult runOne(final String config, final long rate, final long warmupSeconds, final long measureSeconds)
    {
        final Path directory = ctx.reportDirectory().resolve(config + "-" + rate);
        final String aeronDir = aeronDir();
        final EngineContext engineCtx = new EngineContext()
            .profile(ctx.profile())
            .aeronDirectoryName(aeronDir)
            .pipeline(BenchTarget.BLOCKING_QUEUE.equals(config) ? "blocking-queue" : "disruptor")
            .reportDirectory(directory)
            .latencyIntervalMs(100);
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--report-dir: cannot create " + directory + ": " + ex.getMessage(), ex);
        }

        final FeedResult measured;
        final long measuredStartMs;
        final long measuredEndMs;
        long gcCount = -1;
        long gcPause = -1;
        try (BenchTarget target = BenchTarget.start(config, engineCtx, ctx.ownProcess(), directory.resolve("process.log")))
        {
            feed(aeronDir, rate, warmupSeconds, 1, directory.resolve("warm-up")).run();

            final long[] gcBefore = gc(aeronDir);
            measuredStartMs = System.currentTimeMillis();
            measured = feed(aeronDir, rate, measureSeconds, 2, directory).run();
            measuredEndMs = System.currentTimeMillis();
            final long[] gcAfter = gc(aeronDir);
            if (gcBefore[0] >= 0)
            {
                gcCount = gcAfter[0] - gcBefore[0];
                gcPause = gcAfter[1] - gcBefore[1];
            }
        }
        Feed.write(measured, directory);
        final Map<String, Histogram> stages = BenchTarget.RAW_AERON.equals(config) ?
            new LinkedHashMap<>() : stagesWithin(directory.resolve(EngineSummary.HISTOGRAM_FILE), measuredStartMs,
            measuredEndMs);
        return new RunResult(config, rate, measured, stages, gcCount, gcPause, directory);
    }

    private Feed feed(final String aeronDir, final long rate, final long seconds, final int sourceId, final Path dir)
    {
        final long events = Math.max(1, rate * seconds);
        return new Feed(new FeedContext()
            .file(ctx.data())
            .aeronDirectoryName(aeronDir)
            .sourceId(sourceId)
            .pacing(Pacing.rate(rate))
            .maxEvents(events)
            .loops(Integer.MAX_VALUE)
            .progress(false)
            .reportDirectory(dir), System.err);
    }

    private static long[] gc(final String aeronDir)
    {
        try (CounterStat stat = new CounterStat(aeronDir))
        {
            return new long[]{ stat.engineCounter("gc_count"), stat.engineCounter("gc_pause_us") };
        }
    }

    /** The engine's interval histograms that lie inside the measured phase, summed per stage. */
    static Map<String, Histogram> stagesWithin(final Path log, final long startMs, final long endMs)
    {
        final Map<String, Histogram> stages = new LinkedHashMap<>();
        if (!Files.exists(log))
        {
            return stages;
        }
        try
        {
            final HistogramLogReader reader = new HistogramLogReader(log.toFile());
            EncodableHistogram next;
            while (null != (next = reader.nextIntervalHistogram()))
            {
                if (next.getStartTimeStamp() >= startMs && next.getEndTimeStamp() <= endMs + 200)
                {
                    stages.computeIfAbsent(next.getTag(), (tag) -> Latency.newHistogram()).add((Histogram)next);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + log + ": " + ex.getMessage(), ex);
        }
        return stages;
    }

    static String micros(final Histogram histogram, final double percentile)
    {
        if (null == histogram || histogram.getTotalCount() == 0)
        {
            return "-";
        }
        final long value = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return String.format(Locale.ROOT, "%.1f", value / 1000.0);
    }

    /** Each percentile for the engine and both baselines, and the ratios that matter. */
    static String table(final long rate, final Map<String, RunResult> byConfig)
    {
        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT,
            "%,d events/s: end to end, intended send -> output received (us)%n", rate));
        table.append(String.format(Locale.ROOT, "%-10s %12s %12s %16s %14s %14s%n",
            "", "raw Aeron", "engine", "blocking queue", "engine / raw", "ABQ / engine"));
        final Histogram raw = endToEnd(byConfig.get(BenchTarget.RAW_AERON));
        final Histogram engine = endToEnd(byConfig.get(BenchTarget.ENGINE));
        final Histogram abq = endToEnd(byConfig.get(BenchTarget.BLOCKING_QUEUE));
        final double[] percentiles = { 50, 90, 99, 99.9, 99.99, 100 };
        final String[] names = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };
        for (int i = 0; i < percentiles.length; i++)
        {
            table.append(String.format(Locale.ROOT, "%-10s %12s %12s %16s %14s %14s%n", names[i],
                micros(raw, percentiles[i]), micros(engine, percentiles[i]), micros(abq, percentiles[i]),
                ratio(engine, raw, percentiles[i]), ratio(abq, engine, percentiles[i])));
        }
        table.append(String.format(Locale.ROOT, "%-10s %12s %12s %16s%n", "outputs",
            count(raw), count(engine), count(abq)));
        table.append(String.format(Locale.ROOT, "%-10s %12s %12s %16s%n", "gc",
            gc(byConfig.get(BenchTarget.RAW_AERON)), gc(byConfig.get(BenchTarget.ENGINE)),
            gc(byConfig.get(BenchTarget.BLOCKING_QUEUE))));
        return table.toString();
    }

    private static Histogram endToEnd(final RunResult result)
    {
        return null == result ? null : result.endToEnd();
    }

    private static String count(final Histogram histogram)
    {
        return null == histogram ? "-" : Long.toString(histogram.getTotalCount());
    }

    private static String gc(final RunResult result)
    {
        return null == result || result.gcCount() < 0 ? "n/a" : Long.toString(result.gcCount());
    }

    private static String ratio(final Histogram numerator, final Histogram denominator, final double percentile)
    {
        if (null == numerator || null == denominator || numerator.getTotalCount() == 0 ||
            denominator.getTotalCount() == 0)
        {
            return "-";
        }
        final double n = percentile >= 100 ? numerator.getMaxValue() : numerator.getValueAtPercentile(percentile);
        final double d = percentile >= 100 ? denominator.getMaxValue() : denominator.getValueAtPercentile(percentile);
        return d == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", n / d);
    }

    private void writeSummary(final List<RunResult> results, final long sustainable, final double rawThroughput)
    {
        final StringBuilder json = new StringBuilder("{\n  \"units\": \"ns\",\n");
        json.append("  \"profile\": \"").append(ctx.profile()).append("\",\n");
        json.append("  \"own_process\": ").append(ctx.ownProcess()).append(",\n");
        json.append("  \"highest_sustainable_rate\": ").append(sustainable).append(",\n");
        json.append(String.format(Locale.ROOT, "  \"raw_aeron_throughput\": %.0f,%n", rawThroughput));
        json.append("  \"runs\": [");
        for (int r = 0; r < results.size(); r++)
        {
            final RunResult result = results.get(r);
            final Histogram h = result.endToEnd();
            json.append(r == 0 ? "\n" : ",\n");
            json.append(String.format(Locale.ROOT, "    { \"config\": \"%s\", \"rate\": %d, \"achieved_rate\": %.1f, "
                + "\"outputs\": %d, \"gc_count\": %d, \"gc_pause_us\": %d, \"directory\": \"%s\", \"end_to_end\": {",
                result.config(), result.rate(), result.feed().rate(), h.getTotalCount(), result.gcCount(),
                result.gcPauseMicros(), result.directory().getFileName()));
            for (int i = 0; i < PercentileTable.PERCENTILES.length; i++)
            {
                json.append(i == 0 ? " " : ", ").append('"').append(PercentileTable.PERCENTILE_KEYS[i]).append("\": ")
                    .append(h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(PercentileTable.PERCENTILES[i]));
            }
            json.append(", \"max\": ").append(h.getMaxValue()).append(" } }");
        }
        json.append("\n  ]\n}\n");
        try
        {
            Files.writeString(ctx.reportDirectory().resolve("bench-summary.json"), json.toString(),
                StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--report-dir: cannot write the summary: " + ex.getMessage(), ex);
        }
    }
}
