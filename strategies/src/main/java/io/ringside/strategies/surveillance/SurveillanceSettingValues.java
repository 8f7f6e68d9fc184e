package io.ringside.strategies.surveillance;

import java.util.List;

import static io.ringside.strategies.surveillance.Surveillance.NO_SETTING;

/**
 * Surveillance's configuration keys read back, as a {@code SET} command's acknowledgement reports the value it
 * replaced, and which of them a running handler can take (the rest size tables made at start).
 */
final class SurveillanceSettingValues
{
    private static final String PREFIX = "surveillance.";
    private static final String INSTRUMENT_PREFIX = "instrument.";

    private SurveillanceSettingValues()
    {
    }

    /**
     * A configuration key's current value in this handler's config, for a SET's acknowledgement: {@code
     * surveillance.*} and {@code instrument.SYMBOL.surveillance.*} of a configured override (its own value, or the
     * default it takes); a boolean as 1 or 0.
     *
     * @return the value, or {@link Surveillance#NO_SETTING} when the key is not this handler's.
     */
    static long value(
        final SurveillanceConfig config, final List<InstrumentOverride> overrides, final String key)
    {
        if (null == key)
        {
            return NO_SETTING;
        }
        if (key.startsWith(PREFIX))
        {
            final String rest = key.substring(PREFIX.length());
            switch (rest)
            {
                case "expected-accounts":
                    return config.expectedAccounts();
                case "expected-orders":
                    return config.expectedOrders();
                default:
                    return ruleValue(config.ruleDefaults(), null, rest);
            }
        }
        if (key.startsWith(INSTRUMENT_PREFIX))
        {
            final int dot = key.indexOf('.', INSTRUMENT_PREFIX.length());
            if (dot < 0 || !key.startsWith(PREFIX, dot + 1))
            {
                return NO_SETTING;
            }
            final String symbol = key.substring(INSTRUMENT_PREFIX.length(), dot);
            for (final InstrumentOverride instrument : overrides)
            {
                if (instrument.symbol().equals(symbol))
                {
                    return ruleValue(config.ruleDefaults(), instrument.all(), key.substring(dot + 1 + PREFIX.length()));
                }
            }
        }
        return NO_SETTING;
    }

    /** Whether a SET of the key takes effect in a running handler: one of its keys that sizes nothing. */
    static boolean isRuntime(
        final SurveillanceConfig config, final List<InstrumentOverride> overrides, final String key)
    {
        if (NO_SETTING == value(config, overrides, key))
        {
            return false;
        }
        return !(key.endsWith(".expected-accounts") || key.endsWith(".expected-orders") ||
            key.endsWith(".velocity.max-messages") || key.endsWith(".size.average-trades") ||
            key.endsWith(".quote-stuffing.window-ms"));
    }

    // RULE.SETTING among the defaults, or an override's own value where it sets one.
    private static long ruleValue(
        final List<RuleSettings<?>> defaults, final List<RuleSettings<?>> overrides, final String ruleAndSetting)
    {
        for (final RuleSettings<?> rule : defaults)
        {
            if (!ruleAndSetting.startsWith(rule.rule() + "."))
            {
                continue;
            }
            final String setting = ruleAndSetting.substring(rule.rule().length() + 1);
            for (int i = 0; i < rule.settingCount(); i++)
            {
                if (rule.settingName(i).equals(setting))
                {
                    if (null != overrides)
                    {
                        for (final RuleSettings<?> override : overrides)
                        {
                            if (override.rule().equals(rule.rule()))
                            {
                                return override.isSet(i) ? override.values[i] : rule.values[i];
                            }
                        }
                        return NO_SETTING; // a rule an instrument cannot override
                    }
                    return rule.values[i];
                }
            }
        }
        return NO_SETTING;
    }
}
