package io.ringside.latency.report;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench's table at one rate: each percentile end to end (µs) for raw Aeron, the engine and ArrayBlockingQueue,
 * with engine / raw Aeron and ArrayBlockingQueue / engine, then outputs and GCs. The same rows are printed by
 * {@code bench} and drawn on {@link BenchPage}, so the page and the terminal cannot disagree.
 */
public final class SideBySide
{
    public static final List<String> HEADER =
        List.of("", "raw Aeron", "engine", "blocking queue", "engine / raw", "ABQ / engine");
    private static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99, 100 };
    private static final String[] NAMES = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };

    private SideBySide()
    {
    }

    /**
     * @param raw    raw Aeron's end to end, or null when it did not run.
     * @param engine the engine's, or null.
     * @param abq    ArrayBlockingQueue's, or null.
     * @param gc     each one's GC count in its measured phase, in the same order; negative when not known.
     */
    public static List<List<String>> rows(
        final Histogram raw, final Histogram engine, final Histogram abq, final long[] gc)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            final double p = PERCENTILES[i];
            rows.add(List.of(NAMES[i], micros(raw, p), micros(engine, p), micros(abq, p),
                ratio(engine, raw, p), ratio(abq, engine, p)));
        }
        rows.add(List.of("outputs", count(raw), count(engine), count(abq), "", ""));
        rows.add(List.of("gc", gc(gc[0]), gc(gc[1]), gc(gc[2]), "", ""));
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
        table.append(String.format(Locale.ROOT, "%-10s %12s %12s %16s %14s %14s", row.toArray()).stripTrailing())
            .append(System.lineSeparator());
    }

    /** The value at a percentile in µs with one decimal (100: the max); "-" when there is none. */
    public static String micros(final Histogram histogram, final double percentile)
    {
        if (null == histogram || histogram.getTotalCount() == 0)
        {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", valueAt(histogram, percentile) / 1000.0);
    }

    private static long valueAt(final Histogram histogram, final double percentile)
    {
        return percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
    }

    private static String ratio(final Histogram numerator, final Histogram denominator, final double percentile)
    {
        if (null == numerator || null == denominator || numerator.getTotalCount() == 0 ||
            denominator.getTotalCount() == 0)
        {
            return "-";
        }
        final double d = valueAt(denominator, percentile);
        return d == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", valueAt(numerator, percentile) / d);
    }

    private static String count(final Histogram histogram)
    {
        return null == histogram ? "-" : Long.toString(histogram.getTotalCount());
    }

    private static String gc(final long count)
    {
        return count < 0 ? "n/a" : Long.toString(count);
    }
}
