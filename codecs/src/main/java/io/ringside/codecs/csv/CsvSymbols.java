package io.ringside.codecs.csv;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The symbols of a market-data CSV and their instruments: open addressing on a hash of the symbol's bytes, so a row's
 * symbol is found in place in the file without allocating; only a new symbol allocates. A slot holds the symbol's
 * bytes, its instrument id, its 8-byte InstrumentDefinition symbol and whether that definition has gone out.
 */
final class CsvSymbols
{
    /** InstrumentDefinition's symbol length. */
    static final int SYMBOL_LENGTH = 8;

    private final UnsafeBuffer file;
    private byte[][] symbolBytes = new byte[64][];
    private int[] symbolHashes = new int[64];
    private int[] symbolIds = new int[64];
    private byte[][] definitionSymbols = new byte[64][];
    private boolean[] defined = new boolean[64];
    private int symbolCount;

    CsvSymbols(final UnsafeBuffer file)
    {
        this.file = file;
    }

    int instrumentId(final int slot)
    {
        return symbolIds[slot];
    }

    /** The symbol cut to 8 bytes, or padded with NULs. */
    byte[] definitionSymbol(final int slot)
    {
        return definitionSymbols[slot];
    }

    /** True the first time for each slot: its InstrumentDefinition is to go out now. */
    boolean define(final int slot)
    {
        if (defined[slot])
        {
            return false;
        }
        defined[slot] = true;
        return true;
    }

    int hash(final int start, final int end)
    {
        int h = 0;
        for (int i = start; i < end; i++)
        {
            h = 31 * h + file.getByte(i);
        }
        return h;
    }

    static int hash(final byte[] bytes)
    {
        int h = 0;
        for (final byte b : bytes)
        {
            h = 31 * h + b;
        }
        return h;
    }

    /** Slot of the symbol at file[start, end), or -1. */
    int find(final int hash, final int start, final int end)
    {
        final int mask = symbolBytes.length - 1;
        for (int slot = slotOf(hash); ; slot = (slot + 1) & mask)
        {
            final byte[] bytes = symbolBytes[slot];
            if (null == bytes)
            {
                return -1;
            }
            if (symbolHashes[slot] == hash && bytes.length == end - start && sameBytes(bytes, start))
            {
                return slot;
            }
        }
    }

    /** Slot of the symbol in {@code key}, or -1; used only while building the table from given ids. */
    int find(final int hash, final byte[] key)
    {
        final int mask = symbolBytes.length - 1;
        for (int slot = slotOf(hash); ; slot = (slot + 1) & mask)
        {
            final byte[] bytes = symbolBytes[slot];
            if (null == bytes)
            {
                return -1;
            }
            if (symbolHashes[slot] == hash && Arrays.equals(bytes, 0, bytes.length, key, 0, key.length))
            {
                return slot;
            }
        }
    }

    /** Add a symbol not in the table; returns its slot. */
    int insert(final int hash, final byte[] bytes, final int instrumentId)
    {
        if ((symbolCount + 1) * 2 > symbolBytes.length)
        {
            grow();
        }
        final int mask = symbolBytes.length - 1;
        int slot = slotOf(hash);
        while (null != symbolBytes[slot])
        {
            slot = (slot + 1) & mask;
        }
        symbolBytes[slot] = bytes;
        symbolHashes[slot] = hash;
        symbolIds[slot] = instrumentId;
        definitionSymbols[slot] = Arrays.copyOf(bytes, SYMBOL_LENGTH); // cut to 8, or padded with NULs
        symbolCount++;
        return slot;
    }

    private int slotOf(final int hash)
    {
        return (hash ^ (hash >>> 16)) * 0x9E3779B9 >>> 8 & (symbolBytes.length - 1);
    }

    private boolean sameBytes(final byte[] bytes, final int start)
    {
        for (int i = 0; i < bytes.length; i++)
        {
            if (bytes[i] != file.getByte(start + i))
            {
                return false;
            }
        }
        return true;
    }

    private void grow()
    {
        final byte[][] oldBytes = symbolBytes;
        final int[] oldHashes = symbolHashes;
        final int[] oldIds = symbolIds;
        final byte[][] oldDefinitionSymbols = definitionSymbols;
        final boolean[] oldDefined = defined;
        final int capacity = oldBytes.length * 2;
        symbolBytes = new byte[capacity][];
        symbolHashes = new int[capacity];
        symbolIds = new int[capacity];
        definitionSymbols = new byte[capacity][];
        defined = new boolean[capacity];
        final int mask = capacity - 1;
        for (int old = 0; old < oldBytes.length; old++)
        {
            if (null != oldBytes[old])
            {
                int slot = slotOf(oldHashes[old]);
                while (null != symbolBytes[slot])
                {
                    slot = (slot + 1) & mask;
                }
                symbolBytes[slot] = oldBytes[old];
                symbolHashes[slot] = oldHashes[old];
                symbolIds[slot] = oldIds[old];
                definitionSymbols[slot] = oldDefinitionSymbols[old];
                defined[slot] = oldDefined[old];
            }
        }
    }

    /** Up to 8 ASCII bytes from {@code start} to {@code end} of {@code file}, first byte lowest: a symbol as a long. */
    static long pack(final UnsafeBuffer file, final int start, final int end)
    {
        long key = 0;
        for (int i = end - 1; i >= start; i--)
        {
            key = (key << 8) | (file.getByte(i) & 0xFF);
        }
        return key;
    }

    /** Up to 8 ASCII bytes, first byte lowest: a symbol as a long. */
    static long pack(final byte[] bytes)
    {
        long key = 0;
        for (int i = bytes.length - 1; i >= 0; i--)
        {
            key = (key << 8) | (bytes[i] & 0xFF);
        }
        return key;
    }
}
