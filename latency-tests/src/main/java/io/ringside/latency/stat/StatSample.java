package io.ringside.latency.stat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One look at an engine from outside: when, where, what the CnC file held, and what that says about the engine. */
public record StatSample(long timeMs, Path aeronDirectory, long staleAfterMs, CncSnapshot cnc, EngineHealth health)
{
    /**
     * Read the CnC file in the directory now.
     *
     * @param aeronDirectory the media driver's directory.
     * @param staleAfterMs   a heartbeat older than this is a gone engine.
     * @param engineName     the engine of this name, when several share the driver; null for the newest.
     */
    public static StatSample read(final Path aeronDirectory, final long staleAfterMs, final String engineName)
    {
        final CncSnapshot cnc = CncSnapshot.read(aeronDirectory);
        final long nowMs = System.currentTimeMillis();
        return new StatSample(
            nowMs, aeronDirectory, staleAfterMs, cnc, EngineHealth.of(cnc, nowMs, staleAfterMs, engineName));
    }

    /** The running engines on the driver other than the one this sample is of, by name. */
    public List<String> otherEngines()
    {
        final List<String> names = new ArrayList<>(EngineHealth.liveEngineNames(cnc));
        names.remove(health.name());
        return names;
    }

    /** The media driver's own counters (everything not the engine's), for {@code --all}. */
    public List<CncSnapshot.Counter> driverCounters()
    {
        return cnc.counters().stream().filter(CncSnapshot.Counter::allocated)
            .filter((counter) -> !StatFormat.isEngineType(counter.typeId())).toList();
    }
}
