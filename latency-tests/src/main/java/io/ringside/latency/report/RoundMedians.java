package io.ringside.latency.report;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * One configuration at one rate over its rounds: end to end at each percentile per round, and per percentile the
 * median with the min and max over the rounds that count. The rounds that count are the valid ones with outputs; when
 * none is valid, every round with outputs, so a page still shows numbers, marked invalid. Ratios between
 * configurations are taken from these medians, never from one round.
 */
public final class RoundMedians
{
    public static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99, 100 };
    /** As bench-summary.json names them. */
    public static final String[] KEYS = { "p50", "p90", "p99", "p99_9", "p99_99", "max" };
    /** As the tables name them. */
    public static final String[] NAMES = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };
    public static final int P99 = 2;

    private final List<long[]> values = new ArrayList<>();
    private final List<Long> outputs = new ArrayList<>();
    private final List<Boolean> valid;
    private final List<Integer> counted = new ArrayList<>();

    /**
     * @param endToEnd each round's end to end (ns), in round order; null or empty for a round without outputs.
     * @param valid    each round's validity, in the same order.
     */
    public RoundMedians(final List<Histogram> endToEnd, final List<Boolean> valid)
    {
        if (endToEnd.size() != valid.size() || endToEnd.isEmpty())
        {
            throw new IllegalArgumentException("rounds: " + endToEnd.size() + " histograms, " + valid.size()
                + " verdicts");
        }
        this.valid = List.copyOf(valid);
        for (final Histogram h : endToEnd)
        {
            final boolean empty = null == h || h.getTotalCount() == 0;
            final long[] row = new long[PERCENTILES.length];
            for (int i = 0; i < row.length; i++)
            {
                row[i] = empty ? -1 : valueAt(h, PERCENTILES[i]);
            }
            values.add(row);
            outputs.add(null == h ? 0 : h.getTotalCount());
        }
        for (int r = 0; r < values.size(); r++)
        {
            if (valid.get(r) && outputs.get(r) > 0)
            {
                counted.add(r);
            }
        }
        if (counted.isEmpty())
        {
            for (int r = 0; r < values.size(); r++)
            {
                if (outputs.get(r) > 0)
                {
                    counted.add(r);
                }
            }
        }
    }

    /** The value at a percentile, ns; 100 is the max. */
    public static long valueAt(final Histogram histogram, final double percentile)
    {
        return percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
    }

    public int rounds()
    {
        return values.size();
    }

    public boolean valid(final int round)
    {
        return valid.get(round);
    }

    public int validRounds()
    {
        return (int)valid.stream().filter((v) -> v).count();
    }

    /** Round {@code round}'s (0-based) value at percentile index {@code percentile}, ns; -1 without outputs. */
    public long value(final int round, final int percentile)
    {
        return values.get(round)[percentile];
    }

    public long outputs(final int round)
    {
        return outputs.get(round);
    }

    /** The rounds the medians are taken over, 0-based, in order. */
    public List<Integer> counted()
    {
        return List.copyOf(counted);
    }

    /** Whether the medians are over valid rounds only. */
    public boolean countedAreValid()
    {
        return !counted.isEmpty() && counted.stream().allMatch(valid::get);
    }

    /** Median, min and max at percentile index {@code percentile} over the counted rounds; null when none. */
    public Spread spread(final int percentile)
    {
        if (counted.isEmpty())
        {
            return null;
        }
        return Spread.of(counted.stream().mapToDouble((r) -> values.get(r)[percentile]).toArray());
    }

    /** Median outputs over the counted rounds; null when none. */
    public Spread outputs()
    {
        return counted.isEmpty() ? null : Spread.of(counted.stream().mapToDouble(outputs::get).toArray());
    }

    /**
     * The counted round whose p99 is the median's (the lower middle one with an even count), 0-based; -1 when none:
     * the round drawn as this configuration's distribution and over time.
     */
    public int medianRound()
    {
        if (counted.isEmpty())
        {
            return -1;
        }
        final List<Integer> byP99 = new ArrayList<>(counted);
        byP99.sort((a, b) -> Long.compare(values.get(a)[P99], values.get(b)[P99]));
        return byP99.get((byP99.size() - 1) / 2);
    }

    /** numerator / denominator of two medians; NaN when either is missing or the denominator is 0. */
    public static double ratio(final Spread numerator, final Spread denominator)
    {
        return null == numerator || null == denominator || denominator.median() == 0 ?
            Double.NaN : numerator.median() / denominator.median();
    }
}
