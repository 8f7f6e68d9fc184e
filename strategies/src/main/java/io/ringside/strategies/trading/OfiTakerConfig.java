package io.ringside.strategies.trading;

import java.util.Set;

/**
 * The order-flow-imbalance taker's settings, keys under {@code strategy.ofi-taker.}; see {@link TradingConfig}.
 */
public final class OfiTakerConfig
{
    static final String PREFIX = "strategy.ofi-taker.";
    static final int MAX_DEPTH = 50;

    private boolean enabled = true;
    private String instruments = TradingConfig.ALL_INSTRUMENTS;
    private int depth = 5;
    private long thresholdBps = 6_000;
    private long orderQuantity = 100;
    private long holdingPeriodNs = 5_000_000_000L;
    private long stopTicks = 10;
    private long cooldownNs = 10_000_000_000L;

    public OfiTakerConfig enabled(final boolean enabled)
    {
        this.enabled = enabled;
        return this;
    }

    public boolean enabled()
    {
        return enabled;
    }

    /**
     * The instruments it trades, by the symbol of their InstrumentDefinition: {@code all} (the default: every
     * instrument, defined or not), or a comma-separated list of symbols, e.g. {@code AAPL,MSFT}. See
     * {@link TradingConfig}.
     */
    public OfiTakerConfig instruments(final String instruments)
    {
        this.instruments = instruments;
        return this;
    }

    public String instruments()
    {
        return instruments;
    }

    /**
     * The symbols of {@link #instruments()}, or null for all.
     *
     * @throws IllegalArgumentException naming the key, when it is neither all nor a list of symbols.
     */
    public Set<String> instrumentSymbols()
    {
        return TradingConfig.instrumentSymbols(PREFIX + "instruments", instruments);
    }

    /** Levels a side, from the best, whose quantities make the imbalance. */
    public OfiTakerConfig depth(final int depth)
    {
        this.depth = depth;
        return this;
    }

    public int depth()
    {
        return depth;
    }

    /** Imbalance, in basis points of the quantity on both sides, at or beyond which it enters. */
    public OfiTakerConfig thresholdBps(final long thresholdBps)
    {
        this.thresholdBps = thresholdBps;
        return this;
    }

    public long thresholdBps()
    {
        return thresholdBps;
    }

    /** Quantity of each entry. */
    public OfiTakerConfig orderQuantity(final long orderQuantity)
    {
        this.orderQuantity = orderQuantity;
        return this;
    }

    public long orderQuantity()
    {
        return orderQuantity;
    }

    /** Event time a position is held before it is closed. */
    public OfiTakerConfig holdingPeriodNs(final long holdingPeriodNs)
    {
        this.holdingPeriodNs = holdingPeriodNs;
        return this;
    }

    public long holdingPeriodNs()
    {
        return holdingPeriodNs;
    }

    /** Ticks the mid may move against the position's average price before it is closed early. */
    public OfiTakerConfig stopTicks(final long stopTicks)
    {
        this.stopTicks = stopTicks;
        return this;
    }

    public long stopTicks()
    {
        return stopTicks;
    }

    /** Event time after a position is closed, or an entry did not fill, before the next entry. */
    public OfiTakerConfig cooldownNs(final long cooldownNs)
    {
        this.cooldownNs = cooldownNs;
        return this;
    }

    public long cooldownNs()
    {
        return cooldownNs;
    }

    void conclude()
    {
        instrumentSymbols();
        if (depth < 1 || depth > MAX_DEPTH)
        {
            throw new IllegalArgumentException(PREFIX + "depth must be in 1.." + MAX_DEPTH + ": " + depth);
        }
        if (thresholdBps < 1 || thresholdBps > 10_000)
        {
            throw new IllegalArgumentException(PREFIX + "threshold-bps must be in 1..10000: " + thresholdBps);
        }
        TradingConfig.positive(PREFIX + "order-quantity", orderQuantity);
        TradingConfig.notNegative(PREFIX + "holding-period-ns", holdingPeriodNs);
        TradingConfig.positive(PREFIX + "stop-ticks", stopTicks);
        TradingConfig.notNegative(PREFIX + "cooldown-ns", cooldownNs);
    }

    public String toString()
    {
        return "enabled " + enabled + ", depth " + depth + ", threshold-bps " + thresholdBps + ", order-quantity " +
            orderQuantity + ", holding-period-ns " + holdingPeriodNs + ", stop-ticks " + stopTicks + ", cooldown-ns " +
            cooldownNs + ", instruments " + instruments;
    }
}
