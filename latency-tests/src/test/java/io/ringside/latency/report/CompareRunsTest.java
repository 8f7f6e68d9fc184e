package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Latency;
import io.ringside.engine.metrics.Stages;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class CompareRunsTest
{
    @TempDir
    Path tempDir;

    /** 2, 4, ..., 2000 ns: every percentile of {@link RunDirectory#oneToThousand()} doubled, exactly. */
    private static Histogram doubled()
    {
        final Histogram histogram = Latency.newHistogram();
        for (int value = 2; value <= 2000; value += 2)
        {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private Path run(final String name, final Map<String, Histogram> histograms) throws Exception
    {
        final Path dir = Files.createDirectories(tempDir.resolve(name));
        EngineSummary.writeHistograms(dir.resolve(EngineSummary.HISTOGRAM_FILE), histograms);
        return dir;
    }

    private Path baseline() throws Exception
    {
        final Map<String, Histogram> a = new LinkedHashMap<>();
        a.put("custom.stage", RunDirectory.constant(7, 3));
        a.put(Stages.SERVICE_EGRESS, Latency.newHistogram());
        a.put(Stages.SERVICE_STRATEGY, RunDirectory.constant(250, 10));
        a.put(Stages.QUEUE_SURVEILLANCE, RunDirectory.withOneOutlier());
        a.put(Stages.TRANSPORT, RunDirectory.oneToThousand());
        return run("a", a);
    }

    private Path candidate() throws Exception
    {
        final Map<String, Histogram> b = new LinkedHashMap<>();
        b.put(Stages.TRANSPORT, doubled());                             // regressed: x2 everywhere
        b.put(Stages.QUEUE_SURVEILLANCE, RunDirectory.constant(100, 100)); // improved: the outlier is gone
        b.put(Stages.SERVICE_STRATEGY, RunDirectory.constant(250, 10));    // equal
        b.put(Stages.SERVICE_EGRESS, Latency.newHistogram());              // empty in both
        b.put(Stages.END_TO_END, RunDirectory.constant(1_000_000, 5));     // only in B: never judged
        return run("b", b);
    }

    @Test
    void theTableIsBothRunsAndTheirRatioPerCommonStageAndTheVerdictNamesTheRegressedStage() throws Exception
    {
        final Path a = baseline();
        final Path b = candidate();
        final RunComparison comparison = RunComparison.of(a, b, 99.9, 1.2);
        assertEquals(String.join("\n",
            "A: " + a,
            "B: " + b,
            "stage (us)             run       count        p50        p90        p99      p99.9     p99.99        max",
            "transport              A          1000       0.50       0.90       0.99       1.00       1.00       1.00",
            "                       B          1000       1.00       1.80       1.98       2.00       2.00       2.00",
            "                       B/A        1.00       2.00       2.00       2.00       2.00       2.00       2.00",
            "queue.surveillance     A           100       0.10       0.10       0.10       2.00       2.00       2.00",
            "                       B           100       0.10       0.10       0.10       0.10       0.10       0.10",
            "                       B/A        1.00       1.00       1.00       1.00       0.05       0.05       0.05",
            "service.strategy       A            10       0.25       0.25       0.25       0.25       0.25       0.25",
            "                       B            10       0.25       0.25       0.25       0.25       0.25       0.25",
            "                       B/A        1.00       1.00       1.00       1.00       1.00       1.00       1.00",
            "service.egress         A             0          -          -          -          -          -          -",
            "                       B             0          -          -          -          -          -          -",
            "                       B/A        1.00          -          -          -          -          -          -",
            "",
            "only in A (not compared): custom.stage",
            "only in B (not compared): end_to_end",
            "empty in a run (not judged): service.egress",
            "REGRESSED at p99.9, B/A above 1.20: transport",
            "  transport                    1.00 ->       2.00 us  B/A 2.00",
            ""), comparison.format());
        assertEquals(3, comparison.exitStatus());
        assertEquals(List.of(Stages.TRANSPORT), comparison.regressed());
        assertEquals(List.of(Stages.TRANSPORT, Stages.QUEUE_SURVEILLANCE, Stages.SERVICE_STRATEGY,
            Stages.SERVICE_EGRESS), comparison.commonStages());
        assertEquals(List.of("custom.stage"), comparison.onlyInA());
        assertEquals(List.of(Stages.END_TO_END), comparison.onlyInB());
        assertEquals(2.0, comparison.ratioAt(Stages.TRANSPORT));
        assertEquals(0.05, comparison.ratioAt(Stages.QUEUE_SURVEILLANCE));
        assertEquals(1.0, comparison.ratioAt(Stages.SERVICE_STRATEGY));
    }

    @Test
    void theVerdictDependsOnThePercentileJudged() throws Exception
    {
        final Path a = baseline();
        final Path b = candidate();
        // At the median nothing but transport moved; at p99.99 the outlier's disappearance is an improvement.
        assertEquals(List.of(Stages.TRANSPORT), RunComparison.of(a, b, 50.0, 1.2).regressed());
        // Swapped, the outlier appears: queue.surveillance regresses x20 at p99.9 but not at p99.
        assertEquals(List.of(Stages.QUEUE_SURVEILLANCE), RunComparison.of(b, a, 99.9, 1.2).regressed());
        assertEquals(0, RunComparison.of(b, a, 99.0, 1.2).exitStatus());
        assertEquals(3, RunComparison.of(b, a, 100.0, 1.2).exitStatus(), "100 is the max");
        assertTrue(RunComparison.of(b, a, 100.0, 1.2).format()
            .contains("REGRESSED at max, B/A above 1.20: queue.surveillance\n"));
    }

    @Test
    void anImprovedRunPasses() throws Exception
    {
        final Path slow = run("slow", Map.of(Stages.TRANSPORT, doubled()));
        final Path fast = run("fast", Map.of(Stages.TRANSPORT, RunDirectory.oneToThousand()));
        final RunComparison comparison = RunComparison.of(slow, fast, 99.9, 1.2);
        assertEquals(0, comparison.exitStatus());
        assertEquals(0.5, comparison.ratioAt(Stages.TRANSPORT));
        assertTrue(comparison.format().endsWith("\nOK at p99.9: no common stage's B/A above 1.20\n"),
            comparison.format());
    }

    @Test
    void anEqualRunPassesEvenAtARatioOfOneAndTheLimitItselfIsAllowed() throws Exception
    {
        final Path a = baseline();
        assertEquals(0, RunComparison.of(a, a, 99.9, 1.0).exitStatus());
        final Path b = candidate();
        assertEquals(0, RunComparison.of(a, b, 99.9, 2.0).exitStatus(), "B/A == max-ratio is not a regression");
        assertEquals(3, RunComparison.of(a, b, 99.9, 1.99).exitStatus());
    }

    @Test
    void aStageOnlyInOneRunIsListedButNeverJudged() throws Exception
    {
        final Path a = run("only-a", Map.of(Stages.TRANSPORT, RunDirectory.oneToThousand(),
            "gone", RunDirectory.constant(1, 1)));
        final Path b = run("only-b", Map.of(Stages.TRANSPORT, RunDirectory.oneToThousand(),
            "new", RunDirectory.constant(1_000_000, 1)));
        final RunComparison comparison = RunComparison.of(a, b, 99.9, 1.2);
        assertEquals(List.of(Stages.TRANSPORT), comparison.commonStages());
        assertEquals(List.of("gone"), comparison.onlyInA());
        assertEquals(List.of("new"), comparison.onlyInB());
        assertEquals(0, comparison.exitStatus());
    }

    @Test
    void aStageFromNothingToSomethingIsAnInfiniteRegression()
    {
        final RunComparison comparison = RunComparison.of(Map.of("x", RunDirectory.constant(0, 5)),
            Map.of("x", RunDirectory.constant(10, 5)), 50.0, 1000.0);
        assertEquals(Double.POSITIVE_INFINITY, comparison.ratioAt("x"));
        assertEquals(3, comparison.exitStatus());
        assertTrue(comparison.format().contains("B/A inf\n"), comparison.format());
    }

    @Test
    void missingOrEmptyDirectoriesAreRefusedNamingCompare() throws Exception
    {
        final Path a = baseline();
        final Path missing = tempDir.resolve("missing");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> RunComparison.of(a, missing, 99.9, 1.2));
        assertEquals("--compare: no such run directory: " + missing, ex.getMessage());

        final Path empty = Files.createDirectories(tempDir.resolve("empty"));
        ex = assertThrows(IllegalArgumentException.class, () -> RunComparison.of(empty, a, 99.9, 1.2));
        assertEquals("--compare: " + empty + " holds no run: expected engine.hlog and/or feed.hlog", ex.getMessage());
    }

    @Test
    void unusablePercentilesAndRatiosAreRefusedNamingTheOption() throws Exception
    {
        final Path a = baseline();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunComparison.of(a, a, 0.0, 1.2))
            .getMessage().startsWith("--percentile: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunComparison.of(a, a, 100.1, 1.2))
            .getMessage().startsWith("--percentile: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunComparison.of(a, a, 99.0, 0.0))
            .getMessage().startsWith("--max-ratio: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunComparison.of(a, a, 99.0, Double.NaN))
            .getMessage().startsWith("--max-ratio: "));
    }
}
