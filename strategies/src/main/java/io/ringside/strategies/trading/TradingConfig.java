package io.ringside.strategies.trading;

import io.ringside.strategies.book.BookSizing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@link Trading} is configured by: plain objects with defaults, fluent setters, validated by
 * {@link #conclude()} with a message naming the setting's key. The keys a configuration file sets, each onto the
 * setter of the same name in camel case:
 * <pre>
 * key                                              type     default        setter
 * strategy.market-maker.enabled                    boolean  true           marketMaker().enabled
 * strategy.market-maker.quote-quantity             long     100            marketMaker().quoteQuantity        &gt; 0
 * strategy.market-maker.half-spread-ticks          long     2              marketMaker().halfSpreadTicks      &gt;= 0
 * strategy.market-maker.requote-ticks              long     1              marketMaker().requoteTicks         &gt; 0
 * strategy.market-maker.min-requote-interval-ns    long     1000000        marketMaker().minRequoteIntervalNs &gt;= 0
 * strategy.market-maker.skew-ticks-per-unit        long     1              marketMaker().skewTicksPerUnit     &gt;= 0
 * strategy.market-maker.skew-unit                  long     100            marketMaker().skewUnit             &gt; 0
 * strategy.market-maker.max-position               long     500            marketMaker().maxPosition          &gt;= 0
 * strategy.market-maker.quote-max-age-ns           long     1000000000     marketMaker().quoteMaxAgeNs        &gt; 0
 * strategy.market-maker.stale-after-ns             long     30000000000    marketMaker().staleAfterNs         &gt; 0
 * strategy.market-maker.instruments                symbols  all            marketMaker().instruments          see below
 * strategy.ofi-taker.enabled                       boolean  true           ofiTaker().enabled
 * strategy.ofi-taker.depth                         int      5              ofiTaker().depth                   1..50
 * strategy.ofi-taker.threshold-bps                 long     6000           ofiTaker().thresholdBps            1..10000
 * strategy.ofi-taker.order-quantity                long     100            ofiTaker().orderQuantity           &gt; 0
 * strategy.ofi-taker.holding-period-ns             long     5000000000     ofiTaker().holdingPeriodNs         &gt;= 0
 * strategy.ofi-taker.stop-ticks                    long     10             ofiTaker().stopTicks               &gt; 0
 * strategy.ofi-taker.cooldown-ns                   long     10000000000    ofiTaker().cooldownNs              &gt;= 0
 * strategy.ofi-taker.instruments                   symbols  all            ofiTaker().instruments             see below
 * risk.max-order-quantity                          long     1000           risk().maxOrderQuantity            &gt; 0
 * risk.max-position                                long     2000           risk().maxPosition                 &gt; 0
 * risk.max-notional                                long     2000000        risk().maxNotional                 &gt; 0
 * risk.price-collar-bps                            long     50             risk().priceCollarBps              &gt; 0
 * risk.max-orders-per-second                       int      100            maxOrdersPerSecond                 1..100000
 * risk.kill-switch                                 boolean  false          killSwitch
 * instrument.SYMBOL.risk.max-order-quantity        long     risk.*         instrumentRisk("SYMBOL").maxOrderQuantity
 * instrument.SYMBOL.risk.max-position              long     risk.*         instrumentRisk("SYMBOL").maxPosition
 * instrument.SYMBOL.risk.max-notional              long     risk.*         instrumentRisk("SYMBOL").maxNotional
 * instrument.SYMBOL.risk.price-collar-bps          long     risk.*         instrumentRisk("SYMBOL").priceCollarBps
 * book.initial-order-capacity                      int      16             books().initialOrderCapacity       &gt; 0
 * instrument.SYMBOL.book.initial-order-capacity    int      the above      books().initialOrderCapacity(SYMBOL, n)
 * </pre>
 * Times are nanoseconds of event time. Risk limits apply to each strategy on its own, per instrument except the
 * order rate, which is per strategy across instruments. {@code max-notional} is in whole currency units; an
 * instrument's symbol is the one its InstrumentDefinition carries.
 * <p>
 * A strategy's {@code instruments} are the ones it trades: {@code all} (the default: every instrument the handler sees
 * events for, defined or not, as before the key existed), or a comma-separated list of symbols, 1 to 8 characters
 * each without spaces, matched exactly (case included: {@code ALL} is a symbol, {@code all} the keyword). With a list
 * the strategy trades only instruments whose InstrumentDefinition carries one of its symbols, so never one not yet
 * defined; each definition decides again for its instrument.
 */
public final class TradingConfig
{
    private final MarketMakerConfig marketMaker = new MarketMakerConfig();
    private final OfiTakerConfig ofiTaker = new OfiTakerConfig();
    private final RiskLimits risk = new RiskLimits("risk.", true);
    private final Map<String, RiskLimits> instrumentRisk = new LinkedHashMap<>();
    private int maxOrdersPerSecond = 100;
    private boolean killSwitch;
    private final BookSizing books = new BookSizing();

    public MarketMakerConfig marketMaker()
    {
        return marketMaker;
    }

    public OfiTakerConfig ofiTaker()
    {
        return ofiTaker;
    }

    /** The default limits, for every instrument without an override of its own. */
    public RiskLimits risk()
    {
        return risk;
    }

    /**
     * The instrument's own limits, created on first call: those it does not set are the defaults of {@link #risk()}.
     */
    public RiskLimits instrumentRisk(final String symbol)
    {
        if (null == symbol || symbol.isEmpty() || symbol.length() > 8 || !symbol.strip().equals(symbol))
        {
            throw new IllegalArgumentException("instrument: a symbol is 1 to 8 characters without spaces: '" +
                symbol + "'");
        }
        return instrumentRisk.computeIfAbsent(symbol, (s) -> new RiskLimits("instrument." + s + ".risk.", false));
    }

    public Map<String, RiskLimits> instrumentRisk()
    {
        return Collections.unmodifiableMap(instrumentRisk);
    }

    /** The limits for an instrument's symbol: its override when it has one, else the defaults. */
    public RiskLimits riskFor(final String symbol)
    {
        final RiskLimits limits = null == symbol ? null : instrumentRisk.get(symbol);
        return null == limits ? risk : limits;
    }

    /** Orders (cancels excepted) one strategy may send in any second of event time. */
    public TradingConfig maxOrdersPerSecond(final int maxOrdersPerSecond)
    {
        this.maxOrdersPerSecond = maxOrdersPerSecond;
        return this;
    }

    public int maxOrdersPerSecond()
    {
        return maxOrdersPerSecond;
    }

    /** Start with the kill switch tripped: every order but a cancel is rejected. */
    public TradingConfig killSwitch(final boolean killSwitch)
    {
        this.killSwitch = killSwitch;
        return this;
    }

    public boolean killSwitch()
    {
        return killSwitch;
    }

    /** Orders each instrument's book has room for before it grows. */
    public TradingConfig initialOrderCapacityPerBook(final int initialOrderCapacityPerBook)
    {
        books.initialOrderCapacity(initialOrderCapacityPerBook);
        return this;
    }

    public int initialOrderCapacityPerBook()
    {
        return books.initialOrderCapacity();
    }

    /** How the books (of both handlers: the engine gives surveillance the same) and instrument tables start. */
    public BookSizing books()
    {
        return books;
    }

    /**
     * Validate every setting and fill each override's unset limits from the defaults (again, after the defaults
     * changed: an override keeps following the defaults for the limits it does not set). Idempotent.
     *
     * @throws IllegalArgumentException naming the first bad setting by its key.
     */
    public TradingConfig conclude()
    {
        marketMaker.conclude();
        ofiTaker.conclude();
        risk.conclude();
        for (final RiskLimits limits : instrumentRisk.values())
        {
            limits.inheritUnset(risk);
            limits.conclude();
        }
        if (maxOrdersPerSecond < 1 || maxOrdersPerSecond > 100_000)
        {
            throw new IllegalArgumentException("risk.max-orders-per-second must be in 1..100000: " + maxOrdersPerSecond);
        }
        books.conclude();
        return this;
    }

    public String toString()
    {
        return "market-maker {" + marketMaker + "}, ofi-taker {" + ofiTaker + "}, risk {" + risk +
            ", max-orders-per-second " + maxOrdersPerSecond + ", kill-switch " + killSwitch + "}" +
            (instrumentRisk.isEmpty() ? "" : ", instrument risk " + instrumentRisk);
    }

    /** An instruments key's value that selects every instrument. */
    static final String ALL_INSTRUMENTS = "all";

    /**
     * The symbols an instruments key lists, or null for {@link #ALL_INSTRUMENTS}.
     *
     * @throws IllegalArgumentException naming the key, for a value that is neither.
     */
    static Set<String> instrumentSymbols(final String key, final String value)
    {
        if (null == value || value.isBlank())
        {
            throw new IllegalArgumentException(key + " must be all or a comma-separated list of symbols: '" +
                value + "'");
        }
        if (ALL_INSTRUMENTS.equals(value.strip()))
        {
            return null;
        }
        final Set<String> symbols = new LinkedHashSet<>();
        for (final String part : value.split(",", -1))
        {
            final String symbol = part.strip();
            if (ALL_INSTRUMENTS.equals(symbol))
            {
                throw new IllegalArgumentException(key + ": all stands alone, not in a list: '" + value + "'");
            }
            if (symbol.isEmpty() || symbol.length() > 8 || !symbol.chars().allMatch((c) -> c > ' ' && c < 127))
            {
                throw new IllegalArgumentException(key + ": a symbol is 1 to 8 characters without spaces: '" +
                    symbol + "' in '" + value + "'");
            }
            symbols.add(symbol);
        }
        return Collections.unmodifiableSet(symbols);
    }

    static void positive(final String key, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(key + " must be > 0: " + value);
        }
    }

    static void notNegative(final String key, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(key + " must be >= 0: " + value);
        }
    }
}
