package io.ringside.engine;

import io.ringside.engine.config.RingsideConfig;

/**
 * The handlers' and ingress's configuration, concluded with the engine's context: given as objects, or read from the
 * configuration file over the defaults, with what the command line set explicitly over the file.
 */
final class HandlerConfigs
{
    private HandlerConfigs()
    {
    }

    static void conclude(final EngineContext ctx)
    {
        if (null != ctx.configFile() && (null != ctx.surveillanceConfig() || null != ctx.tradingConfig()))
        {
            throw new IllegalArgumentException("config: given both as a file and as objects; use one");
        }
        if (null == ctx.surveillanceConfig() || null == ctx.tradingConfig() || null == ctx.ingressConfig())
        {
            final RingsideConfig config = new RingsideConfig();
            config.trading().initialOrderCapacityPerBook(ctx.initialOrderCapacity());
            if (null != ctx.configFile())
            {
                config.apply(ctx.configFile());
            }
            // As on any command line: the file overrides the defaults, a setting given explicitly overrides the file.
            ctx.strategyOverrides().applyTo(config);
            if (null == ctx.surveillanceConfig())
            {
                ctx.surveillanceConfig(config.surveillance());
            }
            if (null == ctx.tradingConfig())
            {
                ctx.tradingConfig(config.trading());
            }
            if (null == ctx.ingressConfig())
            {
                ctx.ingressConfig(config.ingress());
            }
        }
        ctx.surveillanceConfig().conclude();
        ctx.tradingConfig().conclude();
        ctx.ingressConfig().conclude();
        ctx.initialOrderCapacity(ctx.tradingConfig().initialOrderCapacityPerBook()); // one size for both handlers' books
        // The instrument tables make room for the limit, so they never resize on the event path; beyond 65,536 (a
        // limit far over any one venue's day) they start there and grow, rather than reserve megabytes per table.
        ctx.tradingConfig().books().expectedInstruments(Math.max(1, Math.min(ctx.maxInstruments(), 65_536)));
    }
}
