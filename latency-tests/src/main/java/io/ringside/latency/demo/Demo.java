package io.ringside.latency.demo;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.report.HtmlReport;
import io.ringside.latency.report.Report;
import io.ringside.latency.report.ReportEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole system in one process: an engine with its embedded driver, a feed of recorded data into it, and the
 * latency report of the run, printed and written to the engine's report directory.
 */
public final class Demo
{
    /** The recorded AAPL hour, relative to the project directory. */
    public static final String BUNDLED_DATA = "latency-tests/data/AAPL_2012-06-21_34200000_37800000_message_50.csv";
    /** Scenario files planted in the bundled data: each plays out one surveillance rule or strategy. */
    public static final String SCENARIOS = "latency-tests/data/scenarios";
    public static final String EXAMPLE_CONFIG = "docs/ringside.conf";
    public static final long DEFAULT_RATE = 50_000;

    private final EngineContext engineCtx;
    private final List<Path> files;
    private final long rate;
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
        this.engineCtx = engineCtx.conclude();
        this.files = List.copyOf(files);
        this.rate = rate;
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

        final FeedResult feedResult;
        final EngineSummary summary;
        try (Engine engine = Engine.launch(engineCtx))
        {
            out.println("feeding " + files.stream().map((path) -> path.getFileName().toString()).toList()
                + " at " + rate + " events/s");
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
        return feedResult.engineCaughtUp();
    }
}
