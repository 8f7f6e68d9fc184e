package io.ringside.strategies.surveillance;

/**
 * Rule 1: an order or execution priced more than {@code max-deviation-bps} from the book's mid, or from the last
 * market trade when the book is one-sided or empty. See {@link PriceBandRule}.
 */
public final class PriceBandSettings extends RuleSettings<PriceBandSettings>
{
    public static final long DEFAULT_MAX_DEVIATION_BPS = 5;

    static final int ENABLED = 0;
    static final int MAX_DEVIATION_BPS = 1;

    PriceBandSettings(final boolean isDefault)
    {
        super("price-band", new String[]{ "enabled", "max-deviation-bps" },
            new long[]{ 1, DEFAULT_MAX_DEVIATION_BPS }, new long[]{ 0, 1 }, new long[]{ 1, 1_000_000 }, isDefault);
    }

    public PriceBandSettings enabled(final boolean enabled)
    {
        return set(ENABLED, enabled ? 1 : 0);
    }

    public boolean enabled()
    {
        return flag(ENABLED);
    }

    public PriceBandSettings maxDeviationBps(final long maxDeviationBps)
    {
        return set(MAX_DEVIATION_BPS, maxDeviationBps);
    }

    public long maxDeviationBps()
    {
        return values[MAX_DEVIATION_BPS];
    }

    PriceBandSettings newInstance(final boolean isDefault)
    {
        return new PriceBandSettings(isDefault);
    }
}
