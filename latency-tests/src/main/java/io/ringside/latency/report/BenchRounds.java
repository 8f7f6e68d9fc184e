package io.ringside.latency.report;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A bench's fixed-rate runs grouped by rate and configuration, each configuration's rounds in order, with its
 * {@link RoundMedians}: what {@code bench} prints and writes to bench-summary.json and what {@link BenchPage} draws,
 * computed in one place. The configurations are in the order the runs came in: the order each round ran them.
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
            configs.forEach((config, rounds) ->
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
            });
            medians.put(rate, atRate);
        });
    }

    public List<Long> rates()
    {
        return List.copyOf(byRate.keySet());
    }

    /** The configurations that ran at the rate, in the order they ran. */
    public List<String> configs(final long rate)
    {
        return List.copyOf(byRate.getOrDefault(rate, Map.of()).keySet());
    }

    /** The configurations that ran at any rate, in the order they first ran. */
    public List<String> configs()
    {
        final Set<String> configs = new LinkedHashSet<>();
        byRate.values().forEach((atRate) -> configs.addAll(atRate.keySet()));
        return List.copyOf(configs);
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

    /** Per configuration, in {@link #configs(long)}' order, its GC count in each round. */
    public List<long[]> gc(final long rate)
    {
        final List<long[]> gc = new ArrayList<>();
        for (final String config : configs(rate))
        {
            final List<BenchPage.Run> rounds = rounds(rate, config);
            gc.add(rounds.isEmpty() ? null : rounds.stream().mapToLong(BenchPage.Run::gcCount).toArray());
        }
        return gc;
    }

    /** The table {@code bench} prints and the page shows at a rate. */
    public SideBySide.Table table(final long rate)
    {
        final List<String> configs = configs(rate);
        return SideBySide.table(configs, configs.stream().map((config) -> medians(rate, config)).toList(), gc(rate));
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
