package io.ringside.latency.stat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sample in Prometheus's text exposition format 0.0.4: the engine's state first (always there, so a scrape of a gone
 * engine says so), then its counters, each family once with its HELP and TYPE and its samples together.
 */
public final class PrometheusStat
{
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusStat()
    {
    }

    private static final class Family
    {
        final String help;
        final String type;
        final List<String> samples = new ArrayList<>();

        Family(final String help, final String type)
        {
            this.help = help;
            this.type = type;
        }
    }

    public static String format(final StatSample sample)
    {
        final EngineHealth health = sample.health();
        final Map<String, Family> families = new LinkedHashMap<>();
        // Every series of the engine carries its name, so engines sharing a driver (one exporter each) stay apart.
        final String engine = null == health.name() || health.name().isEmpty() ? null :
            "engine=\"" + escapeLabel(health.name()) + "\"";
        add(families, engine, "ringside_engine_up", PrometheusNames.GAUGE,
            "1 when the engine is live: running, with a heartbeat newer than its stale-after.", null, null,
            health.state() == EngineHealth.State.LIVE ? "1" : "0");
        for (final EngineHealth.State state : EngineHealth.State.values())
        {
            add(families, engine, "ringside_engine_state", PrometheusNames.GAUGE,
                "The engine's state: live; stopped (cleanly, or none there); gone (killed, crashed or stale).",
                "state", state.label(), state == health.state() ? "1" : "0");
        }
        if (health.pid() >= 0)
        {
            add(families, engine, "ringside_engine_pid", PrometheusNames.GAUGE, "The engine's process id.", null, null,
                Long.toString(health.pid()));
        }
        if (health.heartbeatAgeMs() >= 0)
        {
            add(families, engine, "ringside_engine_heartbeat_age_seconds", PrometheusNames.GAUGE,
                "Time since the engine's Aeron client last heartbeat.", null, null, seconds(health.heartbeatAgeMs()));
        }
        if (health.driverHeartbeatAgeMs() >= 0)
        {
            add(families, null, "ringside_driver_heartbeat_age_seconds", PrometheusNames.GAUGE,
                "Time since the media driver last heartbeat.", null, null, seconds(health.driverHeartbeatAgeMs()));
            add(families, null, "ringside_driver_pid", PrometheusNames.GAUGE, "The media driver's process id.", null,
                null,
                Long.toString(sample.cnc().driverPid()));
        }
        for (final Map.Entry<String, Long> counter : health.engineCounters().entrySet())
        {
            final String name = counter.getKey();
            if (PrometheusNames.OUTPUT_DIGEST.equals(name))
            {
                add(families, engine, PrometheusNames.OUTPUT_DIGEST_METRIC, PrometheusNames.GAUGE,
                    PrometheusNames.OUTPUT_DIGEST_HELP, "digest",
                    String.format(Locale.ROOT, "%016x", counter.getValue()),
                    "1");
            }
            else if (!PrometheusNames.isFamilyTotal(name))
            {
                final PrometheusNames.Series series = PrometheusNames.of(name);
                add(families, engine, series.metric(), series.type(), series.help(), series.labelName(),
                    series.labelValue(),
                    Long.toString(counter.getValue()));
            }
        }

        final StringBuilder out = new StringBuilder(4096);
        final Set<String> written = new HashSet<>();
        families.forEach((metric, family) ->
        {
            out.append("# HELP ").append(metric).append(' ').append(escapeHelp(family.help)).append('\n');
            out.append("# TYPE ").append(metric).append(' ').append(family.type).append('\n');
            for (final String line : family.samples)
            {
                // Two counter names that sanitize alike would make one series twice, which Prometheus refuses.
                if (written.add(line.substring(0, line.lastIndexOf(' '))))
                {
                    out.append(line).append('\n');
                }
            }
        });
        return out.toString();
    }

    /**
     * @param engine the engine's label, {@code engine="NAME"}, ready to write; null for none.
     */
    private static void add(
        final Map<String, Family> families, final String engine, final String metric, final String type,
        final String help, final String labelName, final String labelValue, final String value)
    {
        final Family family = families.computeIfAbsent(metric, (name) -> new Family(help, type));
        final String own = null == labelName ? null : labelName + "=\"" + escapeLabel(labelValue) + "\"";
        final String labels = null == own ? engine : null == engine ? own : own + "," + engine;
        family.samples.add(metric + (null == labels ? "" : "{" + labels + "}") + ' ' + value);
    }

    private static String seconds(final long ms)
    {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String escapeHelp(final String help)
    {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(final String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
