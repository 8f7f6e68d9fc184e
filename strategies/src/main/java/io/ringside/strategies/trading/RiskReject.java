package io.ringside.strategies.trading;

/** Why the {@link RiskGate} rejected an order, in the order the checks run. */
public enum RiskReject
{
    /** The kill switch is tripped. */
    KILL_SWITCH("kill-switch"),
    /** The order's quantity is over {@code max-order-quantity}. */
    MAX_ORDER_QUANTITY("max-order-quantity"),
    /** The price is further from the mid than {@code price-collar-bps}, or there is no two-sided book to judge it. */
    PRICE_COLLAR("price-collar"),
    /** Filled, it and the strategy's other open orders on its side could take the position past {@code max-position}. */
    MAX_POSITION("max-position"),
    /** That same worst-case position, at the order's price, is over {@code max-notional}. */
    MAX_NOTIONAL("max-notional"),
    /** The strategy already sent {@code max-orders-per-second} orders in the last second of event time. */
    ORDER_RATE("order-rate");

    private static final RiskReject[] VALUES = values();

    private final String key;

    RiskReject(final String key)
    {
        this.key = key;
    }

    /** The kebab-case name used in counts and the summary. */
    public String key()
    {
        return key;
    }

    static RiskReject get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    static int count()
    {
        return VALUES.length;
    }
}
