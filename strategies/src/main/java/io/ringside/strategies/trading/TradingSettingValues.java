package io.ringside.strategies.trading;

import static io.ringside.strategies.trading.Trading.NO_SETTING;

/**
 * The strategies' and the risk gate's configuration keys read back, as a {@code SET} command's acknowledgement reports
 * the value it replaced, and which of them a running handler can take (the rest size or select at start).
 */
final class TradingSettingValues
{
    private static final String RISK_PREFIX = "risk.";
    private static final String INSTRUMENT_PREFIX = "instrument.";

    private TradingSettingValues()
    {
    }

    /**
     * A configuration key's current value in this handler's config, for a SET's acknowledgement: {@code strategy.*},
     * {@code risk.*}, {@code instrument.SYMBOL.risk.*} (an override's, or else the default it takes) and
     * {@code book.initial-order-capacity}; a boolean as 1 or 0, a list of instruments as 0.
     *
     * @return the value, or {@link Trading#NO_SETTING} when the key is not this handler's.
     */
    static long value(final TradingConfig config, final String key)
    {
        if (null == key)
        {
            return NO_SETTING;
        }
        if (key.startsWith(MarketMakerConfig.PREFIX))
        {
            final MarketMakerConfig mm = config.marketMaker();
            return switch (key.substring(MarketMakerConfig.PREFIX.length()))
            {
                case "enabled" -> mm.enabled() ? 1 : 0;
                case "quote-quantity" -> mm.quoteQuantity();
                case "half-spread-ticks" -> mm.halfSpreadTicks();
                case "requote-ticks" -> mm.requoteTicks();
                case "min-requote-interval-ns" -> mm.minRequoteIntervalNs();
                case "skew-ticks-per-unit" -> mm.skewTicksPerUnit();
                case "skew-unit" -> mm.skewUnit();
                case "max-position" -> mm.maxPosition();
                case "quote-max-age-ns" -> mm.quoteMaxAgeNs();
                case "stale-after-ns" -> mm.staleAfterNs();
                case "instruments" -> 0;
                default -> NO_SETTING;
            };
        }
        if (key.startsWith(OfiTakerConfig.PREFIX))
        {
            final OfiTakerConfig ofi = config.ofiTaker();
            return switch (key.substring(OfiTakerConfig.PREFIX.length()))
            {
                case "enabled" -> ofi.enabled() ? 1 : 0;
                case "depth" -> ofi.depth();
                case "threshold-bps" -> ofi.thresholdBps();
                case "order-quantity" -> ofi.orderQuantity();
                case "holding-period-ns" -> ofi.holdingPeriodNs();
                case "stop-ticks" -> ofi.stopTicks();
                case "cooldown-ns" -> ofi.cooldownNs();
                case "instruments" -> 0;
                default -> NO_SETTING;
            };
        }
        switch (key)
        {
            case "risk.max-orders-per-second":
                return config.maxOrdersPerSecond();
            case "risk.kill-switch":
                return config.killSwitch() ? 1 : 0;
            case "book.initial-order-capacity":
                return config.initialOrderCapacityPerBook();
            default:
                break;
        }
        if (key.startsWith(RISK_PREFIX))
        {
            return riskValue(config.risk(), key.substring(RISK_PREFIX.length()));
        }
        if (key.startsWith(INSTRUMENT_PREFIX))
        {
            final int dot = key.indexOf('.', INSTRUMENT_PREFIX.length());
            if (dot > 0 && key.startsWith(RISK_PREFIX, dot + 1))
            {
                final RiskLimits limits = config.instrumentRisk().get(key.substring(INSTRUMENT_PREFIX.length(), dot));
                final String name = key.substring(dot + 1 + RISK_PREFIX.length());
                return riskValue(null == limits ? config.risk() : limits, name);
            }
        }
        return NO_SETTING;
    }

    /** Whether a SET of the key takes effect in a running handler: one of its keys that sizes or selects nothing. */
    static boolean isRuntime(final TradingConfig config, final String key)
    {
        return NO_SETTING != value(config, key) && !key.endsWith(".instruments") &&
            !"risk.max-orders-per-second".equals(key) && !key.startsWith("book.");
    }

    private static long riskValue(final RiskLimits limits, final String name)
    {
        return switch (name)
        {
            case "max-order-quantity" -> limits.maxOrderQuantity();
            case "max-position" -> limits.maxPosition();
            case "max-notional" -> limits.maxNotional();
            case "price-collar-bps" -> limits.priceCollarBps();
            default -> NO_SETTING;
        };
    }
}
