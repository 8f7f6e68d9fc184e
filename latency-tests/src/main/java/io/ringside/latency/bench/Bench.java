package io.ringside.latency.bench;

import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.EgressListener;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.report.BenchPage;
import io.ringside.latency.report.BenchRounds;
import io.ringside.latency.report.CounterStat;
import io.ringside.latency.report.FailoverTime;
import io.ringside.latency.report.PacingCheck;
import io.ringside.latency.report.Report;
import io.ringside.latency.report.ReportEnvironment;
import io.ringside.latency.report.RoundMedians;
import io.ringside.latency.report.SideBySide;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The latency harness: drives the engine at fixed rates with real order flow (a recorded file looped and re-timed
 * to the rate), warm-up then measured phase, and runs the same load in the same way against two baselines: raw Aeron
 * (every event echoed straight back, the transport floor) and the same handlers behind ArrayBlockingQueues (the naive
 * design). Each configuration runs several rounds, interleaved with the others, because one run cannot tell the
 * design from whatever else the machine did meanwhile: the tables give medians over the rounds with their spread and
 * ratios of the medians, and a round whose feed fell behind its schedule is marked invalid and left out of them.
 * Latency is end to end, from each event's intended send time to its output arriving, so stalls land in the tail.
 * The configurations are those {@link BenchContext#configs()} names: by default raw Aeron, the engine and
 * ArrayBlockingQueue; a durable engine, a cluster and the engine under other profiles on request. With the cluster,
 * one failover run ({@link Failover}). Then a throughput search of raw Aeron and the engine under one bound, raw
 * Aeron's one-way throughput, and the GC count of each measured phase. Every configuration records its streams, or
 * none does, but for those that always record (durable, cluster). Every run directory gets its measured phase's report
 * (per-stage .hgrm and summary.json); the bench directory gets bench-summary.json and one page, bench.html, for the
 * lot.
 */
public final class Bench
{
    /**
     * The engine logs its stages every second: its last interval of the measured phase closes up to that long after
     * the feed has its last output, so the phase's window is held open a little longer for it (no event follows the
     * measured phase, so nothing else comes in with it).
     */
    private static final long ENGINE_LOG_SLACK_MS = EngineContext.DEFAULT_LATENCY_INTERVAL_MS + 200;

    /**
     * The least rate a warm-up is fed at. The JIT compiles by invocation counts, not seconds: 5 s at 10,000 events/s
     * (50,000 events) left the engine compiling in its measured phase (p99 end to end 1.7 to 2.0 ms against 180 to
     * 290 us after 30 s of warm-up), where 5 s at 100,000/s does not.
     */
    static final long WARMUP_MIN_RATE = 100_000;
    /** Under a run's directory: the warm-up's feed, and its last part's. */
    static final String WARMUP_DIRECTORY = "warm-up";
    static final String HAND_OVER_DIRECTORY = "warm-up-hand-over";
    /** The warm-up's is 1 and the measured phase's 2, as before the hand-over was added. */
    static final int HAND_OVER_SOURCE_ID = 3;
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
        static final EngineReading NONE = new EngineReading(-1, -1, -1, -1, -1, -1);

        /** @param aeronDir null: no driver known to hold them, {@link #NONE}. */
        static EngineReading read(final String aeronDir)
        {
            if (null == aeronDir)
            {
                return NONE;
            }
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
     * @param round       1, 2, ... for a round at a fixed rate; 0 for a step of the throughput search.
     * @param warmedUp    the engine's counters when the warm-up had been taken in, as the measured phase started.
     * @param measuredEnd the engine's counters when the measured phase had been taken in.
     * @param pacing      whether the feed kept to its schedule in the measured phase.
     * @param feedGcs     collections of the feed's own JVM in the measured phase (with --in-process, the engine's too),
     *                    printed with the round.
     */
    public record RunResult(
        String config,
        long rate,
        int round,
        FeedResult feed,
        EngineReading warmedUp,
        EngineReading measuredEnd,
        PacingCheck.Verdict pacing,
        long feedGcs,
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

        /** The throughput search's bound: the rate achieved, every output in order, p99 and pacing within bounds. */
        boolean sustained(final double p99BoundMicros)
        {
            return pacing.valid() && feed.engineCaughtUp() && feed.outputSequenceErrors() == 0 &&
                feed.rate() >= 0.95 * rate && endToEnd().getTotalCount() > 0 &&
                endToEnd().getValueAtPercentile(99) <= p99BoundMicros * 1000;
        }

        BenchPage.Run toPageRun(final double p99BoundMicros)
        {
            return new BenchPage.Run(config, rate, round, round == 0, directory, gcCount(), gcPauseMicros(),
                round == 0 && sustained(p99BoundMicros), pacing.valid(), pacing.pacingP99Ns());
        }
    }

    public List<RunResult> run()
    {
        final List<RunResult> results = new ArrayList<>();
        out.printf(Locale.ROOT, "ringside bench: %s; %s profile, %s, %d interleaved round(s), warm-up %d s, measured "
            + "%d s per run, recording %s, data %s%n%s%n%n", configNames(), ctx.profile(),
            ctx.ownProcess() ? "engine in its own process" : "engine in this process", ctx.rounds(),
            ctx.warmupSeconds(), ctx.measureSeconds(), recordingInBrief(), ctx.data(),
            PacingCheck.describe(ctx.pacingBoundMicros()));

        for (final long rate : ctx.rates())
        {
            final List<RunResult> atRate = new ArrayList<>();
            for (int round = 1; round <= ctx.rounds(); round++)
            {
                for (final BenchConfig config : ctx.configs())
                {
                    final RunResult result = runOne(config, rate, round, ctx.warmupSeconds(), ctx.measureSeconds(),
                        "round" + round + "-");
                    atRate.add(result);
                    results.add(result);
                    out.println(describe(result));
                    out.flush();
                }
            }
            out.println();
            out.print(table(rate, rounds(atRate)));
            out.println();
            out.print(publishedTable(rate, rounds(atRate, Stages.PUBLISHED)));
            out.println();
        }

        FailoverTime failover = null;
        if (ctx.failoverRate() > 0 && ctx.configs().stream().anyMatch((c) -> BenchConfig.Kind.CLUSTER == c.kind()))
        {
            failover = new Failover(this, ctx).run(ctx.failoverRate());
            out.println(failover.describe());
            out.println();
            out.flush();
        }

        ThroughputSearch.Outcome search = null;
        BenchPage.Search searchResult = null;
        if (ctx.searchMaxRate() > 0)
        {
            search = new ThroughputSearch(this, ctx, out).run();
            results.addAll(search.steps());
            final double rawThroughput = AeronThroughput.measure(
                aeronDir(), "aeron:ipc", 1001, idleStrategy(), 77, ctx.searchMeasureSeconds());
            searchResult = new BenchPage.Search(search.sustainable(BenchConfig.ENGINE.name()),
                search.sustainable(BenchConfig.RAW_AERON.name()), rawThroughput, searchBound());
            out.printf(Locale.ROOT, "highest sustainable rate: engine %,d events/s, raw Aeron echo %,d events/s "
                + "(engine / raw %s); raw Aeron one-way throughput, same driver settings and 77-byte messages: "
                + "%,.0f msgs/s%n%n", searchResult.engineRate(), searchResult.rawAeronRate(),
                SideBySide.ratio(searchResult.ratio()), rawThroughput);
        }
        final List<BenchPage.Run> pageRuns = new ArrayList<>();
        for (final RunResult result : results)
        {
            pageRuns.add(result.toPageRun(ctx.searchP99BoundMicros()));
        }
        final BenchRounds rounds = rounds(results);
        new BenchSummary(ctx, rounds, rounds(results, Stages.PUBLISHED), pageRuns, searchResult, recording(), failover)
            .write(ctx.reportDirectory().resolve(BenchSummary.FILE));
        final Path page = new BenchPage(ctx.reportDirectory(), metadata(), pageRuns, searchResult,
            new BenchPage.Settings(ctx.rounds(), ctx.pacingBoundMicros(), recording()), failover).write();
        final int invalid = rounds.invalidRuns().size();
        if (invalid > 0)
        {
            out.printf(Locale.ROOT, "INVALID: %d of %d runs at fixed rates fell behind their schedule; their "
                + "configurations' medians leave them out (see bench.html)%n", invalid, rounds.runCount());
        }
        out.println("results: " + ctx.reportDirectory().toAbsolutePath());
        out.println("html: " + page.toAbsolutePath());
        return results;
    }

    private BenchRounds rounds(final List<RunResult> results)
    {
        return rounds(results, Stages.END_TO_END);
    }

    /** The runs' histograms of one of the feed's stages; a run without it counts as one without outputs. */
    private BenchRounds rounds(final List<RunResult> results, final String stage)
    {
        final Map<BenchPage.Run, Histogram> histograms = new LinkedHashMap<>();
        for (final RunResult result : results)
        {
            histograms.put(result.toPageRun(ctx.searchP99BoundMicros()), result.feed().histograms().get(stage));
        }
        return new BenchRounds(new ArrayList<>(histograms.keySet()), histograms::get);
    }

    /**
     * The warm-up's last part, as a feed of its own: the events of a second at the warm-up's rate, or half the warm-up
     * when that is shorter. The measured phase is a new feed (a new publication, image and source, and the data from
     * the top of its day, books emptied), and code the JIT compiled without ever seeing that takes an uncommon trap
     * there: on two cores the engine then ran deoptimised through its first 30 ms measured and fell 25 ms behind, the
     * feed 7 ms. Handing over once in the warm-up lets the JIT see the measured phase's start before it is measured.
     */
    static long handOverEvents(final long warmupRate, final long warmupEvents)
    {
        return Math.min(warmupRate, warmupEvents / 2);
    }

    /**
     * The warm-up's rate: the run's, or {@link #WARMUP_MIN_RATE} when that is higher, except for a cluster, whose
     * members on two cores do not hold it. The feed waits for the target to have taken every warm-up event in before
     * the measured phase starts, so a target slower than the warm-up starts it caught up.
     */
    static long warmupRate(final BenchConfig config, final long rate)
    {
        return BenchConfig.Kind.CLUSTER == config.kind() ? rate : Math.max(rate, WARMUP_MIN_RATE);
    }

    static String describe(final RunResult result)
    {
        return String.format(Locale.ROOT, "  %s %-15s at %,d events/s: p50 %s us, p99 %s us, max %s us, outputs %d, "
            + "gc %s, pacing error p99 %s us%s%s", result.round() == 0 ? "search " : "round " + result.round(),
            result.config(), result.rate(), micros(result.endToEnd(), 50), micros(result.endToEnd(), 99),
            micros(result.endToEnd(), 100), result.endToEnd().getTotalCount(),
            result.gcCount() < 0 ? "n/a" : Long.toString(result.gcCount()),
            SideBySide.micros(result.pacing().pacingP99Ns()),
            result.feedGcs() > 0 ? ", feed gc " + result.feedGcs() : "",
            result.pacing().valid() ? "" : " -> INVALID: " + result.pacing().reason());
    }

    private static String micros(final Histogram histogram, final double percentile)
    {
        return histogram.getTotalCount() == 0 ? "-" :
            SideBySide.micros(RoundMedians.valueAt(histogram, percentile));
    }

    private String configNames()
    {
        return ctx.configs().stream().map(BenchConfig::name).collect(Collectors.joining(", "));
    }

    /** Whether a configuration records streams to disk in this bench. */
    boolean records(final BenchConfig config)
    {
        return ctx.record() || config.alwaysRecords();
    }

    private String recordingInBrief()
    {
        final String always = ctx.configs().stream().filter(BenchConfig::alwaysRecords).map(BenchConfig::name)
            .collect(Collectors.joining(", "));
        return (ctx.record() ? "on" : "off") + (always.isEmpty() || ctx.record() ? "" : " (" + always + " always)");
    }

    /**
     * The recording setting, the same for every configuration compared but for those that always record, as the page
     * and the JSON state it.
     */
    String recording()
    {
        final StringBuilder recording = new StringBuilder();
        if (ctx.record())
        {
            recording.append("on: every configuration's embedded Aeron Archive records its ingress and egress "
                + "streams to disk");
        }
        else if (ctx.configs().stream().noneMatch(BenchConfig::alwaysRecords))
        {
            recording.append("off: no configuration records a stream (raw Aeron, the engine and ArrayBlockingQueue "
                + "alike)");
        }
        else
        {
            recording.append("off: ").append(ctx.configs().stream().filter((c) -> !c.alwaysRecords())
                .map(BenchConfig::name).collect(Collectors.joining(", "))).append(" record no stream");
        }
        for (final BenchConfig config : ctx.configs())
        {
            if (BenchConfig.Kind.DURABLE == config.kind())
            {
                recording.append("; ").append(config.name()).append(" records whatever --record says: its "
                    + "embedded archive records the sequenced log of its inputs, which it reads as recorded, and its "
                    + "egress");
            }
            else if (BenchConfig.Kind.CLUSTER == config.kind())
            {
                recording.append("; ").append(config.name()).append(" records whatever --record says: each "
                    + "member's archive records the cluster's log");
            }
        }
        return recording.toString();
    }

    String searchBound()
    {
        return String.format(Locale.ROOT, "p99 end to end <= %.0f us, >= 95%% of the rate achieved, every output "
            + "delivered in order, pacing error p99 <= %.0f us", ctx.searchP99BoundMicros(), ctx.pacingBoundMicros());
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
        metadata.put("rounds", ctx.rounds() + ", interleaved: " + configNames() + ", then again");
        metadata.put("warm-up per run", ctx.warmupSeconds() + " s");
        metadata.put("measured phase per run", ctx.measureSeconds() + " s");
        metadata.put("validity", PacingCheck.describe(ctx.pacingBoundMicros()));
        metadata.put("recording", recording());
        metadata.put("throughput search", ctx.searchMaxRate() <= 0 ? "none" : String.format(Locale.ROOT,
            "raw Aeron echo and the engine, from %,d to %,d events/s, doubling; %d s warm-up, %d s measured per "
            + "step", ctx.searchStartRate(), ctx.searchMaxRate(), ctx.searchWarmupSeconds(),
            ctx.searchMeasureSeconds()));
        if (ctx.configs().stream().anyMatch((c) -> BenchConfig.Kind.CLUSTER == c.kind()))
        {
            metadata.put("cluster", ClusterTarget.MEMBERS + " members (ringside cluster, each its own process with its "
                + "driver, archive and consensus module, Aeron Cluster's idle strategies, whatever the profile) and "
                + "the gateway, on this host; outputs over UDP on loopback");
            metadata.put("failover", ctx.failoverRate() <= 0 ? "none" : String.format(Locale.ROOT,
                "one run at %,d events/s: the leader killed with SIGKILL %d s into a %d s feed", ctx.failoverRate(),
                Failover.KILL_AFTER_SECONDS, Failover.KILL_AFTER_SECONDS + Failover.AFTER_KILL_SECONDS));
        }
        metadata.put("data", ctx.data().toString());
        metadata.put("idle strategy (raw Aeron throughput)", idleStrategy());
        metadata.putAll(ReportEnvironment.collect());
        return metadata;
    }

    private String idleStrategy()
    {
        return EngineContext.PROFILE_DEDICATED.equals(ctx.profile()) ? "busy-spin" : "backoff";
    }

    static String aeronDir()
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
        final BenchConfig config, final long rate, final int round, final long warmupSeconds,
        final long measureSeconds, final String prefix)
    {
        final Path directory = ctx.reportDirectory().resolve(prefix + config.directoryName() + "-" + rate);
        final String aeronDir = aeronDir();
        final FeedResult measured;
        final long measuredStartMs;
        final long measuredEndMs;
        final EngineReading warmedUp;
        final EngineReading measuredEnd;
        final long feedGcsBefore;
        final long feedGcs;
        try (BenchTarget target = start(config, directory, aeronDir))
        {
            final long warmupRate = warmupRate(config, rate);
            final long warmupEvents = warmupRate * warmupSeconds;
            final long handOverEvents = handOverEvents(warmupRate, warmupEvents);
            final Feed warmUp = feed(aeronDir, target, Pacing.rate(warmupRate), warmupEvents - handOverEvents, 1,
                directory.resolve(WARMUP_DIRECTORY), Long.MIN_VALUE, null);
            warmUp.run();
            long lastEventTime = warmUp.lastEventTime();
            if (handOverEvents > 0)
            {
                final Feed handOver = feed(aeronDir, target, Pacing.rate(warmupRate), handOverEvents,
                    HAND_OVER_SOURCE_ID, directory.resolve(HAND_OVER_DIRECTORY), lastEventTime + 1, null);
                handOver.run();
                lastEventTime = handOver.lastEventTime();
            }

            warmedUp = EngineReading.read(target.countersDirectory());
            // The warm-ups' garbage, collected before measuring: left in the young generation, it was collected in the
            // measured phase, a 2 to 7 ms pause of the feed's sender and listener that the target's outputs waited on.
            // Any collection left is printed with the round.
            System.gc();
            feedGcsBefore = feedGcCount();
            measuredStartMs = System.currentTimeMillis();
            // Event time carries on from the warm-up's: going back, it would hold the risk gate's order-rate window
            // (by event time) full until the replay caught up with the warm-up's orders.
            measured = feed(aeronDir, target, Pacing.rate(rate), rate * measureSeconds, 2, directory,
                lastEventTime + 1, null).run();
            measuredEndMs = System.currentTimeMillis();
            feedGcs = feedGcCount() - feedGcsBefore;
            measuredEnd = EngineReading.read(target.countersDirectory());
        }
        Feed.write(measured, directory);
        Report.writeMeasuredPhase(directory, measuredStartMs, measuredEndMs + ENGINE_LOG_SLACK_MS);
        Report.read(directory).write();
        return new RunResult(config.name(), rate, round, measured, warmedUp, measuredEnd,
            PacingCheck.of(measured.histograms().get(Stages.PACING_ERROR), ctx.pacingBoundMicros()), feedGcs,
            directory);
    }

    /** Collections of this JVM, the feed's, so far. */
    static long feedGcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
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
        final Path directory = ctx.reportDirectory().resolve(prefix + BenchConfig.ENGINE.directoryName() + "-max");
        final String aeronDir = aeronDir();
        final FeedResult result;
        final long caughtUpNs;
        final EngineReading end;
        try (BenchTarget target = start(BenchConfig.ENGINE, directory, aeronDir))
        {
            final Feed feed = feed(aeronDir, target, Pacing.max(), events, 1, directory, Long.MIN_VALUE, null);
            result = feed.run();
            caughtUpNs = feed.engineCaughtUpNs();
            end = EngineReading.read(target.countersDirectory());
        }
        Feed.write(result, directory);
        Report.read(directory).write();
        return new MaxRateResult(result, caughtUpNs, end, directory);
    }

    /** A fresh target of the configuration, on its own media driver, writing its report into the run's directory. */
    private BenchTarget start(final BenchConfig config, final Path directory, final String aeronDir)
    {
        return BenchTarget.start(config, engineContext(config, directory, aeronDir), ctx.ownProcess(), directory);
    }

    /** The engine's context for a configuration's run: its driver, profile, pipeline and log; the directory made. */
    EngineContext engineContext(final BenchConfig config, final Path directory, final String aeronDir)
    {
        final EngineContext engineCtx = new EngineContext()
            .profile(config.profile(ctx.profile()))
            .aeronDirectoryName(aeronDir)
            .pipeline(BenchConfig.Kind.BLOCKING_QUEUE == config.kind() ? "blocking-queue" : "disruptor")
            .reportDirectory(directory)
            // Each interval the latency log encodes every stage's histogram, compressed: 1.5 to 3 ms of CPU here, a
            // thread more on two cores every interval, and the baselines have no such thread. Once a second (the
            // engine's default) leaves the stages' first and last partial second out of the measured phase; end to end
            // is the feed's, whole.
            .latencyIntervalMs(EngineContext.DEFAULT_LATENCY_INTERVAL_MS);
        // One recording setting for every configuration, so none pays for a disk the others do not write; but a
        // durable engine reads what its archive records, so it has one whatever the setting.
        engineCtx.durableLog().archive(records(config)).durable(BenchConfig.Kind.DURABLE == config.kind());
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--report-dir: cannot create " + directory + ": " + ex.getMessage(), ex);
        }
        return engineCtx;
    }

    /** @param tap sees every output the feed receives; null for none. */
    Feed feed(
        final String aeronDir, final BenchTarget target, final Pacing pacing, final long events, final int sourceId,
        final Path dir, final long eventTimeNotBeforeNs, final EgressListener.Tap tap)
    {
        return new Feed(new FeedContext()
            .file(ctx.data())
            .aeronDirectoryName(aeronDir)
            .egressChannel(target.egressChannel())
            .engineAeronDirectoryName(target.accountingDirectory())
            .tap(tap)
            .sourceId(sourceId)
            .pacing(pacing)
            .maxEvents(Math.max(1, events))
            .loops(Integer.MAX_VALUE)
            .eventTimeNotBeforeNs(eventTimeNotBeforeNs)
            .progress(false)
            .reportDirectory(dir), System.err);
    }

    /**
     * End to end less delivery: to the publisher's stamp on each output, so how soon the feed reads an output, which
     * depends on how dense outputs are (an echo answers every event, an engine one in ten or twenty), is left out of
     * both.
     */
    static String publishedTable(final long rate, final BenchRounds rounds)
    {
        return SideBySide.format(String.format(Locale.ROOT, "%,d events/s: intended send -> output onto the egress "
            + "stream, the publisher's stamp (end to end less delivery), us", rate), rounds.table(rate));
    }

    /** Each percentile's median over the rounds for every configuration, and the ratios that matter. */
    static String table(final long rate, final BenchRounds rounds)
    {
        return SideBySide.format(String.format(Locale.ROOT, "%,d events/s: end to end, intended send -> output "
            + "received (us), median [min-max] over the rounds", rate), rounds.table(rate));
    }
}
