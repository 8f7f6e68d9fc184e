package io.ringside.engine.snapshot;

import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.TradingConfig;
import org.agrona.MutableDirectBuffer;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration keys SET while the engine ran, in a snapshot: the header's last group ({@code settings}, schema
 * version 6). Ingress writes the header with the group empty; egress, once both handlers have passed the marker, writes
 * it again with what each applied (handed over on the marker, so at the snapshot's event), lengthening the header.
 * A restart applies them over the configuration before the handlers are made and restored, so they run as they did
 * when the snapshot was taken, and keeps them for the snapshots it takes itself.
 */
public final class AppliedSettings
{
    private static final RuntimeSettings.Owner[] OWNERS = RuntimeSettings.Owner.values();

    private final SnapshotHeaderEncoder encoder = new SnapshotHeaderEncoder();
    /** By owner's ordinal: each slot written by its own handler's thread, read by egress after both (the ring). */
    @SuppressWarnings("unchecked")
    private final Map<String, String>[] byOwner = new Map[OWNERS.length];

    public AppliedSettings()
    {
        clear();
    }

    /** A handler, on the marker: what it has applied, as it stands at the snapshot's event (an unmodifiable map). */
    public void handOver(final RuntimeSettings.Owner owner, final Map<String, String> applied)
    {
        byOwner[owner.ordinal()] = applied;
    }

    /**
     * Egress, after both handlers passed the marker: the header's empty settings group written again with them.
     *
     * @param headerLength the header as ingress wrote it, its settings group empty and last.
     * @return the header's length now.
     */
    public int encode(final MutableDirectBuffer header, final int headerLength)
    {
        int count = 0;
        for (final Map<String, String> applied : byOwner)
        {
            count += applied.size();
        }
        if (0 == count)
        {
            return headerLength;
        }
        encoder.wrap(header, MessageHeaderEncoder.ENCODED_LENGTH);
        encoder.limit(headerLength - SnapshotHeaderEncoder.SettingsEncoder.sbeHeaderSize());
        final SnapshotHeaderEncoder.SettingsEncoder group = encoder.settingsCount(count);
        for (final RuntimeSettings.Owner owner : OWNERS)
        {
            for (final Map.Entry<String, String> setting : byOwner[owner.ordinal()].entrySet())
            {
                group.next().owner((short)owner.ordinal()).key(setting.getKey()).value(setting.getValue());
            }
        }
        return encoder.limit();
    }

    /** For the next snapshot: a handler that never hands over (a failed one) leaves none of its own. */
    public void clear()
    {
        for (final RuntimeSettings.Owner owner : OWNERS)
        {
            byOwner[owner.ordinal()] = Map.of();
        }
    }

    /**
     * A snapshot's settings, by the handler that applied them; empty for a snapshot before version 6.
     *
     * @throws IllegalStateException for an owner this engine has no handler for.
     */
    static EnumMap<RuntimeSettings.Owner, Map<String, String>> decode(final SnapshotHeaderDecoder header)
    {
        final EnumMap<RuntimeSettings.Owner, Map<String, String>> settings = new EnumMap<>(RuntimeSettings.Owner.class);
        for (final RuntimeSettings.Owner owner : OWNERS)
        {
            settings.put(owner, new LinkedHashMap<>());
        }
        for (final SnapshotHeaderDecoder.SettingsDecoder setting : header.settings())
        {
            final short owner = setting.owner();
            if (owner < 0 || owner >= OWNERS.length)
            {
                throw new IllegalStateException("a setting of handler " + owner + ", which this engine has not");
            }
            final String key = setting.key();
            settings.get(OWNERS[owner]).put(key, setting.value());
        }
        return settings;
    }

    /**
     * Apply a snapshot's settings over the configuration the handlers are about to be made with, as each handler
     * applied them while it ran: each key checked by the handler that owns it.
     *
     * @throws IllegalStateException naming a setting this engine does not take.
     */
    static void apply(
        final Map<RuntimeSettings.Owner, Map<String, String>> settings,
        final SurveillanceConfig surveillanceConfig,
        final TradingConfig tradingConfig)
    {
        for (final Map.Entry<RuntimeSettings.Owner, Map<String, String>> owned : settings.entrySet())
        {
            if (owned.getValue().isEmpty())
            {
                continue;
            }
            final RuntimeSettings runtime = new RuntimeSettings(owned.getKey(), surveillanceConfig, tradingConfig);
            for (final Map.Entry<String, String> setting : owned.getValue().entrySet())
            {
                final short result = runtime.set(setting.getKey(), setting.getValue());
                if (ControlResult.APPLIED.value() != result)
                {
                    throw new IllegalStateException("its setting " + setting.getKey() + " = " + setting.getValue() +
                        " is not one this engine's " + owned.getKey().name().toLowerCase(Locale.ROOT) +
                        " handler takes");
                }
            }
        }
        surveillanceConfig.conclude();
        tradingConfig.conclude();
    }
}
