package io.ringside.latency.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The highest rate raw Aeron's echo and the engine each sustain under one bound ({@link Bench.RunResult#sustained}):
 * the rate doubled step by step from --search-from, both configurations at each rate one after the other so the
 * machine's moods fall on both, each stopping at its first rate over the bound. One 10-second step can be the
 * machine's as much as the target's, so a step over the bound is run once more and the second decides. A
 * configuration that does not hold --search-from is searched downwards, the rate halved up to {@value #MAX_HALVINGS}
 * times, so it gets a rate rather than none. The engine's rate over raw Aeron's is a throughput ratio taken in the
 * same run.
 */
final class ThroughputSearch
{
    /** The configurations searched, in the order they run at each rate. */
    static final List<BenchConfig> CONFIGS = List.of(BenchConfig.RAW_AERON, BenchConfig.ENGINE);
    /** Down to --search-from / 8. */
    static final int MAX_HALVINGS = 3;

    /** Every step run, in order, and each configuration's highest sustained rate (0 when none held). */
    record Outcome(List<Bench.RunResult> steps, Map<String, Long> sustained)
    {
        long sustainable(final String config)
        {
            return sustained.getOrDefault(config, 0L);
        }
    }

    private final Bench bench;
    private final BenchContext ctx;
    private final PrintStream out;
    private final List<Bench.RunResult> steps = new ArrayList<>();

    ThroughputSearch(final Bench bench, final BenchContext ctx, final PrintStream out)
    {
        this.bench = bench;
        this.ctx = ctx;
        this.out = out;
    }

    Outcome run()
    {
        out.printf(Locale.ROOT, "throughput search (raw Aeron echo and engine; bound: %s)%n", bench.searchBound());
        final Map<String, Long> sustained = new LinkedHashMap<>();
        final List<BenchConfig> searching = new ArrayList<>(CONFIGS);
        CONFIGS.forEach((config) -> sustained.put(config.name(), 0L));
        for (long rate = ctx.searchStartRate(); rate <= ctx.searchMaxRate() && !searching.isEmpty(); rate *= 2)
        {
            for (final BenchConfig config : List.copyOf(searching))
            {
                if (holds(config, rate))
                {
                    sustained.put(config.name(), rate);
                }
                else
                {
                    searching.remove(config);
                }
            }
        }
        final List<BenchConfig> below = new ArrayList<>();
        CONFIGS.stream().filter((config) -> 0 == sustained.get(config.name())).forEach(below::add);
        long rate = ctx.searchStartRate() / 2;
        for (int halving = 0; halving < MAX_HALVINGS && rate > 0 && !below.isEmpty(); halving++, rate /= 2)
        {
            for (final BenchConfig config : List.copyOf(below))
            {
                if (holds(config, rate))
                {
                    sustained.put(config.name(), rate);
                    below.remove(config);
                }
            }
        }
        return new Outcome(steps, sustained);
    }

    /** One step at {@code rate}, and a second when the first broke the bound: the second decides. */
    private boolean holds(final BenchConfig config, final long rate)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            final Bench.RunResult result =
                bench.runOne(config, rate, 0, ctx.searchWarmupSeconds(), ctx.searchMeasureSeconds(),
                    0 == attempt ? "search-" : "search-again-");
            steps.add(result);
            final boolean ok = result.sustained(ctx.searchP99BoundMicros());
            out.println(Bench.describe(result) + String.format(Locale.ROOT, ", achieved %,.0f/s -> %s%s",
                result.feed().rate(), ok ? "held" : "over", ok || attempt > 0 ? "" : ": once more"));
            out.flush();
            if (ok)
            {
                return true;
            }
        }
        return false;
    }
}
