package io.ringside.strategies.trading;

import io.ringside.strategies.IdOrder;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.book.BookSizing;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.Collection;
import java.util.Set;

/**
 * What {@link Trading} knows of each instrument, by id and in id order: made at the instrument's first event, given
 * its risk limits and which strategies trade it by its symbol.
 */
final class TradingInstruments
{
    private final TradingConfig config;
    private final Int2ObjectHashMap<InstrumentState> instruments;
    private final IdOrder<InstrumentState> instrumentOrder;
    // The symbols each strategy trades; null for all of them, the instruments not defined yet included.
    private final Set<String> marketMakerSymbols;
    private final Set<String> ofiTakerSymbols;

    TradingInstruments(final TradingConfig config, final int expectedInstruments)
    {
        this.config = config;
        instruments = new Int2ObjectHashMap<>(BookSizing.mapCapacity(expectedInstruments, 0.65f), 0.65f);
        instrumentOrder = new IdOrder<>(expectedInstruments);
        marketMakerSymbols = config.marketMaker().instrumentSymbols();
        ofiTakerSymbols = config.ofiTaker().instrumentSymbols();
    }

    /** The instrument's state, made at its first event. */
    InstrumentState instrument(final int instrumentId)
    {
        InstrumentState instrument = instruments.get(instrumentId);
        if (null == instrument)
        {
            instrument = new InstrumentState(instrumentId, config.riskFor(null)); // once per instrument
            select(instrument);
            instruments.put(instrumentId, instrument);
            instrumentOrder.add(instrumentId, instrument);
        }
        return instrument;
    }

    /** @return the instrument's state, or null before its first event. */
    InstrumentState get(final int instrumentId)
    {
        return instruments.get(instrumentId);
    }

    int size()
    {
        return instrumentOrder.size();
    }

    /** The instrument at an index in id order, 0 to {@link #size()} - 1. */
    InstrumentState inIdOrder(final int index)
    {
        return instrumentOrder.get(index);
    }

    /** Every instrument in no particular order. */
    Collection<InstrumentState> values()
    {
        return instruments.values();
    }

    /** The map by id, for a snapshot's sort. */
    Int2ObjectHashMap<InstrumentState> byId()
    {
        return instruments;
    }

    /** Forget every instrument, for a restore. */
    void clear()
    {
        instruments.clear();
        instrumentOrder.clear();
    }

    /** The instrument's symbol is known or changed: its risk limits and the strategies that trade it follow. */
    void symbol(final InstrumentState instrument, final String symbol)
    {
        instrument.symbol = symbol;
        instrument.limits = config.riskFor(symbol);
        select(instrument);
    }

    /** The risk limits changed in the config: every instrument takes its symbol's again. */
    void limitsChanged()
    {
        for (int i = 0, size = instrumentOrder.size(); i < size; i++)
        {
            final InstrumentState instrument = instrumentOrder.get(i);
            instrument.limits = config.riskFor(instrument.symbol);
        }
    }

    /** After a restore, as definitions did before it: configured symbols' books get their room in each builder. */
    void reserveConfiguredBooks(final BookBuilder books, final BookBuilder others)
    {
        if (config.books().hasSymbolCapacities())
        {
            for (final InstrumentState instrument : instruments.values())
            {
                if (null != instrument.symbol)
                {
                    books.reserve(instrument.instrumentId, instrument.symbol);
                    others.reserve(instrument.instrumentId, instrument.symbol);
                }
            }
        }
    }

    /*
     * After a restore from a snapshot taken before any Timer, which did not carry the market times: every instrument
     * counts as last fed at the first event after the restore, the nearest time known to the snapshot's. Quotes on an
     * instrument silent since before the snapshot are then withdrawn at most that much later than without the restart.
     */
    void assumeMarketTimes(final long time)
    {
        for (int i = 0, size = instrumentOrder.size(); i < size; i++)
        {
            final InstrumentState instrument = instrumentOrder.get(i);
            if (InstrumentState.NO_TIME == instrument.lastMarketTime)
            {
                instrument.lastMarketTime = time;
            }
        }
    }

    // Decided when the symbol is known or changes, so the hot path reads a flag.
    void select(final InstrumentState instrument)
    {
        final String symbol = instrument.symbol;
        instrument.marketMakerTrades =
            null == marketMakerSymbols || (null != symbol && marketMakerSymbols.contains(symbol));
        instrument.ofiTakerTrades = null == ofiTakerSymbols || (null != symbol && ofiTakerSymbols.contains(symbol));
    }
}
