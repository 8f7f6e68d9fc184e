package io.ringside.strategies.surveillance;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class LongPairIndexTest
{
    @Test
    void shouldKeepPairsApartThatShareOneHalf()
    {
        final LongPairIndex index = new LongPairIndex(4);
        index.put(1, 2, 10);
        index.put(2, 1, 20);
        index.put(1, 3, 30);

        assertEquals(10, index.get(1, 2));
        assertEquals(20, index.get(2, 1));
        assertEquals(30, index.get(1, 3));
        assertEquals(LongPairIndex.MISSING, index.get(3, 1));
        index.put(1, 2, 11);
        assertEquals(11, index.get(1, 2));
        assertEquals(3, index.size());
        assertEquals(11, index.remove(1, 2));
        assertEquals(LongPairIndex.MISSING, index.remove(1, 2));
        assertEquals(2, index.size());
    }

    @Test
    void shouldAgreeWithAHashMapThroughManyPutsAndRemovesAndGrowth()
    {
        final LongPairIndex index = new LongPairIndex(8);
        final Map<String, Integer> expected = new HashMap<>();
        final Random random = new Random(42);
        for (int i = 0; i < 200_000; i++)
        {
            final long first = random.nextInt(50);
            final long second = random.nextInt(400) - 200;
            final String key = first + "/" + second;
            if (random.nextInt(3) == 0)
            {
                final Integer removed = expected.remove(key);
                assertEquals(null == removed ? LongPairIndex.MISSING : removed, index.remove(first, second));
            }
            else
            {
                expected.put(key, i);
                index.put(first, second, i);
            }
            if (i % 1000 == 0)
            {
                for (final Map.Entry<String, Integer> entry : expected.entrySet())
                {
                    final String[] parts = entry.getKey().split("/");
                    assertEquals(entry.getValue(), index.get(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
                }
            }
        }
        assertEquals(expected.size(), index.size());
        index.clear();
        assertEquals(0, index.size());
        assertEquals(LongPairIndex.MISSING, index.get(1, 1));
    }
}
