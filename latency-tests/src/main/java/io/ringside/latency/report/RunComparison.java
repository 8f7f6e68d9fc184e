package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.PercentileTable;
import io.ringside.latency.feed.Feed;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two runs side by side: for every stage both hold, the percentiles of the baseline A and of B and the ratio B/A, and
 * the verdict: B regressed when, at the chosen percentile, B/A exceeds the allowed ratio for any common stage.
 */
public final class RunComparison
{
    /** The exit status of {@code report --compare} when a stage regressed. */
    public static final int EXIT_REGRESSED = 3;

    private final Path dirA;
    private final Path dirB;
    private final Map<String, Histogram> a;
    private final Map<String, Histogram> b;
    private final double percentile;
    private final double maxRatio;
    private final List<String> common = new ArrayList<>();
    private final List<String> onlyA = new ArrayList<>();
    private final List<String> onlyB = new ArrayList<>();
    private final List<String> notJudged = new ArrayList<>();
    private final List<String> regressed = new ArrayList<>();

    private RunComparison(
        final Path dirA,
        final Map<String, Histogram> a,
        final Path dirB,
        final Map<String, Histogram> b,
        final double percentile,
        final double maxRatio)
    {
        this.dirA = dirA;
        this.dirB = dirB;
        this.a = a;
        this.b = b;
        this.percentile = percentile;
        this.maxRatio = maxRatio;
        for (final String stage : a.keySet())
        {
            (b.containsKey(stage) ? common : onlyA).add(stage);
        }
        for (final String stage : b.keySet())
        {
            if (!a.containsKey(stage))
            {
                onlyB.add(stage);
            }
        }
        for (final String stage : common)
        {
            if (a.get(stage).getTotalCount() == 0 || b.get(stage).getTotalCount() == 0)
            {
                notJudged.add(stage);
            }
            else if (ratio(valueAt(a.get(stage), percentile), valueAt(b.get(stage), percentile)) > maxRatio)
            {
                regressed.add(stage);
            }
        }
    }

    /**
     * Compare the run in {@code dirB} with the baseline run in {@code dirA}.
     *
     * @param percentile the percentile judged, in (0, 100]; 100 is the max.
     * @param maxRatio   the largest B/A allowed at that percentile, > 0.
     * @throws IllegalArgumentException naming --compare, --percentile or --max-ratio when one is unusable.
     */
    public static RunComparison of(final Path dirA, final Path dirB, final double percentile, final double maxRatio)
    {
        check(percentile, maxRatio);
        return new RunComparison(dirA, readRun(dirA, "--compare").histograms(), dirB,
            readRun(dirB, "--compare").histograms(), percentile, maxRatio);
    }

    /** Compare histograms already at hand (series name to histogram), in the order of {@code a} then {@code b}. */
    public static RunComparison of(
        final Map<String, Histogram> a, final Map<String, Histogram> b, final double percentile, final double maxRatio)
    {
        check(percentile, maxRatio);
        return new RunComparison(Path.of("A"), a, Path.of("B"), b, percentile, maxRatio);
    }

    private static void check(final double percentile, final double maxRatio)
    {
        if (!(percentile > 0.0 && percentile <= 100.0))
        {
            throw new IllegalArgumentException("--percentile: expected a percentile in (0, 100]: " + percentile);
        }
        if (!(maxRatio > 0.0) || Double.isInfinite(maxRatio))
        {
            throw new IllegalArgumentException("--max-ratio: expected a ratio > 0: " + maxRatio);
        }
    }

    /** {@link Report#read}, its errors naming {@code option} rather than --report-dir. */
    public static Report readRun(final Path dir, final String option)
    {
        if (!Files.isDirectory(dir))
        {
            throw new IllegalArgumentException(option + ": no such run directory: " + dir);
        }
        if (!Files.exists(dir.resolve(EngineSummary.HISTOGRAM_FILE)) && !Files.exists(dir.resolve(Feed.HISTOGRAM_FILE)))
        {
            throw new IllegalArgumentException(option + ": " + dir + " holds no run: expected "
                + EngineSummary.HISTOGRAM_FILE + " and/or " + Feed.HISTOGRAM_FILE);
        }
        return Report.read(dir);
    }

    /** The value at a percentile, 100 meaning the max; 0 for an empty histogram. */
    static long valueAt(final Histogram histogram, final double percentile)
    {
        if (histogram.getTotalCount() == 0)
        {
            return 0;
        }
        return percentile >= 100.0 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
    }

    /** B/A; 1 when both are 0, infinite when only A is 0. */
    static double ratio(final long valueA, final long valueB)
    {
        if (valueA == 0)
        {
            return valueB == 0 ? 1.0 : Double.POSITIVE_INFINITY;
        }
        return (double)valueB / valueA;
    }

    /** Stages in both runs, in A's order. */
    public List<String> commonStages()
    {
        return Collections.unmodifiableList(common);
    }

    public List<String> onlyInA()
    {
        return Collections.unmodifiableList(onlyA);
    }

    public List<String> onlyInB()
    {
        return Collections.unmodifiableList(onlyB);
    }

    /** Common stages empty in one run or both: shown, not judged. */
    public List<String> notJudged()
    {
        return Collections.unmodifiableList(notJudged);
    }

    /** Common stages whose B/A at the chosen percentile exceeds the allowed ratio, in A's order. */
    public List<String> regressed()
    {
        return Collections.unmodifiableList(regressed);
    }

    /** B/A at the chosen percentile for a common stage. */
    public double ratioAt(final String stage)
    {
        return ratio(valueAt(a.get(stage), percentile), valueAt(b.get(stage), percentile));
    }

    /** 0 when no common stage regressed, else {@value #EXIT_REGRESSED}. */
    public int exitStatus()
    {
        return regressed.isEmpty() ? 0 : EXIT_REGRESSED;
    }

    public void print(final PrintStream out)
    {
        out.print(format());
    }

    /** The table (values in microseconds, three rows per common stage: A, B, B/A) and the verdict. */
    public String format()
    {
        final StringBuilder out = new StringBuilder();
        out.append("A: ").append(dirA).append('\n');
        out.append("B: ").append(dirB).append('\n');
        out.append(String.format(Locale.ROOT, "%-22s %-4s %10s %10s %10s %10s %10s %10s %10s%n",
            "stage (us)", "run", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max"));
        for (final String stage : common)
        {
            final Histogram ha = a.get(stage);
            final Histogram hb = b.get(stage);
            row(out, stage, "A", ha);
            row(out, "", "B", hb);
            out.append(String.format(Locale.ROOT, "%-22s %-4s %10s", "", "B/A",
                formatRatio(ratio(ha.getTotalCount(), hb.getTotalCount()))));
            for (final double p : PercentileTable.PERCENTILES)
            {
                out.append(String.format(Locale.ROOT, " %10s", ha.getTotalCount() == 0 || hb.getTotalCount() == 0
                    ? "-" : formatRatio(ratio(valueAt(ha, p), valueAt(hb, p)))));
            }
            out.append(String.format(Locale.ROOT, " %10s%n", ha.getTotalCount() == 0 || hb.getTotalCount() == 0
                ? "-" : formatRatio(ratio(valueAt(ha, 100.0), valueAt(hb, 100.0)))));
        }
        out.append('\n');
        if (!onlyA.isEmpty())
        {
            out.append("only in A (not compared): ").append(String.join(", ", onlyA)).append('\n');
        }
        if (!onlyB.isEmpty())
        {
            out.append("only in B (not compared): ").append(String.join(", ", onlyB)).append('\n');
        }
        if (!notJudged.isEmpty())
        {
            out.append("empty in a run (not judged): ").append(String.join(", ", notJudged)).append('\n');
        }
        final String judged = percentile >= 100.0 ? "max" : "p" + formatPercentile(percentile);
        if (regressed.isEmpty())
        {
            out.append(String.format(Locale.ROOT, "OK at %s: no common stage's B/A above %s%n",
                judged, formatRatio(maxRatio)));
        }
        else
        {
            out.append(String.format(Locale.ROOT, "REGRESSED at %s, B/A above %s: %s%n",
                judged, formatRatio(maxRatio), String.join(", ", regressed)));
            for (final String stage : regressed)
            {
                out.append(String.format(Locale.ROOT, "  %-22s %10.2f -> %10.2f us  B/A %s%n", stage,
                    valueAt(a.get(stage), percentile) / 1000.0, valueAt(b.get(stage), percentile) / 1000.0,
                    formatRatio(ratioAt(stage))));
            }
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final String stage, final String run, final Histogram h)
    {
        out.append(String.format(Locale.ROOT, "%-22s %-4s %10d", stage, run, h.getTotalCount()));
        for (final double p : PercentileTable.PERCENTILES)
        {
            out.append(String.format(Locale.ROOT, " %10s", h.getTotalCount() == 0
                ? "-" : String.format(Locale.ROOT, "%.2f", valueAt(h, p) / 1000.0)));
        }
        out.append(String.format(Locale.ROOT, " %10s%n", h.getTotalCount() == 0
            ? "-" : String.format(Locale.ROOT, "%.2f", h.getMaxValue() / 1000.0)));
    }

    static String formatRatio(final double ratio)
    {
        return Double.isInfinite(ratio) ? "inf" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String formatPercentile(final double percentile)
    {
        final String text = Double.toString(percentile);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
