package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.strategies.AlertSink;

/**
 * Rule 5, wash trades: a client execution whose buyer and seller are the same account (CRITICAL), or two accounts of
 * the same account group, the same beneficial owner (WARNING).
 * <p>
 * Alert values: observed = the executed quantity, limit = 0 (any quantity is a wash), reference = the account
 * group's number (from 1, in the order the groups are configured; see
 * {@link AccountGroup#number()}), or 0 when buyer and seller are the same account. Account is the
 * buyer, the counterparty the seller.
 */
public final class WashTradeRule
{
    public static final int RULE_ID = 5;

    /** The group number of an account in no group. */
    public static final int NO_GROUP = 0;

    private long evaluated;
    private long fired;

    /**
     * @param buyerGroup  the buyer's group number, or {@link #NO_GROUP}.
     * @param sellerGroup the seller's.
     * @return true when it raised an alert.
     */
    boolean onExecution(
        final long buyer,
        final long seller,
        final int buyerGroup,
        final int sellerGroup,
        final int instrumentId,
        final long quantity,
        final AlertSink sink)
    {
        evaluated++;
        if (buyer == seller)
        {
            fired++;
            sink.onAlert(RULE_ID, Severity.CRITICAL, buyer, seller, instrumentId, quantity, 0, NO_GROUP);
            return true;
        }
        if (NO_GROUP != buyerGroup && buyerGroup == sellerGroup)
        {
            fired++;
            sink.onAlert(RULE_ID, Severity.WARNING, buyer, seller, instrumentId, quantity, 0, buyerGroup);
            return true;
        }
        return false;
    }

    /** Client executions judged. */
    public long evaluated()
    {
        return evaluated;
    }

    public long fired()
    {
        return fired;
    }

    /** From a snapshot: the counts as they stood. */
    void restoreCounts(final long evaluated, final long fired)
    {
        this.evaluated = evaluated;
        this.fired = fired;
    }
}
