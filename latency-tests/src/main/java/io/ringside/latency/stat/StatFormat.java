package io.ringside.latency.stat;

import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineLiveness;

/** The forms {@code ringside stat} prints a sample in. */
public enum StatFormat
{
    TEXT,
    JSON,
    PROMETHEUS;

    /**
     * @param all      with the media driver's own counters too (text and JSON; Prometheus carries the engine's only).
     * @param previous the sample printed before, for events per second (text and JSON); null for none.
     */
    public String format(final StatSample sample, final boolean all, final StatSample previous)
    {
        return switch (this)
        {
            case TEXT -> TextStat.format(sample, all, StatRates.of(previous, sample));
            case JSON -> JsonStat.format(sample, all, StatRates.of(previous, sample)) + "\n";
            case PROMETHEUS -> PrometheusStat.format(sample);
        };
    }

    static boolean isEngineType(final int typeId)
    {
        return EngineCounters.RINGSIDE_COUNTER_TYPE_ID == typeId || EngineLiveness.TYPE_ID == typeId;
    }
}
