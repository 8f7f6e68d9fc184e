package io.ringside.strategies.trading;

import java.util.Set;

/**
 * The market maker's settings, keys under {@code strategy.market-maker.}; see {@link TradingConfig} for the list.
 */
public final class MarketMakerConfig
{
    public static final long DEFAULT_QUOTE_QUANTITY = 100;
    public static final long DEFAULT_HALF_SPREAD_TICKS = 2;
    public static final long DEFAULT_REQUOTE_TICKS = 1;
    public static final long DEFAULT_MIN_REQUOTE_INTERVAL_NS = 1_000_000;
    public static final long DEFAULT_STALE_AFTER_NS = 30_000_000_000L;

    static final String PREFIX = "strategy.market-maker.";

    private boolean enabled = true;
    private String instruments = TradingConfig.ALL_INSTRUMENTS;
    private long quoteQuantity = DEFAULT_QUOTE_QUANTITY;
    private long halfSpreadTicks = DEFAULT_HALF_SPREAD_TICKS;
    private long requoteTicks = DEFAULT_REQUOTE_TICKS;
    private long minRequoteIntervalNs = DEFAULT_MIN_REQUOTE_INTERVAL_NS;
    private long skewTicksPerUnit = 1;
    private long skewUnit = 100;
    private long maxPosition = 500;
    private long quoteMaxAgeNs = 1_000_000_000L;
    private long staleAfterNs = DEFAULT_STALE_AFTER_NS;

    public MarketMakerConfig enabled(final boolean enabled)
    {
        this.enabled = enabled;
        return this;
    }

    public boolean enabled()
    {
        return enabled;
    }

    /**
     * The instruments it quotes, by the symbol of their InstrumentDefinition: {@code all} (the default: every
     * instrument, defined or not), or a comma-separated list of symbols, e.g. {@code AAPL,MSFT}. See
     * {@link TradingConfig}.
     */
    public MarketMakerConfig instruments(final String instruments)
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

    /** Quantity of each quote. */
    public MarketMakerConfig quoteQuantity(final long quoteQuantity)
    {
        this.quoteQuantity = quoteQuantity;
        return this;
    }

    public long quoteQuantity()
    {
        return quoteQuantity;
    }

    /** Ticks from the microprice to each quote, before the inventory skew. */
    public MarketMakerConfig halfSpreadTicks(final long halfSpreadTicks)
    {
        this.halfSpreadTicks = halfSpreadTicks;
        return this;
    }

    public long halfSpreadTicks()
    {
        return halfSpreadTicks;
    }

    /** How far, in ticks, a quote's target must move before the quote is moved. */
    public MarketMakerConfig requoteTicks(final long requoteTicks)
    {
        this.requoteTicks = requoteTicks;
        return this;
    }

    public long requoteTicks()
    {
        return requoteTicks;
    }

    /** Event time that must pass after quoting an instrument before its quotes are moved again. */
    public MarketMakerConfig minRequoteIntervalNs(final long minRequoteIntervalNs)
    {
        this.minRequoteIntervalNs = minRequoteIntervalNs;
        return this;
    }

    public long minRequoteIntervalNs()
    {
        return minRequoteIntervalNs;
    }

    /** Ticks both quotes move against the position per {@link #skewUnit} of it; 0 for no skew. */
    public MarketMakerConfig skewTicksPerUnit(final long skewTicksPerUnit)
    {
        this.skewTicksPerUnit = skewTicksPerUnit;
        return this;
    }

    public long skewTicksPerUnit()
    {
        return skewTicksPerUnit;
    }

    /** The quantity of position that moves the quotes by {@link #skewTicksPerUnit} ticks. */
    public MarketMakerConfig skewUnit(final long skewUnit)
    {
        this.skewUnit = skewUnit;
        return this;
    }

    public long skewUnit()
    {
        return skewUnit;
    }

    /** Largest absolute position the maker quotes towards: a side whose fill would pass it is not quoted. */
    public MarketMakerConfig maxPosition(final long maxPosition)
    {
        this.maxPosition = maxPosition;
        return this;
    }

    public long maxPosition()
    {
        return maxPosition;
    }

    /** Event-time age at which a quote is stale and is refreshed (replaced at its current target). */
    public MarketMakerConfig quoteMaxAgeNs(final long quoteMaxAgeNs)
    {
        this.quoteMaxAgeNs = quoteMaxAgeNs;
        return this;
    }

    public long quoteMaxAgeNs()
    {
        return quoteMaxAgeNs;
    }

    /**
     * Event time without market data for an instrument after which, at a Timer, its quotes are cancelled: prices
     * that old are not worth standing behind. It quotes again at the instrument's next market event.
     */
    public MarketMakerConfig staleAfterNs(final long staleAfterNs)
    {
        this.staleAfterNs = staleAfterNs;
        return this;
    }

    public long staleAfterNs()
    {
        return staleAfterNs;
    }

    void conclude()
    {
        instrumentSymbols();
        TradingConfig.positive(PREFIX + "quote-quantity", quoteQuantity);
        TradingConfig.notNegative(PREFIX + "half-spread-ticks", halfSpreadTicks);
        TradingConfig.positive(PREFIX + "requote-ticks", requoteTicks);
        TradingConfig.notNegative(PREFIX + "min-requote-interval-ns", minRequoteIntervalNs);
        TradingConfig.notNegative(PREFIX + "skew-ticks-per-unit", skewTicksPerUnit);
        TradingConfig.positive(PREFIX + "skew-unit", skewUnit);
        TradingConfig.notNegative(PREFIX + "max-position", maxPosition);
        TradingConfig.positive(PREFIX + "quote-max-age-ns", quoteMaxAgeNs);
        TradingConfig.positive(PREFIX + "stale-after-ns", staleAfterNs);
    }

    public String toString()
    {
        return "enabled " + enabled + ", quote-quantity " + quoteQuantity + ", half-spread-ticks " + halfSpreadTicks +
            ", requote-ticks " + requoteTicks + ", min-requote-interval-ns " + minRequoteIntervalNs +
            ", skew-ticks-per-unit " + skewTicksPerUnit + ", skew-unit " + skewUnit + ", max-position " + maxPosition +
            ", quote-max-age-ns " + quoteMaxAgeNs + ", stale-after-ns " + staleAfterNs + ", instruments " + instruments;
    }
}
