package io.ringside.engine.config;

/**
 * The strategy settings the command line can give beside the configuration file. Each one given wins over the file,
 * as the file wins over the strategy configuration's own defaults; one not given leaves the file's value or the
 * default, so none has a default here. A bad value is refused by {@link #conclude()} naming the option, not the
 * file's key, since the file did not say it.
 */
public final class StrategyOverrides
{
    private Long priceBandBps;
    private Long mmQuoteQuantity;
    private Long mmHalfSpreadTicks;
    private Long mmRequoteTicks;
    private Long mmMinRequoteIntervalNs;

    /** The price band rule's {@code surveillance.price-band.max-deviation-bps}. */
    public StrategyOverrides priceBandBps(final long priceBandBps)
    {
        this.priceBandBps = priceBandBps;
        return this;
    }

    /** The market maker's {@code strategy.market-maker.quote-quantity}. */
    public StrategyOverrides mmQuoteQuantity(final long mmQuoteQuantity)
    {
        this.mmQuoteQuantity = mmQuoteQuantity;
        return this;
    }

    /** The market maker's {@code strategy.market-maker.half-spread-ticks}. */
    public StrategyOverrides mmHalfSpreadTicks(final long mmHalfSpreadTicks)
    {
        this.mmHalfSpreadTicks = mmHalfSpreadTicks;
        return this;
    }

    /** The market maker's {@code strategy.market-maker.requote-ticks}. */
    public StrategyOverrides mmRequoteTicks(final long mmRequoteTicks)
    {
        this.mmRequoteTicks = mmRequoteTicks;
        return this;
    }

    /** The market maker's {@code strategy.market-maker.min-requote-interval-ns}. */
    public StrategyOverrides mmMinRequoteIntervalNs(final long mmMinRequoteIntervalNs)
    {
        this.mmMinRequoteIntervalNs = mmMinRequoteIntervalNs;
        return this;
    }

    /**
     * Check what was given.
     *
     * @throws IllegalArgumentException naming the first bad option.
     */
    public StrategyOverrides conclude()
    {
        atLeast("price-band-bps", priceBandBps, 1);
        atLeast("mm-quote-quantity", mmQuoteQuantity, 1);
        atLeast("mm-half-spread-ticks", mmHalfSpreadTicks, 0);
        atLeast("mm-requote-ticks", mmRequoteTicks, 1);
        atLeast("mm-min-requote-interval", mmMinRequoteIntervalNs, 0);
        return this;
    }

    /** Set what was given onto {@code config}, after its file is applied. */
    public RingsideConfig applyTo(final RingsideConfig config)
    {
        if (null != priceBandBps)
        {
            config.surveillance().priceBand().maxDeviationBps(priceBandBps);
        }
        if (null != mmQuoteQuantity)
        {
            config.trading().marketMaker().quoteQuantity(mmQuoteQuantity);
        }
        if (null != mmHalfSpreadTicks)
        {
            config.trading().marketMaker().halfSpreadTicks(mmHalfSpreadTicks);
        }
        if (null != mmRequoteTicks)
        {
            config.trading().marketMaker().requoteTicks(mmRequoteTicks);
        }
        if (null != mmMinRequoteIntervalNs)
        {
            config.trading().marketMaker().minRequoteIntervalNs(mmMinRequoteIntervalNs);
        }
        return config;
    }

    private static void atLeast(final String option, final Long value, final long minimum)
    {
        if (null != value && value < minimum)
        {
            throw new IllegalArgumentException(option + ": must be >= " + minimum + ": " + value);
        }
    }
}
