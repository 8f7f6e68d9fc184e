package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.book.OrderBook;

/**
 * Rule 1, price band or fat finger: a client order, or an execution (market or client), priced more than the band,
 * in basis points, from the reference price as it stood just before the event. The reference is the mid of a
 * two-sided, uncrossed book; when the book is one-sided, crossed or empty it is the last market trade's price; with
 * neither there is nothing to judge against and the event is not evaluated.
 * <p>
 * Alert values: observed = the deviation in whole basis points (rounded down), limit = the band, reference = the
 * reference price at the instrument's price scale (the mid rounded down, or the last trade). Severity is CRITICAL
 * beyond twice the band, WARNING otherwise. For an order, account is the order's account and the counterparty is
 * {@link AlertSink#NO_ACCOUNT}; for a client execution they are the buyer and the seller.
 */
public final class PriceBandRule
{
    public static final int RULE_ID = 1;

    private static final long BPS = 10_000;
    private static final long MAX_PRICE = Long.MAX_VALUE / 4;

    private final long bandBps;
    private long evaluated;
    private long fired;

    /**
     * @param bandBps the band used by {@link #onExecution(OrderBook, int, long, long, long, AlertSink)}; the other
     *                methods take theirs per call, so that it can differ per instrument.
     */
    public PriceBandRule(final long bandBps)
    {
        if (bandBps <= 0)
        {
            throw new IllegalArgumentException("price-band-bps must be > 0: " + bandBps);
        }
        this.bandBps = bandBps;
    }

    /**
     * Judge an execution against the mid of a two-sided book only, with this rule's own band.
     *
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
        return judge(bandBps, book, OrderBook.NULL_PRICE, instrumentId, price, account, counterpartyAccount, sink);
    }

    /** Judge a price on the instrument's settings, when they enable the rule. */
    void judge(
        final InstrumentState state,
        final OrderBook book,
        final int instrumentId,
        final long price,
        final long account,
        final long counterpartyAccount,
        final AlertSink sink)
    {
        final PriceBandSettings settings = state.settings.priceBand;
        if (settings.enabled())
        {
            judge(settings.maxDeviationBps(), book, state.lastTradePrice, instrumentId, price, account,
                counterpartyAccount, sink);
        }
    }

    /**
     * Judge an order's or an execution's price.
     *
     * @param lastTradePrice the last market trade's price, or {@link OrderBook#NULL_PRICE} when there has been none.
     * @return true when it raised an alert.
     */
    public boolean judge(
        final long bandBps,
        final OrderBook book,
        final long lastTradePrice,
        final int instrumentId,
        final long price,
        final long account,
        final long counterpartyAccount,
        final AlertSink sink)
    {
        // Twice the reference keeps the arithmetic exact in integers.
        final long twiceReference;
        if (null != book && book.isTwoSided())
        {
            twiceReference = book.bestBidPrice() + book.bestAskPrice();
        }
        else if (OrderBook.NULL_PRICE != lastTradePrice && lastTradePrice > 0)
        {
            twiceReference = 2 * lastTradePrice;
        }
        else
        {
            return false;
        }
        if (twiceReference <= 0)
        {
            return false; // a book of non-positive prices has no basis-point scale
        }
        evaluated++;

        // clamped so that doubling cannot overflow; a price that far off is CRITICAL either way
        final long clamped = Math.max(-MAX_PRICE, Math.min(MAX_PRICE, price));
        final long twiceDistance = Math.abs(2 * clamped - twiceReference);
        // beyond this the product overflows; such a price is as far off as it gets
        final long deviationBps = twiceDistance > Long.MAX_VALUE / BPS ?
            Long.MAX_VALUE / twiceReference : twiceDistance * BPS / twiceReference;
        if (deviationBps <= bandBps)
        {
            return false;
        }

        fired++;
        final Severity severity = deviationBps > 2 * bandBps ? Severity.CRITICAL : Severity.WARNING;
        sink.onAlert(
            RULE_ID, severity, account, counterpartyAccount, instrumentId, deviationBps, bandBps, twiceReference / 2);
        return true;
    }

    public long bandBps()
    {
        return bandBps;
    }

    /** Orders and executions judged (against a two-sided book or a last trade). */
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
