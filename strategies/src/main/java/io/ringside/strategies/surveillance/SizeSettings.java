package io.ringside.strategies.surveillance;

/**
 * Rule 2: a client order above {@code max-quantity} shares, above {@code max-notional} in whole currency units
 * (price × quantity at the instrument's price scale), or above {@code average-multiple} times the instrument's
 * average market trade size over its last {@code average-trades} trades. See {@link SizeRule}.
 */
public final class SizeSettings extends RuleSettings<SizeSettings>
{
    static final int ENABLED = 0;
    static final int MAX_QUANTITY = 1;
    static final int MAX_NOTIONAL = 2;
    static final int AVERAGE_MULTIPLE = 3;
    static final int AVERAGE_TRADES = 4;

    SizeSettings(final boolean isDefault)
    {
        super("size",
            new String[]{ "enabled", "max-quantity", "max-notional", "average-multiple", "average-trades" },
            new long[]{ 1, 50_000, 10_000_000, 50, 100 },
            new long[]{ 0, 1, 1, 1, 1 },
            new long[]{ 1, Long.MAX_VALUE, Long.MAX_VALUE, 1_000_000, 1_000_000 },
            isDefault);
    }

    public SizeSettings enabled(final boolean enabled)
    {
        return set(ENABLED, enabled ? 1 : 0);
    }

    public boolean enabled()
    {
        return flag(ENABLED);
    }

    public SizeSettings maxQuantity(final long maxQuantity)
    {
        return set(MAX_QUANTITY, maxQuantity);
    }

    public long maxQuantity()
    {
        return values[MAX_QUANTITY];
    }

    public SizeSettings maxNotional(final long maxNotional)
    {
        return set(MAX_NOTIONAL, maxNotional);
    }

    public long maxNotional()
    {
        return values[MAX_NOTIONAL];
    }

    public SizeSettings averageMultiple(final long averageMultiple)
    {
        return set(AVERAGE_MULTIPLE, averageMultiple);
    }

    public long averageMultiple()
    {
        return values[AVERAGE_MULTIPLE];
    }

    /** Per instrument only: an account group's value is ignored. */
    public SizeSettings averageTrades(final int averageTrades)
    {
        return set(AVERAGE_TRADES, averageTrades);
    }

    public int averageTrades()
    {
        return (int)values[AVERAGE_TRADES];
    }

    SizeSettings newInstance(final boolean isDefault)
    {
        return new SizeSettings(isDefault);
    }
}
