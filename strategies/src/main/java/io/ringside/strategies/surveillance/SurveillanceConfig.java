package io.ringside.strategies.surveillance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Surveillance} runs with: each rule's defaults, per-instrument overrides by symbol, and account
 * groups (beneficial owners) with their own limits for the account rules. A plain mutable object: set what differs
 * from the defaults, then {@link #conclude()} validates it; {@link Surveillance} concludes it if you have not.
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
    private final PriceBand priceBand = new PriceBand(true);
    private final Size size = new Size(true);
    private final Velocity velocity = new Velocity(true);
    private final Spoofing spoofing = new Spoofing(true);
    private final WashTrade washTrade = new WashTrade(true);
    private final QuoteStuffing quoteStuffing = new QuoteStuffing(true);
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
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
        for (final Settings<?> settings : defaults())
        {
            settings.validate(PREFIX);
        }
        for (final Instrument instrument : instruments.values())
        {
            final String prefix = "instrument." + instrument.symbol + "." + PREFIX;
            for (final Settings<?> settings : instrument.all())
            {
                settings.validate(prefix);
            }
        }
        final Map<Long, String> groupByAccount = new LinkedHashMap<>();
        for (final AccountGroup group : accountGroups.values())
        {
            final String prefix = "account-group." + group.name + ".";
            if (0 == group.accounts.length)
            {
                throw new IllegalArgumentException(prefix + "accounts must name at least one account");
            }
            for (final long account : group.accounts)
            {
                final String other = groupByAccount.put(account, group.name);
                if (null != other)
                {
                    throw new IllegalArgumentException(prefix + "accounts: account " + account +
                        (other.equals(group.name) ? " is listed twice" : " is already in account group " + other));
                }
            }
            group.velocity.validate(prefix + PREFIX);
            group.size.validate(prefix + PREFIX);
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

    public PriceBand priceBand()
    {
        return priceBand;
    }

    public Size size()
    {
        return size;
    }

    public Velocity velocity()
    {
        return velocity;
    }

    public Spoofing spoofing()
    {
        return spoofing;
    }

    public WashTrade washTrade()
    {
        return washTrade;
    }

    public QuoteStuffing quoteStuffing()
    {
        return quoteStuffing;
    }

    /**
     * The overrides for one instrument, created on first use.
     *
     * @param symbol as in its InstrumentDefinition: 1 to 8 ASCII characters, trailing spaces ignored.
     */
    public Instrument instrument(final String symbol)
    {
        final String trimmed = null == symbol ? "" : symbol.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_SYMBOL_LENGTH ||
            !StandardCharsets.US_ASCII.newEncoder().canEncode(trimmed))
        {
            throw new IllegalArgumentException(
                "instrument symbol must be 1 to " + MAX_SYMBOL_LENGTH + " ASCII characters: '" + symbol + "'");
        }
        return instruments.computeIfAbsent(trimmed, (s) -> new Instrument(s, this));
    }

    /** Instrument overrides in the order they were first named. */
    public List<Instrument> instruments()
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

    private List<Settings<?>> defaults()
    {
        return List.of(priceBand, size, velocity, spoofing, washTrade, quoteStuffing);
    }

    /** One instrument's overrides, named by its symbol. */
    public static final class Instrument
    {
        private final String symbol;
        private final byte[] symbolBytes;
        private final SurveillanceConfig config;
        private final PriceBand priceBand = new PriceBand(false);
        private final Size size = new Size(false);
        private final Spoofing spoofing = new Spoofing(false);
        private final WashTrade washTrade = new WashTrade(false);
        private final QuoteStuffing quoteStuffing = new QuoteStuffing(false);

        private Instrument(final String symbol, final SurveillanceConfig config)
        {
            this.symbol = symbol;
            this.symbolBytes = symbol.getBytes(StandardCharsets.US_ASCII);
            this.config = config;
        }

        public String symbol()
        {
            return symbol;
        }

        public PriceBand priceBand()
        {
            return priceBand;
        }

        public Size size()
        {
            return size;
        }

        public Spoofing spoofing()
        {
            return spoofing;
        }

        public WashTrade washTrade()
        {
            return washTrade;
        }

        public QuoteStuffing quoteStuffing()
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

        private List<Settings<?>> all()
        {
            return List.of(priceBand, size, spoofing, washTrade, quoteStuffing);
        }
    }

    /** A beneficial owner: its accounts, and its own limits for the account rules. */
    public static final class AccountGroup
    {
        private final String name;
        private final int number;
        private final SurveillanceConfig config;
        private final Velocity velocity = new Velocity(false);
        private final Size size = new Size(false);
        private long[] accounts = new long[0];

        private AccountGroup(final String name, final int number, final SurveillanceConfig config)
        {
            this.name = name;
            this.number = number;
            this.config = config;
        }

        public String name()
        {
            return name;
        }

        /** From 1, in the order groups were first named: the reference value of a wash-trade alert. */
        public int number()
        {
            return number;
        }

        public AccountGroup accounts(final long... accounts)
        {
            this.accounts = accounts.clone();
            return this;
        }

        public long[] accounts()
        {
            return accounts.clone();
        }

        public Velocity velocity()
        {
            return velocity;
        }

        /** Only the size rule's limits apply per group: max-quantity, max-notional, average-multiple. */
        public Size size()
        {
            return size;
        }

        public SurveillanceConfig config()
        {
            return config;
        }
    }

    /**
     * One rule's settings: as defaults every setting is set; as an override, only those its setters were called for,
     * the rest read through to the defaults when {@link #overlay resolved}.
     */
    public abstract static class Settings<T extends Settings<T>>
    {
        private final String rule;
        private final String[] names;
        private final long[] minimums;
        private final long[] maximums;
        final long[] values;
        private long setMask;

        Settings(final String rule, final String[] names, final long[] defaults, final long[] minimums,
            final long[] maximums, final boolean isDefault)
        {
            this.rule = rule;
            this.names = names;
            this.minimums = minimums;
            this.maximums = maximums;
            this.values = defaults.clone();
            this.setMask = isDefault ? (1L << names.length) - 1 : 0;
        }

        /** The rule's key, as in {@code surveillance.RULE.SETTING}. */
        public String rule()
        {
            return rule;
        }

        /** Settings of the rule; setting 0 is always {@code enabled}. */
        public int settingCount()
        {
            return names.length;
        }

        /** A setting's key, as in {@code surveillance.RULE.SETTING}. */
        public String settingName(final int index)
        {
            return names[index];
        }

        /** Set a setting by its index, as a configuration file names it; checked by {@code conclude()}. */
        public T setting(final int index, final long value)
        {
            return set(index, value);
        }

        public boolean isSet(final int index)
        {
            return 0 != (setMask & (1L << index));
        }

        @SuppressWarnings("unchecked")
        final T set(final int index, final long value)
        {
            values[index] = value;
            setMask |= 1L << index;
            return (T)this;
        }

        final boolean flag(final int index)
        {
            return 0 != values[index];
        }

        /** This one's values and what is set in it, into a fresh instance of its class. */
        final T copyTo(final T copy)
        {
            final Settings<T> target = copy;
            System.arraycopy(values, 0, target.values, 0, values.length);
            target.setMask = setMask;
            return copy;
        }

        /** A copy with this one's set values laid over the given defaults. */
        abstract T overlay(T defaults);

        final T overlayOnto(final T copy)
        {
            for (int i = 0; i < names.length; i++)
            {
                if (isSet(i))
                {
                    copy.values[i] = values[i];
                }
            }
            return copy;
        }

        final void validate(final String prefix)
        {
            for (int i = 0; i < names.length; i++)
            {
                if (!isSet(i))
                {
                    continue;
                }
                final long value = values[i];
                final String key = prefix + rule + "." + names[i];
                if (value < minimums[i])
                {
                    throw new IllegalArgumentException(
                        key + (1 == minimums[i] ? " must be > 0: " : " must be >= " + minimums[i] + ": ") + value);
                }
                if (value > maximums[i])
                {
                    throw new IllegalArgumentException(key + " must be <= " + maximums[i] + ": " + value);
                }
            }
        }

        public String toString()
        {
            final StringBuilder builder = new StringBuilder(rule).append('{');
            for (int i = 0; i < names.length; i++)
            {
                if (isSet(i))
                {
                    builder.append(builder.charAt(builder.length() - 1) == '{' ? "" : ", ")
                        .append(names[i]).append('=').append(i == 0 ? Boolean.toString(values[i] != 0) : values[i]);
                }
            }
            return builder.append('}').toString();
        }
    }

    private static final long MAX = Long.MAX_VALUE;
    private static final long MAX_INT = Integer.MAX_VALUE;

    /**
     * Rule 1: an order or execution priced more than {@code max-deviation-bps} from the book's mid, or from the last
     * market trade when the book is one-sided or empty. See {@link PriceBandRule}.
     */
    public static final class PriceBand extends Settings<PriceBand>
    {
        public static final long DEFAULT_MAX_DEVIATION_BPS = 5;

        static final int ENABLED = 0;
        static final int MAX_DEVIATION_BPS = 1;

        PriceBand(final boolean isDefault)
        {
            super("price-band", new String[]{ "enabled", "max-deviation-bps" },
                new long[]{ 1, DEFAULT_MAX_DEVIATION_BPS }, new long[]{ 0, 1 }, new long[]{ 1, 1_000_000 }, isDefault);
        }

        public PriceBand enabled(final boolean enabled)
        {
            return set(ENABLED, enabled ? 1 : 0);
        }

        public boolean enabled()
        {
            return flag(ENABLED);
        }

        public PriceBand maxDeviationBps(final long maxDeviationBps)
        {
            return set(MAX_DEVIATION_BPS, maxDeviationBps);
        }

        public long maxDeviationBps()
        {
            return values[MAX_DEVIATION_BPS];
        }

        PriceBand overlay(final PriceBand defaults)
        {
            return overlayOnto(defaults.copy());
        }

        PriceBand copy()
        {
            final PriceBand copy = new PriceBand(true);
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }
    }

    /**
     * Rule 2: a client order above {@code max-quantity} shares, above {@code max-notional} in whole currency units
     * (price × quantity at the instrument's price scale), or above {@code average-multiple} times the instrument's
     * average market trade size over its last {@code average-trades} trades. See {@link SizeRule}.
     */
    public static final class Size extends Settings<Size>
    {
        static final int ENABLED = 0;
        static final int MAX_QUANTITY = 1;
        static final int MAX_NOTIONAL = 2;
        static final int AVERAGE_MULTIPLE = 3;
        static final int AVERAGE_TRADES = 4;

        Size(final boolean isDefault)
        {
            super("size",
                new String[]{ "enabled", "max-quantity", "max-notional", "average-multiple", "average-trades" },
                new long[]{ 1, 50_000, 10_000_000, 50, 100 },
                new long[]{ 0, 1, 1, 1, 1 },
                new long[]{ 1, MAX, MAX, 1_000_000, 1_000_000 },
                isDefault);
        }

        public Size enabled(final boolean enabled)
        {
            return set(ENABLED, enabled ? 1 : 0);
        }

        public boolean enabled()
        {
            return flag(ENABLED);
        }

        public Size maxQuantity(final long maxQuantity)
        {
            return set(MAX_QUANTITY, maxQuantity);
        }

        public long maxQuantity()
        {
            return values[MAX_QUANTITY];
        }

        public Size maxNotional(final long maxNotional)
        {
            return set(MAX_NOTIONAL, maxNotional);
        }

        public long maxNotional()
        {
            return values[MAX_NOTIONAL];
        }

        public Size averageMultiple(final long averageMultiple)
        {
            return set(AVERAGE_MULTIPLE, averageMultiple);
        }

        public long averageMultiple()
        {
            return values[AVERAGE_MULTIPLE];
        }

        /** Per instrument only: an account group's value is ignored. */
        public Size averageTrades(final int averageTrades)
        {
            return set(AVERAGE_TRADES, averageTrades);
        }

        public int averageTrades()
        {
            return (int)values[AVERAGE_TRADES];
        }

        Size overlay(final Size defaults)
        {
            return overlayOnto(defaults.copy());
        }

        Size copy()
        {
            final Size copy = new Size(true);
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }

        /** A copy that keeps which settings are set: an account group's partial override. */
        Size snapshot()
        {
            return copyTo(new Size(false));
        }
    }

    /**
     * Rule 3: more than {@code max-messages} new orders and cancels by one account within {@code window-ns} of event
     * time. See {@link VelocityRule}.
     */
    public static final class Velocity extends Settings<Velocity>
    {
        static final int ENABLED = 0;
        static final int MAX_MESSAGES = 1;
        static final int WINDOW_NS = 2;

        Velocity(final boolean isDefault)
        {
            super("velocity", new String[]{ "enabled", "max-messages", "window-ns" },
                new long[]{ 1, 50, 1_000_000_000L },
                new long[]{ 0, 1, 1 },
                new long[]{ 1, 1_000_000, MAX },
                isDefault);
        }

        public Velocity enabled(final boolean enabled)
        {
            return set(ENABLED, enabled ? 1 : 0);
        }

        public boolean enabled()
        {
            return flag(ENABLED);
        }

        public Velocity maxMessages(final int maxMessages)
        {
            return set(MAX_MESSAGES, maxMessages);
        }

        public int maxMessages()
        {
            return (int)values[MAX_MESSAGES];
        }

        public Velocity windowNs(final long windowNs)
        {
            return set(WINDOW_NS, windowNs);
        }

        public long windowNs()
        {
            return values[WINDOW_NS];
        }

        Velocity overlay(final Velocity defaults)
        {
            return overlayOnto(defaults.copy());
        }

        Velocity copy()
        {
            final Velocity copy = new Velocity(true);
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }
    }

    /**
     * Rule 4: large orders ({@code min-size-multiple} times the displayed quantity at their level, or at an empty
     * level) on one side, {@code min-cancel-percent} of their quantity cancelled and at most {@code max-fill-percent}
     * filled within {@code window-ns} of the first, while the account trades on the other side; layering from
     * {@code layering-levels} distinct prices. See {@link SpoofingRule}.
     */
    public static final class Spoofing extends Settings<Spoofing>
    {
        static final int ENABLED = 0;
        static final int MIN_SIZE_MULTIPLE = 1;
        static final int LAYERING_LEVELS = 2;
        static final int MIN_CANCEL_PERCENT = 3;
        static final int MAX_FILL_PERCENT = 4;
        static final int WINDOW_NS = 5;

        Spoofing(final boolean isDefault)
        {
            super("spoofing",
                new String[]{ "enabled", "min-size-multiple", "layering-levels", "min-cancel-percent",
                    "max-fill-percent", "window-ns" },
                new long[]{ 1, 2, 3, 80, 10, 5_000_000_000L },
                new long[]{ 0, 1, 2, 1, 0, 1 },
                new long[]{ 1, 1_000_000, SpoofingRule.MAX_LEVELS, 100, 100, MAX },
                isDefault);
        }

        public Spoofing enabled(final boolean enabled)
        {
            return set(ENABLED, enabled ? 1 : 0);
        }

        public boolean enabled()
        {
            return flag(ENABLED);
        }

        public Spoofing minSizeMultiple(final long minSizeMultiple)
        {
            return set(MIN_SIZE_MULTIPLE, minSizeMultiple);
        }

        public long minSizeMultiple()
        {
            return values[MIN_SIZE_MULTIPLE];
        }

        public Spoofing layeringLevels(final int layeringLevels)
        {
            return set(LAYERING_LEVELS, layeringLevels);
        }

        public int layeringLevels()
        {
            return (int)values[LAYERING_LEVELS];
        }

        public Spoofing minCancelPercent(final int minCancelPercent)
        {
            return set(MIN_CANCEL_PERCENT, minCancelPercent);
        }

        public int minCancelPercent()
        {
            return (int)values[MIN_CANCEL_PERCENT];
        }

        public Spoofing maxFillPercent(final int maxFillPercent)
        {
            return set(MAX_FILL_PERCENT, maxFillPercent);
        }

        public int maxFillPercent()
        {
            return (int)values[MAX_FILL_PERCENT];
        }

        public Spoofing windowNs(final long windowNs)
        {
            return set(WINDOW_NS, windowNs);
        }

        public long windowNs()
        {
            return values[WINDOW_NS];
        }

        Spoofing overlay(final Spoofing defaults)
        {
            return overlayOnto(defaults.copy());
        }

        Spoofing copy()
        {
            final Spoofing copy = new Spoofing(true);
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }
    }

    /** Rule 5: an execution whose buyer and seller are one account or one account group. See {@link WashTradeRule}. */
    public static final class WashTrade extends Settings<WashTrade>
    {
        static final int ENABLED = 0;

        WashTrade(final boolean isDefault)
        {
            super("wash-trade", new String[]{ "enabled" }, new long[]{ 1 }, new long[]{ 0 }, new long[]{ 1 },
                isDefault);
        }

        public WashTrade enabled(final boolean enabled)
        {
            return set(ENABLED, enabled ? 1 : 0);
        }

        public boolean enabled()
        {
            return flag(ENABLED);
        }

        WashTrade overlay(final WashTrade defaults)
        {
            return overlayOnto(defaults.copy());
        }

        WashTrade copy()
        {
            final WashTrade copy = new WashTrade(true);
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }
    }

    /**
     * Rule 6, on market data: an instrument's order messages (adds, cancels, deletes, replaces) over
     * {@code max-messages-per-ms} per millisecond across {@code window-ms}, with at least {@code min-cancel-percent}
     * of them cancels and deletes. See {@link QuoteStuffingRule} for why the defaults are what they are.
     */
    public static final class QuoteStuffing extends Settings<QuoteStuffing>
    {
        static final int ENABLED = 0;
        static final int MAX_MESSAGES_PER_MS = 1;
        static final int MIN_CANCEL_PERCENT = 2;
        static final int WINDOW_MS = 3;

        QuoteStuffing(final boolean isDefault)
        {
            super("quote-stuffing",
                new String[]{ "enabled", "max-messages-per-ms", "min-cancel-percent", "window-ms" },
                new long[]{ 1, QuoteStuffingRule.DEFAULT_MAX_MESSAGES_PER_MS, QuoteStuffingRule.DEFAULT_MIN_CANCEL_PERCENT,
                    QuoteStuffingRule.DEFAULT_WINDOW_MS },
                new long[]{ 0, 1, 0, 1 },
                new long[]{ 1, 1_000_000, 100, QuoteStuffingRule.MAX_WINDOW_MS },
                isDefault);
        }

        public QuoteStuffing enabled(final boolean enabled)
        {
            return set(ENABLED, enabled ? 1 : 0);
        }

        public boolean enabled()
        {
            return flag(ENABLED);
        }

        public QuoteStuffing maxMessagesPerMs(final int maxMessagesPerMs)
        {
            return set(MAX_MESSAGES_PER_MS, maxMessagesPerMs);
        }

        public int maxMessagesPerMs()
        {
            return (int)values[MAX_MESSAGES_PER_MS];
        }

        public QuoteStuffing minCancelPercent(final int minCancelPercent)
        {
            return set(MIN_CANCEL_PERCENT, minCancelPercent);
        }

        public int minCancelPercent()
        {
            return (int)values[MIN_CANCEL_PERCENT];
        }

        /** The window in whole ms of event time: the limit is max-messages-per-ms times this. */
        public QuoteStuffing windowMs(final int windowMs)
        {
            return set(WINDOW_MS, windowMs);
        }

        public int windowMs()
        {
            return (int)values[WINDOW_MS];
        }

        QuoteStuffing overlay(final QuoteStuffing defaults)
        {
            return overlayOnto(defaults.copy());
        }

        QuoteStuffing copy()
        {
            final QuoteStuffing copy = new QuoteStuffing(true);
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }
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
        for (final Settings<?> settings : config.defaults())
        {
            for (final String name : settings.names)
            {
                keys.add(PREFIX + settings.rule + "." + name);
            }
        }
        return keys;
    }
}
