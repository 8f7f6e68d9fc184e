package io.ringside.strategies.surveillance;

import io.ringside.strategies.book.OrderBook;

/** What the rules keep per instrument beside the book. */
final class InstrumentState
{
    private static final int DEFAULT_PRICE_SCALE = 4;
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** The currency scale of an instrument before its definition: 10 to the default price scale. */
    static final long DEFAULT_CURRENCY_SCALE = POWERS_OF_TEN[DEFAULT_PRICE_SCALE];

    final int instrumentId;
    InstrumentSettings settings;
    int settingsIndex = ResolvedSettings.DEFAULT_SETTINGS;
    long currencyScale;
    long lastTradePrice = OrderBook.NULL_PRICE;
    final SizeRule.TradeSizes tradeSizes;
    final QuoteStuffingRule.Window quoteWindow;
    /** Its last market event's time, {@link StaleFeedRule#NO_TIME} before one. */
    long lastFeedTime = StaleFeedRule.NO_TIME;
    /** Whether its current silence has been reported. */
    boolean staleReported;

    InstrumentState(final int instrumentId, final InstrumentSettings settings, final long currencyScale)
    {
        this.instrumentId = instrumentId;
        this.settings = settings;
        this.currencyScale = currencyScale;
        tradeSizes = new SizeRule.TradeSizes(settings.size.averageTrades());
        quoteWindow = new QuoteStuffingRule.Window(settings.quoteStuffing.windowMs());
    }

    /** Its definition: the settings for its symbol, and a new session. */
    void configure(final InstrumentSettings settings, final int settingsIndex, final long currencyScale)
    {
        this.settings = settings;
        this.settingsIndex = settingsIndex;
        this.currencyScale = currencyScale;
        reset();
    }

    /** 10 to the definition's price scale, or to the default one for a scale out of range. */
    static long currencyScale(final short scale)
    {
        return scale >= 0 && scale < POWERS_OF_TEN.length ? POWERS_OF_TEN[scale] : POWERS_OF_TEN[DEFAULT_PRICE_SCALE];
    }

    void reset()
    {
        lastTradePrice = OrderBook.NULL_PRICE;
        tradeSizes.reset(settings.size.averageTrades());
        quoteWindow.reset(settings.quoteStuffing.windowMs());
    }
}
