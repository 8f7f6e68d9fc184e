package io.ringside.latency.feed;

import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineLabels;
import org.agrona.concurrent.status.CountersReader;

import java.util.Arrays;
import java.util.List;

/**
 * What an engine on the feed's driver has accounted for: taken in, refused, recognised as a duplicate, restored from
 * a snapshot, or a definition another source had given already. A durable engine restarted from a snapshot counts the
 * log before it in snapshot.loaded_events and only the rest in events_in, so the sum is what it has accounted for
 * either way; the feed waits for it to reach what it sent.
 */
final class EngineAccounting
{
    private static final List<String> LABELS = List.of(
        EngineCounters.LABEL_PREFIX + "events_in",
        EngineCounters.LABEL_PREFIX + "rejected",
        EngineCounters.LABEL_PREFIX + "duplicates",
        EngineCounters.LABEL_PREFIX + "snapshot.loaded_events",
        EngineCounters.LABEL_PREFIX + "definitions_repeated");

    private EngineAccounting()
    {
    }

    /** The ids of those counters, -1 for each this driver has none of (no Ringside engine on it). */
    static long[] counterIds(final CountersReader counters)
    {
        final long[] ids = new long[LABELS.size()];
        Arrays.fill(ids, -1);
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final int index = EngineCounters.RINGSIDE_COUNTER_TYPE_ID == typeId ?
                LABELS.indexOf(EngineLabels.withoutName(label)) : -1;
            if (index >= 0)
            {
                ids[index] = counterId;
            }
        });
        return ids;
    }

    static long accounted(final CountersReader counters, final long[] ids)
    {
        long total = 0;
        for (final long id : ids)
        {
            if (id >= 0)
            {
                total += counters.getCounterValue((int)id);
            }
        }
        return total;
    }
}
