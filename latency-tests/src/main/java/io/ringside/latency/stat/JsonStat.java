package io.ringside.latency.stat;

import io.ringside.latency.report.JsonString;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A sample as one JSON object on one line, so a loop of them is JSON Lines. Unknown numbers are null. */
public final class JsonStat
{
    private JsonStat()
    {
    }

    /**
     * @param rates events per second since the sample before ({@link StatRates}), as {@code rates}; empty for the
     *              first sample.
     */
    public static String format(final StatSample sample, final boolean all, final Map<String, Double> rates)
    {
        final EngineHealth health = sample.health();
        final StringBuilder out = new StringBuilder(2048).append('{');
        out.append("\"time\":").append(JsonString.quote(Instant.ofEpochMilli(sample.timeMs()).toString()));
        out.append(",\"aeron_dir\":").append(JsonString.quote(sample.aeronDirectory().toString()));
        out.append(",\"name\":").append(null == health.name() ? "null" : JsonString.quote(health.name()));
        out.append(",\"other_engines\":[");
        boolean firstOther = true;
        for (final String other : sample.otherEngines())
        {
            out.append(firstOther ? "" : ",").append(JsonString.quote(other));
            firstOther = false;
        }
        out.append(']');
        out.append(",\"state\":").append(JsonString.quote(health.state().label()));
        out.append(",\"exit_code\":").append(health.state().exitCode());
        out.append(",\"message\":").append(JsonString.quote(health.message()));
        out.append(",\"pid\":").append(orNull(health.pid()));
        out.append(",\"heartbeat_age_ms\":").append(orNull(health.heartbeatAgeMs()));
        out.append(",\"stale_after_ms\":").append(sample.staleAfterMs());
        out.append(",\"driver_pid\":").append(sample.cnc().present() ? Long.toString(sample.cnc().driverPid()) : "null");
        out.append(",\"driver_heartbeat_age_ms\":").append(orNull(health.driverHeartbeatAgeMs()));
        out.append(",\"counters\":{");
        boolean first = true;
        for (final Map.Entry<String, Long> counter : health.engineCounters().entrySet())
        {
            out.append(first ? "" : ",").append(JsonString.quote(counter.getKey())).append(':').append(counter.getValue());
            first = false;
        }
        out.append('}');
        out.append(",\"rates\":{");
        first = true;
        for (final Map.Entry<String, Double> rate : rates.entrySet())
        {
            out.append(first ? "" : ",").append(JsonString.quote(rate.getKey())).append(':')
                .append(String.format(Locale.ROOT, "%.3f", rate.getValue()));
            first = false;
        }
        out.append('}');
        if (all)
        {
            out.append(",\"driver_counters\":[");
            first = true;
            for (final CncSnapshot.Counter counter : sample.driverCounters())
            {
                out.append(first ? "" : ",").append("{\"id\":").append(counter.id())
                    .append(",\"type_id\":").append(counter.typeId())
                    .append(",\"label\":").append(JsonString.quote(counter.label()))
                    .append(",\"value\":").append(counter.value()).append('}');
                first = false;
            }
            out.append(']');
        }
        return out.append('}').toString();
    }

    private static String orNull(final long value)
    {
        return value < 0 ? "null" : Long.toString(value);
    }
}
