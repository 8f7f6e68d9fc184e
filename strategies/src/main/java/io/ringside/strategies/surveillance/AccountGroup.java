package io.ringside.strategies.surveillance;

/** A beneficial owner: its accounts, and its own limits for the account rules. */
public final class AccountGroup
{
    private final String name;
    private final int number;
    private final SurveillanceConfig config;
    private final VelocitySettings velocity = new VelocitySettings(false);
    private final SizeSettings size = new SizeSettings(false);
    private long[] accounts = new long[0];

    AccountGroup(final String name, final int number, final SurveillanceConfig config)
    {
        this.name = name;
        this.number = number;
        this.config = config;
    }

    public String name()
    {
        return name;
    }

    /** From 1, in the order groups were first named: the reference value of a wash-trade alert. */
    public int number()
    {
        return number;
    }

    public AccountGroup accounts(final long... accounts)
    {
        this.accounts = accounts.clone();
        return this;
    }

    public long[] accounts()
    {
        return accounts.clone();
    }

    public VelocitySettings velocity()
    {
        return velocity;
    }

    /** Only the size rule's limits apply per group: max-quantity, max-notional, average-multiple. */
    public SizeSettings size()
    {
        return size;
    }

    public SurveillanceConfig config()
    {
        return config;
    }
}
