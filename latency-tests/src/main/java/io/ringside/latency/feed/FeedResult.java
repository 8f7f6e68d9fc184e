package io.ringside.latency.feed;

import io.ringside.engine.metrics.PercentileTable;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * What a feed run sent and what came back.
 *
 * @param alertsReceived -1 when the feed did not listen to the egress.
 */
public record FeedResult(
    Pacing pacing,
    long eventsSent,
    long readErrors,
    Map<String, Long> readErrorsByKind,
    long elapsedNs,
    long backPressure,
    long alertsReceived,
    long ordersReceived,
    long outputSequenceErrors,
    boolean engineCaughtUp,
    Map<String, Histogram> histograms)
{
    public double rate()
    {
        return elapsedNs > 0 ? eventsSent * 1e9 / elapsedNs : 0;
    }

    public void print(final PrintStream out)
    {
        out.println("ringside feed summary");
        out.printf(Locale.ROOT, "  pacing             %s%n", pacing.describe());
        out.printf(Locale.ROOT, "  events sent        %d in %.3f s (%,.0f events/s)%n", eventsSent, elapsedNs / 1e9, rate());
        out.printf(Locale.ROOT, "  read errors        %d%s%n", readErrors, readErrorsByKind.isEmpty() ? "" : " " + readErrorsByKind);
        out.printf(Locale.ROOT, "  feed backpressure  %d%n", backPressure);
        if (alertsReceived >= 0)
        {
            out.printf(Locale.ROOT, "  alerts received    %d%n", alertsReceived);
            out.printf(Locale.ROOT, "  orders received    %d%n", ordersReceived);
            out.printf(Locale.ROOT, "  output sequence errors %d%n", outputSequenceErrors);
        }
        if (!engineCaughtUp)
        {
            out.println("  WARNING: the engine had not accounted for every event sent when the feed stopped waiting");
        }
        out.println();
        out.print(PercentileTable.format(histograms));
    }
}
