package io.ringside.strategies.surveillance;

/**
 * One rule's settings: as defaults every setting is set; as an override, only those its setters were called for,
 * the rest read through to the defaults when {@link #overlay resolved}.
 */
public abstract class RuleSettings<T extends RuleSettings<T>>
{
    private final String rule;
    private final String[] names;
    private final long[] minimums;
    private final long[] maximums;
    final long[] values;
    private long setMask;

    RuleSettings(final String rule, final String[] names, final long[] defaults, final long[] minimums,
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

    /** A fresh instance of the same rule: every setting set as defaults, none as an override. */
    abstract T newInstance(boolean isDefault);

    /** A copy with every setting set, to run a rule with: later changes to the config do not reach it. */
    final T copy()
    {
        final T copy = newInstance(true);
        System.arraycopy(values, 0, copy.values, 0, values.length);
        return copy;
    }

    /** Take every value of {@code source} (as {@link #copy} does), in place: for settings changed at runtime. */
    final void copyFrom(final T source)
    {
        System.arraycopy(((RuleSettings<T>)source).values, 0, values, 0, values.length);
    }

    /** Become, in place, {@code override}'s set values laid over {@code defaults} (as {@link #overlay} makes). */
    final void overlayFrom(final T override, final T defaults)
    {
        copyFrom(defaults);
        final RuleSettings<T> from = override;
        for (int i = 0; i < names.length; i++)
        {
            if (from.isSet(i))
            {
                values[i] = from.values[i];
            }
        }
    }

    /** Become, in place, what {@link #snapshot} of {@code source} makes. */
    final void snapshotFrom(final T source)
    {
        copyFrom(source);
        setMask = ((RuleSettings<T>)source).setMask;
    }

    /** A copy that keeps which settings are set, for a partial override read setting by setting. */
    final T snapshot()
    {
        final T copy = newInstance(false);
        final RuleSettings<T> target = copy;
        System.arraycopy(values, 0, target.values, 0, values.length);
        target.setMask = setMask;
        return copy;
    }

    /** A copy with this one's set values laid over the given defaults. */
    final T overlay(final T defaults)
    {
        final T copy = defaults.copy();
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
