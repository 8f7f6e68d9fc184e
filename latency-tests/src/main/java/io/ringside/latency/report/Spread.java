package io.ringside.latency.report;

import java.util.Arrays;

/**
 * The median of a few values (rounds of one measurement) with their minimum and maximum: the median because one round
 * disturbed by the machine moves it least, the min and max so the reader sees how far the rounds agreed.
 */
public record Spread(double median, double min, double max)
{
    /** @param values at least one; with an even count the median is the mean of the middle two. */
    public static Spread of(final double... values)
    {
        if (values.length == 0)
        {
            throw new IllegalArgumentException("a spread of no values");
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        final double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return new Spread(median, sorted[0], sorted[sorted.length - 1]);
    }
}
