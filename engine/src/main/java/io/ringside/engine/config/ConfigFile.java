package io.ringside.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Reads Ringside's configuration file and applies it through bindings: one {@code key = value} per line, {@code #}
 * starts a comment, blank lines are ignored. A key may appear once. Keys are dotted and kebab-cased; a scope such as
 * {@code instrument.AAPL.} or {@code account-group.fund-a.} carries its own keys after the name.
 * <p>
 * Every problem stops the start with one line naming the file, the line and the key: an unknown key, a value of the
 * wrong type, or a value the setting refuses (the setter's {@link IllegalArgumentException} message is kept). The
 * file is read once at start; nothing here runs on the hot path.
 */
public final class ConfigFile
{
    /** One {@code key = value} line. */
    public record Entry(String key, String value, int line)
    {
    }

    private final String name;
    private final List<Entry> entries;

    private ConfigFile(final String name, final List<Entry> entries)
    {
        this.name = name;
        this.entries = entries;
    }

    /**
     * @throws IllegalArgumentException naming the file, and the line where the file itself is malformed.
     */
    public static ConfigFile read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("config: cannot read " + file + ": " + ex.getMessage());
        }
        return parse(file.toString(), lines);
    }

    public static ConfigFile parse(final String name, final List<String> lines)
    {
        final List<Entry> entries = new ArrayList<>();
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final int lineNumber = i + 1;
            String line = lines.get(i);
            final int hash = line.indexOf('#');
            if (hash >= 0)
            {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException(
                    "config " + name + ":" + lineNumber + ": expected 'key = value', got '" + line + "'");
            }
            final String key = line.substring(0, equals).strip();
            final String value = line.substring(equals + 1).strip();
            if (value.isEmpty())
            {
                throw new IllegalArgumentException("config " + name + ":" + lineNumber + ": " + key + ": no value");
            }
            final Integer earlier = seen.putIfAbsent(key, lineNumber);
            if (null != earlier)
            {
                throw new IllegalArgumentException(
                    "config " + name + ":" + lineNumber + ": " + key + ": already set on line " + earlier);
            }
            entries.add(new Entry(key, value, lineNumber));
        }
        return new ConfigFile(name, List.copyOf(entries));
    }

    public String name()
    {
        return name;
    }

    public List<Entry> entries()
    {
        return entries;
    }

    /** Apply every entry through the bindings, in file order. */
    public void applyTo(final Bindings bindings)
    {
        for (final Entry entry : entries)
        {
            try
            {
                bindings.apply(entry.key(), entry.key(), entry.value());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("config " + name + ":" + entry.line() + ": " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * The keys a configuration understands, each with its type and the setter it calls. Built once at start.
     */
    public static final class Bindings
    {
        private final Map<String, Setter> setters = new LinkedHashMap<>();
        private final Map<String, Function<String, Bindings>> scopes = new LinkedHashMap<>();
        private final Map<String, Bindings> scopeInstances = new HashMap<>();

        @FunctionalInterface
        private interface Setter
        {
            void set(String fullKey, String value);
        }

        /** An integer, with {@code _} allowed as a digit separator (1_000_000). */
        public Bindings integer(final String key, final LongConsumer setter)
        {
            return bind(key, (fullKey, value) -> setter.accept(parseLong(fullKey, value)));
        }

        /** An integer that fits 32 bits. */
        public Bindings int32(final String key, final java.util.function.IntConsumer setter)
        {
            return bind(key, (fullKey, value) ->
            {
                final long parsed = parseLong(fullKey, value);
                if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE)
                {
                    throw new IllegalArgumentException(fullKey + ": out of range for a 32-bit integer: " + value);
                }
                setter.accept((int)parsed);
            });
        }

        /** A duration: an integer with a unit, ns, us, ms, s or min (250ms, 2s). Given to the setter in ns. */
        public Bindings duration(final String key, final LongConsumer setterNs)
        {
            return bind(key, (fullKey, value) -> setterNs.accept(parseDurationNs(fullKey, value)));
        }

        /** A price or amount written as a decimal (585.33), given to the setter in fixed point at {@code scale}. */
        public Bindings decimal(final String key, final int scale, final LongConsumer setter)
        {
            return bind(key, (fullKey, value) -> setter.accept(parseDecimal(fullKey, value, scale)));
        }

        /** A string, as written; the setter validates it. */
        public Bindings text(final String key, final Consumer<String> setter)
        {
            return bind(key, (fullKey, value) -> setter.accept(value));
        }

        public Bindings bool(final String key, final Consumer<Boolean> setter)
        {
            return bind(key, (fullKey, value) ->
            {
                switch (value.toLowerCase(Locale.ROOT))
                {
                    case "true", "on", "yes" -> setter.accept(Boolean.TRUE);
                    case "false", "off", "no" -> setter.accept(Boolean.FALSE);
                    default -> throw new IllegalArgumentException(
                        fullKey + ": expected true or false, got '" + value + "'");
                }
            });
        }

        /** A comma-separated list of integers (account ids). */
        public Bindings integerList(final String key, final Consumer<long[]> setter)
        {
            return bind(key, (fullKey, value) ->
            {
                final String[] parts = value.split(",");
                final long[] values = new long[parts.length];
                for (int i = 0; i < parts.length; i++)
                {
                    values[i] = parseLong(fullKey, parts[i].strip());
                }
                setter.accept(values);
            });
        }

        /**
         * A named scope: keys {@code prefix.NAME.rest} are applied to the bindings that {@code bindingsForName}
         * returns for NAME (called once per name).
         */
        public Bindings scope(final String prefix, final Function<String, Bindings> bindingsForName)
        {
            scopes.put(prefix, bindingsForName);
            return this;
        }

        /** Every key these bindings understand, for error messages and documentation. */
        public List<String> keys()
        {
            final List<String> keys = new ArrayList<>(setters.keySet());
            for (final String prefix : scopes.keySet())
            {
                keys.add(prefix + ".<name>.*");
            }
            return keys;
        }

        private Bindings bind(final String key, final Setter setter)
        {
            if (null != setters.putIfAbsent(key, setter))
            {
                throw new IllegalStateException("key bound twice: " + key);
            }
            return this;
        }

        void apply(final String fullKey, final String key, final String value)
        {
            final Setter setter = setters.get(key);
            if (null != setter)
            {
                try
                {
                    setter.set(fullKey, value);
                }
                catch (final IllegalArgumentException ex)
                {
                    final String message = ex.getMessage();
                    throw new IllegalArgumentException(
                        null != message && message.startsWith(fullKey) ? message : fullKey + " = " + value + ": " + message,
                        ex);
                }
                return;
            }
            for (final Map.Entry<String, Function<String, Bindings>> scope : scopes.entrySet())
            {
                final String prefix = scope.getKey() + ".";
                if (key.startsWith(prefix))
                {
                    final String rest = key.substring(prefix.length());
                    final int dot = rest.indexOf('.');
                    if (dot <= 0 || dot == rest.length() - 1)
                    {
                        throw new IllegalArgumentException(
                            fullKey + ": expected " + scope.getKey() + ".<name>.<setting>");
                    }
                    final String scopeName = rest.substring(0, dot);
                    final Bindings inner = scopeInstances.computeIfAbsent(
                        scope.getKey() + "." + scopeName, ignore -> scope.getValue().apply(scopeName));
                    inner.apply(fullKey, rest.substring(dot + 1), value);
                    return;
                }
            }
            throw new IllegalArgumentException(fullKey + ": unknown key" + suggestion(key));
        }

        private String suggestion(final String key)
        {
            final int dot = key.lastIndexOf('.');
            final String group = dot > 0 ? key.substring(0, dot + 1) : "";
            final List<String> near = new ArrayList<>();
            for (final String known : setters.keySet())
            {
                if (!group.isEmpty() && known.startsWith(group))
                {
                    near.add(known);
                }
            }
            return near.isEmpty() ? "" : " (known here: " + String.join(", ", near) + ")";
        }

        private static long parseLong(final String key, final String value)
        {
            try
            {
                return Long.parseLong(value.replace("_", ""));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(key + ": expected an integer, got '" + value + "'");
            }
        }

        static long parseDurationNs(final String key, final String value)
        {
            int split = 0;
            while (split < value.length() && (Character.isDigit(value.charAt(split)) || value.charAt(split) == '_'))
            {
                split++;
            }
            final String unit = value.substring(split).strip();
            if (split == 0 || unit.isEmpty())
            {
                throw new IllegalArgumentException(
                    key + ": expected a duration with a unit (ns, us, ms, s, min), got '" + value + "'");
            }
            final long amount = parseLong(key, value.substring(0, split));
            final long unitNs = switch (unit)
            {
                case "ns" -> 1L;
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "min" -> 60_000_000_000L;
                default -> throw new IllegalArgumentException(
                    key + ": unknown duration unit '" + unit + "' in '" + value + "'; expected ns, us, ms, s or min");
            };
            try
            {
                return Math.multiplyExact(amount, unitNs);
            }
            catch (final ArithmeticException ex)
            {
                throw new IllegalArgumentException(key + ": duration too long: '" + value + "'");
            }
        }

        static long parseDecimal(final String key, final String value, final int scale)
        {
            try
            {
                return new java.math.BigDecimal(value.replace("_", "")).movePointRight(scale).longValueExact();
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                throw new IllegalArgumentException(
                    key + ": expected a decimal number with at most " + scale + " decimal places, got '" + value + "'");
            }
        }
    }
}
