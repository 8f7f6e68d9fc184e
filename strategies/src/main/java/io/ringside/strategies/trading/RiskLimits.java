package io.ringside.strategies.trading;

/**
 * The pre-trade limits one instrument's orders are held to, per strategy. Every limit is inclusive: an order that
 * brings a measure exactly to its limit passes, one unit more is rejected.
 * <p>
 * The defaults ({@link TradingConfig#risk()}) set every field. A per-instrument override
 * ({@link TradingConfig#instrumentRisk(String)}) starts with every field unset and takes the defaults for those it
 * does not set when the configuration is concluded.
 */
public final class RiskLimits
{
    static final long UNSET = Long.MIN_VALUE;
    private static final int ORDER_QUANTITY = 1;
    private static final int POSITION = 2;
    private static final int NOTIONAL = 4;
    private static final int COLLAR = 8;

    public static final long DEFAULT_MAX_ORDER_QUANTITY = 1_000;
    public static final long DEFAULT_MAX_POSITION = 2_000;
    public static final long DEFAULT_MAX_NOTIONAL = 2_000_000;
    public static final long DEFAULT_PRICE_COLLAR_BPS = 50;

    private final String prefix;
    private long maxOrderQuantity;
    private long maxPosition;
    private long maxNotional;
    private long priceCollarBps;
    // Which limits an override took from the defaults, by bit: those follow the defaults when they change.
    private int inherited;

    RiskLimits(final String prefix, final boolean withDefaults)
    {
        this.prefix = prefix;
        maxOrderQuantity = withDefaults ? DEFAULT_MAX_ORDER_QUANTITY : UNSET;
        maxPosition = withDefaults ? DEFAULT_MAX_POSITION : UNSET;
        maxNotional = withDefaults ? DEFAULT_MAX_NOTIONAL : UNSET;
        priceCollarBps = withDefaults ? DEFAULT_PRICE_COLLAR_BPS : UNSET;
    }

    /** Largest quantity of one order. */
    public RiskLimits maxOrderQuantity(final long maxOrderQuantity)
    {
        this.maxOrderQuantity = maxOrderQuantity;
        inherited &= ~ORDER_QUANTITY;
        return this;
    }

    public long maxOrderQuantity()
    {
        return maxOrderQuantity;
    }

    /**
     * Largest absolute position a strategy may reach in the instrument counting every order it has open on the
     * order's side as if filled, this order included.
     */
    public RiskLimits maxPosition(final long maxPosition)
    {
        this.maxPosition = maxPosition;
        inherited &= ~POSITION;
        return this;
    }

    public long maxPosition()
    {
        return maxPosition;
    }

    /**
     * Largest notional exposure, in whole currency units: the position {@link #maxPosition} measures, times the
     * order's price.
     */
    public RiskLimits maxNotional(final long maxNotional)
    {
        this.maxNotional = maxNotional;
        inherited &= ~NOTIONAL;
        return this;
    }

    public long maxNotional()
    {
        return maxNotional;
    }

    /** Furthest an order's price may be from the book's mid, in basis points of the mid. */
    public RiskLimits priceCollarBps(final long priceCollarBps)
    {
        this.priceCollarBps = priceCollarBps;
        inherited &= ~COLLAR;
        return this;
    }

    public long priceCollarBps()
    {
        return priceCollarBps;
    }

    void inheritUnset(final RiskLimits defaults)
    {
        if (UNSET == maxOrderQuantity || 0 != (inherited & ORDER_QUANTITY))
        {
            maxOrderQuantity = defaults.maxOrderQuantity;
            inherited |= ORDER_QUANTITY;
        }
        if (UNSET == maxPosition || 0 != (inherited & POSITION))
        {
            maxPosition = defaults.maxPosition;
            inherited |= POSITION;
        }
        if (UNSET == maxNotional || 0 != (inherited & NOTIONAL))
        {
            maxNotional = defaults.maxNotional;
            inherited |= NOTIONAL;
        }
        if (UNSET == priceCollarBps || 0 != (inherited & COLLAR))
        {
            priceCollarBps = defaults.priceCollarBps;
            inherited |= COLLAR;
        }
    }

    void conclude()
    {
        TradingConfig.positive(prefix + "max-order-quantity", maxOrderQuantity);
        TradingConfig.positive(prefix + "max-position", maxPosition);
        TradingConfig.positive(prefix + "max-notional", maxNotional);
        TradingConfig.positive(prefix + "price-collar-bps", priceCollarBps);
    }

    public String toString()
    {
        return "max-order-quantity " + maxOrderQuantity + ", max-position " + maxPosition + ", max-notional " +
            maxNotional + ", price-collar-bps " + priceCollarBps;
    }
}
