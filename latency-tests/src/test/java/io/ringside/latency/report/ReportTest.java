package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.PercentileTable;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.feed.Feed;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ReportTest
{
    private static final String FULL_RUN_JSON = String.join("\n",
        "{",
        "  \"units\": \"ns\",",
        "  \"pacing\": \"fixed rate, 50000 events/s\",",
        "  \"rate\": 50000.0,",
        "  \"target_rate\": 50000,",
        "  \"events_in\": 91998,",
        "  \"rejected\": 1,",
        "  \"gaps\": 2,",
        "  \"duplicates\": 3,",
        "  \"alerts\": 7,",
        "  \"orders\": 1234,",
        "  \"backpressure\": 5,",
        "  \"undelivered\": 0,",
        "  \"events_sent\": 91998,",
        "  \"read_errors\": 2,",
        "  \"feed_backpressure\": 6,",
        "  \"alerts_received\": 7,",
        "  \"orders_received\": 1234,",
        "  \"output_sequence_errors\": 0,",
        "  \"output_digest\": \"0123456789abcdef\",",
        "  \"stages\": {",
        "    \"transport\": { \"count\": 1000, \"p50\": 500, \"p90\": 900, \"p99\": 990, \"p99_9\": 999,"
            + " \"p99_99\": 1000, \"max\": 1000 },",
        "    \"queue.surveillance\": { \"count\": 100, \"p50\": 100, \"p90\": 100, \"p99\": 100, \"p99_9\": 2000,"
            + " \"p99_99\": 2000, \"max\": 2000 },",
        "    \"service.surveillance\": { \"count\": 10, \"p50\": 150, \"p90\": 150, \"p99\": 150, \"p99_9\": 150,"
            + " \"p99_99\": 150, \"max\": 150 },",
        "    \"queue.strategy\": { \"count\": 10, \"p50\": 300, \"p90\": 300, \"p99\": 300, \"p99_9\": 300,"
            + " \"p99_99\": 300, \"max\": 300 },",
        "    \"service.strategy\": { \"count\": 10, \"p50\": 250, \"p90\": 250, \"p99\": 250, \"p99_9\": 250,"
            + " \"p99_99\": 250, \"max\": 250 },",
        "    \"service.egress\": { \"count\": 0, \"p50\": 0, \"p90\": 0, \"p99\": 0, \"p99_9\": 0,"
            + " \"p99_99\": 0, \"max\": 0 },",
        "    \"end_to_end\": { \"count\": 100, \"p50\": 1000, \"p90\": 1000, \"p99\": 1000, \"p99_9\": 1000,"
            + " \"p99_99\": 1000, \"max\": 1000 },",
        "    \"published\": { \"count\": 100, \"p50\": 960, \"p90\": 960, \"p99\": 960, \"p99_9\": 960,"
            + " \"p99_99\": 960, \"max\": 960 },",
        "    \"delivery\": { \"count\": 100, \"p50\": 40, \"p90\": 40, \"p99\": 40, \"p99_9\": 40,"
            + " \"p99_99\": 40, \"max\": 40 },",
        "    \"pacing_error\": { \"count\": 91998, \"p50\": 20, \"p90\": 20, \"p99\": 20, \"p99_9\": 20,"
            + " \"p99_99\": 20, \"max\": 20 },",
        "    \"custom.stage\": { \"count\": 3, \"p50\": 7, \"p90\": 7, \"p99\": 7, \"p99_9\": 7,"
            + " \"p99_99\": 7, \"max\": 7 }",
        "  }",
        "}",
        "");

    @TempDir
    Path tempDir;

    private Path fullRun() throws Exception
    {
        final Path dir = tempDir.resolve("run");
        RunDirectory.writeEngine(dir);
        RunDirectory.writeFeed(dir);
        return dir;
    }

    @Test
    void stagesComeInReportOrderThenStagesOfOtherNames() throws Exception
    {
        final Report report = Report.read(fullRun());
        final List<String> expected = new ArrayList<>(Arrays.asList(Stages.ALL));
        expected.add("custom.stage");
        assertEquals(expected, new ArrayList<>(report.histograms().keySet()));
    }

    @Test
    void countsAndPercentilesAreThoseRecorded() throws Exception
    {
        final Map<String, Histogram> histograms = Report.read(fullRun()).histograms();

        final Histogram transport = histograms.get(Stages.TRANSPORT);
        assertEquals(1000, transport.getTotalCount());
        assertEquals(500, transport.getValueAtPercentile(50.0));
        assertEquals(900, transport.getValueAtPercentile(90.0));
        assertEquals(990, transport.getValueAtPercentile(99.0));
        assertEquals(999, transport.getValueAtPercentile(99.9));
        assertEquals(1000, transport.getValueAtPercentile(99.99));
        assertEquals(1, transport.getMinValue());
        assertEquals(1000, transport.getMaxValue());
        assertEquals(RunDirectory.oneToThousand(), transport, "the whole distribution survives the log");

        final Histogram queue = histograms.get(Stages.QUEUE_SURVEILLANCE);
        assertEquals(100, queue.getTotalCount());
        assertEquals(100, queue.getValueAtPercentile(99.0));
        assertEquals(2000, queue.getValueAtPercentile(99.9));
        assertEquals(2000, queue.getMaxValue());

        assertEquals(0, histograms.get(Stages.SERVICE_EGRESS).getTotalCount());
        assertEquals(100, histograms.get(Stages.END_TO_END).getTotalCount());
        assertEquals(1000, histograms.get(Stages.END_TO_END).getMaxValue());
        assertEquals(91_998, histograms.get(Stages.PACING_ERROR).getTotalCount());
        assertEquals(3, histograms.get("custom.stage").getTotalCount());
    }

    @Test
    void histogramsOfTheSameStageInBothLogsAreAdded() throws Exception
    {
        final Path dir = tempDir.resolve("merged");
        Files.createDirectories(dir);
        EngineSummary.writeHistograms(dir.resolve(EngineSummary.HISTOGRAM_FILE),
            Map.of(Stages.END_TO_END, RunDirectory.constant(1000, 3)));
        EngineSummary.writeHistograms(dir.resolve(Feed.HISTOGRAM_FILE),
            Map.of(Stages.END_TO_END, RunDirectory.constant(2000, 1)));
        final Histogram endToEnd = Report.read(dir).histograms().get(Stages.END_TO_END);
        assertEquals(4, endToEnd.getTotalCount());
        assertEquals(1000, endToEnd.getValueAtPercentile(75.0));
        assertEquals(2000, endToEnd.getMaxValue());
    }

    @Test
    void jsonIsExactlyTheRunsCountsAndPercentilesInNanoseconds() throws Exception
    {
        assertEquals(FULL_RUN_JSON, Report.read(fullRun()).toJson());
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonParsesAndHoldsEveryFieldWithItsValue() throws Exception
    {
        final Map<String, Object> json = (Map<String, Object>)Json.parse(Report.read(fullRun()).toJson());
        assertEquals(List.of("units", "pacing", "rate", "target_rate", "events_in", "rejected", "gaps", "duplicates",
            "alerts", "orders", "backpressure", "undelivered", "events_sent", "read_errors", "feed_backpressure",
            "alerts_received", "orders_received", "output_sequence_errors", "output_digest", "stages"),
            new ArrayList<>(json.keySet()));
        assertEquals("ns", json.get("units"));
        assertEquals("fixed rate, 50000 events/s", json.get("pacing"));
        assertEquals(50_000.0, json.get("rate"));
        assertEquals(50_000L, json.get("target_rate"));
        assertEquals(91_998L, json.get("events_in"));
        assertEquals(91_998L, json.get("events_sent"));
        assertEquals(1234L, json.get("orders"));
        assertEquals(6L, json.get("feed_backpressure"));
        assertEquals("0123456789abcdef", json.get("output_digest"));

        final Map<String, Object> stages = (Map<String, Object>)json.get("stages");
        assertEquals(11, stages.size());
        final Map<String, Object> transport = (Map<String, Object>)stages.get(Stages.TRANSPORT);
        assertEquals(List.of("count", "p50", "p90", "p99", "p99_9", "p99_99", "max"),
            new ArrayList<>(transport.keySet()));
        assertEquals(List.of(1000L, 500L, 900L, 990L, 999L, 1000L, 1000L), new ArrayList<>(transport.values()));
    }

    @Test
    void anEngineOnlyRunHasNullFeedFieldsAndOnlyEngineStages() throws Exception
    {
        final Path dir = tempDir.resolve("engine-only");
        RunDirectory.writeEngine(dir);
        final String json = Report.read(dir).toJson();
        Json.parse(json);
        assertTrue(json.contains("  \"pacing\": \"\",\n  \"rate\": null,\n  \"target_rate\": null,\n"), json);
        assertTrue(json.contains("  \"events_in\": 91998,\n"), json);
        assertTrue(json.contains("  \"events_sent\": null,\n"), json);
        assertTrue(json.contains("  \"output_sequence_errors\": null,\n"), json);
        assertFalse(json.contains(Stages.END_TO_END), json);
        assertEquals(List.of(Stages.TRANSPORT, Stages.QUEUE_SURVEILLANCE, Stages.SERVICE_SURVEILLANCE,
            Stages.QUEUE_STRATEGY, Stages.SERVICE_STRATEGY, Stages.SERVICE_EGRESS, "custom.stage"),
            new ArrayList<>(Report.read(dir).histograms().keySet()));
    }

    @Test
    void aFeedOnlyRunHasNullEngineFields() throws Exception
    {
        final Path dir = tempDir.resolve("feed-only");
        RunDirectory.writeFeed(dir);
        final Report report = Report.read(dir);
        final String json = report.toJson();
        Json.parse(json);
        assertTrue(json.contains("  \"events_in\": null,\n"), json);
        assertTrue(json.contains("  \"undelivered\": null,\n"), json);
        assertTrue(json.contains("  \"events_sent\": 91998,\n"), json);
        assertEquals(List.of(Stages.END_TO_END, Stages.PUBLISHED, Stages.DELIVERY, Stages.PACING_ERROR),
            new ArrayList<>(report.histograms().keySet()));
    }

    @Test
    void stringsAreEscapedAndNonNumbersBecomeNull() throws Exception
    {
        final Path dir = tempDir.resolve("odd");
        RunDirectory.writeFeed(dir);
        final String counts = Files.readString(dir.resolve(Feed.COUNTS_FILE), StandardCharsets.UTF_8)
            .replace("pacing=fixed rate, 50000 events/s", "pacing=say \"hi\" \\\\ to\\n\\tthem")
            .replace("rate=50000.0", "rate=fast");
        Files.writeString(dir.resolve(Feed.COUNTS_FILE), counts, StandardCharsets.UTF_8);

        final String json = Report.read(dir).toJson();
        assertTrue(json.contains("  \"pacing\": \"say \\\"hi\\\" \\\\ to\\n\\u0009them\",\n"), json);
        assertTrue(json.contains("  \"rate\": null,\n"), json);
        assertTrue(json.contains("  \"target_rate\": 50000,\n"), json);
        @SuppressWarnings("unchecked")
        final Map<String, Object> parsed = (Map<String, Object>)Json.parse(json);
        assertEquals("say \"hi\" \\ to\n\tthem", parsed.get("pacing"));
    }

    @Test
    void writeCreatesAPercentileFilePerStageAndSummaryJson() throws Exception
    {
        final Path dir = fullRun();
        final Report report = Report.read(dir);
        final Map<String, Path> written = report.write();

        final List<String> expectedKeys = new ArrayList<>(Arrays.asList(Stages.ALL));
        expectedKeys.add("custom.stage");
        expectedKeys.add(Report.SUMMARY_FILE);
        assertEquals(expectedKeys, new ArrayList<>(written.keySet()));
        for (final String stage : report.histograms().keySet())
        {
            assertEquals(dir.resolve(stage + ".hgrm"), written.get(stage));
            assertTrue(Files.isRegularFile(written.get(stage)), stage);
        }
        assertEquals(dir.resolve("summary.json"), written.get(Report.SUMMARY_FILE));
        assertEquals(FULL_RUN_JSON, Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8));

        final List<String> endToEnd = Files.readAllLines(dir.resolve("end_to_end.hgrm"), StandardCharsets.UTF_8);
        assertEquals("Value     Percentile TotalCount 1/(1-Percentile)", endToEnd.get(0).trim());
        assertEquals("", endToEnd.get(1));
        assertEquals("       1.000 0.000000000000        100           1.00", endToEnd.get(2),
            "values in microseconds, as many decimals as the histogram's 3 significant digits");
        assertEquals("#[Mean    =        1.000, StdDeviation   =        0.000]", endToEnd.get(endToEnd.size() - 3));
        assertEquals("#[Max     =        1.000, Total count    =          100]", endToEnd.get(endToEnd.size() - 2));
        assertTrue(endToEnd.get(endToEnd.size() - 1).startsWith("#[Buckets = "), endToEnd.get(endToEnd.size() - 1));

        final List<String> transport = Files.readAllLines(dir.resolve("transport.hgrm"), StandardCharsets.UTF_8);
        assertEquals("#[Mean    =        0.501, StdDeviation   =        0.289]", transport.get(transport.size() - 3));
        assertEquals("#[Max     =        1.000, Total count    =         1000]", transport.get(transport.size() - 2));

        // Exactly HdrHistogram's own rendering of the distribution recorded, in microseconds.
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(expected, true, StandardCharsets.UTF_8))
        {
            RunDirectory.oneToThousand().outputPercentileDistribution(out, 5, 1000.0);
        }
        assertEquals(expected.toString(StandardCharsets.UTF_8),
            Files.readString(dir.resolve("transport.hgrm"), StandardCharsets.UTF_8));
    }

    @Test
    void printShowsTheRunAndThePercentileTable() throws Exception
    {
        final Path dir = fullRun();
        final Report report = Report.read(dir);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            report.print(out);
        }
        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("ringside latency report: " + dir + "\n"
            + "  feed: fixed rate, 50000 events/s, 91998 events sent at 50000.0 events/s\n"
            + "  engine: events_in 91998, rejected 1, gaps 2, duplicates 3, alerts 7, orders 1234, backpressure 5\n"
            + "\n"
            + PercentileTable.format(report.histograms()), text);
        assertTrue(text.contains(String.format("%-22s %10d %10s %10s %10s %10s %10s %10s%n",
            Stages.SERVICE_EGRESS, 0, "-", "-", "-", "-", "-", "-")), text);
        assertTrue(text.contains(String.format("%-22s %10d %10s %10s %10s %10s %10s %10s%n",
            Stages.TRANSPORT, 1000, "0.50", "0.90", "0.99", "1.00", "1.00", "1.00")), text);
    }

    @Test
    void aMissingDirectoryIsRefusedNamingDir()
    {
        final Path missing = tempDir.resolve("no-such-run");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Report.read(missing));
        assertTrue(ex.getMessage().startsWith("--report-dir: no such directory: " + missing), ex.getMessage());
    }

    @Test
    void aDirectoryWithoutARunIsRefusedNamingDirAndTheFilesExpected() throws Exception
    {
        final Path empty = Files.createDirectories(tempDir.resolve("empty"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Report.read(empty));
        assertEquals("--report-dir: " + empty + " holds no run: expected engine.hlog and/or feed.hlog", ex.getMessage());

        // Counts without histograms are still no run.
        RunDirectory.writeEngine(tempDir.resolve("counts-only"));
        Files.delete(tempDir.resolve("counts-only").resolve(EngineSummary.HISTOGRAM_FILE));
        assertThrows(IllegalArgumentException.class, () -> Report.read(tempDir.resolve("counts-only")));
    }

    @Test
    void aCorruptHistogramLogIsRefusedNamingTheFile() throws Exception
    {
        final Path dir = Files.createDirectories(tempDir.resolve("corrupt"));
        Files.writeString(dir.resolve(EngineSummary.HISTOGRAM_FILE), "0.000,1.000,2.000,not-a-histogram\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Report.read(dir));
        assertTrue(ex.getMessage().startsWith("cannot read histogram log " + dir.resolve("engine.hlog")),
            ex.getMessage());
    }
}
