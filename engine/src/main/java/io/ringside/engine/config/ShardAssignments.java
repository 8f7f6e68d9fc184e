package io.ringside.engine.config;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration file's {@code instrument.SYMBOL.shard = K} lines: which shard (cluster) an instrument lives on
 * when instruments are spread over several. A symbol not listed goes where the symbol's hash sends it. Whether K is
 * one of the shards running is checked where their number is known (the cluster's {@code --shards}).
 */
public final class ShardAssignments
{
    /** Most shards a deployment may have: a gateway holds a connection and a queue per shard. */
    public static final int MAX_SHARDS = 64;

    private final Map<String, Integer> shardBySymbol = new TreeMap<>();

    /** Put {@code symbol}'s instrument on shard {@code shard}, from 0. */
    public ShardAssignments assign(final String symbol, final int shard)
    {
        if (symbol.isEmpty() || symbol.length() > 8 ||
            !StandardCharsets.US_ASCII.newEncoder().canEncode(symbol) || symbol.strip().length() != symbol.length())
        {
            throw new IllegalArgumentException("instrument." + symbol + ".shard: '" + symbol +
                "' is not a symbol of 1 to 8 ASCII characters");
        }
        if (shard < 0 || shard >= MAX_SHARDS)
        {
            throw new IllegalArgumentException("instrument." + symbol + ".shard must be 0 to " + (MAX_SHARDS - 1) +
                ": " + shard);
        }
        shardBySymbol.put(symbol, shard);
        return this;
    }

    /** Symbol to shard, in symbol order; symbols not listed are hashed. */
    public Map<String, Integer> shardBySymbol()
    {
        return Collections.unmodifiableMap(shardBySymbol);
    }
}
