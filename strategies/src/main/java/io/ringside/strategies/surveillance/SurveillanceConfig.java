package io.ringside.strategies.surveillance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Surveillance} runs with: each rule's defaults, per-instrument overrides by symbol, and account
 * groups (beneficial owners) with their own limits for the account rules. A plain mutable object: set what differs
 * from the defaults, then {@link #conclude()} validates it; {@link Surveillance} concludes it if you have not.
 * <p>
 * Each rule's settings are a {@link RuleSettings} of their own ({@link PriceBandSettings}, {@link SizeSettings},
 * {@link VelocitySettings}, {@link SpoofingSettings}, {@link WashTradeSettings}, {@link QuoteStuffingSettings}, {@link StaleFeedSettings}), which
 * declares the rule's keys, defaults and ranges; the overrides are {@link InstrumentOverride} and {@link AccountGroup}.
 * <p>
 * Every setting has a key, as a configuration file would spell it; the setter is the key's last part in camel case.
 * A bad value is refused by {@link #conclude()} with an {@link IllegalArgumentException} whose message starts with the
 * full key, for example {@code surveillance.velocity.max-messages must be > 0: -3}.
 * <pre>
 * key                                           type     default     valid       setter
 * surveillance.expected-accounts                int      1024        > 0         expectedAccounts(int)
 * surveillance.expected-orders                  int      4096        > 0         expectedOrders(int)
 * surveillance.price-band.enabled               boolean  true                    priceBand().enabled(boolean)
 * surveillance.price-band.max-deviation-bps     long     5           1..1000000  priceBand().maxDeviationBps(long)
 * surveillance.size.enabled                     boolean  true                    size().enabled(boolean)
 * surveillance.size.max-quantity                long     50000       > 0         size().maxQuantity(long)
 * surveillance.size.max-notional                long     10000000    > 0         size().maxNotional(long)
 * surveillance.size.average-multiple            long     50          1..1000000  size().averageMultiple(long)
 * surveillance.size.average-trades              int      100         1..1000000  size().averageTrades(int)
 * surveillance.velocity.enabled                 boolean  true                    velocity().enabled(boolean)
 * surveillance.velocity.max-messages            int      50          1..1000000  velocity().maxMessages(int)
 * surveillance.velocity.window-ns               long     1000000000  > 0         velocity().windowNs(long)
 * surveillance.spoofing.enabled                 boolean  true                    spoofing().enabled(boolean)
 * surveillance.spoofing.min-size-multiple       long     2           1..1000000  spoofing().minSizeMultiple(long)
 * surveillance.spoofing.layering-levels         int      3           2..16       spoofing().layeringLevels(int)
 * surveillance.spoofing.min-cancel-percent      int      80          1..100      spoofing().minCancelPercent(int)
 * surveillance.spoofing.max-fill-percent        int      10          0..100      spoofing().maxFillPercent(int)
 * surveillance.spoofing.window-ns               long     5000000000  > 0         spoofing().windowNs(long)
 * surveillance.wash-trade.enabled               boolean  true                    washTrade().enabled(boolean)
 * surveillance.quote-stuffing.enabled           boolean  true                    quoteStuffing().enabled(boolean)
 * surveillance.quote-stuffing.max-messages-per-ms int      5           1..1000000  quoteStuffing().maxMessagesPerMs(int)
 * surveillance.quote-stuffing.min-cancel-percent int      40          0..100      quoteStuffing().minCancelPercent(int)
 * surveillance.quote-stuffing.window-ms         int      10          1..60000    quoteStuffing().windowMs(int)
 * surveillance.stale-feed.enabled               boolean  true                    staleFeed().enabled(boolean)
 * surveillance.stale-feed.stale-after-ns        long     30000000000 > 0         staleFeed().staleAfterNs(long)
 *
 * instrument.SYMBOL.surveillance.RULE.SETTING           as above, for RULE in price-band, size, spoofing, wash-trade,
 *                                                       quote-stuffing: instrument("SYMBOL").size().maxQuantity(..)
 * account-group.NAME.accounts                           long[]   none            accountGroup("NAME").accounts(..)
 * account-group.NAME.surveillance.velocity.SETTING      as above: accountGroup("NAME").velocity().maxMessages(..)
 * account-group.NAME.surveillance.size.SETTING          as above: accountGroup("NAME").size().maxQuantity(..)
 * </pre>
 * An override sets only what it names; everything else comes from the defaults; an account group's
 * size.average-trades is ignored (the average is the instrument's). For the size rule, an account
 * group's setting wins over the instrument's, which wins over the default, setting by setting. Instrument overrides
 * apply from the instrument's {@code InstrumentDefinition}, matched on its symbol; before one arrives the instrument
 * runs on the defaults. An account belongs to at most one group; the groups are the beneficial owners the wash-trade
 * rule knows.
 */
public final class SurveillanceConfig
{
    /** Symbols are at most the schema's 8 ASCII characters. */
    public static final int MAX_SYMBOL_LENGTH = 8;

    private static final String PREFIX = "surveillance.";

    private int expectedAccounts = 1024;
    private int expectedOrders = 4096;
    private final PriceBandSettings priceBand = new PriceBandSettings(true);
    private final SizeSettings size = new SizeSettings(true);
    private final VelocitySettings velocity = new VelocitySettings(true);
    private final SpoofingSettings spoofing = new SpoofingSettings(true);
    private final WashTradeSettings washTrade = new WashTradeSettings(true);
    private final QuoteStuffingSettings quoteStuffing = new QuoteStuffingSettings(true);
    private final StaleFeedSettings staleFeed = new StaleFeedSettings(true);
    private final Map<String, InstrumentOverride> instruments = new LinkedHashMap<>();
    private final Map<String, AccountGroup> accountGroups = new LinkedHashMap<>();
    private boolean concluded;

    /**
     * Validate every setting and override.
     *
     * @return this, for chaining.
     * @throws IllegalArgumentException naming the first bad key.
     */
    public SurveillanceConfig conclude()
    {
        positive(PREFIX + "expected-accounts", expectedAccounts);
        positive(PREFIX + "expected-orders", expectedOrders);
        for (final RuleSettings<?> settings : ruleDefaults())
        {
            settings.validate(PREFIX);
        }
        for (final InstrumentOverride instrument : instruments.values())
        {
            final String prefix = "instrument." + instrument.symbol() + "." + PREFIX;
            for (final RuleSettings<?> settings : instrument.all())
            {
                settings.validate(prefix);
            }
        }
        final Map<Long, String> groupByAccount = new LinkedHashMap<>();
        for (final AccountGroup group : accountGroups.values())
        {
            final String prefix = "account-group." + group.name() + ".";
            final long[] accounts = group.accounts();
            if (0 == accounts.length)
            {
                throw new IllegalArgumentException(prefix + "accounts must name at least one account");
            }
            for (final long account : accounts)
            {
                final String other = groupByAccount.put(account, group.name());
                if (null != other)
                {
                    throw new IllegalArgumentException(prefix + "accounts: account " + account +
                        (other.equals(group.name()) ? " is listed twice" : " is already in account group " + other));
                }
            }
            group.velocity().validate(prefix + PREFIX);
            group.size().validate(prefix + PREFIX);
        }
        concluded = true;
        return this;
    }

    public boolean isConcluded()
    {
        return concluded;
    }

    /** Accounts to pre-size per-account state for; more are taken, growing the tables. */
    public SurveillanceConfig expectedAccounts(final int expectedAccounts)
    {
        this.expectedAccounts = expectedAccounts;
        return this;
    }

    public int expectedAccounts()
    {
        return expectedAccounts;
    }

    /** Client orders to pre-size order tracking for (the spoofing rule's live large orders). */
    public SurveillanceConfig expectedOrders(final int expectedOrders)
    {
        this.expectedOrders = expectedOrders;
        return this;
    }

    public int expectedOrders()
    {
        return expectedOrders;
    }

    public PriceBandSettings priceBand()
    {
        return priceBand;
    }

    public SizeSettings size()
    {
        return size;
    }

    public VelocitySettings velocity()
    {
        return velocity;
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

    public StaleFeedSettings staleFeed()
    {
        return staleFeed;
    }

    /**
     * The overrides for one instrument, created on first use.
     *
     * @param symbol as in its InstrumentDefinition: 1 to 8 ASCII characters, trailing spaces ignored.
     */
    public InstrumentOverride instrument(final String symbol)
    {
        final String trimmed = null == symbol ? "" : symbol.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_SYMBOL_LENGTH ||
            !StandardCharsets.US_ASCII.newEncoder().canEncode(trimmed))
        {
            throw new IllegalArgumentException(
                "instrument symbol must be 1 to " + MAX_SYMBOL_LENGTH + " ASCII characters: '" + symbol + "'");
        }
        return instruments.computeIfAbsent(trimmed, (s) -> new InstrumentOverride(s, this));
    }

    /** Instrument overrides in the order they were first named. */
    public List<InstrumentOverride> instruments()
    {
        return List.copyOf(instruments.values());
    }

    /**
     * An account group, a beneficial owner, created on first use.
     */
    public AccountGroup accountGroup(final String name)
    {
        if (null == name || name.isBlank())
        {
            throw new IllegalArgumentException("account-group name must not be blank: '" + name + "'");
        }
        return accountGroups.computeIfAbsent(name, (n) -> new AccountGroup(n, accountGroups.size() + 1, this));
    }

    /** Account groups in the order they were first named; their numbers count from 1 in that order. */
    public List<AccountGroup> accountGroups()
    {
        return List.copyOf(accountGroups.values());
    }

    /** Every rule's default settings, in rule id order. */
    List<RuleSettings<?>> ruleDefaults()
    {
        return List.of(priceBand, size, velocity, spoofing, washTrade, quoteStuffing, staleFeed);
    }

    private static void positive(final String key, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(key + " must be > 0: " + value);
        }
    }

    static List<String> keys()
    {
        final List<String> keys = new ArrayList<>();
        keys.add(PREFIX + "expected-accounts");
        keys.add(PREFIX + "expected-orders");
        final SurveillanceConfig config = new SurveillanceConfig();
        for (final RuleSettings<?> settings : config.ruleDefaults())
        {
            for (int i = 0; i < settings.settingCount(); i++)
            {
                keys.add(PREFIX + settings.rule() + "." + settings.settingName(i));
            }
        }
        return keys;
    }

    /** A config with every rule but the price band disabled. */
    public static SurveillanceConfig priceBandOnly(final long bandBps)
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.priceBand().maxDeviationBps(bandBps);
        config.size().enabled(false);
        config.velocity().enabled(false);
        config.spoofing().enabled(false);
        config.washTrade().enabled(false);
        config.quoteStuffing().enabled(false);
        config.staleFeed().enabled(false);
        return config;
    }
}
