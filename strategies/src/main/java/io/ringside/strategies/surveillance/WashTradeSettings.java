package io.ringside.strategies.surveillance;

/** Rule 5: an execution whose buyer and seller are one account or one account group. See {@link WashTradeRule}. */
public final class WashTradeSettings extends RuleSettings<WashTradeSettings>
{
    static final int ENABLED = 0;

    WashTradeSettings(final boolean isDefault)
    {
        super("wash-trade", new String[]{ "enabled" }, new long[]{ 1 }, new long[]{ 0 }, new long[]{ 1 },
            isDefault);
    }

    public WashTradeSettings enabled(final boolean enabled)
    {
        return set(ENABLED, enabled ? 1 : 0);
    }

    public boolean enabled()
    {
        return flag(ENABLED);
    }

    WashTradeSettings newInstance(final boolean isDefault)
    {
        return new WashTradeSettings(isDefault);
    }
}
