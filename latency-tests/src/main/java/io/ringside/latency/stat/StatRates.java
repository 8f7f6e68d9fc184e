package io.ringside.latency.stat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Events per second between two samples of one engine: its total ({@code events_in}) and each source's
 * ({@code source.ID.events}). The engine keeps counts only; a rate is the reader's arithmetic, as Prometheus's
 * {@code rate()} is over the exporter's counters.
 */
public final class StatRates
{
    private StatRates()
    {
    }

    /**
     * @param previous the sample before, or null for none.
     * @return the rates by counter name ({@code events_in}, {@code source.1.events}); empty without an earlier sample
     * of the same live engine (or when one of its counts went back, a restarted engine).
     */
    public static Map<String, Double> of(final StatSample previous, final StatSample current)
    {
        final Map<String, Double> rates = new LinkedHashMap<>();
        if (null == previous || current.timeMs() <= previous.timeMs() ||
            EngineHealth.State.LIVE != previous.health().state() ||
            EngineHealth.State.LIVE != current.health().state() ||
            previous.health().pid() != current.health().pid() ||
            !String.valueOf(previous.health().name()).equals(String.valueOf(current.health().name())))
        {
            return rates;
        }
        final double seconds = (current.timeMs() - previous.timeMs()) / 1000.0;
        final Map<String, Long> before = previous.health().engineCounters();
        for (final Map.Entry<String, Long> counter : current.health().engineCounters().entrySet())
        {
            final String name = counter.getKey();
            final Long earlier = before.get(name);
            if (null != earlier && isRated(name))
            {
                if (counter.getValue() < earlier)
                {
                    return new LinkedHashMap<>();
                }
                rates.put(name, (counter.getValue() - earlier) / seconds);
            }
        }
        return rates;
    }

    private static boolean isRated(final String name)
    {
        return "events_in".equals(name) || name.startsWith("source.") && name.endsWith(".events");
    }
}
