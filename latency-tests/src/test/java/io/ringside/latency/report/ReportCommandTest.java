package io.ringside.latency.report;

import io.ringside.cli.CliRun;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Stages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ringside report}: report.html beside the other files, --baseline, and --compare's exit status. */
final class ReportCommandTest
{
    @TempDir
    Path tempDir;


    private static CliRun run(final String... args)
    {
        return CliRun.of(args);
    }

    private Path run(final String name, final org.HdrHistogram.Histogram transport) throws Exception
    {
        final Path dir = Files.createDirectories(tempDir.resolve(name));
        EngineSummary.writeHistograms(dir.resolve(EngineSummary.HISTOGRAM_FILE), Map.of(Stages.TRANSPORT, transport));
        return dir;
    }

    @Test
    void reportWritesReportHtmlAndSaysWhere() throws Exception
    {
        final Path dir = IntervalLog.writeRun(tempDir.resolve("run"));
        final CliRun run = run("report", "--report-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.isRegularFile(dir.resolve("report.html")), run.toString());
        assertTrue(Files.isRegularFile(dir.resolve("summary.json")), run.toString());
        assertTrue(run.out().endsWith("html report: " + dir.resolve("report.html") + "\n"), run.toString());
        final String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<tr><th>JVM flags</th>"), "the environment at report time");
        assertFalse(html.contains("id=\"chart-compare-0\""), "no baseline, no comparison");
    }

    @Test
    void baselineAddsComparisonCharts() throws Exception
    {
        final Path dir = IntervalLog.writeRun(tempDir.resolve("run"));
        final Path base = run("base", RunDirectory.oneToThousand());
        final CliRun run = run("report", "--report-dir", dir.toString(), "--baseline", base.toString());
        assertEquals(0, run.exitCode(), run.toString());
        final String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"chart-compare-0\""), "transport against the baseline's");
        assertFalse(html.contains("id=\"chart-compare-1\""), "the only stage both runs hold");

        final CliRun missing = run("report", "--report-dir", dir.toString(), "--baseline",
            tempDir.resolve("nope").toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertEquals("ringside report: error: --baseline: no such run directory: " + tempDir.resolve("nope") + "\n",
            missing.err());
    }

    @Test
    void compareExitsThreeNamingTheRegressedStagesAndZeroOtherwise() throws Exception
    {
        final Path a = run("a", RunDirectory.oneToThousand());
        final Path b = run("b", RunDirectory.constant(1300, 1000));
        final CliRun regressed = run("report", "--compare", a.toString(), b.toString(), "--percentile", "99.9",
            "--max-ratio", "1.2");
        assertEquals(3, regressed.exitCode(), regressed.toString());
        assertTrue(regressed.out().contains("REGRESSED at p99.9, B/A above 1.20: transport\n"), regressed.toString());
        assertEquals("", regressed.err());
        assertFalse(Files.exists(b.resolve("report.html")), "--compare writes nothing");

        final CliRun allowed = run("report", "--compare", a.toString(), b.toString(), "--max-ratio", "1.31");
        assertEquals(0, allowed.exitCode(), allowed.toString());
        assertTrue(allowed.out().contains("OK at p99.9: no common stage's B/A above 1.31\n"), allowed.toString());

        final CliRun improved = run("report", "--compare", b.toString(), a.toString());
        assertEquals(0, improved.exitCode(), improved.toString());
    }

    @Test
    void compareRefusesMissingOrEmptyDirectoriesNamingCompare() throws Exception
    {
        final Path a = run("a", RunDirectory.oneToThousand());
        final Path empty = Files.createDirectories(tempDir.resolve("empty"));
        final CliRun missing = run("report", "--compare", a.toString(), tempDir.resolve("nope").toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertEquals("ringside report: error: --compare: no such run directory: " + tempDir.resolve("nope") + "\n",
            missing.err());
        final CliRun noRun = run("report", "--compare", empty.toString(), a.toString());
        assertEquals(1, noRun.exitCode(), noRun.toString());
        assertTrue(noRun.err().startsWith("ringside report: error: --compare: " + empty + " holds no run"),
            noRun.err());

        final CliRun oneDir = run("report", "--compare", a.toString());
        assertEquals(2, oneDir.exitCode(), oneDir.toString());
        assertTrue(oneDir.err().contains("--compare"), oneDir.toString());

        final CliRun badPercentile = run("report", "--compare", a.toString(), a.toString(), "--percentile", "0");
        assertEquals(1, badPercentile.exitCode(), badPercentile.toString());
        assertTrue(badPercentile.err().contains("--percentile: "), badPercentile.toString());
    }
}
