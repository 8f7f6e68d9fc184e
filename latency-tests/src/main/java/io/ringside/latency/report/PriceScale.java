package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;

import java.math.BigDecimal;
import java.util.Properties;

/**
 * PnL as the engine counts it is a fixed-point integer at the books' price scale; a page shows it in currency units,
 * with the raw count beside it, as the engine's own summary prints it.
 */
final class PriceScale
{
    static final String SCALE_KEY = EngineSummary.STRATEGY_PREFIX + "pnl-price-scale";

    private PriceScale()
    {
    }

    static boolean isPnl(final String key)
    {
        return key.startsWith(EngineSummary.STRATEGY_PREFIX) && key.endsWith("-pnl");
    }

    /** The value shown for a count: PnL at its price scale when the counts give one, else the value as is. */
    static String display(final String key, final String value, final Properties counts)
    {
        if (!isPnl(key))
        {
            return value;
        }
        try
        {
            final int scale = Integer.parseInt(counts.getProperty(SCALE_KEY, "-1"));
            if (scale < 0)
            {
                return value + " (raw: the instruments' price scales differ)";
            }
            return BigDecimal.valueOf(Long.parseLong(value), scale).toPlainString() + " (raw " + value
                + " at price scale " + scale + ")";
        }
        catch (final NumberFormatException ex)
        {
            return value;
        }
    }
}
