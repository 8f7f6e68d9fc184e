package io.ringside.latency.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The bench's table at one rate: each percentile end to end (µs) for every configuration that ran, as the median over
 * the rounds with [min-max], the ratios of the medians that matter (engine / raw Aeron, ArrayBlockingQueue / engine,
 * durable / engine, cluster / engine, and each engine:PROFILE / engine, of those that ran), then outputs, GCs per round
 * and how many rounds were valid. The same rows are printed by {@code bench} and drawn on {@link BenchPage}, so the
 * page and the terminal cannot disagree.
 */
public final class SideBySide
{
    /** numerator / denominator of two configurations' medians; {@code key} names it in bench-summary.json. */
    public record Ratio(String numerator, String denominator, String label, String key)
    {
    }

    /** A header and its rows: the row's name, {@code configColumns} configurations, then the ratios. */
    public record Table(List<String> header, List<List<String>> rows, int configColumns)
    {
    }

    /** The ratios against the baselines: in bench-summary.json whether or not both ran (null then). */
    public static final List<Ratio> BASELINE_RATIOS = List.of(
        new Ratio(BenchPage.ENGINE, BenchPage.RAW_AERON, "engine / raw", "engine_over_raw_aeron"),
        new Ratio(BenchPage.BLOCKING_QUEUE, BenchPage.ENGINE, "ABQ / engine", "blocking_queue_over_engine"));

    private SideBySide()
    {
    }

    /** The ratios whose configurations both ran, in the table's order. */
    public static List<Ratio> ratios(final Collection<String> configs)
    {
        final List<Ratio> candidates = new ArrayList<>(BASELINE_RATIOS);
        candidates.add(new Ratio(BenchPage.DURABLE, BenchPage.ENGINE, "durable / engine", "durable_over_engine"));
        candidates.add(new Ratio(BenchPage.CLUSTER, BenchPage.ENGINE, "cluster / engine", "cluster_over_engine"));
        for (final String config : configs)
        {
            if (config.startsWith(BenchPage.ENGINE + ":"))
            {
                candidates.add(new Ratio(config, BenchPage.ENGINE, config + " / engine", config + "_over_engine"));
            }
        }
        final List<Ratio> ratios = new ArrayList<>();
        for (final Ratio ratio : candidates)
        {
            if (configs.contains(ratio.numerator()) && configs.contains(ratio.denominator()))
            {
                ratios.add(ratio);
            }
        }
        return ratios;
    }

    /** A configuration's column heading. */
    public static String column(final String config)
    {
        return switch (config)
        {
            case BenchPage.RAW_AERON -> "raw Aeron";
            case BenchPage.BLOCKING_QUEUE -> "blocking queue";
            default -> config;
        };
    }

    /**
     * @param configs the configurations, in the table's order.
     * @param medians each one's rounds, in the same order; null for one that did not run.
     * @param gc      each one's GC count per round of its measured phases; negative when not known.
     */
    public static Table table(final List<String> configs, final List<RoundMedians> medians, final List<long[]> gc)
    {
        final List<Ratio> ratios = ratios(configs);
        final List<String> header = new ArrayList<>();
        header.add("");
        configs.forEach((config) -> header.add(column(config)));
        ratios.forEach((ratio) -> header.add(ratio.label()));
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < RoundMedians.PERCENTILES.length; i++)
        {
            final List<String> row = new ArrayList<>();
            row.add(RoundMedians.NAMES[i]);
            for (final RoundMedians rounds : medians)
            {
                row.add(micros(spread(rounds, i)));
            }
            for (final Ratio ratio : ratios)
            {
                row.add(ratio(RoundMedians.ratio(spread(medians.get(configs.indexOf(ratio.numerator())), i),
                    spread(medians.get(configs.indexOf(ratio.denominator())), i))));
            }
            rows.add(row);
        }
        rows.add(row("outputs", medians.stream().map(SideBySide::count).toList(), ratios.size()));
        rows.add(row("gc", gc.stream().map(SideBySide::gc).toList(), ratios.size()));
        rows.add(row("valid", medians.stream().map(SideBySide::valid).toList(), ratios.size()));
        return new Table(header, rows, configs.size());
    }

    private static List<String> row(final String name, final List<String> cells, final int emptyCells)
    {
        final List<String> row = new ArrayList<>();
        row.add(name);
        row.addAll(cells);
        for (int i = 0; i < emptyCells; i++)
        {
            row.add("");
        }
        return row;
    }

    /** The table as the terminal shows it, under a title line: configurations 26 wide, ratios 13 or their label. */
    public static String format(final String title, final Table table)
    {
        final StringBuilder format = new StringBuilder("%-8s");
        for (int c = 1; c < table.header().size(); c++)
        {
            final int width = c <= table.configColumns() ? 26 : Math.max(13, table.header().get(c).length());
            format.append(" %").append(width).append('s');
        }
        final StringBuilder text = new StringBuilder(title).append(System.lineSeparator());
        line(text, format.toString(), table.header());
        table.rows().forEach((row) -> line(text, format.toString(), row));
        return text.toString();
    }

    private static void line(final StringBuilder text, final String format, final List<String> row)
    {
        text.append(String.format(Locale.ROOT, format, row.toArray()).stripTrailing()).append(System.lineSeparator());
    }

    private static Spread spread(final RoundMedians rounds, final int percentile)
    {
        return null == rounds ? null : rounds.spread(percentile);
    }

    /** A median in µs with one decimal and its [min-max]; "-" when there is none. */
    public static String micros(final Spread spread)
    {
        if (null == spread)
        {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f [%.1f-%.1f]", spread.median() / 1e3, spread.min() / 1e3,
            spread.max() / 1e3);
    }

    /** A value in µs with one decimal; "-" when negative (no value). */
    public static String micros(final long ns)
    {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ns / 1e3);
    }

    public static String ratio(final double ratio)
    {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String count(final RoundMedians rounds)
    {
        final Spread outputs = null == rounds ? null : rounds.outputs();
        return null == outputs ? "-" : String.format(Locale.ROOT, "%.0f", outputs.median());
    }

    private static String gc(final long[] perRound)
    {
        if (null == perRound || perRound.length == 0)
        {
            return "-";
        }
        final StringBuilder cell = new StringBuilder();
        for (final long count : perRound)
        {
            cell.append(cell.length() == 0 ? "" : "/").append(count < 0 ? "n/a" : Long.toString(count));
        }
        return cell.toString();
    }

    private static String valid(final RoundMedians rounds)
    {
        return null == rounds ? "-" : rounds.validRounds() + " of " + rounds.rounds();
    }
}
