package io.ringside.latency.bench;

import io.ringside.latency.report.BenchPage;
import io.ringside.latency.report.BenchRounds;
import io.ringside.latency.report.FailoverTime;
import io.ringside.latency.report.PacingCheck;
import io.ringside.latency.report.RoundMedians;
import io.ringside.latency.report.SideBySide;
import io.ringside.latency.report.Spread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.ringside.latency.report.JsonString.quote;

/**
 * {@value #FILE}: the bench for scripts. The configurations, in the order they ran, each with whether it recorded.
 * Per rate and configuration every round (its end to end percentiles, its pacing error and whether it was valid) and
 * per percentile the median, min and max over the rounds counted, with the ratios of the medians; then the cluster's
 * failover, both throughput searches, every step, and their ratio. Latencies in ns.
 */
final class BenchSummary
{
    static final String FILE = "bench-summary.json";

    private final BenchContext ctx;
    private final BenchRounds rounds;
    private final BenchRounds published;
    private final List<BenchPage.Run> runs;
    private final BenchPage.Search search;
    private final String recording;
    private final FailoverTime failover;

    /**
     * @param rounds    end to end.
     * @param published intended send to the outputs' publisher's stamp, the same runs.
     * @param search    null when the bench ran no throughput search.
     * @param failover  null when it ran no cluster failover.
     */
    BenchSummary(
        final BenchContext ctx, final BenchRounds rounds, final BenchRounds published, final List<BenchPage.Run> runs,
        final BenchPage.Search search, final String recording, final FailoverTime failover)
    {
        this.ctx = ctx;
        this.rounds = rounds;
        this.published = published;
        this.runs = List.copyOf(runs);
        this.search = search;
        this.recording = recording;
        this.failover = failover;
    }

    void write(final Path file)
    {
        try
        {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--report-dir: cannot write the summary: " + ex.getMessage(), ex);
        }
    }

    String toJson()
    {
        final StringBuilder json = new StringBuilder(16 * 1024).append("{\n  \"units\": \"ns\",\n");
        json.append("  \"profile\": ").append(quote(ctx.profile())).append(",\n");
        json.append("  \"own_process\": ").append(ctx.ownProcess()).append(",\n");
        json.append("  \"rounds\": ").append(ctx.rounds()).append(",\n");
        json.append("  \"recording\": ").append(ctx.record()).append(",\n");
        json.append("  \"recording_setting\": ").append(quote(recording)).append(",\n");
        json.append("  \"pacing_bound_ns\": ").append(number(ctx.pacingBoundMicros() * 1e3)).append(",\n");
        json.append("  \"validity\": ").append(quote(PacingCheck.describe(ctx.pacingBoundMicros()))).append(",\n");
        json.append("  \"invalid_runs\": ").append(rounds.invalidRuns().size()).append(",\n");
        json.append("  \"configs\": [");
        for (int c = 0; c < ctx.configs().size(); c++)
        {
            final BenchConfig config = ctx.configs().get(c);
            json.append(c == 0 ? "\n" : ",\n").append("    { \"name\": ").append(quote(config.name()))
                .append(", \"kind\": ").append(quote(config.kind().text()))
                .append(", \"profile\": ").append(quote(config.profile(ctx.profile())))
                .append(", \"recording\": ").append(ctx.record() || config.alwaysRecords()).append(" }");
        }
        json.append("\n  ],\n");
        json.append("  \"rates\": [");
        boolean firstRate = true;
        for (final long rate : rounds.rates())
        {
            json.append(firstRate ? "\n" : ",\n").append("    { \"rate\": ").append(rate).append(", \"configs\": {");
            firstRate = false;
            boolean firstConfig = true;
            for (final String config : rounds.configs(rate))
            {
                json.append(firstConfig ? "\n" : ",\n").append("      ").append(quote(config)).append(": ");
                config(json, rounds.rounds(rate, config), rounds.medians(rate, config), published.medians(rate, config));
                firstConfig = false;
            }
            json.append("\n      },\n      \"ratios\": {");
            // The baselines' ratios always (null when one did not run), as scripts have read them; the others when both ran.
            final List<SideBySide.Ratio> ratios = new ArrayList<>(SideBySide.BASELINE_RATIOS);
            SideBySide.ratios(rounds.configs(rate)).stream().filter((r) -> !ratios.contains(r)).forEach(ratios::add);
            for (int r = 0; r < ratios.size(); r++)
            {
                final SideBySide.Ratio ratio = ratios.get(r);
                json.append(r == 0 ? "\n" : ",\n").append("        ").append(quote(ratio.key())).append(": ");
                ratios(json, rounds.medians(rate, ratio.numerator()), rounds.medians(rate, ratio.denominator()));
            }
            json.append("\n      } }");
        }
        json.append("\n  ],\n  \"failover\": ");
        failover(json);
        json.append(",\n  \"search\": ");
        search(json);
        json.append("\n}\n");
        return json.toString();
    }

    private static void config(
        final StringBuilder json, final List<BenchPage.Run> runs, final RoundMedians medians,
        final RoundMedians published)
    {
        json.append("{\n        \"rounds\": [");
        for (int r = 0; r < runs.size(); r++)
        {
            final BenchPage.Run run = runs.get(r);
            json.append(r == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "          { \"round\": %d, "
                + "\"valid\": %b, \"pacing_error_p99\": %d, \"outputs\": %d, \"gc_count\": %d, \"gc_pause_us\": %d, "
                + "\"directory\": %s, \"end_to_end\": {", run.round(), run.valid(), run.pacingP99Ns(),
                medians.outputs(r), run.gcCount(), run.gcPauseMicros(), quote(run.directory().getFileName().toString())));
            for (int i = 0; i < RoundMedians.KEYS.length; i++)
            {
                json.append(i == 0 ? " " : ", ").append(quote(RoundMedians.KEYS[i])).append(": ")
                    .append(medians.value(r, i));
            }
            json.append(" } }");
        }
        json.append("\n        ],\n        \"median_of_rounds\": [");
        final List<Integer> counted = medians.counted();
        for (int i = 0; i < counted.size(); i++)
        {
            json.append(i == 0 ? "" : ", ").append(runs.get(counted.get(i)).round());
        }
        json.append("],\n        \"median_of_valid_rounds_only\": ").append(medians.countedAreValid())
            .append(",\n        \"end_to_end\": {");
        for (int i = 0; i < RoundMedians.KEYS.length; i++)
        {
            json.append(i == 0 ? "\n" : ",\n").append("          ").append(quote(RoundMedians.KEYS[i])).append(": ");
            spread(json, medians.spread(i));
        }
        // Null where the outputs carry no publisher's stamp (a cluster's).
        json.append("\n        },\n        \"published\": {");
        for (int i = 0; i < RoundMedians.KEYS.length; i++)
        {
            json.append(i == 0 ? " " : ", ").append(quote(RoundMedians.KEYS[i])).append(": ");
            spread(json, null == published ? null : published.spread(i));
        }
        json.append(" } }");
    }

    private static void spread(final StringBuilder json, final Spread spread)
    {
        json.append(null == spread ? "null" : "{ \"median\": " + number(spread.median()) + ", \"min\": " +
            number(spread.min()) + ", \"max\": " + number(spread.max()) + " }");
    }

    private static void ratios(final StringBuilder json, final RoundMedians numerator, final RoundMedians denominator)
    {
        json.append('{');
        for (int i = 0; i < RoundMedians.KEYS.length; i++)
        {
            final double ratio = null == numerator || null == denominator ?
                Double.NaN : RoundMedians.ratio(numerator.spread(i), denominator.spread(i));
            json.append(i == 0 ? " " : ", ").append(quote(RoundMedians.KEYS[i])).append(": ").append(number(ratio));
        }
        json.append(" }");
    }

    private void failover(final StringBuilder json)
    {
        if (null == failover)
        {
            json.append("null");
            return;
        }
        // Times in ns from the kill; null for what never came (no leader to kill, none elected, no output seen).
        json.append(String.format(Locale.ROOT, "{\n    \"rate\": %d, \"killed_member\": %s, \"new_leader\": %s,\n"
            + "    \"kill_to_elected\": %s,\n    \"kill_to_new_leader_first_output\": %s,\n"
            + "    \"kill_to_first_output_not_received_before\": %s,\n    \"leader_heartbeat_timeout_ms\": %d,\n"
            + "    \"outputs_received_twice\": %d, \"outputs_lost\": %d, \"directory\": %s\n  }", failover.rate(),
            orNull(failover.killedMember()), orNull(failover.newLeader()), orNull(failover.electedNs()),
            orNull(failover.newLeaderOutputNs()), orNull(failover.firstNewOutputNs()), failover.heartbeatTimeoutMs(),
            failover.repeated(), failover.lost(), quote(failover.directory())));
    }

    private static String orNull(final long value)
    {
        return value < 0 ? "null" : Long.toString(value);
    }

    private void search(final StringBuilder json)
    {
        if (null == search)
        {
            json.append("null");
            return;
        }
        json.append("{\n    \"bound\": ").append(quote(search.bound())).append(",\n");
        json.append("    \"highest_sustainable_rate\": { \"engine\": ").append(search.engineRate())
            .append(", \"raw-aeron\": ").append(search.rawAeronRate()).append(" },\n");
        json.append("    \"engine_over_raw_aeron\": ").append(number(search.ratio())).append(",\n");
        json.append("    \"raw_aeron_one_way_msgs_per_s\": ").append(number(Math.rint(search.rawAeronOneWay())))
            .append(",\n    \"steps\": [");
        boolean first = true;
        for (final BenchPage.Run run : runs)
        {
            if (run.search())
            {
                json.append(first ? "\n" : ",\n").append(String.format(Locale.ROOT, "      { \"config\": %s, "
                    + "\"rate\": %d, \"sustained\": %b, \"valid\": %b, \"pacing_error_p99\": %d, \"gc_count\": %d, "
                    + "\"directory\": %s }", quote(run.config()), run.rate(), run.sustained(), run.valid(),
                    run.pacingP99Ns(), run.gcCount(), quote(run.directory().getFileName().toString())));
                first = false;
            }
        }
        json.append("\n    ]\n  }");
    }

    /** Whole numbers as such, others as Java writes a double (which reads back to the same double); NaN as null. */
    static String number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long)value) : Double.toString(value);
    }
}
