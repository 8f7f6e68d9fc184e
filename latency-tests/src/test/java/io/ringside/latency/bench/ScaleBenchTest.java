package io.ringside.latency.bench;

import io.ringside.cli.Ringside;
import io.ringside.latency.report.Json;
import io.ringside.latency.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scale-bench end to end, small: a generated exchange day of 200 symbols against the AAPL hour, real engines in their
 * own processes. What is checked is what the numbers stand on (both inputs, every round, every event taken in, none
 * refused) and the arithmetic of the summary, never how fast anything went.
 */
final class ScaleBenchTest
{
    private static final Path AAPL_ITCH = Path.of("..", "..", "shared", "data", "itch", "AAPL_2012-06-21.itch50.gz");
    private static final int ROUNDS = 1;
    private static final long MAX_EVENTS = 100_000;
    private static final long RATE = 20_000;
    private static final long MEASURE_S = 1;

    @TempDir
    Path tempDir;

    @Test
    @SuppressWarnings("unchecked")
    void bothInputsEveryRoundEveryEventTakenInNoneRefusedAndRatiosOfTheMedians() throws IOException
    {
        final Path reportDir = tempDir.resolve("report");
        final String output = runCommandLine("scale-bench", "--aapl", AAPL_ITCH.toString(),
            "--data-dir", tempDir.resolve("data").toString(), "--symbols", "200", "--messages", "200k",
            "--rounds", Integer.toString(ROUNDS), "--rate", Long.toString(RATE), "--warmup", "1s",
            "--measure", MEASURE_S + "s", "--max-events", Long.toString(MAX_EVENTS),
            "--report-dir", reportDir.toString());

        final Map<String, Object> json = (Map<String, Object>)Json.parse(
            Files.readString(reportDir.resolve(ScaleBench.SUMMARY_FILE)));
        final Map<String, Object> inputs = (Map<String, Object>)json.get("inputs");
        assertEquals(ScaleBench.INPUTS, List.copyOf(inputs.keySet()), output);
        for (final String input : ScaleBench.INPUTS)
        {
            final Map<String, Object> results = (Map<String, Object>)inputs.get(input);
            final List<Map<String, Object>> rounds = (List<Map<String, Object>>)results.get("rounds");
            assertEquals(ROUNDS, rounds.size(), input);
            for (int r = 0; r < ROUNDS; r++)
            {
                final Map<String, Object> round = rounds.get(r);
                assertEquals(r + 1L, round.get("round"));
                final Map<String, Object> metrics = (Map<String, Object>)round.get("metrics");
                final String where = input + " round " + (r + 1) + ": " + metrics;
                assertEquals(MAX_EVENTS, value(metrics, "throughput.events_sent"), where);
                assertEquals(MAX_EVENTS, value(metrics, "throughput.events_in"), where);
                assertEquals(0, value(metrics, "throughput.rejected"), where);
                assertEquals(RATE * MEASURE_S, value(metrics, "latency.measured_events_sent"), where);
                assertEquals(RATE * MEASURE_S, value(metrics, "latency.measured_events_in"), where);
                assertEquals(0, value(metrics, "latency.rejected"), where);
                assertTrue(value(metrics, "throughput.gc_count") >= 0 && value(metrics, "latency.gc_count") >= 0, where);
                assertTrue(value(metrics, "latency.heap_used_after_warmup_bytes") > 0, where);
                assertTrue(value(metrics, "latency.end_to_end.p50") > 0, where);
                assertTrue(value(metrics, "latency.service.surveillance.p99") > 0, "per-stage: " + where);
                // Each run's own report, as bench writes it.
                for (final String directory : List.of("throughput_directory", "latency_directory"))
                {
                    assertTrue(Files.isRegularFile(
                        reportDir.resolve((String)round.get(directory)).resolve(Report.SUMMARY_FILE)), where);
                }
            }
            // Each metric's summary is the median, min and max of its rounds.
            final Map<String, Object> summary = (Map<String, Object>)results.get("summary");
            for (final Map.Entry<String, Object> metric : summary.entrySet())
            {
                final double[] values = rounds.stream().mapToDouble((round) ->
                    value((Map<String, Object>)round.get("metrics"), metric.getKey())).sorted().toArray();
                final Map<String, Object> spread = (Map<String, Object>)metric.getValue();
                assertEquals(ScaleBench.median(values), value(spread, "median"), metric.getKey());
                assertEquals(values[0], value(spread, "min"), metric.getKey());
                assertEquals(values[values.length - 1], value(spread, "max"), metric.getKey());
            }
        }

        // The ratios, exactly: exchange's median over aapl's.
        final Map<String, Object> ratios = (Map<String, Object>)json.get("ratios");
        assertEquals(List.copyOf(ScaleBench.RATIOS.keySet()), List.copyOf(ratios.keySet()));
        for (final Map.Entry<String, String> ratio : ScaleBench.RATIOS.entrySet())
        {
            final double exchange = median(inputs, ScaleBench.EXCHANGE, ratio.getValue());
            final double aapl = median(inputs, ScaleBench.AAPL, ratio.getValue());
            assertTrue(aapl > 0, ratio.getValue());
            assertEquals(exchange / aapl, value(ratios, ratio.getKey()), ratio.getKey());
        }
        assertTrue(output.contains("exchange/aapl"), output);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheMiddleTwo()
    {
        assertEquals(5.0, ScaleBench.median(new double[]{ 1, 5, 7 }));
        assertEquals(3.0, ScaleBench.median(new double[]{ 1, 2, 4, 10 }));
        assertEquals(2.5, ScaleBench.median(new double[]{ 2.5 }));
    }

    @Test
    void aGeneratedExchangeDayIsReusedWithTheSameParametersAndMadeAgainWithOthers() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        final Path first = scaleBench(300, print).exchangeDay();
        Files.setLastModifiedTime(first, FileTime.fromMillis(0));
        assertEquals(first, scaleBench(300, print).exchangeDay());
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(first), "reused, not written again");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("reusing " + first), out.toString());

        assertNotEquals(first, scaleBench(301, print).exchangeDay(), "other symbols, another file");

        // A file whose size is not the one it was made with (cut short, say) is made again.
        Files.write(first, new byte[]{ 0 });
        assertEquals(first, scaleBench(300, print).exchangeDay());
        assertTrue(Files.size(first) > 1);
    }

    private ScaleBench scaleBench(final int symbols, final PrintStream out)
    {
        return new ScaleBench(new ScaleBench.Settings(AAPL_ITCH, null, tempDir.resolve("data"), symbols, 20_000, 0,
            RATE, 1, MEASURE_S, 1, tempDir.resolve("report")), out);
    }

    @SuppressWarnings("unchecked")
    private static double median(final Map<String, Object> inputs, final String input, final String metric)
    {
        final Map<String, Object> summary = (Map<String, Object>)((Map<String, Object>)inputs.get(input)).get("summary");
        return value((Map<String, Object>)summary.get(metric), "median");
    }

    private static double value(final Map<String, Object> object, final String key)
    {
        final Object value = object.get(key);
        assertTrue(value instanceof Number, key + " is not a number in " + object);
        return ((Number)value).doubleValue();
    }

    /** The command line in this process, its standard output captured. */
    private static String runCommandLine(final String... args)
    {
        final PrintStream originalOut = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8))
        {
            System.setOut(captured);
            exitCode = Ringside.execute(args);
        }
        finally
        {
            System.setOut(originalOut);
        }
        final String output = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, output);
        return output;
    }
}
