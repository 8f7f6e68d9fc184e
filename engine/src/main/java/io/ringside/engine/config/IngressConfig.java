package io.ringside.engine.config;

import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.TimerDecoder;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What ingress lets in: the registry of sources (who may publish, and what) and the bounds on what one source may
 * claim (how far its sequence may jump, how far ahead its clock may run, how many sources there may be).
 * <p>
 * With no source listed, any process that can write to the Aeron directory (or reach a UDP endpoint) can publish as
 * any source id: the engine says so at start. Listing one source turns the registry on: from then on a source id not
 * listed is refused ({@code rejected.unknown_source}), as is a kind of message or an instrument its entry does not
 * allow ({@code rejected.not_permitted}).
 */
public final class IngressConfig
{
    public static final int MARKET_DATA = 1;
    public static final int REFERENCE_DATA = 2;
    public static final int CLIENT_ACTIVITY = 4;
    public static final int CONTROL = 8;
    /** The engine's own timers: sent by its ingress alone, as {@link #TIMER_SOURCE_ID}. */
    public static final int TIMER = 16;
    /** Reserved: the source id of the engine's timers; the registry cannot list it. */
    public static final int TIMER_SOURCE_ID = Integer.MAX_VALUE;

    public static final long DEFAULT_MAX_SEQUENCE_GAP = 1_000_000;
    /**
     * A day: far beyond anything a venue's clock does between two of its events in one session (even overnight), so
     * a timestamp in another day or year is refused, while an engine run across a weekend must raise it.
     */
    public static final long DEFAULT_MAX_EVENT_TIME_SKEW_NS = TimeUnit.DAYS.toNanos(1);
    public static final int DEFAULT_MAX_SOURCES = 4096;

    private static final String[] KIND_NAMES = { "market-data", "reference-data", "client-activity", "control" };

    private long maxSequenceGap = DEFAULT_MAX_SEQUENCE_GAP;
    private long maxEventTimeSkewNs = DEFAULT_MAX_EVENT_TIME_SKEW_NS;
    private int maxSources = DEFAULT_MAX_SOURCES;
    private final Map<Integer, Source> sources = new TreeMap<>();

    /** One registered source: its name and what it may send. */
    public static final class Source
    {
        private final int id;
        private String name;
        private int kinds = -1;
        private Set<String> symbols;

        Source(final int id)
        {
            this.id = id;
        }

        public int id()
        {
            return id;
        }

        public String name()
        {
            return name;
        }

        public Source name(final String name)
        {
            this.name = name;
            return this;
        }

        /** The kinds of message it may send, {@link #MARKET_DATA} and so on, or'ed. */
        public int kinds()
        {
            return kinds;
        }

        public Source kinds(final int kinds)
        {
            this.kinds = kinds;
            return this;
        }

        /** "market-data,reference-data": the kinds it may send. */
        public Source sends(final String list)
        {
            int parsed = 0;
            for (final String part : list.split(","))
            {
                final String kind = part.strip().toLowerCase(Locale.ROOT);
                final int index = java.util.Arrays.asList(KIND_NAMES).indexOf(kind);
                if (index < 0)
                {
                    throw new IllegalArgumentException("source." + id + ".sends: unknown kind '" + kind +
                        "'; expected some of " + String.join(", ", KIND_NAMES));
                }
                parsed |= 1 << index;
            }
            kinds = parsed;
            return this;
        }

        /** The symbols whose events and definitions it may send; null for every instrument. */
        public Set<String> symbols()
        {
            return symbols;
        }

        /** "all", or a comma-separated list of symbols. */
        public Source instruments(final String list)
        {
            if ("all".equalsIgnoreCase(list.strip()))
            {
                symbols = null;
                return this;
            }
            final Set<String> parsed = new LinkedHashSet<>();
            for (final String part : list.split(","))
            {
                final String symbol = part.strip();
                if (symbol.isEmpty() || symbol.length() > 8)
                {
                    throw new IllegalArgumentException("source." + id + ".instruments: '" + symbol +
                        "' is not a symbol of 1 to 8 characters");
                }
                parsed.add(symbol);
            }
            symbols = Collections.unmodifiableSet(parsed);
            return this;
        }

        public boolean mayAllInstruments()
        {
            return null == symbols;
        }

        void conclude()
        {
            if (kinds < 0)
            {
                throw new IllegalArgumentException("source." + id + ".sends: required for a listed source (some of " +
                    String.join(", ", KIND_NAMES) + ")");
            }
            if (null == name || name.isBlank())
            {
                name = "source-" + id;
            }
        }

        public String describe()
        {
            final StringBuilder kindsText = new StringBuilder();
            for (int i = 0; i < KIND_NAMES.length; i++)
            {
                if (0 != (kinds & (1 << i)))
                {
                    kindsText.append(kindsText.length() > 0 ? "," : "").append(KIND_NAMES[i]);
                }
            }
            return id + " (" + name + "): " + (kindsText.length() > 0 ? kindsText : "nothing") +
                (null == symbols ? "" : " for " + String.join(",", symbols));
        }
    }

    /** The kind of message a template is, for the registry's permissions. */
    public static int kindOf(final int templateId)
    {
        if (InstrumentDefinitionDecoder.TEMPLATE_ID == templateId)
        {
            return REFERENCE_DATA;
        }
        if (ClientNewOrderDecoder.TEMPLATE_ID == templateId || ClientCancelDecoder.TEMPLATE_ID == templateId ||
            ClientExecutionDecoder.TEMPLATE_ID == templateId)
        {
            return CLIENT_ACTIVITY;
        }
        if (ControlCommandDecoder.TEMPLATE_ID == templateId)
        {
            return CONTROL;
        }
        if (TimerDecoder.TEMPLATE_ID == templateId)
        {
            return TIMER;
        }
        return MARKET_DATA;
    }

    /** The entry for source {@code id}, made on first mention (a configuration file's keys). */
    public Source source(final int id)
    {
        if (id <= 0 || TIMER_SOURCE_ID == id)
        {
            throw new IllegalArgumentException("source." + id + ": a source id is a positive integer below " +
                TIMER_SOURCE_ID + " (the engine's timers)");
        }
        return sources.computeIfAbsent(id, Source::new);
    }

    public Map<Integer, Source> sources()
    {
        return Collections.unmodifiableMap(sources);
    }

    /** Whether sources are registered: then only they may publish. */
    public boolean registryOn()
    {
        return !sources.isEmpty();
    }

    public long maxSequenceGap()
    {
        return maxSequenceGap;
    }

    public IngressConfig maxSequenceGap(final long maxSequenceGap)
    {
        this.maxSequenceGap = maxSequenceGap;
        return this;
    }

    public long maxEventTimeSkewNs()
    {
        return maxEventTimeSkewNs;
    }

    public IngressConfig maxEventTimeSkewNs(final long maxEventTimeSkewNs)
    {
        this.maxEventTimeSkewNs = maxEventTimeSkewNs;
        return this;
    }

    public int maxSources()
    {
        return maxSources;
    }

    public IngressConfig maxSources(final int maxSources)
    {
        this.maxSources = maxSources;
        return this;
    }

    public IngressConfig conclude()
    {
        if (maxSequenceGap < 1)
        {
            throw new IllegalArgumentException("ingress.max-sequence-gap: must be at least 1: " + maxSequenceGap);
        }
        if (maxEventTimeSkewNs < TimeUnit.MILLISECONDS.toNanos(1))
        {
            throw new IllegalArgumentException("ingress.max-event-time-skew: must be at least 1ms");
        }
        if (maxSources < 1)
        {
            throw new IllegalArgumentException("ingress.max-sources: must be at least 1: " + maxSources);
        }
        if (sources.size() > maxSources)
        {
            throw new IllegalArgumentException("ingress.max-sources: " + maxSources + " is fewer than the " +
                sources.size() + " sources listed");
        }
        for (final Source source : sources.values())
        {
            source.conclude();
        }
        return this;
    }
}
