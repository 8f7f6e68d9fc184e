package io.ringside.latency.stat;

import io.aeron.status.HeartbeatTimestamp;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineLabels;
import io.ringside.engine.metrics.EngineLiveness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the engine behind a CnC reading is running, from Aeron's own bookkeeping: the engine's liveness counter
 * (its pid, and whether it stopped cleanly) and the heartbeat Aeron's client conductor keeps for the client that owns
 * it. A killed engine leaves its counters allocated with a heartbeat that no longer moves, so age, not presence, says
 * it is alive.
 */
public final class EngineHealth
{
    /** Below this, a driver heartbeat may just be between the driver's 1 s timer checks. */
    static final long DRIVER_STALE_AFTER_MS = TimeUnit.SECONDS.toMillis(10);

    /** What an operator acts on, and the exit status {@code ringside stat} gives for it. */
    public enum State
    {
        /** Counters allocated and a heartbeat newer than the threshold. */
        LIVE(0),
        /** Not running, and nothing says it failed: it stopped cleanly, or no engine is there. */
        STOPPED(3),
        /** It stopped without closing (killed, crashed) or its heartbeat is older than the threshold (hung). */
        GONE(4);

        private final int exitCode;

        State(final int exitCode)
        {
            this.exitCode = exitCode;
        }

        public int exitCode()
        {
            return exitCode;
        }

        public String label()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final State state;
    private final String name;
    private final String message;
    private final long pid;
    private final long heartbeatAgeMs;
    private final long driverHeartbeatAgeMs;
    private final Map<String, Long> engineCounters;

    private EngineHealth(
        final State state, final String name, final String message, final long pid, final long heartbeatAgeMs,
        final long driverHeartbeatAgeMs, final Map<String, Long> engineCounters)
    {
        this.state = state;
        this.name = name;
        this.message = message;
        this.pid = pid;
        this.heartbeatAgeMs = heartbeatAgeMs;
        this.driverHeartbeatAgeMs = driverHeartbeatAgeMs;
        this.engineCounters = engineCounters;
    }

    /**
     * @param cnc          a reading of the driver's CnC file.
     * @param nowMs        epoch ms, the clock Aeron's heartbeats are written with.
     * @param staleAfterMs a heartbeat older than this is a gone engine.
     * @param engineName   the engine of this name; null for the newest of any name.
     */
    public static EngineHealth of(
        final CncSnapshot cnc, final long nowMs, final long staleAfterMs, final String engineName)
    {
        if (!cnc.present())
        {
            return new EngineHealth(State.STOPPED, engineName, "not running: no media driver CnC file at " +
                cnc.cncFile()
                + " (an engine with its own driver removes its directory when it stops cleanly)", -1, -1, -1, Map.of());
        }
        final long driverAgeMs = Math.max(0, nowMs - cnc.driverHeartbeatMs());
        final CncSnapshot.Counter engine = newestEngine(cnc.counters(), engineName);
        if (null == engine)
        {
            return new EngineHealth(State.STOPPED, engineName, "not running: no engine " +
                (null == engineName ? "" : "named " + engineName + " ") + "on the media driver at "
                + cnc.cncFile().getParent(), -1, -1, driverAgeMs, Map.of());
        }
        final String name = EngineLabels.engineName(engine.label());
        final long pid = engine.allocated() ? engine.key() : pidFromLabel(engine.label());
        if (EngineLiveness.STOPPED == engine.value())
        {
            return new EngineHealth(State.STOPPED, name, "stopped: engine pid " + pid + " stopped cleanly", pid, -1,
                driverAgeMs, Map.of());
        }
        if (!engine.allocated())
        {
            return new EngineHealth(State.GONE, name, "gone: engine pid " + pid + " stopped without closing (killed or "
                + "crashed) and the media driver has since timed it out", pid, -1, driverAgeMs, Map.of());
        }
        final Map<String, Long> counters = countersOf(cnc.counters(), engine.ownerId());
        final CncSnapshot.Counter heartbeat = heartbeatOf(cnc.counters(), engine.ownerId());
        if (null == heartbeat)
        {
            return new EngineHealth(State.GONE, name, "gone: engine pid " + pid + " has no Aeron client heartbeat",
                pid, -1, driverAgeMs, counters);
        }
        final long ageMs = Math.max(0, nowMs - heartbeat.value());
        if (ageMs > staleAfterMs)
        {
            return new EngineHealth(State.GONE, name, String.format(Locale.ROOT,
                "gone: engine pid %d last heartbeat %.1f s ago, over the %.1f s allowed; %s", pid, ageMs / 1000.0,
                staleAfterMs / 1000.0, processNote(pid)), pid, ageMs, driverAgeMs, counters);
        }
        if (driverAgeMs > Math.max(staleAfterMs, DRIVER_STALE_AFTER_MS))
        {
            return new EngineHealth(State.GONE, name, String.format(Locale.ROOT,
                "gone: the media driver (pid %d) last heartbeat %.1f s ago; engine pid %d cannot take events",
                cnc.driverPid(), driverAgeMs / 1000.0, pid), pid, ageMs, driverAgeMs, counters);
        }
        return new EngineHealth(State.LIVE, name, "live: engine pid " + pid + ", heartbeat " + ageMs + " ms ago", pid,
            ageMs,
            driverAgeMs, counters);
    }

    /**
     * The engine most recently registered, running ones first: several may have used one driver in turn, or share
     * it. With a name, only engines of that name.
     */
    private static CncSnapshot.Counter newestEngine(final List<CncSnapshot.Counter> counters, final String engineName)
    {
        CncSnapshot.Counter newest = null;
        for (final CncSnapshot.Counter counter : counters)
        {
            if (EngineLiveness.TYPE_ID == counter.typeId() && counter.label().startsWith(EngineLiveness.LABEL_PREFIX) &&
                (null == engineName || engineName.equals(EngineLabels.engineName(counter.label()))) &&
                (null == newest || counter.allocated() && !newest.allocated() ||
                counter.allocated() == newest.allocated() && counter.registrationId() > newest.registrationId()))
            {
                newest = counter;
            }
        }
        return newest;
    }

    private static CncSnapshot.Counter heartbeatOf(final List<CncSnapshot.Counter> counters, final long clientId)
    {
        for (final CncSnapshot.Counter counter : counters)
        {
            if (counter.allocated() && HeartbeatTimestamp.HEARTBEAT_TYPE_ID == counter.typeId() &&
                counter.key() == clientId)
            {
                return counter;
            }
        }
        return null;
    }

    /** The engine's counts by name, in registration order: only those its client owns, so no other engine's. */
    private static Map<String, Long> countersOf(final List<CncSnapshot.Counter> counters, final long clientId)
    {
        final Map<String, Long> byName = new LinkedHashMap<>();
        final List<CncSnapshot.Counter> ordered = new ArrayList<>(counters);
        ordered.sort((a, b) -> Long.compare(a.registrationId(), b.registrationId()));
        for (final CncSnapshot.Counter counter : ordered)
        {
            if (counter.allocated() && EngineCounters.RINGSIDE_COUNTER_TYPE_ID == counter.typeId() &&
                counter.ownerId() == clientId && counter.label().startsWith(EngineCounters.LABEL_PREFIX))
            {
                byName.putIfAbsent(EngineLabels.withoutName(counter.label()).substring(
                    EngineCounters.LABEL_PREFIX.length()), counter.value());
            }
        }
        return byName;
    }

    private static long pidFromLabel(final String label)
    {
        try
        {
            return Long.parseLong(
                EngineLabels.withoutName(label).substring(EngineLiveness.LABEL_PREFIX.length()).trim());
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /** Only a hint: the pid may be another namespace's, or reused. */
    private static String processNote(final long pid)
    {
        final boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return running ? "process " + pid + " still exists (hung, or stopped with SIGSTOP or a debugger?)" :
            "no process " + pid + " on this host (killed?)";
    }

    public State state()
    {
        return state;
    }

    /** The engine's name as its counters carry it: empty for an engine from before names, null when none was found. */
    public String name()
    {
        return name;
    }

    /** Every engine registered on the driver, by name, running ones only: for telling apart engines sharing it. */
    public static List<String> liveEngineNames(final CncSnapshot cnc)
    {
        final List<String> names = new ArrayList<>();
        for (final CncSnapshot.Counter counter : cnc.counters())
        {
            if (counter.allocated() && EngineLiveness.TYPE_ID == counter.typeId() &&
                counter.label().startsWith(EngineLiveness.LABEL_PREFIX) && EngineLiveness.RUNNING == counter.value())
            {
                names.add(EngineLabels.engineName(counter.label()));
            }
        }
        return names;
    }

    /** One line for an operator: the state and why. */
    public String message()
    {
        return message;
    }

    /** The engine's pid, or -1 when no engine was found. */
    public long pid()
    {
        return pid;
    }

    /** How old the engine's heartbeat is, ms; -1 when it has none (not running). */
    public long heartbeatAgeMs()
    {
        return heartbeatAgeMs;
    }

    /** How old the media driver's heartbeat is, ms; -1 without a CnC file. */
    public long driverHeartbeatAgeMs()
    {
        return driverHeartbeatAgeMs;
    }

    /** The engine's counters by name ("events_in", "rejected.bad_value", ...): empty when it is not running. */
    public Map<String, Long> engineCounters()
    {
        return engineCounters;
    }
}
