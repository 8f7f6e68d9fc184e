package io.ringside.engine.cluster;

import io.ringside.engine.config.ShardAssignments;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Which shard (cluster) an instrument lives on, from its symbol: the shard the configuration file names for it
 * ({@code instrument.SYMBOL.shard = K}), else the symbol's hash modulo the number of shards. The hash is 32-bit
 * FNV-1a over the symbol's ASCII bytes, trailing spaces and NULs left out, taken as unsigned: part of the deployment's
 * contract (a change would move instruments between shards, and their state with them), so it never changes.
 * An instrument seen before any definition of it is placed by its id instead, {@link #shardOfInstrumentId}.
 */
public final class ShardMap
{
    static final int SYMBOL_LENGTH = 8;
    private static final int FNV_OFFSET_BASIS = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;
    private static final long NONE = -1;

    private final int shards;
    private final Long2LongHashMap shardBySymbol;

    /**
     * @param shards      how many shards run, 1 to {@link ShardAssignments#MAX_SHARDS}.
     * @param assignments the configuration file's shard lines; each must name a shard that runs.
     */
    public ShardMap(final int shards, final ShardAssignments assignments)
    {
        if (shards < 1 || shards > ShardAssignments.MAX_SHARDS)
        {
            throw new IllegalArgumentException("shards: must be 1 to " + ShardAssignments.MAX_SHARDS + ": " + shards);
        }
        this.shards = shards;
        final Map<String, Integer> assigned = assignments.shardBySymbol();
        shardBySymbol = new Long2LongHashMap(Math.max(8, assigned.size() * 2), 0.65f, NONE);
        for (final Map.Entry<String, Integer> entry : assigned.entrySet())
        {
            if (entry.getValue() >= shards)
            {
                throw new IllegalArgumentException("instrument." + entry.getKey() + ".shard = " + entry.getValue() +
                    ": only shards 0 to " + (shards - 1) + " run (--shards " + shards + ")");
            }
            shardBySymbol.put(packed(entry.getKey()), entry.getValue());
        }
    }

    public int shards()
    {
        return shards;
    }

    /** The shard of the symbol in the schema's 8-byte symbol field at {@code offset}; allocates nothing. */
    public int shardOf(final DirectBuffer buffer, final int offset)
    {
        final int length = trimmedLength(buffer, offset);
        long key = 0;
        int hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            key |= (b & 0xFFL) << (8 * i);
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
        }
        final long assigned = shardBySymbol.get(key);
        return NONE != assigned ? (int)assigned : Integer.remainderUnsigned(hash, shards);
    }

    /** The shard of a symbol, as {@link #shardOf(DirectBuffer, int)} finds it in a definition. */
    public int shardOf(final String symbol)
    {
        final long assigned = shardBySymbol.get(packed(symbol));
        return NONE != assigned ? (int)assigned : Integer.remainderUnsigned(hash(symbol), shards);
    }

    /** The shard of an instrument no definition has named yet: its id modulo the number of shards, as unsigned. */
    public int shardOfInstrumentId(final int instrumentId)
    {
        return Integer.remainderUnsigned(instrumentId, shards);
    }

    /** 32-bit FNV-1a of the symbol's ASCII bytes, trailing spaces and NULs left out. */
    public static int hash(final String symbol)
    {
        final byte[] bytes = trimmed(symbol);
        int hash = FNV_OFFSET_BASIS;
        for (final byte b : bytes)
        {
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
        }
        return hash;
    }

    private static int trimmedLength(final DirectBuffer buffer, final int offset)
    {
        int end = SYMBOL_LENGTH;
        while (end > 0 && (buffer.getByte(offset + end - 1) == ' ' || buffer.getByte(offset + end - 1) == 0))
        {
            end--;
        }
        return end;
    }

    private static byte[] trimmed(final String symbol)
    {
        final byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
        int end = Math.min(bytes.length, SYMBOL_LENGTH);
        while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0))
        {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    private static long packed(final String symbol)
    {
        final byte[] bytes = trimmed(symbol);
        long key = 0;
        for (int i = 0; i < bytes.length; i++)
        {
            key |= (bytes[i] & 0xFFL) << (8 * i);
        }
        return key;
    }
}
