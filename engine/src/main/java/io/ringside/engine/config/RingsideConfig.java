package io.ringside.engine.config;

import io.ringside.strategies.surveillance.AccountGroup;
import io.ringside.strategies.surveillance.InstrumentOverride;
import io.ringside.strategies.surveillance.RuleSettings;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.RiskLimits;
import io.ringside.strategies.trading.TradingConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The configuration file's keys, all in one place: surveillance rules and their thresholds, strategies and risk
 * limits, per instrument and per account group, who may publish to ingress, and the shard of each instrument.
 * {@link #load(Path)} applies a file and validates the result; every problem stops the start with a message naming
 * the key (and the line, where one line is at fault).
 * <p>
 * A key not in a file keeps the default documented on {@link SurveillanceConfig} and {@link TradingConfig}, or the
 * value of the matching command-line option where there is one ({@code --price-band-bps}, {@code --mm-*},
 * {@code --order-capacity}): the file wins over the command line. The README lists every key, and
 * {@code docs/ringside.conf} is an example that a test loads.
 */
public final class RingsideConfig
{
    private final SurveillanceConfig surveillance;
    private final TradingConfig trading;
    private final IngressConfig ingress;
    private final ShardAssignments shards = new ShardAssignments();

    /** The defaults, with nothing read from a file. */
    public RingsideConfig()
    {
        this(new SurveillanceConfig(), new TradingConfig(), new IngressConfig());
    }

    /** Keys bound to these objects: a running handler's own, for settings changed while it runs. */
    public RingsideConfig(final SurveillanceConfig surveillance, final TradingConfig trading, final IngressConfig ingress)
    {
        this.surveillance = surveillance;
        this.trading = trading;
        this.ingress = ingress;
    }

    /**
     * One {@code key = value}, as a file line would set it, without validating the whole.
     *
     * @throws IllegalArgumentException for an unknown key or a value its type cannot hold, naming the key.
     */
    public void set(final String key, final String value)
    {
        bindings().apply(key, key, value);
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
        ingress.conclude();
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

    public IngressConfig ingress()
    {
        return ingress;
    }

    /** Which shard each listed instrument lives on, when the cluster is sharded. */
    public ShardAssignments shards()
    {
        return shards;
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
        bindRule(bindings, s, surveillance.priceBand());
        bindRule(bindings, s, surveillance.size());
        bindRule(bindings, s, surveillance.velocity());
        bindRule(bindings, s, surveillance.spoofing());
        bindRule(bindings, s, surveillance.washTrade());
        bindRule(bindings, s, surveillance.quoteStuffing());
        bindRule(bindings, s, surveillance.staleFeed());

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
            .integer(mm + "stale-after-ns", trading.marketMaker()::staleAfterNs)
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
            final InstrumentOverride instrument = surveillance.instrument(symbol);
            final ConfigFile.Bindings scoped = new ConfigFile.Bindings();
            bindRisk(scoped, trading.instrumentRisk(symbol));
            bindRule(scoped, s, instrument.priceBand());
            bindRule(scoped, s, instrument.size());
            bindRule(scoped, s, instrument.spoofing());
            bindRule(scoped, s, instrument.washTrade());
            bindRule(scoped, s, instrument.quoteStuffing());
            scoped.int32("book.initial-order-capacity", (capacity) ->
                trading.books().initialOrderCapacity(symbol, capacity));
            scoped.int32("shard", (shard) -> shards.assign(symbol, shard));
            return scoped;
        });
        bindings
            .integer("ingress.max-sequence-gap", ingress::maxSequenceGap)
            .duration("ingress.max-event-time-skew", ingress::maxEventTimeSkewNs)
            .int32("ingress.max-sources", ingress::maxSources);
        bindings.scope("source", id ->
        {
            final IngressConfig.Source source = ingress.source(sourceId(id));
            return new ConfigFile.Bindings()
                .text("name", source::name)
                .text("sends", source::sends)
                .text("instruments", source::instruments);
        });
        bindings.scope("account-group", name ->
        {
            final AccountGroup group = surveillance.accountGroup(name);
            final ConfigFile.Bindings scoped = new ConfigFile.Bindings()
                .integerList("accounts", group::accounts);
            bindRule(scoped, s, group.velocity());
            bindRule(scoped, s, group.size());
            return scoped;
        });
        return bindings;
    }

    private static int sourceId(final String id)
    {
        try
        {
            return Integer.parseInt(id);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("source." + id + ": a source is named by its id, a positive integer");
        }
    }

    private static void bindRisk(final ConfigFile.Bindings bindings, final RiskLimits limits)
    {
        bindings
            .integer("risk.max-order-quantity", limits::maxOrderQuantity)
            .integer("risk.max-position", limits::maxPosition)
            .integer("risk.max-notional", limits::maxNotional)
            .integer("risk.price-collar-bps", limits::priceCollarBps);
    }

    /**
     * Every setting of a rule under {@code PREFIX RULE.SETTING}, named as the rule's settings name themselves, so a key
     * is written once, where its default and range are.
     */
    private static void bindRule(
        final ConfigFile.Bindings bindings, final String prefix, final RuleSettings<?> rule)
    {
        final String p = prefix + rule.rule() + ".";
        bindings.bool(p + rule.settingName(0), (enabled) -> rule.setting(0, enabled ? 1 : 0));
        for (int i = 1; i < rule.settingCount(); i++)
        {
            final int index = i;
            bindings.integer(p + rule.settingName(i), (value) -> rule.setting(index, value));
        }
    }
}
