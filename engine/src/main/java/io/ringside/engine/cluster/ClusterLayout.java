package io.ringside.engine.cluster;

import java.util.List;

/**
 * Where each member of a cluster listens: one host per member, and from a base port a block of ports per member
 * (member N uses {@code basePort + N * PORTS_PER_MEMBER + offset}), so three members fit on one host and the same
 * settings serve three hosts. Shard K of several clusters starts its block at {@code basePort + K * PORTS_PER_SHARD}
 * ({@link #ofShard}), so the shards' members fit on the same hosts too.
 */
public final class ClusterLayout
{
    public static final int DEFAULT_BASE_PORT = 20_700;
    public static final int PORTS_PER_MEMBER = 10;
    public static final int PORTS_PER_SHARD = 100;
    static final int ARCHIVE_CONTROL = 1;
    static final int INGRESS = 2;
    static final int CONSENSUS = 3;
    static final int LOG = 4;
    static final int CATCHUP = 5;

    private final List<String> hosts;
    private final int basePort;

    /**
     * @param hosts    host of member 0, 1, ... (names or addresses, as the members reach each other).
     * @param basePort first port of member 0's block.
     */
    public ClusterLayout(final List<String> hosts, final int basePort)
    {
        if (hosts.isEmpty())
        {
            throw new IllegalArgumentException("members: at least one host");
        }
        if (basePort < 1024 || basePort + hosts.size() * PORTS_PER_MEMBER > 65_535)
        {
            throw new IllegalArgumentException("base-port: the ports of every member must be from 1024 to 65535: "
                + basePort);
        }
        this.hosts = List.copyOf(hosts);
        this.basePort = basePort;
    }

    /**
     * The layout of shard {@code shard}'s cluster: the same hosts, ports from {@code basePort + shard *
     * PORTS_PER_SHARD}.
     */
    public static ClusterLayout ofShard(final List<String> hosts, final int basePort, final int shard)
    {
        if (shard < 0)
        {
            throw new IllegalArgumentException("shard: must be >= 0: " + shard);
        }
        if (hosts.size() * PORTS_PER_MEMBER > PORTS_PER_SHARD)
        {
            throw new IllegalArgumentException("members: a sharded cluster has at most " +
                PORTS_PER_SHARD / PORTS_PER_MEMBER + " members, for each shard's ports to fit its block: " +
                hosts.size());
        }
        return new ClusterLayout(hosts, basePort + shard * PORTS_PER_SHARD);
    }

    public int memberCount()
    {
        return hosts.size();
    }

    public String host(final int member)
    {
        return hosts.get(member);
    }

    public int port(final int member, final int offset)
    {
        return basePort + member * PORTS_PER_MEMBER + offset;
    }

    String endpoint(final int member, final int offset)
    {
        return host(member) + ":" + port(member, offset);
    }

    /** The consensus module's list of members: id, then its ingress, consensus, log, catch-up and archive endpoints. */
    public String clusterMembers()
    {
        final StringBuilder members = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++)
        {
            members.append(i > 0 ? "|" : "").append(i)
                .append(',').append(endpoint(i, INGRESS))
                .append(',').append(endpoint(i, CONSENSUS))
                .append(',').append(endpoint(i, LOG))
                .append(',').append(endpoint(i, CATCHUP))
                .append(',').append(endpoint(i, ARCHIVE_CONTROL));
        }
        return members.toString();
    }

    /** The clients' list of the members' ingress endpoints. */
    public String ingressEndpoints()
    {
        final StringBuilder endpoints = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++)
        {
            endpoints.append(i > 0 ? "," : "").append(i).append('=').append(endpoint(i, INGRESS));
        }
        return endpoints.toString();
    }
}
