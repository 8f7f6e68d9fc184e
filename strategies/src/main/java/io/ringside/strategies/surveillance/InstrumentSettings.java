package io.ringside.strategies.surveillance;

/** One instrument's resolved settings for the instrument rules. */
final class InstrumentSettings
{
    final PriceBandSettings priceBand;
    final SizeSettings size;
    final SpoofingSettings spoofing;
    final WashTradeSettings washTrade;
    final QuoteStuffingSettings quoteStuffing;

    InstrumentSettings(
        final PriceBandSettings priceBand,
        final SizeSettings size,
        final SpoofingSettings spoofing,
        final WashTradeSettings washTrade,
        final QuoteStuffingSettings quoteStuffing)
    {
        this.priceBand = priceBand;
        this.size = size;
        this.spoofing = spoofing;
        this.washTrade = washTrade;
        this.quoteStuffing = quoteStuffing;
    }
}
