package io.ringside.strategies.surveillance;

/**
 * Rule 6, on market data: an instrument's order messages (adds, cancels, deletes, replaces) over
 * {@code max-messages-per-ms} per millisecond across {@code window-ms}, with at least {@code min-cancel-percent}
 * of them cancels and deletes. See {@link QuoteStuffingRule} for why the defaults are what they are.
 */
public final class QuoteStuffingSettings extends RuleSettings<QuoteStuffingSettings>
{
    static final int ENABLED = 0;
    static final int MAX_MESSAGES_PER_MS = 1;
    static final int MIN_CANCEL_PERCENT = 2;
    static final int WINDOW_MS = 3;

    QuoteStuffingSettings(final boolean isDefault)
    {
        super("quote-stuffing",
            new String[]{ "enabled", "max-messages-per-ms", "min-cancel-percent", "window-ms" },
            new long[]{ 1, QuoteStuffingRule.DEFAULT_MAX_MESSAGES_PER_MS, QuoteStuffingRule.DEFAULT_MIN_CANCEL_PERCENT,
                QuoteStuffingRule.DEFAULT_WINDOW_MS },
            new long[]{ 0, 1, 0, 1 },
            new long[]{ 1, 1_000_000, 100, QuoteStuffingRule.MAX_WINDOW_MS },
            isDefault);
    }

    public QuoteStuffingSettings enabled(final boolean enabled)
    {
        return set(ENABLED, enabled ? 1 : 0);
    }

    public boolean enabled()
    {
        return flag(ENABLED);
    }

    public QuoteStuffingSettings maxMessagesPerMs(final int maxMessagesPerMs)
    {
        return set(MAX_MESSAGES_PER_MS, maxMessagesPerMs);
    }

    public int maxMessagesPerMs()
    {
        return (int)values[MAX_MESSAGES_PER_MS];
    }

    public QuoteStuffingSettings minCancelPercent(final int minCancelPercent)
    {
        return set(MIN_CANCEL_PERCENT, minCancelPercent);
    }

    public int minCancelPercent()
    {
        return (int)values[MIN_CANCEL_PERCENT];
    }

    /** The window in whole ms of event time: the limit is max-messages-per-ms times this. */
    public QuoteStuffingSettings windowMs(final int windowMs)
    {
        return set(WINDOW_MS, windowMs);
    }

    public int windowMs()
    {
        return (int)values[WINDOW_MS];
    }

    QuoteStuffingSettings newInstance(final boolean isDefault)
    {
        return new QuoteStuffingSettings(isDefault);
    }
}
