package io.ringside.engine.config;

import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.RiskLimits;
import io.ringside.strategies.trading.TradingConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The configuration file's keys, all in one place: surveillance rules and their thresholds, strategies and risk
 * limits, per instrument and per account group. {@link #load(Path)} applies a file and validates the result; every
 * problem stops the start with a message naming the key (and the line, where one line is at fault).
 * <p>
 * A key not in a file keeps the default documented on {@link SurveillanceConfig} and {@link TradingConfig}, or the
 * value of the matching command-line option where there is one ({@code --price-band-bps}, {@code --mm-*},
 * {@code --order-capacity}): the file wins over the command line. The README lists every key, and
 * {@code docs/ringside.conf} is an example that a test loads.
 */
public final class RingsideConfig
{
    private final SurveillanceConfig surveillance = new SurveillanceConfig();
    private final TradingConfig trading = new TradingConfig();

    /** The defaults, with nothing read from a file. */
    public RingsideConfig()
    {
    }

    /**
     * @throws IllegalArgumentException naming the file and the key at fault.
     */
    public static RingsideConfig load(final Path file)
    {
        return new RingsideConfig().apply(file);
    }

    /**
     * Lay a file over what is set already, then validate the whole.
     *
     * @throws IllegalArgumentException naming the file and the key at fault.
     */
    public RingsideConfig apply(final Path file)
    {
        final ConfigFile configFile = ConfigFile.read(file);
        configFile.applyTo(bindings());
        try
        {
            return conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("config " + configFile.name() + ": " + ex.getMessage(), ex);
        }
    }

    public RingsideConfig conclude()
    {
        surveillance.conclude();
        trading.conclude();
        return this;
    }

    public TradingConfig trading()
    {
        return trading;
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

        final String mm = "strategy.market-maker.";
        bindings
            .bool(mm + "enabled", trading.marketMaker()::enabled)
            .integer(mm + "quote-quantity", trading.marketMaker()::quoteQuantity)
            .integer(mm + "half-spread-ticks", trading.marketMaker()::halfSpreadTicks)
            .integer(mm + "requote-ticks", trading.marketMaker()::requoteTicks)
            .integer(mm + "min-requote-interval-ns", trading.marketMaker()::minRequoteIntervalNs)
            .integer(mm + "skew-ticks-per-unit", trading.marketMaker()::skewTicksPerUnit)
            .integer(mm + "skew-unit", trading.marketMaker()::skewUnit)
            .integer(mm + "max-position", trading.marketMaker()::maxPosition)
            .integer(mm + "quote-max-age-ns", trading.marketMaker()::quoteMaxAgeNs)
            .text(mm + "instruments", trading.marketMaker()::instruments);
        final String ofi = "strategy.ofi-taker.";
        bindings
            .bool(ofi + "enabled", trading.ofiTaker()::enabled)
            .int32(ofi + "depth", trading.ofiTaker()::depth)
            .integer(ofi + "threshold-bps", trading.ofiTaker()::thresholdBps)
            .integer(ofi + "order-quantity", trading.ofiTaker()::orderQuantity)
            .integer(ofi + "holding-period-ns", trading.ofiTaker()::holdingPeriodNs)
            .integer(ofi + "stop-ticks", trading.ofiTaker()::stopTicks)
            .integer(ofi + "cooldown-ns", trading.ofiTaker()::cooldownNs)
            .text(ofi + "instruments", trading.ofiTaker()::instruments);
        bindRisk(bindings, trading.risk());
        bindings
            .int32("risk.max-orders-per-second", trading::maxOrdersPerSecond)
            .bool("risk.kill-switch", trading::killSwitch)
            .int32("book.initial-order-capacity", trading::initialOrderCapacityPerBook);

        bindings.scope("instrument", symbol ->
        {
            final SurveillanceConfig.Instrument instrument = surveillance.instrument(symbol);
            final ConfigFile.Bindings scoped = new ConfigFile.Bindings();
            bindRisk(scoped, trading.instrumentRisk(symbol));
            bindPriceBand(scoped, s, instrument.priceBand());
            bindSize(scoped, s, instrument.size());
            bindSpoofing(scoped, s, instrument.spoofing());
            bindWashTrade(scoped, s, instrument.washTrade());
            bindQuoteStuffing(scoped, s, instrument.quoteStuffing());
            scoped.int32("book.initial-order-capacity", (capacity) ->
                trading.books().initialOrderCapacity(symbol, capacity));
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

    private static void bindRisk(final ConfigFile.Bindings bindings, final RiskLimits limits)
    {
        bindings
            .integer("risk.max-order-quantity", limits::maxOrderQuantity)
            .integer("risk.max-position", limits::maxPosition)
            .integer("risk.max-notional", limits::maxNotional)
            .integer("risk.price-collar-bps", limits::priceCollarBps);
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
