package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateEncoder;
import io.ringside.strategies.AlertSink;

/**
 * Rule 2, size and notional: a client order for more than the maximum quantity, for more than the maximum notional,
 * or for more than a multiple of the instrument's recent average trade size. The average is over the instrument's
 * last {@code average-trades} market trades (visible executions and trade prints; client executions are what is
 * surveilled, not the market), in a ring of primitives per instrument made on its first trade; it is known once that
 * many trades have been seen, and until then that check is not made.
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

    /**
     * One instrument's recent market trade sizes: a ring of average-trades entries, whose array is made on the
     * instrument's first trade and grows with its trades up to that length, so an instrument defined but not traded
     * costs no array (average-trades may be up to 1,000,000: 8 MB an instrument if made up front). The positions past
     * the array's end have never held a trade and read as 0, as a full-length array's would; the snapshot holds all
     * average-trades of them, as it always did.
     */
    static final class TradeSizes
    {
        /** The default of 100 trades fits at once: its array is made once, on the first trade, and never grows. */
        private static final int INITIAL_CAPACITY = 128;
        private static final long[] NONE = new long[0];

        private int window;
        private long[] sizes = NONE;
        private int next;
        private int count;
        private long sum;

        TradeSizes(final int window)
        {
            this.window = window;
        }

        /**
         * A new session, or a new window length: forget the trades seen. The sizes stay in the array, as they
         * always did (a snapshot shows them), unless the length changes.
         */
        void reset(final int window)
        {
            if (this.window != window)
            {
                this.window = window; // only on an instrument definition that changes its settings
                sizes = NONE;
            }
            next = 0;
            count = 0;
            sum = 0;
        }

        void encode(final SurveillanceStateEncoder.InstrumentsEncoder instrument)
        {
            instrument.tradeSizesNext(next).tradeSizesFilled(count).tradeSizesSum(sum);
            final SurveillanceStateEncoder.InstrumentsEncoder.TradeSizesEncoder group =
                instrument.tradeSizesCount(window);
            for (int i = 0; i < window; i++)
            {
                group.next().size(i < sizes.length ? sizes[i] : 0);
            }
        }

        void restore(final SurveillanceStateDecoder.InstrumentsDecoder instrument)
        {
            next = instrument.tradeSizesNext();
            count = instrument.tradeSizesFilled();
            sum = instrument.tradeSizesSum();
            final SurveillanceStateDecoder.InstrumentsDecoder.TradeSizesDecoder group = instrument.tradeSizes();
            if (window != group.count())
            {
                window = group.count();
                sizes = NONE;
            }
            for (int i = 0; i < window; i++)
            {
                final long size = group.next().size();
                if (i >= sizes.length && 0 != size)
                {
                    grow(i + 1);
                }
                if (i < sizes.length)
                {
                    sizes[i] = size;
                }
            }
        }

        void onTrade(final long quantity)
        {
            if (quantity <= 0)
            {
                return;
            }
            if (next >= sizes.length)
            {
                grow(next + 1);
            }
            if (count == window)
            {
                sum -= sizes[next];
            }
            else
            {
                count++;
            }
            sizes[next] = quantity;
            sum += quantity;
            next = next + 1 == window ? 0 : next + 1;
        }

        /** The average over the full window, rounded down; 0 until the window is full. */
        long average()
        {
            return count == window ? sum / count : 0;
        }

        /** Sizes the array has room for; 0 before the first trade. */
        int capacity()
        {
            return sizes.length;
        }

        private void grow(final int needed)
        {
            final int capacity = Math.min(window, Math.max(needed, Math.max(INITIAL_CAPACITY, sizes.length << 1)));
            sizes = java.util.Arrays.copyOf(sizes, capacity);
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
