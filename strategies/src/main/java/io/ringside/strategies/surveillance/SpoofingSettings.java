package io.ringside.strategies.surveillance;

/**
 * Rule 4: large orders ({@code min-size-multiple} times the displayed quantity at their level, or at an empty
 * level) on one side, {@code min-cancel-percent} of their quantity cancelled and at most {@code max-fill-percent}
 * filled within {@code window-ns} of the first, while the account trades on the other side; layering from
 * {@code layering-levels} distinct prices. See {@link SpoofingRule}.
 */
public final class SpoofingSettings extends RuleSettings<SpoofingSettings>
{
    static final int ENABLED = 0;
    static final int MIN_SIZE_MULTIPLE = 1;
    static final int LAYERING_LEVELS = 2;
    static final int MIN_CANCEL_PERCENT = 3;
    static final int MAX_FILL_PERCENT = 4;
    static final int WINDOW_NS = 5;

    SpoofingSettings(final boolean isDefault)
    {
        super("spoofing",
            new String[]{ "enabled", "min-size-multiple", "layering-levels", "min-cancel-percent",
                "max-fill-percent", "window-ns" },
            new long[]{ 1, 2, 3, 80, 10, 5_000_000_000L },
            new long[]{ 0, 1, 2, 1, 0, 1 },
            new long[]{ 1, 1_000_000, SpoofingRule.MAX_LEVELS, 100, 100, Long.MAX_VALUE },
            isDefault);
    }

    public SpoofingSettings enabled(final boolean enabled)
    {
        return set(ENABLED, enabled ? 1 : 0);
    }

    public boolean enabled()
    {
        return flag(ENABLED);
    }

    public SpoofingSettings minSizeMultiple(final long minSizeMultiple)
    {
        return set(MIN_SIZE_MULTIPLE, minSizeMultiple);
    }

    public long minSizeMultiple()
    {
        return values[MIN_SIZE_MULTIPLE];
    }

    public SpoofingSettings layeringLevels(final int layeringLevels)
    {
        return set(LAYERING_LEVELS, layeringLevels);
    }

    public int layeringLevels()
    {
        return (int)values[LAYERING_LEVELS];
    }

    public SpoofingSettings minCancelPercent(final int minCancelPercent)
    {
        return set(MIN_CANCEL_PERCENT, minCancelPercent);
    }

    public int minCancelPercent()
    {
        return (int)values[MIN_CANCEL_PERCENT];
    }

    public SpoofingSettings maxFillPercent(final int maxFillPercent)
    {
        return set(MAX_FILL_PERCENT, maxFillPercent);
    }

    public int maxFillPercent()
    {
        return (int)values[MAX_FILL_PERCENT];
    }

    public SpoofingSettings windowNs(final long windowNs)
    {
        return set(WINDOW_NS, windowNs);
    }

    public long windowNs()
    {
        return values[WINDOW_NS];
    }

    SpoofingSettings newInstance(final boolean isDefault)
    {
        return new SpoofingSettings(isDefault);
    }
}
