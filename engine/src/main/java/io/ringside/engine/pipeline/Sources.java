package io.ringside.engine.pipeline;

import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.strategies.SortedKeys;
import org.agrona.collections.Int2ObjectHashMap;


/**
 * Per-source sequence state: detects gaps, and recognises an event already processed so it is not processed twice.
 * A source's sequences start at 1 and rise by 1; Aeron delivers one publication in order, so anything at or below
 * the last processed sequence is a duplicate (a resend, or a replay overlapping the live stream).
 */
public final class SequenceTracker
{
    static final int IN_ORDER = 0;
    static final int GAP = 1;
    static final int DUPLICATE = 2;

    private final Int2ObjectHashMap<SourceState> sources = new Int2ObjectHashMap<>();
    private long lastGapSize;
    private final SortedKeys sortedIds = new SortedKeys();

    /** Classify {@code sequence} from {@code sourceId} and, unless it is a duplicate, record it as processed. */
    int onSequence(final int sourceId, final long sequence)
    {
        SourceState state = sources.get(sourceId);
        if (null == state)
        {
            state = new SourceState(); // once per source, never per event
            sources.put(sourceId, state);
        }

        final long expected = state.lastSequence + 1;
        if (sequence == expected)
        {
            state.lastSequence = sequence;
            return IN_ORDER;
        }
        if (sequence < expected)
        {
            return DUPLICATE;
        }
        lastGapSize = sequence - expected;
        state.lastSequence = sequence;
        return GAP;
    }

    /** Events missing in the gap last reported by {@link #onSequence}. */
    long lastGapSize()
    {
        return lastGapSize;
    }

    long lastSequence(final int sourceId)
    {
        final SourceState state = sources.get(sourceId);
        return null == state ? 0 : state.lastSequence;
    }

    private static final class SourceState
    {
        long lastSequence;
    }

    /** Every source's last sequence, in source id order, for a snapshot. */
    void encode(final SnapshotHeaderEncoder header)
    {
        final int count = sortedIds.sort(sources);
        final int[] ids = sortedIds.ints();
        final SnapshotHeaderEncoder.SourcesEncoder group = header.sourcesCount(count);
        for (int k = 0; k < count; k++)
        {
            group.next().sourceId(ids[k]).lastSequence(sources.get(ids[k]).lastSequence);
        }
    }

    /** Before the ring starts: the sources as a snapshot had them. */
    public void restore(final SnapshotHeaderDecoder.SourcesDecoder group)
    {
        sources.clear();
        for (final SnapshotHeaderDecoder.SourcesDecoder source : group)
        {
            final SourceState state = new SourceState();
            state.lastSequence = source.lastSequence();
            sources.put(source.sourceId(), state);
        }
    }
}
