package io.ringside.strategies.surveillance;

/**
 * Rule 3: more than {@code max-messages} new orders and cancels by one account within {@code window-ns} of event
 * time. See {@link VelocityRule}.
 */
public final class VelocitySettings extends RuleSettings<VelocitySettings>
{
    static final int ENABLED = 0;
    static final int MAX_MESSAGES = 1;
    static final int WINDOW_NS = 2;

    VelocitySettings(final boolean isDefault)
    {
        super("velocity", new String[]{ "enabled", "max-messages", "window-ns" },
            new long[]{ 1, 50, 1_000_000_000L },
            new long[]{ 0, 1, 1 },
            new long[]{ 1, 1_000_000, Long.MAX_VALUE },
            isDefault);
    }

    public VelocitySettings enabled(final boolean enabled)
    {
        return set(ENABLED, enabled ? 1 : 0);
    }

    public boolean enabled()
    {
        return flag(ENABLED);
    }

    public VelocitySettings maxMessages(final int maxMessages)
    {
        return set(MAX_MESSAGES, maxMessages);
    }

    public int maxMessages()
    {
        return (int)values[MAX_MESSAGES];
    }

    public VelocitySettings windowNs(final long windowNs)
    {
        return set(WINDOW_NS, windowNs);
    }

    public long windowNs()
    {
        return values[WINDOW_NS];
    }

    VelocitySettings newInstance(final boolean isDefault)
    {
        return new VelocitySettings(isDefault);
    }
}
