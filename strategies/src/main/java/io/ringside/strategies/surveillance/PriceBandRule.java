package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.book.OrderBook;

/**
 * Rule 1, price band: an execution priced more than {@code bandBps} basis points from the mid of the book as it stood
 * just before the execution. Only judged against a two-sided, uncrossed book: a one-sided book has no mid.
 * <p>
 * Alert values: observed = the deviation in whole basis points (rounded down), limit = the band, reference = the
 * mid, at the instrument's price scale, rounded down. Severity is CRITICAL beyond twice the band, WARNING otherwise.
 */
public final class PriceBandRule
{
    public static final int RULE_ID = 1;

    private static final long BPS = 10_000;

    private final long bandBps;
    private long evaluated;
    private long fired;

    public PriceBandRule(final long bandBps)
    {
        if (bandBps <= 0)
        {
            throw new IllegalArgumentException("price-band-bps must be > 0: " + bandBps);
        }
        this.bandBps = bandBps;
    }

    /**
     * @return true when it raised an alert.
     */
    public boolean onExecution(
        final OrderBook book,
        final int instrumentId,
        final long price,
        final long account,
        final long counterpartyAccount,
        final AlertSink sink)
    {
        if (null == book || !book.isTwoSided())
        {
            return false;
        }
        evaluated++;

        // Twice the mid keeps the arithmetic exact in integers.
        final long twiceMid = book.bestBidPrice() + book.bestAskPrice();
        final long twiceDistance = Math.abs(2 * price - twiceMid);
        final long deviationBps = twiceDistance * BPS / twiceMid;
        if (deviationBps <= bandBps)
        {
            return false;
        }

        fired++;
        final Severity severity = deviationBps > 2 * bandBps ? Severity.CRITICAL : Severity.WARNING;
        sink.onAlert(RULE_ID, severity, account, counterpartyAccount, instrumentId, deviationBps, bandBps, twiceMid / 2);
        return true;
    }

    public long bandBps()
    {
        return bandBps;
    }

    /** Executions judged (two-sided book). */
    public long evaluated()
    {
        return evaluated;
    }

    public long fired()
    {
        return fired;
    }
}
