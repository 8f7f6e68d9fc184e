package io.ringside.strategies.trading;

/**
 * A strategy's holding in one instrument, at average cost, in fixed point at the instrument's price scale: the cost
 * is the signed sum of price times quantity of the open position (negative when short), so the average price is
 * {@code openCost / quantity} and the unrealised PnL at a mark is {@code quantity * mark - openCost}.
 */
public final class Position
{
    private long quantity;
    private long openCost;
    private long realisedPnl;
    private long fills;
    private long filledQuantity;

    /** Apply a fill: {@code signedQuantity} positive for a buy. */
    void apply(final long signedQuantity, final long price)
    {
        fills++;
        filledQuantity += Math.abs(signedQuantity);
        long remaining = signedQuantity;
        if (0 != quantity && (quantity > 0) != (signedQuantity > 0))
        {
            // Reduces the position: realise the closed part against the average cost, truncating the cost share.
            final long closed = Math.min(Math.abs(remaining), Math.abs(quantity));
            final long costShare = openCost / Math.abs(quantity) * closed +
                openCost % Math.abs(quantity) * closed / Math.abs(quantity);
            realisedPnl += (quantity > 0 ? price * closed : -price * closed) - costShare;
            openCost -= costShare;
            quantity += quantity > 0 ? -closed : closed;
            remaining += remaining > 0 ? -closed : closed;
        }
        quantity += remaining;
        openCost += remaining * price;
    }

    public long quantity()
    {
        return quantity;
    }

    public long openCost()
    {
        return openCost;
    }

    public long realisedPnl()
    {
        return realisedPnl;
    }

    /** PnL of the open position marked at {@code mark}; 0 when flat. */
    public long unrealisedPnl(final long mark)
    {
        return 0 == quantity ? 0 : quantity * mark - openCost;
    }

    public long fills()
    {
        return fills;
    }

    public long filledQuantity()
    {
        return filledQuantity;
    }

    void restore(
        final long quantity, final long openCost, final long realisedPnl, final long fills, final long filledQuantity)
    {
        this.quantity = quantity;
        this.openCost = openCost;
        this.realisedPnl = realisedPnl;
        this.fills = fills;
        this.filledQuantity = filledQuantity;
    }
}
