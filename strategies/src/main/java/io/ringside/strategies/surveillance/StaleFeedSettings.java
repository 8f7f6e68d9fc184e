package io.ringside.strategies.surveillance;

/**
 * Rule 7: an instrument whose market data has been silent for {@code stale-after-ns} of event time, judged at Timer
 * events only. See {@link StaleFeedRule}.
 */
public final class StaleFeedSettings extends RuleSettings<StaleFeedSettings>
{
    public static final long DEFAULT_STALE_AFTER_NS = 30_000_000_000L;

    static final int ENABLED = 0;
    static final int STALE_AFTER_NS = 1;

    StaleFeedSettings(final boolean isDefault)
    {
        super("stale-feed", new String[]{ "enabled", "stale-after-ns" },
            new long[]{ 1, DEFAULT_STALE_AFTER_NS }, new long[]{ 0, 1 }, new long[]{ 1, Long.MAX_VALUE }, isDefault);
    }

    public StaleFeedSettings enabled(final boolean enabled)
    {
        return set(ENABLED, enabled ? 1 : 0);
    }

    public boolean enabled()
    {
        return flag(ENABLED);
    }

    public StaleFeedSettings staleAfterNs(final long staleAfterNs)
    {
        return set(STALE_AFTER_NS, staleAfterNs);
    }

    public long staleAfterNs()
    {
        return values[STALE_AFTER_NS];
    }

    StaleFeedSettings newInstance(final boolean isDefault)
    {
        return new StaleFeedSettings(isDefault);
    }
}
