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
 * machine's moods fall on both, each stopping at its first step over the bound. The engine's rate over raw Aeron's is
 * a throughput ratio taken in the same run.
 */
final class ThroughputSearch
{
    /** The configurations searched, in the order they run at each rate. */
    static final List<BenchConfig> CONFIGS = List.of(BenchConfig.RAW_AERON, BenchConfig.ENGINE);

    /** Every step run, in order, and each configuration's highest sustained rate (0 when its first step broke). */
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

    ThroughputSearch(final Bench bench, final BenchContext ctx, final PrintStream out)
    {
        this.bench = bench;
        this.ctx = ctx;
        this.out = out;
    }

    Outcome run()
    {
        out.printf(Locale.ROOT, "throughput search (raw Aeron echo and engine; bound: %s)%n", bench.searchBound());
        final List<Bench.RunResult> steps = new ArrayList<>();
        final Map<String, Long> sustained = new LinkedHashMap<>();
        final List<BenchConfig> searching = new ArrayList<>(CONFIGS);
        CONFIGS.forEach((config) -> sustained.put(config.name(), 0L));
        for (long rate = ctx.searchStartRate(); rate <= ctx.searchMaxRate() && !searching.isEmpty(); rate *= 2)
        {
            for (final BenchConfig config : List.copyOf(searching))
            {
                final Bench.RunResult result =
                    bench.runOne(config, rate, 0, ctx.searchWarmupSeconds(), ctx.searchMeasureSeconds(),
                        "search-");
                steps.add(result);
                final boolean ok = result.sustained(ctx.searchP99BoundMicros());
                out.println(Bench.describe(result) + String.format(Locale.ROOT, ", achieved %,.0f/s -> %s",
                    result.feed().rate(), ok ? "held" : "over"));
                out.flush();
                if (ok)
                {
                    sustained.put(config.name(), rate);
                }
                else
                {
                    searching.remove(config);
                }
            }
        }
        return new Outcome(steps, sustained);
    }
}
