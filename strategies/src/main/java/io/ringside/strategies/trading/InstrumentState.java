package io.ringside.strategies.trading;

import io.ringside.strategies.book.OrderBook;

/** What {@link Trading} knows of one instrument beyond its book: its definition, limits and trading state. */
final class InstrumentState
{
    /** US equities' price scale, assumed until an instrument's definition says otherwise. */
    static final int DEFAULT_PRICE_SCALE = 4;
    /** {@link #lastMarketTime} before any market event. */
    static final long NO_TIME = Long.MIN_VALUE;

    final int instrumentId;
    long tickSize = 1;
    /** 10 to the power of the price scale: a price times this is a whole-currency amount at the price scale. */
    long scaleFactor = pow10(DEFAULT_PRICE_SCALE);
    String symbol;
    RiskLimits limits;
    boolean halted;
    /** Its last market event's time (a definition, a status, book and trade messages), or NO_TIME. */
    long lastMarketTime = NO_TIME;
    OrderBook book;
    /** Whether each strategy trades it, by its symbol's place in the strategy's instruments: see TradingConfig. */
    boolean marketMakerTrades;
    boolean ofiTakerTrades;

    InstrumentState(final int instrumentId, final RiskLimits limits)
    {
        this.instrumentId = instrumentId;
        this.limits = limits;
    }

    static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
