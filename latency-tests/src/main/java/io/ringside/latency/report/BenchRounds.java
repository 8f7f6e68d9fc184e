package io.ringside.latency.report;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A bench's fixed-rate runs grouped by rate and configuration, each configuration's rounds in order, with its
 * {@link RoundMedians}: what {@code bench} prints and writes to bench-summary.json and what {@link BenchPage} draws,
 * computed in one place.
 */
public final class BenchRounds
{
    private final Map<Long, Map<String, List<BenchPage.Run>>> byRate = new LinkedHashMap<>();
    private final Map<Long, Map<String, RoundMedians>> medians = new LinkedHashMap<>();

    /**
     * @param runs     every run of the bench; search steps are left out.
     * @param endToEnd a run's end to end (ns), or null when it has none.
     */
    public BenchRounds(final List<BenchPage.Run> runs, final Function<BenchPage.Run, Histogram> endToEnd)
    {
        for (final BenchPage.Run run : runs)
        {
            if (!run.search())
            {
                byRate.computeIfAbsent(run.rate(), (ignore) -> new LinkedHashMap<>())
                    .computeIfAbsent(run.config(), (ignore) -> new ArrayList<>()).add(run);
            }
        }
        byRate.forEach((rate, configs) ->
        {
            final Map<String, RoundMedians> atRate = new LinkedHashMap<>();
            for (final String config : BenchPage.CONFIGS)
            {
                final List<BenchPage.Run> rounds = configs.get(config);
                if (null != rounds)
                {
                    rounds.sort(Comparator.comparingInt(BenchPage.Run::round));
                    final List<Histogram> histograms = new ArrayList<>();
                    final List<Boolean> valid = new ArrayList<>();
                    for (final BenchPage.Run run : rounds)
                    {
                        histograms.add(endToEnd.apply(run));
                        valid.add(run.valid());
                    }
                    atRate.put(config, new RoundMedians(histograms, valid));
                }
            }
            medians.put(rate, atRate);
        });
    }

    public List<Long> rates()
    {
        return List.copyOf(byRate.keySet());
    }

    /** The configuration's rounds at the rate, in round order; empty when it did not run. */
    public List<BenchPage.Run> rounds(final long rate, final String config)
    {
        final List<BenchPage.Run> rounds = byRate.getOrDefault(rate, Map.of()).get(config);
        return null == rounds ? List.of() : List.copyOf(rounds);
    }

    /** null when the configuration did not run at the rate. */
    public RoundMedians medians(final long rate, final String config)
    {
        return medians.getOrDefault(rate, Map.of()).get(config);
    }

    /** The run drawn for a configuration at a rate: its median round's; null when none has outputs. */
    public BenchPage.Run medianRun(final long rate, final String config)
    {
        final RoundMedians m = medians(rate, config);
        return null == m || m.medianRound() < 0 ? null : rounds(rate, config).get(m.medianRound());
    }

    /** Per configuration, in {@link BenchPage#CONFIGS}' order, its GC count in each round; null when it did not run. */
    public List<long[]> gc(final long rate)
    {
        final List<long[]> gc = new ArrayList<>();
        for (final String config : BenchPage.CONFIGS)
        {
            final List<BenchPage.Run> rounds = rounds(rate, config);
            gc.add(rounds.isEmpty() ? null : rounds.stream().mapToLong(BenchPage.Run::gcCount).toArray());
        }
        return gc;
    }

    /** The table {@code bench} prints and the page shows at a rate. */
    public List<List<String>> table(final long rate)
    {
        return SideBySide.rows(medians(rate, BenchPage.RAW_AERON), medians(rate, BenchPage.ENGINE),
            medians(rate, BenchPage.BLOCKING_QUEUE), gc(rate));
    }

    /** Fixed-rate runs in all, and those invalid. */
    public int runCount()
    {
        return byRate.values().stream().mapToInt((configs) -> configs.values().stream().mapToInt(List::size).sum())
            .sum();
    }

    public List<BenchPage.Run> invalidRuns()
    {
        final List<BenchPage.Run> invalid = new ArrayList<>();
        byRate.values().forEach((configs) -> configs.values().forEach((rounds) -> rounds.forEach((run) ->
        {
            if (!run.valid())
            {
                invalid.add(run);
            }
        })));
        return invalid;
    }
}
