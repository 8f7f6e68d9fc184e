package io.ringside.strategies.surveillance;

import io.ringside.strategies.book.OrderBook;

/** What the rules keep per instrument beside the book. */
final class InstrumentState
{
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

    void reset()
    {
        lastTradePrice = OrderBook.NULL_PRICE;
        tradeSizes.reset(settings.size.averageTrades());
        quoteWindow.reset(settings.quoteStuffing.windowMs());
    }
}
