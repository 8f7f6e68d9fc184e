package io.ringside.latency.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench's table at one rate: each percentile end to end (µs) for raw Aeron, the engine and ArrayBlockingQueue as
 * the median over the rounds with [min-max], the ratios engine / raw Aeron and ArrayBlockingQueue / engine of the
 * medians, then outputs, GCs per round and how many rounds were valid. The same rows are printed by {@code bench} and
 * drawn on {@link BenchPage}, so the page and the terminal cannot disagree.
 */
public final class SideBySide
{
    public static final List<String> HEADER =
        List.of("", "raw Aeron", "engine", "blocking queue", "engine / raw", "ABQ / engine");

    private SideBySide()
    {
    }

    /**
     * @param raw    raw Aeron's rounds, or null when it did not run.
     * @param engine the engine's, or null.
     * @param abq    ArrayBlockingQueue's, or null.
     * @param gc     each one's GC count per round of its measured phases, in the same order; negative when not known.
     */
    public static List<List<String>> rows(
        final RoundMedians raw, final RoundMedians engine, final RoundMedians abq, final List<long[]> gc)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < RoundMedians.PERCENTILES.length; i++)
        {
            final Spread r = spread(raw, i);
            final Spread e = spread(engine, i);
            final Spread a = spread(abq, i);
            rows.add(List.of(RoundMedians.NAMES[i], micros(r), micros(e), micros(a),
                ratio(RoundMedians.ratio(e, r)), ratio(RoundMedians.ratio(a, e))));
        }
        rows.add(List.of("outputs", count(raw), count(engine), count(abq), "", ""));
        rows.add(List.of("gc", gc(gc.get(0)), gc(gc.get(1)), gc(gc.get(2)), "", ""));
        rows.add(List.of("valid", valid(raw), valid(engine), valid(abq), "", ""));
        return rows;
    }

    /** The rows as the terminal shows them, under a title line and the header. */
    public static String format(final String title, final List<List<String>> rows)
    {
        final StringBuilder table = new StringBuilder(title).append(System.lineSeparator());
        line(table, HEADER);
        rows.forEach((row) -> line(table, row));
        return table.toString();
    }

    private static void line(final StringBuilder table, final List<String> row)
    {
        table.append(String.format(Locale.ROOT, "%-8s %26s %26s %26s %13s %13s", row.toArray()).stripTrailing())
            .append(System.lineSeparator());
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
