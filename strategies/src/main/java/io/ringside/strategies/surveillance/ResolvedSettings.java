package io.ringside.strategies.surveillance;

import org.agrona.collections.Long2LongHashMap;

import java.util.List;

/**
 * The settings {@link Surveillance}'s rules run on, resolved from its {@link SurveillanceConfig}: the defaults, each
 * instrument override laid over them, each account group's velocity (laid over the default) and size settings, the
 * stale-feed rule's. Copied at construction, so changing the config has no effect until {@link #settingsChanged}.
 */
final class ResolvedSettings
{
    /** The settings index of an instrument no override matches. */
    static final int DEFAULT_SETTINGS = -1;

    private final SurveillanceConfig config;
    final StaleFeedSettings staleFeedSettings;
    final InstrumentSettings defaults;
    final List<InstrumentOverride> overrides;
    final InstrumentSettings[] overrideSettings;
    final Long2LongHashMap groupByAccount;
    final VelocitySettings[] groupVelocity;
    private final SizeSettings[] groupSize;

    /** @param config concluded. */
    ResolvedSettings(final SurveillanceConfig config)
    {
        this.config = config;
        this.staleFeedSettings = config.staleFeed().copy();

        defaults = new InstrumentSettings(
            config.priceBand().copy(), config.size().copy(), config.spoofing().copy(), config.washTrade().copy(),
            config.quoteStuffing().copy());
        overrides = config.instruments();
        overrideSettings = new InstrumentSettings[overrides.size()];
        for (int i = 0; i < overrideSettings.length; i++)
        {
            final InstrumentOverride instrument = overrides.get(i);
            overrideSettings[i] = new InstrumentSettings(
                instrument.priceBand().overlay(defaults.priceBand),
                instrument.size().overlay(defaults.size),
                instrument.spoofing().overlay(defaults.spoofing),
                instrument.washTrade().overlay(defaults.washTrade),
                instrument.quoteStuffing().overlay(defaults.quoteStuffing));
        }

        final List<AccountGroup> groups = config.accountGroups();
        groupByAccount = new Long2LongHashMap(WashTradeRule.NO_GROUP);
        groupVelocity = new VelocitySettings[groups.size() + 1];
        groupSize = new SizeSettings[groups.size() + 1];
        groupVelocity[WashTradeRule.NO_GROUP] = config.velocity().copy();
        for (final AccountGroup group : groups)
        {
            for (final long account : group.accounts())
            {
                groupByAccount.put(account, group.number());
            }
            groupVelocity[group.number()] = group.velocity().overlay(groupVelocity[WashTradeRule.NO_GROUP]);
            groupSize[group.number()] = group.size().snapshot(); // later changes to the config do not leak in
        }
    }

    /** The settings index of the first instrument override matching the symbol, or {@link #DEFAULT_SETTINGS}. */
    int settingsIndex(final byte[] symbol)
    {
        int settingsIndex = DEFAULT_SETTINGS;
        for (int i = 0; i < overrideSettings.length; i++)
        {
            if (overrides.get(i).matches(symbol, symbol.length))
            {
                settingsIndex = i;
                break;
            }
        }
        return settingsIndex;
    }

    InstrumentSettings settings(final int settingsIndex)
    {
        return DEFAULT_SETTINGS == settingsIndex ? defaults : overrideSettings[settingsIndex];
    }

    /** The account's group number, or {@link WashTradeRule#NO_GROUP}. */
    int group(final long account)
    {
        return (int)groupByAccount.get(account);
    }

    VelocitySettings velocity(final int group)
    {
        return groupVelocity[group];
    }

    /** The group's size settings, or null for {@link WashTradeRule#NO_GROUP}. */
    SizeSettings size(final int group)
    {
        return groupSize[group];
    }

    /**
     * Take the config's current values, as a SET command left them: the defaults, each instrument override (laid over
     * the defaults again) and account group. Validates the config first: on a bad value it throws the
     * {@link IllegalArgumentException} naming the key, having changed nothing here. Instrument overrides and account
     * groups are those of construction: one added to the config later is not taken.
     */
    void settingsChanged()
    {
        config.conclude();
        defaults.priceBand.copyFrom(config.priceBand());
        defaults.size.copyFrom(config.size());
        defaults.spoofing.copyFrom(config.spoofing());
        defaults.washTrade.copyFrom(config.washTrade());
        defaults.quoteStuffing.copyFrom(config.quoteStuffing());
        staleFeedSettings.copyFrom(config.staleFeed());
        for (int i = 0; i < overrideSettings.length; i++)
        {
            final InstrumentOverride instrument = overrides.get(i);
            final InstrumentSettings settings = overrideSettings[i];
            settings.priceBand.overlayFrom(instrument.priceBand(), defaults.priceBand);
            settings.size.overlayFrom(instrument.size(), defaults.size);
            settings.spoofing.overlayFrom(instrument.spoofing(), defaults.spoofing);
            settings.washTrade.overlayFrom(instrument.washTrade(), defaults.washTrade);
            settings.quoteStuffing.overlayFrom(instrument.quoteStuffing(), defaults.quoteStuffing);
        }
        groupVelocity[WashTradeRule.NO_GROUP].copyFrom(config.velocity());
        for (final AccountGroup group : config.accountGroups())
        {
            if (group.number() < groupVelocity.length)
            {
                groupVelocity[group.number()].overlayFrom(group.velocity(), groupVelocity[WashTradeRule.NO_GROUP]);
                groupSize[group.number()].snapshotFrom(group.size());
            }
        }
    }

    // An account group's size setting wins over the instrument's, setting by setting.
    static long choose(
        final SizeSettings group, final SizeSettings instrument, final int index)
    {
        return null != group && group.isSet(index) ? group.values[index] : instrument.values[index];
    }
}
