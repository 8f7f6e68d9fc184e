package io.ringside.strategies.surveillance;

import io.ringside.strategies.IdOrder;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.BookSizing;
import io.ringside.strategies.book.OrderBook;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.function.IntConsumer;

/**
 * What {@link Surveillance}'s rules keep per instrument, by id and in id order: made on the instrument's first event
 * with the default settings, until its definition names its own.
 */
final class SurveillanceInstruments
{
    private final ResolvedSettings resolved;
    final Int2ObjectHashMap<InstrumentState> byId;
    final IdOrder<InstrumentState> inIdOrder;

    SurveillanceInstruments(final ResolvedSettings resolved, final int expectedInstruments)
    {
        this.resolved = resolved;
        byId = new Int2ObjectHashMap<>(BookSizing.mapCapacity(expectedInstruments, 0.65f), 0.65f);
        inIdOrder = new IdOrder<>(expectedInstruments);
    }

    InstrumentState state(final int instrumentId)
    {
        InstrumentState state = byId.get(instrumentId);
        if (null == state)
        {
            state = new InstrumentState(instrumentId, resolved.defaults, InstrumentState.DEFAULT_CURRENCY_SCALE);
            byId.put(instrumentId, state);
            inIdOrder.add(instrumentId, state);
        }
        return state;
    }

    /** Each instrument it holds state for, in no particular order. */
    void forEachInstrument(final IntConsumer consumer)
    {
        for (final Int2ObjectHashMap<InstrumentState>.KeyIterator it = byId.keySet().iterator(); it.hasNext(); )
        {
            consumer.accept(it.nextInt());
        }
    }

    /** Start of a new session: no last trade, empty windows, no instrument fed yet. */
    void clearSession()
    {
        for (final InstrumentState state : byId.values())
        {
            state.reset();
            state.lastFeedTime = StaleFeedRule.NO_TIME;
            state.staleReported = false;
        }
    }

    /** Forget every instrument, for a restore. */
    void clear()
    {
        byId.clear();
        inIdOrder.clear();
    }

    /*
     * After a restore from a snapshot taken before any Timer, which did not carry the feed times: every instrument that
     * had market data counts as last fed at the first event after the restore, the nearest time known to the
     * snapshot's. A silence that began before the snapshot is then reported at most that much later than it would
     * have been without the restart, never twice: before any Timer nothing had been reported.
     */
    void assumeFeedTimes(final long time, final BookBuilder books)
    {
        for (int i = 0, size = inIdOrder.size(); i < size; i++)
        {
            final InstrumentState state = inIdOrder.get(i);
            if (StaleFeedRule.NO_TIME == state.lastFeedTime &&
                (null != books.book(state.instrumentId) || OrderBook.NULL_PRICE != state.lastTradePrice))
            {
                state.lastFeedTime = time;
            }
        }
    }
}
