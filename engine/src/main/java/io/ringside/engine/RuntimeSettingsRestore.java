package io.ringside.engine;

import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.snapshot.SnapshotLoader;

/** A handler's runtime settings, bound to the engine's configuration, with the SETs a snapshot restored already in. */
public final class RuntimeSettingsRestore
{
    private RuntimeSettingsRestore()
    {
    }

    /**
     * @param loaded the snapshot the engine starts from; null for none.
     */
    public static RuntimeSettings of(final RuntimeSettings.Owner owner, final EngineContext ctx,
        final SnapshotLoader.Loaded loaded)
    {
        final RuntimeSettings settings = new RuntimeSettings(owner, ctx.surveillanceConfig(), ctx.tradingConfig());
        if (null != loaded)
        {
            settings.restoreApplied(loaded.settings(owner));
        }
        return settings;
    }
}
