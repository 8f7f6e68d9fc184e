package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateEncoder;
import io.ringside.strategies.AlertSink;

/**
 * Rule 2, size and notional: a client order for more than the maximum quantity, for more than the maximum notional,
 * or for more than a multiple of the instrument's recent average trade size. The average is over the instrument's
 * last {@code average-trades} market trades (visible executions and trade prints; client executions are what is
 * surveilled, not the market), in a ring of primitives per instrument; it is known once that many trades have been
 * seen, and until then that check is not made.
 * <p>
 * One alert per order at most, for the first limit broken in this order; the values say which:
 * <ul>
 *     <li>quantity: observed = the order's quantity, limit = max-quantity, reference = 0;</li>
 *     <li>notional: observed = price × quantity in whole currency units (rounded down), limit = max-notional,
 *     reference = the order's price at the instrument's price scale;</li>
 *     <li>average: observed = the order's quantity, limit = average-multiple × the average trade size, reference =
 *     the average trade size (rounded down), so limit = average-multiple × reference.</li>
 * </ul>
 * Severity is CRITICAL beyond twice the limit, WARNING otherwise. Account is the order's account, the counterparty
 * {@link AlertSink#NO_ACCOUNT}.
 */
public final class SizeRule
{
    public static final int RULE_ID = 2;

    private long evaluated;
    private long fired;

    /** One instrument's recent market trade sizes. */
    static final class TradeSizes
    {
        private long[] sizes;
        private int next;
        private int count;
        private long sum;

        TradeSizes(final int window)
        {
            sizes = new long[window];
        }

        /** A new session, or a new window length: forget the trades seen. */
        void reset(final int window)
        {
            if (sizes.length != window)
            {
                sizes = new long[window]; // only on an instrument definition that changes its settings
            }
            next = 0;
            count = 0;
            sum = 0;
        }

        void encode(final SurveillanceStateEncoder.InstrumentsEncoder instrument)
        {
            instrument.tradeSizesNext(next).tradeSizesFilled(count).tradeSizesSum(sum);
            final SurveillanceStateEncoder.InstrumentsEncoder.TradeSizesEncoder group =
                instrument.tradeSizesCount(sizes.length);
            for (final long size : sizes)
            {
                group.next().size(size);
            }
        }

        void restore(final SurveillanceStateDecoder.InstrumentsDecoder instrument)
        {
            next = instrument.tradeSizesNext();
            count = instrument.tradeSizesFilled();
            sum = instrument.tradeSizesSum();
            final SurveillanceStateDecoder.InstrumentsDecoder.TradeSizesDecoder group = instrument.tradeSizes();
            if (sizes.length != group.count())
            {
                sizes = new long[group.count()];
            }
            for (int i = 0; i < sizes.length; i++)
            {
                sizes[i] = group.next().size();
            }
        }

        void onTrade(final long quantity)
        {
            if (quantity <= 0)
            {
                return;
            }
            if (count == sizes.length)
            {
                sum -= sizes[next];
            }
            else
            {
                count++;
            }
            sizes[next] = quantity;
            sum += quantity;
            next = next + 1 == sizes.length ? 0 : next + 1;
        }

        /** The average over the full window, rounded down; 0 until the window is full. */
        long average()
        {
            return count == sizes.length ? sum / count : 0;
        }
    }

    /**
     * @param currencyScale 10 to the power of the instrument's price scale: price × quantity / currencyScale is the
     *                      notional in whole currency units.
     * @return true when it raised an alert.
     */
    boolean onNewOrder(
        final long maxQuantity,
        final long maxNotional,
        final long averageMultiple,
        final TradeSizes tradeSizes,
        final long currencyScale,
        final int instrumentId,
        final long account,
        final long price,
        final long quantity,
        final AlertSink sink)
    {
        evaluated++;
        if (quantity > maxQuantity)
        {
            return fire(sink, account, instrumentId, quantity, maxQuantity, 0);
        }

        final long absPrice = Math.abs(price);
        final long notional = 0 != absPrice && quantity > Long.MAX_VALUE / absPrice ?
            Long.MAX_VALUE / currencyScale : absPrice * Math.max(0, quantity) / currencyScale;
        if (notional > maxNotional)
        {
            return fire(sink, account, instrumentId, notional, maxNotional, price);
        }

        final long average = tradeSizes.average();
        if (average > 0)
        {
            final long limit = average > Long.MAX_VALUE / averageMultiple ? Long.MAX_VALUE : average * averageMultiple;
            if (quantity > limit)
            {
                return fire(sink, account, instrumentId, quantity, limit, average);
            }
        }
        return false;
    }

    private boolean fire(
        final AlertSink sink,
        final long account,
        final int instrumentId,
        final long observed,
        final long limit,
        final long reference)
    {
        fired++;
        final Severity severity = observed / 2 > limit || (observed / 2 == limit && (observed & 1) == 1) ?
            Severity.CRITICAL : Severity.WARNING;
        sink.onAlert(RULE_ID, severity, account, AlertSink.NO_ACCOUNT, instrumentId, observed, limit, reference);
        return true;
    }

    /** Client orders judged. */
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
