package io.ringside.latency.stat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A sample for a terminal: a line saying whether the engine is live and why, then its counters, as AeronStat lists. */
public final class TextStat
{
    private TextStat()
    {
    }

    /**
     * @param rates events per second since the sample before, by counter name ({@link StatRates}): printed after the
     *              counts as {@code NAME/s}.
     */
    public static String format(final StatSample sample, final boolean all, final Map<String, Double> rates)
    {
        final EngineHealth health = sample.health();
        final StringBuilder out = new StringBuilder(4096);
        out.append(LocalTime.ofInstant(Instant.ofEpochMilli(sample.timeMs()), ZoneId.systemDefault())
            .truncatedTo(ChronoUnit.MILLIS)).append(' ');
        if (null != health.name() && !health.name().isEmpty())
        {
            out.append('[').append(health.name()).append("] ");
        }
        out.append(health.message()).append('\n');
        final List<String> others = sample.otherEngines();
        if (!others.isEmpty())
        {
            out.append("also running on this driver (pick one with --name): ").append(String.join(", ", others))
                .append('\n');
        }
        for (final Map.Entry<String, Long> counter : health.engineCounters().entrySet())
        {
            out.append(String.format(Locale.ROOT, "%,20d  %s%n", counter.getValue(), counter.getKey()));
        }
        for (final Map.Entry<String, Double> rate : rates.entrySet())
        {
            out.append(String.format(Locale.ROOT, "%,20.1f  %s/s%n", rate.getValue(), rate.getKey()));
        }
        if (all && sample.cnc().present())
        {
            out.append(String.format(Locale.ROOT, "media driver pid %d, heartbeat %d ms ago%n",
                sample.cnc().driverPid(), health.driverHeartbeatAgeMs()));
            for (final CncSnapshot.Counter counter : sample.driverCounters())
            {
                out.append(String.format(Locale.ROOT, "%3d: %,20d - %s%n", counter.id(), counter.value(),
                    counter.label()));
            }
        }
        return out.toString();
    }
}
