package io.ringside.engine;

import io.ringside.strategies.surveillance.SurveillanceConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The configuration file's keys, all in one place: surveillance rules and their thresholds, strategies and risk
 * limits, per instrument and per account group. {@link #load(Path)} applies a file and validates the result; every
 * problem stops the start with a message naming the key (and the line, where one line is at fault).
 * <p>
 * A key not in a file keeps the default documented on {@link SurveillanceConfig}. The README lists every key, and
 * {@code docs/ringside.conf} is an example that a test loads.
 */
public final class RingsideConfig
{
    private final SurveillanceConfig surveillance = new SurveillanceConfig();

    /** The defaults, with nothing read from a file. */
    public RingsideConfig()
    {
    }

    /**
     * @throws IllegalArgumentException naming the file and the key at fault.
     */
    public static RingsideConfig load(final Path file)
    {
        final ConfigFile configFile = ConfigFile.read(file);
        final RingsideConfig config = new RingsideConfig();
        configFile.applyTo(config.bindings());
        try
        {
            config.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("config " + configFile.name() + ": " + ex.getMessage(), ex);
        }
        return config;
    }

    public RingsideConfig conclude()
    {
        surveillance.conclude();
        return this;
    }

    public SurveillanceConfig surveillance()
    {
        return surveillance;
    }

    /** Every key, as a file spells it. */
    public List<String> keys()
    {
        return bindings().keys();
    }

    ConfigFile.Bindings bindings()
    {
        final ConfigFile.Bindings bindings = new ConfigFile.Bindings();
        final String s = "surveillance.";
        bindings
            .int32(s + "expected-accounts", surveillance::expectedAccounts)
            .int32(s + "expected-orders", surveillance::expectedOrders);
        bindPriceBand(bindings, s, surveillance.priceBand());
        bindSize(bindings, s, surveillance.size());
        bindVelocity(bindings, s, surveillance.velocity());
        bindSpoofing(bindings, s, surveillance.spoofing());
        bindWashTrade(bindings, s, surveillance.washTrade());
        bindQuoteStuffing(bindings, s, surveillance.quoteStuffing());

        bindings.scope("instrument", symbol ->
        {
            final SurveillanceConfig.Instrument instrument = surveillance.instrument(symbol);
            final ConfigFile.Bindings scoped = new ConfigFile.Bindings();
            bindPriceBand(scoped, s, instrument.priceBand());
            bindSize(scoped, s, instrument.size());
            bindSpoofing(scoped, s, instrument.spoofing());
            bindWashTrade(scoped, s, instrument.washTrade());
            bindQuoteStuffing(scoped, s, instrument.quoteStuffing());
            return scoped;
        });
        bindings.scope("account-group", name ->
        {
            final SurveillanceConfig.AccountGroup group = surveillance.accountGroup(name);
            final ConfigFile.Bindings scoped = new ConfigFile.Bindings()
                .integerList("accounts", group::accounts);
            bindVelocity(scoped, s, group.velocity());
            bindSize(scoped, s, group.size());
            return scoped;
        });
        return bindings;
    }

    private static void bindPriceBand(
        final ConfigFile.Bindings bindings, final String prefix, final SurveillanceConfig.PriceBand rule)
    {
        final String p = prefix + "price-band.";
        bindings
            .bool(p + "enabled", rule::enabled)
            .integer(p + "max-deviation-bps", rule::maxDeviationBps);
    }

    private static void bindSize(
        final ConfigFile.Bindings bindings, final String prefix, final SurveillanceConfig.Size rule)
    {
        final String p = prefix + "size.";
        bindings
            .bool(p + "enabled", rule::enabled)
            .integer(p + "max-quantity", rule::maxQuantity)
            .integer(p + "max-notional", rule::maxNotional)
            .integer(p + "average-multiple", rule::averageMultiple)
            .int32(p + "average-trades", rule::averageTrades);
    }

    private static void bindVelocity(
        final ConfigFile.Bindings bindings, final String prefix, final SurveillanceConfig.Velocity rule)
    {
        final String p = prefix + "velocity.";
        bindings
            .bool(p + "enabled", rule::enabled)
            .int32(p + "max-messages", rule::maxMessages)
            .integer(p + "window-ns", rule::windowNs);
    }

    private static void bindSpoofing(
        final ConfigFile.Bindings bindings, final String prefix, final SurveillanceConfig.Spoofing rule)
    {
        final String p = prefix + "spoofing.";
        bindings
            .bool(p + "enabled", rule::enabled)
            .integer(p + "min-size-multiple", rule::minSizeMultiple)
            .int32(p + "layering-levels", rule::layeringLevels)
            .int32(p + "min-cancel-percent", rule::minCancelPercent)
            .int32(p + "max-fill-percent", rule::maxFillPercent)
            .integer(p + "window-ns", rule::windowNs);
    }

    private static void bindWashTrade(
        final ConfigFile.Bindings bindings, final String prefix, final SurveillanceConfig.WashTrade rule)
    {
        bindings.bool(prefix + "wash-trade.enabled", rule::enabled);
    }

    private static void bindQuoteStuffing(
        final ConfigFile.Bindings bindings, final String prefix, final SurveillanceConfig.QuoteStuffing rule)
    {
        final String p = prefix + "quote-stuffing.";
        bindings
            .bool(p + "enabled", rule::enabled)
            .int32(p + "max-messages-per-ms", rule::maxMessagesPerMs)
            .int32(p + "min-cancel-percent", rule::minCancelPercent)
            .int32(p + "window-ms", rule::windowMs);
    }
}
