package io.ringside.latency.bench;

import io.ringside.latency.report.BenchPage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One configuration {@code bench} runs, as {@code --configs} names it: {@code KIND} or {@code KIND:PROFILE}. The kind
 * is what runs; the profile, when given, is the engine's {@code --profile} for this configuration alone (otherwise the
 * bench's), so several threading layouts of one kind can be compared in one interleaved run. The name is what the
 * tables, the page and the JSON call it.
 *
 * @param profile null: the bench's --profile.
 */
public record BenchConfig(String name, Kind kind, String profile)
{
    /** What a configuration runs. */
    public enum Kind
    {
        /** {@code ringside echo}: every ingress frame straight back, the transport floor. */
        RAW_AERON(BenchPage.RAW_AERON),
        /** The engine, live ingest. */
        ENGINE(BenchPage.ENGINE),
        /** The engine's handlers behind ArrayBlockingQueues. */
        BLOCKING_QUEUE(BenchPage.BLOCKING_QUEUE),
        /** The engine reading what its own embedded archive has recorded of its ingress. */
        DURABLE(BenchPage.DURABLE),
        /** Three cluster members and the ingress gateway, each a process of its own. */
        CLUSTER(BenchPage.CLUSTER);

        private final String text;

        Kind(final String text)
        {
            this.text = text;
        }

        public String text()
        {
            return text;
        }

        static Kind of(final String text)
        {
            for (final Kind kind : values())
            {
                if (kind.text.equals(text))
                {
                    return kind;
                }
            }
            return null;
        }
    }

    public static final BenchConfig RAW_AERON = new BenchConfig(BenchPage.RAW_AERON, Kind.RAW_AERON, null);
    public static final BenchConfig ENGINE = new BenchConfig(BenchPage.ENGINE, Kind.ENGINE, null);
    public static final BenchConfig BLOCKING_QUEUE =
        new BenchConfig(BenchPage.BLOCKING_QUEUE, Kind.BLOCKING_QUEUE, null);
    /** What {@code bench} runs without --configs. */
    public static final List<BenchConfig> DEFAULTS = List.of(RAW_AERON, ENGINE, BLOCKING_QUEUE);

    /**
     * @throws IllegalArgumentException naming what is wrong with the text: an unknown kind, an empty profile, a
     *                                  profile on the cluster (its members take none).
     */
    public static BenchConfig parse(final String text)
    {
        final String name = text.trim();
        final int colon = name.indexOf(':');
        final String kindText = colon < 0 ? name : name.substring(0, colon);
        final Kind kind = Kind.of(kindText);
        if (null == kind)
        {
            throw new IllegalArgumentException("--configs: unknown configuration '" + name + "'; expected raw-aeron, "
                + "engine, blocking-queue, durable or cluster, each optionally :PROFILE (cluster excepted)");
        }
        if (colon < 0)
        {
            return new BenchConfig(name, kind, null);
        }
        final String profile = name.substring(colon + 1);
        if (profile.isBlank())
        {
            throw new IllegalArgumentException("--configs: '" + name + "': no profile after ':'");
        }
        if (Kind.CLUSTER == kind)
        {
            throw new IllegalArgumentException("--configs: '" + name + "': the cluster takes no profile (its members "
                + "run Aeron Cluster's own idle strategies)");
        }
        return new BenchConfig(name, kind, profile);
    }

    /**
     * @throws IllegalArgumentException when the list is empty, a name is not a configuration or one is given twice.
     */
    public static List<BenchConfig> parse(final List<String> texts)
    {
        if (texts.isEmpty())
        {
            throw new IllegalArgumentException("--configs: at least one configuration");
        }
        final List<BenchConfig> configs = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (final String text : texts)
        {
            final BenchConfig config = parse(text);
            if (!names.add(config.name()))
            {
                throw new IllegalArgumentException("--configs: '" + config.name() + "' given twice");
            }
            configs.add(config);
        }
        return List.copyOf(configs);
    }

    /** The profile this configuration runs with, its own or the bench's. */
    public String profile(final String benchProfile)
    {
        return null == profile ? benchProfile : profile;
    }

    /** Its part of a run directory's name: the name, a profile's ':' made '-' so no tool trips on it. */
    public String directoryName()
    {
        return name.replace(':', '-');
    }

    /**
     * Whether it records streams to disk whatever {@code --record} says: a durable engine reads what its archive has
     * recorded, and a cluster's members record their log; their cost is part of what they are.
     */
    public boolean alwaysRecords()
    {
        return Kind.DURABLE == kind || Kind.CLUSTER == kind;
    }
}
