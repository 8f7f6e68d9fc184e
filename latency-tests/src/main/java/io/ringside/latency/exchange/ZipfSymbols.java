package io.ringside.latency.exchange;

import java.util.SplittableRandom;

/**
 * Which symbol each order goes to. Rank r (1-based) has weight 1/r^s (s the Zipf exponent; 0 is uniform), and ranks
 * are dealt to locates by a seeded shuffle, so the busiest symbols sit anywhere in the directory as on a real
 * exchange, not at locate 1. The shuffle and every draw come from one {@link SplittableRandom}, so the same seed
 * gives the same draws. The quiet locate, if any, takes part in no draw.
 */
final class ZipfSymbols
{
    private final SplittableRandom random;
    private final double[] cumulativeWeight;
    private final int[] locateOfRank;

    ZipfSymbols(final int symbols, final int quietLocate, final double zipfExponent, final long seed)
    {
        random = new SplittableRandom(seed);
        final int drawable = quietLocate != 0 ? symbols - 1 : symbols;
        locateOfRank = new int[drawable];
        for (int locate = 1, rank = 0; locate <= symbols; locate++)
        {
            if (locate != quietLocate)
            {
                locateOfRank[rank++] = locate;
            }
        }
        for (int i = drawable - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = locateOfRank[i];
            locateOfRank[i] = locateOfRank[j];
            locateOfRank[j] = swap;
        }
        cumulativeWeight = new double[drawable];
        double sum = 0;
        for (int rank = 0; rank < drawable; rank++)
        {
            sum += 1.0 / Math.pow(rank + 1, zipfExponent);
            cumulativeWeight[rank] = sum;
        }
    }

    /** A locate: the first rank whose cumulative weight exceeds a uniform draw. */
    int draw()
    {
        final int last = cumulativeWeight.length - 1;
        final double u = random.nextDouble() * cumulativeWeight[last];
        int low = 0;
        int high = last;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (cumulativeWeight[mid] > u)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return locateOfRank[low];
    }
}
