package io.ringside.latency.bench;

import io.ringside.latency.demo.Demo;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.report.BenchPage;
import io.ringside.latency.report.Json;
import io.ringside.latency.report.RoundMedians;
import io.ringside.latency.report.Spread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench end to end, tiny: one low rate, two rounds of a one-second warm-up and a one-second measured phase, a search of one step per configuration, every
 * target in this process. What is checked is the summary's structure and arithmetic (the rounds, their validity by
 * the pacing bound, medians, spreads and ratios recomputed from the rounds' own values), never how fast anything went.
 */
final class BenchTest
{
    private static final long RATE = 5_000;
    private static final int ROUNDS = 2;
    private static final double PACING_BOUND_US = 1_000;

    @TempDir
    Path tempDir;

    @SuppressWarnings("unchecked")
    private static <T> T at(final Object json, final Object... path)
    {
        Object node = json;
        for (final Object key : path)
        {
            node = key instanceof Integer ?
                ((List<Object>)node).get((Integer)key) : ((Map<String, Object>)node).get(key);
        }
        return (T)node;
    }

    private static double number(final Object value)
    {
        return ((Number)value).doubleValue();
    }

    @Test
    void roundsMediansSpreadsRatiosAndBothSearchesInTheSummary() throws Exception
    {
        final Path reportDir = tempDir.resolve("bench");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Bench(new BenchContext()
            .rates(List.of(RATE))
            .rounds(ROUNDS)
            .warmupSeconds(1)
            .measureSeconds(1)
            .ownProcess(false)
            .data(Path.of("..").resolve(Demo.BUNDLED_DATA))
            .searchStartRate(RATE)
            .searchMaxRate(RATE)
            .searchWarmupSeconds(0)
            .searchMeasureSeconds(1)
            .pacingBoundMicros(PACING_BOUND_US)
            .reportDirectory(reportDir), new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        final String printed = out.toString(StandardCharsets.UTF_8);

        final Object json = Json.parse(Files.readString(reportDir.resolve(BenchSummary.FILE)));
        assertEquals("ns", at(json, "units"), printed);
        assertEquals((long)ROUNDS, (Long)at(json, "rounds"));
        assertEquals(false, at(json, "recording"));
        assertTrue(((String)at(json, "recording_setting")).startsWith("off: no configuration records"));
        assertEquals(1_000_000L, (Long)at(json, "pacing_bound_ns"));
        final List<Object> rates = at(json, "rates");
        assertEquals(1, rates.size());
        assertEquals(RATE, (Long)at(rates, 0, "rate"));
        final Map<String, Object> configs = at(rates, 0, "configs");
        assertEquals(BenchPage.CONFIGS, new ArrayList<>(configs.keySet()));

        long invalid = 0;
        for (final String config : BenchPage.CONFIGS)
        {
            final Object summary = configs.get(config);
            final List<Object> rounds = at(summary, "rounds");
            assertEquals(ROUNDS, rounds.size(), config);
            final List<Long> valid = new ArrayList<>();
            final List<Long> withOutputs = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++)
            {
                final Object round = rounds.get(r);
                assertEquals(r + 1L, (Long)at(round, "round"));
                assertEquals("round" + (r + 1) + "-" + config + "-" + RATE, at(round, "directory"));
                assertTrue(Files.isRegularFile(reportDir.resolve((String)at(round, "directory")).resolve(
                    "summary.json")), config);
                for (final String warmUp : List.of(Bench.WARMUP_DIRECTORY, Bench.HAND_OVER_DIRECTORY))
                {
                    assertTrue(Files.isRegularFile(reportDir.resolve((String)at(round, "directory")).resolve(warmUp)
                        .resolve(Feed.INTERVALS_FILE)), config + ": the warm-up's two feeds, " + warmUp);
                }
                final long pacingP99 = at(round, "pacing_error_p99");
                assertEquals(pacingP99 >= 0 && pacingP99 <= PACING_BOUND_US * 1_000, at(round, "valid"),
                    config + " round " + (r + 1) + ": valid exactly when the pacing error p99 is within the bound");
                if ((Boolean)at(round, "valid"))
                {
                    valid.add(r + 1L);
                }
                else
                {
                    invalid++;
                }
                if ((Long)at(round, "outputs") > 0)
                {
                    withOutputs.add(r + 1L);
                }
                assertTrue((Long)at(round, "outputs") > 0, config + ": every round has outputs\n" + printed);
            }
            final List<Long> counted = at(summary, "median_of_rounds");
            assertEquals(valid.isEmpty() ? withOutputs : valid, counted, config);
            assertEquals(!valid.isEmpty(), at(summary, "median_of_valid_rounds_only"));
            for (final String key : RoundMedians.KEYS)
            {
                final double[] values = counted.stream()
                    .mapToDouble((round) -> number(at(rounds, (int)(round - 1), "end_to_end", key))).toArray();
                final Spread expected = Spread.of(values);
                final Object spread = at(summary, "end_to_end", key);
                assertEquals(expected.median(), number(at(spread, "median")), config + " " + key);
                assertEquals(expected.min(), number(at(spread, "min")), config + " " + key);
                assertEquals(expected.max(), number(at(spread, "max")), config + " " + key);
            }
        }
        assertEquals(invalid, (Long)at(json, "invalid_runs"));
        for (final String key : RoundMedians.KEYS)
        {
            final double raw = number(at(configs, BenchPage.RAW_AERON, "end_to_end", key, "median"));
            final double engine = number(at(configs, BenchPage.ENGINE, "end_to_end", key, "median"));
            final double abq = number(at(configs, BenchPage.BLOCKING_QUEUE, "end_to_end", key, "median"));
            assertEquals(engine / raw, number(at(rates, 0, "ratios", "engine_over_raw_aeron", key)), key);
            assertEquals(abq / engine, number(at(rates, 0, "ratios", "blocking_queue_over_engine", key)), key);
        }

        final Object search = at(json, "search");
        final List<Object> steps = at(search, "steps");
        assertEquals(List.of(BenchPage.RAW_AERON, BenchPage.ENGINE),
            steps.stream().map((step) -> (String)at(step, "config")).distinct().toList(), "both configurations");
        assertEquals(RATE, (Long)at(steps.get(0), "rate"), "the search starts at --search-from");
        for (final String config : List.of(BenchPage.RAW_AERON, BenchPage.ENGINE))
        {
            // A step over the bound runs once more; one that never holds --search-from is searched downwards.
            long highest = 0;
            for (final Object step : steps)
            {
                final long rate = at(step, "rate");
                assertTrue(rate <= RATE && rate >= RATE >> ThroughputSearch.MAX_HALVINGS, "step rate " + rate);
                if (config.equals(at(step, "config")) && (Boolean)at(step, "sustained"))
                {
                    highest = Math.max(highest, rate);
                }
            }
            assertEquals(highest, (Long)at(search, "highest_sustainable_rate", config), config);
        }
        final long engineRate = at(search, "highest_sustainable_rate", "engine");
        final long rawRate = at(search, "highest_sustainable_rate", "raw-aeron");
        if (rawRate > 0)
        {
            assertEquals((double)engineRate / rawRate, number(at(search, "engine_over_raw_aeron")));
        }
        else
        {
            assertNull(at(search, "engine_over_raw_aeron"));
        }
        assertTrue(number(at(search, "raw_aeron_one_way_msgs_per_s")) > 0);

        final String html = Files.readString(reportDir.resolve(BenchPage.FILE));
        assertTrue(html.contains(invalid == 0 ? "<div class=\"banner valid\" id=\"validity\">" :
            "<div class=\"banner invalid\" id=\"validity\">"), "the banner says what the summary says");
        assertTrue(printed.contains(String.format("%,d events/s: end to end, intended send -> output received (us), "
            + "median [min-max] over the rounds", RATE)), printed);
    }
}
