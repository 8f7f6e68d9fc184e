package io.ringside.engine.metrics;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;

/** The percentile table every Ringside summary and report prints: one row per stage, values in microseconds. */
public final class PercentileTable
{
    public static final double[] PERCENTILES = { 50.0, 90.0, 99.0, 99.9, 99.99 };
    public static final String[] PERCENTILE_KEYS = { "p50", "p90", "p99", "p99_9", "p99_99" };

    private PercentileTable()
    {
    }

    public static String format(final Map<String, Histogram> histograms)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s %10s %10s %10s%n",
            "stage (us)", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max"));
        for (final Map.Entry<String, Histogram> entry : histograms.entrySet())
        {
            final Histogram h = entry.getValue();
            if (h.getTotalCount() == 0)
            {
                out.append(String.format(Locale.ROOT, "%-22s %10d %10s %10s %10s %10s %10s %10s%n",
                    entry.getKey(), 0, "-", "-", "-", "-", "-", "-"));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-22s %10d", entry.getKey(), h.getTotalCount()));
            for (final double percentile : PERCENTILES)
            {
                out.append(String.format(Locale.ROOT, " %10.2f", h.getValueAtPercentile(percentile) / 1000.0));
            }
            out.append(String.format(Locale.ROOT, " %10.2f%n", h.getMaxValue() / 1000.0));
        }
        return out.toString();
    }
}
