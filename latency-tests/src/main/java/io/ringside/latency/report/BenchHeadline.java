package io.ringside.latency.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.ringside.latency.report.BenchPage.BLOCKING_QUEUE;
import static io.ringside.latency.report.BenchPage.CLUSTER;
import static io.ringside.latency.report.BenchPage.DURABLE;
import static io.ringside.latency.report.BenchPage.ENGINE;
import static io.ringside.latency.report.BenchPage.RAW_AERON;

/**
 * The bench's findings in a few lines, at the top of {@link BenchPage}: per rate the engine's p50 and p99 against
 * both baselines, and the durable engine's and the cluster's against the engine's; then the cluster's failover and
 * the throughput search. Every ratio is of the medians over the rounds.
 */
final class BenchHeadline
{
    private BenchHeadline()
    {
    }

    /**
     * @param search   null when the run had no throughput search.
     * @param failover null when it had no cluster failover.
     */
    static List<String> lines(final BenchRounds rounds, final BenchPage.Search search, final FailoverTime failover)
    {
        final List<String> lines = new ArrayList<>();
        for (final long rate : rounds.rates())
        {
            final RoundMedians raw = rounds.medians(rate, RAW_AERON);
            final RoundMedians engine = rounds.medians(rate, ENGINE);
            final RoundMedians abq = rounds.medians(rate, BLOCKING_QUEUE);
            if (null == engine || null == engine.spread(RoundMedians.P99))
            {
                continue;
            }
            // Against each baseline that ran.
            final List<String> baselines = new ArrayList<>();
            if (null != raw)
            {
                baselines.add(String.format(Locale.ROOT, "%s raw Aeron's (%s µs)",
                    SideBySide.ratio(ratio(engine, raw, RoundMedians.P99)), median(raw, RoundMedians.P99)));
            }
            if (null != abq)
            {
                baselines.add(String.format(Locale.ROOT, "%s ArrayBlockingQueue's (%s µs)",
                    SideBySide.ratio(ratio(engine, abq, RoundMedians.P99)), median(abq, RoundMedians.P99)));
            }
            lines.add(String.format(Locale.ROOT, "%,d events/s: engine p99 %s µs%s; p50 %s µs%s.", rate,
                median(engine, RoundMedians.P99), baselines.isEmpty() ? "" : " = " + String.join(", ", baselines),
                median(engine, 0), null == raw ? "" : " against raw Aeron's " + median(raw, 0) + " µs"));
            against(lines, rate, rounds.medians(rate, DURABLE), "the durable engine", engine,
                " (goal: p50 within 2x)");
            against(lines, rate, rounds.medians(rate, CLUSTER), "the cluster", engine, "");
        }
        if (null != failover)
        {
            lines.add(failover.describe() + ".");
        }
        if (null == search)
        {
            lines.add("No throughput search in this run.");
        }
        else
        {
            lines.add(String.format(Locale.ROOT, "Highest sustainable rate: engine %,d events/s with books, rules and "
                + "strategies running = %s raw Aeron echo's %,d events/s (%s).", search.engineRate(),
                SideBySide.ratio(search.ratio()), search.rawAeronRate(), search.bound()));
        }
        return lines;
    }

    private static void against(
        final List<String> lines, final long rate, final RoundMedians other, final String name,
        final RoundMedians engine, final String goal)
    {
        if (null != other && null != other.spread(RoundMedians.P99))
        {
            lines.add(String.format(Locale.ROOT, "%,d events/s: %s p50 %s µs = %s the engine's (%s µs)%s; p99 %s µs = "
                + "%s the engine's (%s µs).", rate, name, median(other, 0), SideBySide.ratio(ratio(other, engine, 0)),
                median(engine, 0), goal, median(other, RoundMedians.P99),
                SideBySide.ratio(ratio(other, engine, RoundMedians.P99)), median(engine, RoundMedians.P99)));
        }
    }

    private static String median(final RoundMedians rounds, final int percentile)
    {
        final Spread spread = null == rounds ? null : rounds.spread(percentile);
        return null == spread ? "-" : String.format(Locale.ROOT, "%.1f", spread.median() / 1e3);
    }

    private static double ratio(final RoundMedians numerator, final RoundMedians denominator, final int percentile)
    {
        return null == numerator || null == denominator ?
            Double.NaN : RoundMedians.ratio(numerator.spread(percentile), denominator.spread(percentile));
    }
}
