package io.ringside.latency.bench;

import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.PercentileTable;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.report.BenchPage;
import io.ringside.latency.report.CounterStat;
import io.ringside.latency.report.Report;
import io.ringside.latency.report.ReportEnvironment;
import io.ringside.latency.report.SideBySide;
import org.HdrHistogram.Histogram;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.ringside.latency.report.JsonString.quote;

/**
 * The latency harness: drives the engine at fixed rates with real order flow (a recorded file looped and re-timed
 * to the rate), warm-up then measured phase, and runs the same load in the same way against two baselines: raw Aeron
 * (every event echoed straight back, the transport floor) and the same handlers behind ArrayBlockingQueues (the naive
 * design). Latency is end to end, from each event's intended send time to its output arriving, so stalls land in the
 * tail. Then a throughput search, raw Aeron's one-way throughput, and the GC count of each measured phase. Every run
 * directory gets its measured phase's report (per-stage .hgrm and summary.json); the bench directory gets
 * bench-summary.json and one page, bench.html, for the lot.
 */
public final class Bench
{
    public static final List<String> CONFIGS = BenchPage.CONFIGS;
    /**
     * The engine logs its stages every 100 ms: its last interval of the measured phase closes up to that long after
     * the feed has its last output, so the phase's window is held open a little longer for it.
     */
    private static final long ENGINE_LOG_SLACK_MS = 200;
    /** Per process, not per bench: several benches in one process (scale-bench has one per input) each run engines. */
    private static final AtomicInteger RUN_NUMBER = new AtomicInteger();

    private final BenchContext ctx;
    private final PrintStream out;

    public Bench(final BenchContext ctx, final PrintStream out)
    {
        this.ctx = ctx.conclude();
        this.out = out;
    }

    /**
     * The engine's counters of interest at one point of a run, read from its CnC file; each -1 when the target has no
     * such counter (raw Aeron has none). Events in include definitions a second feed run repeated: taken, and known.
     */
    record EngineReading(
        long eventsIn, long rejected, long gcCount, long gcPauseMicros, long heapUsedBytes, long heapAfterGcBytes)
    {
        static EngineReading read(final String aeronDir)
        {
            try (CounterStat stat = new CounterStat(aeronDir))
            {
                final long eventsIn = stat.engineCounter("events_in");
                final long repeated = stat.engineCounter("definitions_repeated");
                return new EngineReading(eventsIn < 0 ? eventsIn : eventsIn + Math.max(0, repeated),
                    stat.engineCounter("rejected"),
                    stat.engineCounter("gc_count"), stat.engineCounter("gc_pause_us"),
                    stat.engineCounter("heap_used_bytes"), stat.engineCounter("heap_after_gc_bytes"));
            }
        }

        /** Collections from {@code earlier} to this reading; -1 when the target counts none. */
        long gcCountSince(final EngineReading earlier)
        {
            return earlier.gcCount < 0 ? -1 : gcCount - earlier.gcCount;
        }

        long gcPauseMicrosSince(final EngineReading earlier)
        {
            return earlier.gcCount < 0 ? -1 : gcPauseMicros - earlier.gcPauseMicros;
        }
    }

    /**
     * One configuration at one rate, measured phase only.
     *
     * @param warmedUp    the engine's counters when the warm-up had been taken in, as the measured phase started.
     * @param measuredEnd the engine's counters when the measured phase had been taken in.
     */
    public record RunResult(
        String config,
        long rate,
        FeedResult feed,
        EngineReading warmedUp,
        EngineReading measuredEnd,
        Path directory)
    {
        Histogram endToEnd()
        {
            return feed.histograms().get(Stages.END_TO_END);
        }

        long gcCount()
        {
            return measuredEnd.gcCountSince(warmedUp);
        }

        long gcPauseMicros()
        {
            return measuredEnd.gcPauseMicrosSince(warmedUp);
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
                final RunResult result = runOne(config, rate, ctx.warmupSeconds(), ctx.measureSeconds(), "");
                byConfig.put(config, result);
                results.add(result);
            }
            out.println();
            out.print(table(rate, byConfig));
            out.println();
        }

        final List<RunResult> search = new ArrayList<>();
        BenchPage.Search searchResult = null;
        if (ctx.searchMaxRate() > 0)
        {
            out.printf(Locale.ROOT, "throughput search (engine; bound: %s)%n", searchBound());
            long sustainable = 0;
            for (long rate = ctx.searchStartRate(); rate <= ctx.searchMaxRate(); rate *= 2)
            {
                final RunResult result = runOne(BenchTarget.ENGINE, rate, 2, 3, "search-");
                search.add(result);
                results.add(result);
                final boolean ok = result.sustained(ctx.searchP99BoundMicros());
                out.printf(Locale.ROOT, "  %,10d events/s: achieved %,.0f, p99 %s us, gc %d -> %s%n", rate,
                    result.feed().rate(), SideBySide.micros(result.endToEnd(), 99), result.gcCount(),
                    ok ? "ok" : "over");
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
            searchResult = new BenchPage.Search(sustainable, rawThroughput, searchBound());
        }
        writeSummary(results, searchResult);
        final List<BenchPage.Run> pageRuns = new ArrayList<>();
        for (final RunResult result : results)
        {
            final boolean searchStep = search.contains(result);
            pageRuns.add(new BenchPage.Run(result.config(), result.rate(), searchStep, result.directory(),
                result.gcCount(), result.gcPauseMicros(), searchStep && result.sustained(ctx.searchP99BoundMicros())));
        }
        final Path page = new BenchPage(ctx.reportDirectory(), metadata(), pageRuns, searchResult).write();
        out.println("results: " + ctx.reportDirectory().toAbsolutePath());
        out.println("html: " + page.toAbsolutePath());
        return results;
    }

    private String searchBound()
    {
        return String.format(Locale.ROOT, "p99 end to end <= %.0f us, >= 95%% of the rate achieved, every output "
            + "delivered in order", ctx.searchP99BoundMicros());
    }

    /** What the page says about the run: the bench's settings, then this JVM's environment. */
    private Map<String, String> metadata()
    {
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("profile", ctx.profile());
        metadata.put("configurations run", ctx.ownProcess() ?
            "each in its own process: the same java, JVM flags and class path as bench" : "in the bench's process");
        metadata.put("rates (events/s)", ctx.rates().stream().map((rate) -> String.format(Locale.ROOT, "%,d", rate))
            .collect(Collectors.joining(", ")));
        metadata.put("warm-up per run", ctx.warmupSeconds() + " s");
        metadata.put("measured phase per run", ctx.measureSeconds() + " s");
        metadata.put("throughput search", ctx.searchMaxRate() <= 0 ? "none" : String.format(Locale.ROOT,
            "from %,d to %,d events/s, doubling; 2 s warm-up, 3 s measured per step", ctx.searchStartRate(),
            ctx.searchMaxRate()));
        metadata.put("data", ctx.data().toString());
        metadata.put("idle strategy (raw Aeron throughput)", idleStrategy());
        metadata.putAll(ReportEnvironment.collect());
        return metadata;
    }

    private String idleStrategy()
    {
        return EngineContext.PROFILE_DEDICATED.equals(ctx.profile()) ? "busy-spin" : "backoff";
    }

    private static String aeronDir()
    {
        return EngineContext.defaultAeronDirectory() + "-bench-" + ProcessHandle.current().pid() + "-" +
            RUN_NUMBER.incrementAndGet();
    }

    /**
     * A fresh target, warmed up then measured at the rate.
     *
     * @param prefix of the run's directory, so a search step never overwrites the fixed-rate run at its rate.
     */
    RunResult runOne(
        final String config, final long rate, final long warmupSeconds, final long measureSeconds, final String prefix)
    {
        final Path directory = ctx.reportDirectory().resolve(prefix + config + "-" + rate);
        final String aeronDir = aeronDir();
        final FeedResult measured;
        final long measuredStartMs;
        final long measuredEndMs;
        final EngineReading warmedUp;
        final EngineReading measuredEnd;
        try (BenchTarget target = start(config, directory, aeronDir))
        {
            final Feed warmUp = feed(aeronDir, Pacing.rate(rate), rate * warmupSeconds, 1,
                directory.resolve("warm-up"), Long.MIN_VALUE);
            warmUp.run();

            warmedUp = EngineReading.read(aeronDir);
            measuredStartMs = System.currentTimeMillis();
            // Event time carries on from the warm-up's: going back, it would hold the risk gate's order-rate window
            // (by event time) full until the replay caught up with the warm-up's orders.
            measured = feed(aeronDir, Pacing.rate(rate), rate * measureSeconds, 2, directory,
                warmUp.lastEventTime() + 1).run();
            measuredEndMs = System.currentTimeMillis();
            measuredEnd = EngineReading.read(aeronDir);
        }
        Feed.write(measured, directory);
        Report.writeMeasuredPhase(directory, measuredStartMs, measuredEndMs + ENGINE_LOG_SLACK_MS);
        Report.read(directory).write();
        return new RunResult(config, rate, measured, warmedUp, measuredEnd, directory);
    }

    /**
     * What the engine takes as fast as it can: the first {@code events} of the data (looped as needed), fed at
     * {@link Pacing#max()} into a fresh engine.
     *
     * @param end the engine's counters once it had taken in the last event: a fresh engine's, so they are the run's
     *            (it counts collections from when it is up, not those of its start-up).
     */
    record MaxRateResult(FeedResult feed, long engineCaughtUpNs, EngineReading end, Path directory)
    {
        /** Events over the time from the first sent to the engine having taken in the last; 0 if it never did. */
        double eventsPerSecond()
        {
            return engineCaughtUpNs > 0 ? feed.eventsSent() * 1e9 / engineCaughtUpNs : 0;
        }
    }

    /** @param prefix of the run's directory. */
    MaxRateResult runAtMaxRate(final long events, final String prefix)
    {
        final Path directory = ctx.reportDirectory().resolve(prefix + BenchTarget.ENGINE + "-max");
        final String aeronDir = aeronDir();
        final FeedResult result;
        final long caughtUpNs;
        final EngineReading end;
        try (BenchTarget target = start(BenchTarget.ENGINE, directory, aeronDir))
        {
            final Feed feed = feed(aeronDir, Pacing.max(), events, 1, directory, Long.MIN_VALUE);
            result = feed.run();
            caughtUpNs = feed.engineCaughtUpNs();
            end = EngineReading.read(aeronDir);
        }
        Feed.write(result, directory);
        Report.read(directory).write();
        return new MaxRateResult(result, caughtUpNs, end, directory);
    }

    /** A fresh target of the configuration, on its own media driver, writing its report into the run's directory. */
    private BenchTarget start(final String config, final Path directory, final String aeronDir)
    {
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
        return BenchTarget.start(config, engineCtx, ctx.ownProcess(), directory.resolve("process.log"));
    }

    private Feed feed(
        final String aeronDir, final Pacing pacing, final long events, final int sourceId, final Path dir,
        final long eventTimeNotBeforeNs)
    {
        return new Feed(new FeedContext()
            .file(ctx.data())
            .aeronDirectoryName(aeronDir)
            .sourceId(sourceId)
            .pacing(pacing)
            .maxEvents(Math.max(1, events))
            .loops(Integer.MAX_VALUE)
            .eventTimeNotBeforeNs(eventTimeNotBeforeNs)
            .progress(false)
            .reportDirectory(dir), System.err);
    }

    /** So that every report read from the directory leaves out the engine's warm-up. */
    /** Each percentile for the engine and both baselines, and the ratios that matter. */
    static String table(final long rate, final Map<String, RunResult> byConfig)
    {
        final long[] gc = new long[CONFIGS.size()];
        for (int i = 0; i < gc.length; i++)
        {
            final RunResult result = byConfig.get(CONFIGS.get(i));
            gc[i] = null == result ? -1 : result.gcCount();
        }
        return SideBySide.format(String.format(Locale.ROOT,
            "%,d events/s: end to end, intended send -> output received (us)", rate),
            SideBySide.rows(endToEnd(byConfig.get(BenchTarget.RAW_AERON)), endToEnd(byConfig.get(BenchTarget.ENGINE)),
            endToEnd(byConfig.get(BenchTarget.BLOCKING_QUEUE)), gc));
    }

    private static Histogram endToEnd(final RunResult result)
    {
        return null == result ? null : result.endToEnd();
    }

    private void writeSummary(final List<RunResult> results, final BenchPage.Search search)
    {
        final long sustainable = null == search ? -1 : search.sustainableRate();
        final double rawThroughput = null == search ? -1 : search.rawAeronThroughput();
        final StringBuilder json = new StringBuilder("{\n  \"units\": \"ns\",\n");
        json.append("  \"profile\": ").append(quote(ctx.profile())).append(",\n");
        json.append("  \"own_process\": ").append(ctx.ownProcess()).append(",\n");
        json.append("  \"highest_sustainable_rate\": ").append(sustainable).append(",\n");
        json.append(String.format(Locale.ROOT, "  \"raw_aeron_throughput\": %.0f,%n", rawThroughput));
        json.append("  \"runs\": [");
        for (int r = 0; r < results.size(); r++)
        {
            final RunResult result = results.get(r);
            final Histogram h = result.endToEnd();
            json.append(r == 0 ? "\n" : ",\n");
            json.append(String.format(Locale.ROOT, "    { \"config\": %s, \"rate\": %d, \"achieved_rate\": %.1f, "
                + "\"outputs\": %d, \"gc_count\": %d, \"gc_pause_us\": %d, \"directory\": %s, \"end_to_end\": {",
                quote(result.config()), result.rate(), result.feed().rate(), h.getTotalCount(), result.gcCount(),
                result.gcPauseMicros(), quote(result.directory().getFileName().toString())));
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
