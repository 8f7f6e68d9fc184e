package io.ringside.latency.feed;

import io.ringside.codecs.Refusal;
import org.agrona.collections.IntHashSet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feed's own events the engine did not take, by reason, as its dead letters said: refused at its door, found to
 * be duplicates, or failed on by a handler.
 *
 * @param byReason      count per reason's name, in reason code order; only reasons with a letter.
 * @param notPublished  letters the engine could not publish while the feed ran (of any source): the counts may be
 *                      short by as many.
 */
public record FeedRefusals(Map<String, Long> byReason, long notPublished)
{
    public static final FeedRefusals NONE = new FeedRefusals(Map.of(), 0);

    /** The letters {@code listener} received for any of {@code sourceIds}, once its thread has stopped. */
    static FeedRefusals of(final DeadLetterListener listener, final IntHashSet sourceIds, final long notPublished)
    {
        final long[] total = new long[DeadLetterListener.UNKNOWN_REASON + 1];
        for (final int sourceId : sourceIds)
        {
            final long[] counts = listener.counts(sourceId);
            for (int reason = 0; null != counts && reason < counts.length; reason++)
            {
                total[reason] += counts[reason];
            }
        }
        final Map<String, Long> byReason = new LinkedHashMap<>();
        for (int reason = 0; reason < total.length; reason++)
        {
            if (total[reason] > 0)
            {
                byReason.put(name(reason), total[reason]);
            }
        }
        return new FeedRefusals(Collections.unmodifiableMap(byReason), notPublished);
    }

    private static String name(final int reason)
    {
        return 0 == reason ? "handler_failure" : DeadLetterListener.UNKNOWN_REASON == reason ? "unknown" :
            Refusal.name(reason);
    }

    public long total()
    {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** E.g. "the engine refused 12 of its events: duplicate 10, time_skew 2". */
    public String describe()
    {
        final StringBuilder text = new StringBuilder("the engine refused ").append(total()).append(" of its events");
        String separator = ": ";
        for (final Map.Entry<String, Long> reason : byReason.entrySet())
        {
            text.append(separator).append(reason.getKey()).append(' ').append(reason.getValue());
            separator = ", ";
        }
        if (notPublished > 0)
        {
            text.append(" (and ").append(notPublished).append(" dead letters went unpublished: there may be more)");
        }
        return text.toString();
    }
}
