package io.ringside.latency.demo;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.report.HtmlReport;
import io.ringside.latency.report.PacingCheck;
import io.ringside.latency.report.Report;
import io.ringside.latency.report.ReportEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole system in one process: an engine with its embedded driver, a feed of recorded data into it, and the
 * latency report of the run, printed and written to the engine's report directory. Warm-up passes on engines of their
 * own come first, so the measured pass is the JIT's steady state rather than its compilation, and a banner says
 * whether the measured pass is valid.
 */
public final class Demo
{
    /** The recorded AAPL hour, relative to the project directory. */
    public static final String BUNDLED_DATA = "latency-tests/data/AAPL_2012-06-21_34200000_37800000_message_50.csv";
    /** Scenario files planted in the bundled data: each plays out one surveillance rule or strategy. */
    public static final String SCENARIOS = "latency-tests/data/scenarios";
    public static final String EXAMPLE_CONFIG = "docs/ringside.conf";
    public static final long DEFAULT_RATE = 50_000;
    /** One pass warms the JIT up: the recorded hour is short enough that a cold run measures mostly compilation. */
    public static final int DEFAULT_WARMUP_PASSES = 1;
    /** Where the warm-up passes' engine writes, under the report directory; nothing there is reported. */
    public static final String WARMUP_DIRECTORY = "warm-up";

    private final EngineContext engineCtx;
    private final List<Path> files;
    private final long rate;
    private final int warmupPasses;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param engineCtx the engine's settings; concluded here, so a bad one fails before anything starts.
     * @param files     recorded data, merged by event time.
     * @param rate      events/s.
     * @param out       where the configuration, summary and report go.
     * @param err       where the feed's progress and read errors go.
     */
    public Demo(
        final EngineContext engineCtx, final List<Path> files, final long rate, final PrintStream out,
        final PrintStream err)
    {
        this(engineCtx, files, rate, DEFAULT_WARMUP_PASSES, out, err);
    }

    /**
     * @param warmupPasses passes before the measured one, each on an engine of its own fed the same data at the same
     *                     rate and then discarded, so the measured engine's state and outputs are a cold run's while
     *                     this JVM's code is warm; 0 measures the first pass.
     */
    public Demo(
        final EngineContext engineCtx, final List<Path> files, final long rate, final int warmupPasses,
        final PrintStream out, final PrintStream err)
    {
        if (warmupPasses < 0)
        {
            throw new IllegalArgumentException("--warmup-passes: must be >= 0: " + warmupPasses);
        }
        this.engineCtx = engineCtx.conclude();
        this.files = List.copyOf(files);
        this.rate = rate;
        this.warmupPasses = warmupPasses;
        this.out = out;
        this.err = err;
    }

    /** The bundled hour and, after it in name order, every scenario file, all under {@code home}. */
    public static List<Path> bundledFiles(final Path home)
    {
        final List<Path> files = new ArrayList<>(List.of(home.resolve(BUNDLED_DATA)));
        try (Stream<Path> scenarios = Files.list(home.resolve(SCENARIOS)))
        {
            scenarios.filter((path) -> path.toString().endsWith(".csv")).sorted().forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("demo: cannot list " + SCENARIOS + ": " + ex.getMessage());
        }
        return files;
    }

    /** The engine's configuration, one setting a line, as {@code ringside engine} prints it at start. */
    public static void printConfiguration(final PrintStream out, final EngineContext ctx)
    {
        out.println("ringside engine configuration");
        for (final Map.Entry<String, String> setting : ctx.describe().entrySet())
        {
            out.printf("  %-18s %s%n", setting.getKey(), setting.getValue());
        }
        out.flush();
    }

    /**
     * Run it: engine up, feed to the end, engine stopped, then the summary, the feed's result and the report.
     *
     * @return true when the engine accounted for every event the feed sent.
     */
    public boolean run()
    {
        final Path reportDir = engineCtx.reportDirectory();
        printConfiguration(out, engineCtx);
        out.println();

        for (int pass = 1; pass <= warmupPasses; pass++)
        {
            warmUp(pass);
        }

        final FeedResult feedResult;
        final EngineSummary summary;
        try (Engine engine = Engine.launch(engineCtx))
        {
            out.println((warmupPasses > 0 ? "measured pass: a fresh engine, " : "measured pass (no warm-up: "
                + "mostly JIT compilation), ") + "feeding " + files.stream().map((path) -> path.getFileName()
                .toString()).toList() + " at " + rate + " events/s");
            feedResult = new Feed(new FeedContext()
                .files(files)
                .aeronDirectoryName(engineCtx.aeronDirectoryName())
                .pacing(Pacing.rate(rate))
                .reportDirectory(reportDir), err).run();
            summary = engine.stop();
        }
        out.println();
        summary.print(out);
        summary.writeTo(reportDir);
        out.println();
        feedResult.print(out);
        Feed.write(feedResult, reportDir);
        out.println();

        final Report report = Report.read(reportDir);
        report.print(out);
        out.println();
        out.println("written: " + report.write().values());
        out.println("html report: " + new HtmlReport(report, ReportEnvironment.collect()).write());
        out.println();
        out.println(banner(feedResult));
        return feedResult.engineCaughtUp();
    }

    /** Whether the measured pass is worth reading: the engine took in everything and the feed kept to its schedule. */
    static String banner(final FeedResult feed)
    {
        final PacingCheck.Verdict pacing =
            PacingCheck.of(feed.histograms().get(Stages.PACING_ERROR), PacingCheck.DEFAULT_BOUND_MICROS);
        if (!feed.engineCaughtUp())
        {
            return "*** INVALID RUN: the engine did not take in every event sent; the latencies are not its steady "
                + "state ***";
        }
        if (!pacing.valid())
        {
            return "*** INVALID RUN: " + pacing.reason() + "; end to end holds the feed's lateness too ***";
        }
        return String.format(Locale.ROOT, "valid run: the feed kept to its schedule (pacing error p99 %.1f us, "
            + "within %,.0f us)", pacing.pacingP99Ns() / 1e3, PacingCheck.DEFAULT_BOUND_MICROS);
    }

    /**
     * One pass that is not measured: an engine of its own (its own media driver directory and report directory)
     * fed the same data at the same rate, then stopped and dropped, so the JIT has compiled the hot paths before the
     * measured pass starts and that pass's engine still starts empty, giving the same outputs as without it.
     */
    private void warmUp(final int pass)
    {
        final String aeronDir = engineCtx.aeronDirectoryName();
        final Path reportDir = engineCtx.reportDirectory();
        final Path warmUpDir = reportDir.resolve(WARMUP_DIRECTORY);
        final long startNs = System.nanoTime();
        final FeedResult result;
        engineCtx.aeronDirectoryName(aeronDir + "-" + WARMUP_DIRECTORY).reportDirectory(warmUpDir);
        try (Engine engine = Engine.launch(engineCtx))
        {
            result = new Feed(new FeedContext()
                .files(files)
                .aeronDirectoryName(engineCtx.aeronDirectoryName())
                .pacing(Pacing.rate(rate))
                .reportDirectory(warmUpDir), err).run();
            engine.stop();
        }
        finally
        {
            engineCtx.aeronDirectoryName(aeronDir).reportDirectory(reportDir);
        }
        out.printf(Locale.ROOT, "warm-up pass %d of %d: a separate engine fed the same data, not measured and its "
            + "outputs not counted: %,d events in %.1f s (files in %s)%n", pass, warmupPasses, result.eventsSent(),
            (System.nanoTime() - startNs) / 1e9, warmUpDir);
        out.flush();
    }
}
