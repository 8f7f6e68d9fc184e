package io.ringside.strategies.surveillance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One instrument's overrides, named by its symbol. */
public final class InstrumentOverride
{
    private final String symbol;
    private final byte[] symbolBytes;
    private final SurveillanceConfig config;
    private final PriceBandSettings priceBand = new PriceBandSettings(false);
    private final SizeSettings size = new SizeSettings(false);
    private final SpoofingSettings spoofing = new SpoofingSettings(false);
    private final WashTradeSettings washTrade = new WashTradeSettings(false);
    private final QuoteStuffingSettings quoteStuffing = new QuoteStuffingSettings(false);

    InstrumentOverride(final String symbol, final SurveillanceConfig config)
    {
        this.symbol = symbol;
        this.symbolBytes = symbol.getBytes(StandardCharsets.US_ASCII);
        this.config = config;
    }

    public String symbol()
    {
        return symbol;
    }

    public PriceBandSettings priceBand()
    {
        return priceBand;
    }

    public SizeSettings size()
    {
        return size;
    }

    public SpoofingSettings spoofing()
    {
        return spoofing;
    }

    public WashTradeSettings washTrade()
    {
        return washTrade;
    }

    public QuoteStuffingSettings quoteStuffing()
    {
        return quoteStuffing;
    }

    /** The config this belongs to, to go on chaining. */
    public SurveillanceConfig config()
    {
        return config;
    }

    /**
     * @return true when the schema's 8-character symbol field, space or NUL padded, holds this symbol.
     */
    boolean matches(final byte[] field, final int length)
    {
        int end = length;
        while (end > 0 && (field[end - 1] == ' ' || field[end - 1] == 0))
        {
            end--;
        }
        return Arrays.equals(field, 0, end, symbolBytes, 0, symbolBytes.length);
    }

    List<RuleSettings<?>> all()
    {
        return List.of(priceBand, size, spoofing, washTrade, quoteStuffing);
    }
}
