package io.ringside.engine.config;

import io.ringside.codecs.sbe.ControlResult;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.TradingConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration key set while the engine runs (a {@code SET} control command), applied by the handler that owns it,
 * on that handler's thread, to the configuration objects it reads: surveillance's keys by surveillance, the
 * strategies' and the risk gate's by the strategy handler. A value is checked first on a copy of the defaults, so a
 * value the file would refuse is refused here too and the running settings are left as they were.
 */
public final class RuntimeSettings
{
    /** Which handler a key belongs to. */
    public enum Owner
    {
        SURVEILLANCE, TRADING
    }

    private final Owner owner;
    private final RingsideConfig live;
    /**
     * What was applied, the last value of each key in the order last set, for snapshots: replaced whole (copied) on
     * each SET, which is rare, so a snapshot takes it as it is without copying on the handler's thread.
     */
    private Map<String, String> applied = Map.of();

    public RuntimeSettings(final Owner owner, final SurveillanceConfig surveillance, final TradingConfig trading)
    {
        this.owner = owner;
        this.live = new RingsideConfig(surveillance, trading, new IngressConfig());
    }

    /** @return a {@link ControlResult} value: applied, a key this handler does not own, or a value refused. */
    public short set(final String key, final String value)
    {
        if (owner != ownerOf(key))
        {
            return ControlResult.UNKNOWN_SETTING.value();
        }
        try
        {
            final RingsideConfig scratch = new RingsideConfig();
            scratch.set(key, value);
            scratch.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage() != null && ex.getMessage().contains("unknown key") ?
                ControlResult.UNKNOWN_SETTING.value() : ControlResult.BAD_VALUE.value();
        }
        live.set(key, value);
        return ControlResult.APPLIED.value();
    }

    /** The handler that applies this instance's keys. */
    public Owner owner()
    {
        return owner;
    }

    /**
     * A SET this handler applied and checked as a whole: kept for snapshots, so a restart from one comes back with it.
     */
    public void applied(final String key, final String value)
    {
        final LinkedHashMap<String, String> next = new LinkedHashMap<>(applied);
        next.remove(key); // to the end: the order last set is the order to apply again
        next.put(key, value);
        applied = Collections.unmodifiableMap(next);
    }

    /** Every SET applied so far (or restored from a snapshot), the last value of each key, in the order last set. */
    public Map<String, String> applied()
    {
        return applied;
    }

    /** Before the ring starts: the SETs a snapshot carried, applied already to the configuration it binds. */
    public void restoreApplied(final Map<String, String> settings)
    {
        applied = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Null for a key no running handler may change (the ingress bounds, the source registry, the files'). */
    public static Owner ownerOf(final String key)
    {
        final String scoped = key.startsWith("instrument.") || key.startsWith("account-group.") ?
            key.substring(key.indexOf('.', key.indexOf('.') + 1) + 1) : key;
        if (scoped.startsWith("surveillance."))
        {
            return Owner.SURVEILLANCE;
        }
        if (scoped.startsWith("risk.") || scoped.startsWith("strategy.") || scoped.startsWith("book."))
        {
            return key.endsWith(".instruments") ? null : Owner.TRADING;
        }
        return null;
    }
}
