package io.ringside.engine.metrics;

import io.ringside.codecs.Refusal;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.RiskReject;
import io.ringside.strategies.trading.Trading;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What an engine run did: its settings, its counters at the end, its stage latencies. Printed at shutdown and
 * written to the report directory, where {@code report} reads it: {@value #COUNTS_FILE}, beside {@value #HISTOGRAM_FILE}
 * (an HdrHistogram interval log, one histogram per stage per interval, tagged with the stage's name) which the engine
 * writes while it runs.
 */
public final class EngineSummary
{
    public static final String COUNTS_FILE = "engine-counts.properties";
    public static final String HISTOGRAM_FILE = "engine.hlog";
    /** Prefix of the engine's settings among the counts in {@value #COUNTS_FILE}. */
    public static final String SETTING_PREFIX = "setting.";

    private final Map<String, String> settings;
    private final Map<String, Long> counts;
    private final Map<String, Histogram> histograms;
    private final long elapsedNanos;
    private final boolean drained;
    private final int lastRejectReason;
    private final long lastRejectPosition;
    private final Throwable firstHandlerError;

    public EngineSummary(
        final Map<String, String> settings,
        final Map<String, Long> counts,
        final Map<String, Histogram> histograms,
        final long elapsedNanos,
        final boolean drained,
        final int lastRejectReason,
        final long lastRejectPosition,
        final Throwable firstHandlerError)
    {
        this.settings = settings;
        this.counts = counts;
        this.histograms = histograms;
        this.elapsedNanos = elapsedNanos;
        this.drained = drained;
        this.lastRejectReason = lastRejectReason;
        this.lastRejectPosition = lastRejectPosition;
        this.firstHandlerError = firstHandlerError;
    }

    public long count(final String name)
    {
        final Long value = counts.get(name);
        if (null == value)
        {
            throw new IllegalArgumentException("no count named " + name);
        }
        return value;
    }

    /** The {@link OutputDigest} of everything the engine published, in order. */
    public long outputDigest()
    {
        return count(OutputDigest.COUNTER_NAME);
    }

    public Map<String, Long> counts()
    {
        return counts;
    }

    public Map<String, Histogram> histograms()
    {
        return histograms;
    }

    public boolean drained()
    {
        return drained;
    }

    public Throwable firstHandlerError()
    {
        return firstHandlerError;
    }

    public void print(final PrintStream out)
    {
        out.println("ringside engine summary");
        out.printf(Locale.ROOT, "  run time           %.3f s%n", elapsedNanos / 1e9);
        out.printf(Locale.ROOT, "  events in          %d%n", count("events_in"));
        counts.forEach((name, value) ->
        {
            if (name.startsWith("events_in.") && value > 0)
            {
                out.printf(Locale.ROOT, "    %-26s %d%n", name.substring("events_in.".length()), value);
            }
        });
        out.printf(Locale.ROOT, "  rejected           %d%n", count("rejected"));
        counts.forEach((name, value) ->
        {
            if (name.startsWith("rejected.") && value > 0)
            {
                out.printf(Locale.ROOT, "    %-26s %d  (%s)%n", name.substring("rejected.".length()), value,
                    describeReason(name.substring("rejected.".length())));
            }
        });
        if (lastRejectPosition >= 0)
        {
            out.printf(Locale.ROOT, "    last refused frame: %s at stream position %d%n",
                Refusal.name(lastRejectReason), lastRejectPosition);
        }
        out.printf(Locale.ROOT, "  gaps               %d (%d events missing)%n",
            count("gaps"), count("gap_missing_events"));
        out.printf(Locale.ROOT, "  duplicates         %d%n", count("duplicates"));
        out.printf(Locale.ROOT, "  instruments        %d (%d events for undefined ones); book grows: surveillance %d, "
            + "strategy %d%n", count("instruments"), count("events.undefined_instrument"),
            count("book_grows.surveillance"), count("book_grows.strategy"));
        out.printf(Locale.ROOT, "  alerts             %d%n", count("alerts"));
        for (int ruleId = 1; ruleId <= Surveillance.RULE_COUNT; ruleId++)
        {
            final String prefix = RULE_PREFIX + Surveillance.ruleName(ruleId) + ".";
            out.printf(Locale.ROOT, "    %-26s %d (judged %d)%n",
                Surveillance.ruleName(ruleId), count(prefix + "alerts"), count(prefix + "judged"));
        }
        out.printf(Locale.ROOT, "  orders             %d%n", count("orders"));
        out.printf(Locale.ROOT, "  output digest      %s%n", OutputDigest.format(outputDigest()));
        printStrategies(out);
        out.printf(Locale.ROOT, "  backpressure       %d%n", count("backpressure"));
        out.printf(Locale.ROOT, "  undelivered        %d%n", count("undelivered"));
        final long overflow = count("outputs_overflow.alerts") + count("outputs_overflow.orders");
        if (overflow > 0)
        {
            out.printf(Locale.ROOT, "  outputs overflow   %d%n", overflow);
        }
        final long handlerErrors = count("handler_errors.surveillance") + count("handler_errors.strategy")
            + count("handler_errors.egress") + count("handler_errors.ingress");
        out.printf(Locale.ROOT, "  gc                 %d collections, %.1f ms%n",
            count("gc_count"), count("gc_pause_us") / 1000.0);
        out.printf(Locale.ROOT, "  handler errors     %d%s%n", handlerErrors,
            null == firstHandlerError ? "" : " (first: " + firstHandlerError + ")");
        if (!drained)
        {
            out.println("  WARNING: the ring did not drain within 30 s at shutdown; events still in it were not handled");
        }
        out.println();
        out.print(PercentileTable.format(histograms));
    }

    /** Prefix of the per-rule counts: {@code rule.<name>.alerts} and {@code .judged}, names as the config keys. */
    public static final String RULE_PREFIX = "rule.";

    /** Each surveillance rule's alerts and the events it judged, read once its thread has stopped. */
    public static void putRuleCounts(final Surveillance surveillance, final Map<String, Long> counts)
    {
        for (int ruleId = 1; ruleId <= Surveillance.RULE_COUNT; ruleId++)
        {
            final String prefix = RULE_PREFIX + Surveillance.ruleName(ruleId) + ".";
            counts.put(prefix + "alerts", surveillance.alerts(ruleId));
            counts.put(prefix + "judged", surveillance.evaluated(ruleId));
        }
    }

    /** Prefix of the per-strategy counts: {@code strategy.<name>.<count>}, names as {@link Trading#strategyName}. */
    public static final String STRATEGY_PREFIX = "strategy.";

    /** Each strategy's orders, rejections per reason, fills, position and PnL, read once its thread has stopped. */
    public static void putStrategyCounts(final Trading trading, final Map<String, Long> counts)
    {
        for (final int id : Trading.STRATEGY_IDS)
        {
            final String prefix = STRATEGY_PREFIX + Trading.strategyName(id) + ".";
            counts.put(prefix + "orders", trading.ordersSent(id));
            counts.put(prefix + "rejected", trading.ordersRejected(id));
            for (final RiskReject reason : RiskReject.values())
            {
                counts.put(prefix + "rejected." + reason.key(), trading.ordersRejected(id, reason));
            }
            counts.put(prefix + "fills", trading.fills(id));
            counts.put(prefix + "filled-quantity", trading.filledQuantity(id));
            counts.put(prefix + "position", trading.position(id));
            counts.put(prefix + "realised-pnl", trading.realisedPnl(id));
            counts.put(prefix + "unrealised-pnl", trading.unrealisedPnl(id));
        }
        counts.put(STRATEGY_PREFIX + "pnl-price-scale", (long)trading.pnlPriceScale());
    }

    private void printStrategies(final PrintStream out)
    {
        final Long scale = counts.get(STRATEGY_PREFIX + "pnl-price-scale");
        if (null == scale)
        {
            return;
        }
        for (final int id : Trading.STRATEGY_IDS)
        {
            final String prefix = STRATEGY_PREFIX + Trading.strategyName(id) + ".";
            final StringBuilder reasons = new StringBuilder();
            for (final RiskReject reason : RiskReject.values())
            {
                final long rejected = count(prefix + "rejected." + reason.key());
                if (rejected > 0)
                {
                    reasons.append(reasons.length() == 0 ? " (" : ", ").append(reason.key()).append(' ').append(rejected);
                }
            }
            out.printf(Locale.ROOT, "  %-18s orders %d, rejected %d%s, fills %d (qty %d), position %d, " +
                "realised PnL %s, unrealised PnL %s%n",
                Trading.strategyName(id), count(prefix + "orders"), count(prefix + "rejected"),
                reasons.length() == 0 ? "" : reasons.append(')'), count(prefix + "fills"),
                count(prefix + "filled-quantity"), count(prefix + "position"),
                money(count(prefix + "realised-pnl"), scale), money(count(prefix + "unrealised-pnl"), scale));
        }
    }

    /** A fixed-point amount at the price scale in currency units; the raw value when the scale is mixed. */
    private static String money(final long amount, final long scale)
    {
        return scale < 0 ? Long.toString(amount) : java.math.BigDecimal.valueOf(amount, (int)scale).toPlainString();
    }

    private static String describeReason(final String name)
    {
        for (int reason = 1; reason < Refusal.COUNT; reason++)
        {
            if (Refusal.name(reason).equals(name))
            {
                return Refusal.describe(reason);
            }
        }
        return name;
    }

    /**
     * Write the counts into {@code directory}, creating it if needed. The stage histograms are already there: the
     * engine writes {@value #HISTOGRAM_FILE} as it runs.
     */
    public void writeTo(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final Properties properties = new Properties();
            counts.forEach((name, value) -> properties.setProperty(name, Long.toString(value)));
            // A hash, not a count: hex, as printed, so runs compare by eye and by diff.
            properties.setProperty(OutputDigest.COUNTER_NAME, OutputDigest.format(outputDigest()));
            settings.forEach((name, value) -> properties.setProperty(SETTING_PREFIX + name, value));
            properties.setProperty("elapsed_ns", Long.toString(elapsedNanos));
            properties.setProperty("drained", Boolean.toString(drained));
            try (Writer writer = Files.newBufferedWriter(directory.resolve(COUNTS_FILE), StandardCharsets.UTF_8))
            {
                properties.store(writer, "ringside engine counts at shutdown");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("report-dir: cannot write " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * One HdrHistogram log, each histogram tagged with its stage name, and the first stage's once more untagged:
     * readable by HdrHistogram's own log tools, with -tag STAGE or, for the first stage, without.
     */
    public static void writeHistograms(final Path file, final Map<String, Histogram> histograms) throws IOException
    {
        try (OutputStream stream = Files.newOutputStream(file); PrintStream print = new PrintStream(stream, false,
            StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(print);
            writer.outputLogFormatVersion();
            writer.outputComment("ringside stage latencies, ns; tag = stage");
            if (!histograms.isEmpty())
            {
                writer.outputComment("the untagged histogram repeats the first stage, "
                    + histograms.keySet().iterator().next() + ", for tools that read untagged ones only");
            }
            writer.outputLegend();
            boolean first = true;
            for (final Map.Entry<String, Histogram> entry : histograms.entrySet())
            {
                final Histogram histogram = entry.getValue().copy();
                histogram.setTag(entry.getKey());
                histogram.setStartTimeStamp(0);
                histogram.setEndTimeStamp(0);
                writer.outputIntervalHistogram(histogram);
                if (first)
                {
                    // HdrHistogram's HistogramLogProcessor reads untagged histograms only unless given -tag.
                    final Histogram untagged = histogram.copy();
                    untagged.setTag(null);
                    untagged.setStartTimeStamp(0);
                    untagged.setEndTimeStamp(0);
                    writer.outputIntervalHistogram(untagged);
                    first = false;
                }
            }
        }
    }
}
