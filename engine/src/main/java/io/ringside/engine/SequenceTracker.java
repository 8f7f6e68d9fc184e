package io.ringside.engine;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * Per-source sequence state: detects gaps, and recognises an event already processed so it is not processed twice.
 * A source's sequences start at 1 and rise by 1; Aeron delivers one publication in order, so anything at or below
 * the last processed sequence is a duplicate (a resend, or a replay overlapping the live stream).
 */
final class SequenceTracker
{
    static final int IN_ORDER = 0;
    static final int GAP = 1;
    static final int DUPLICATE = 2;

    private final Int2ObjectHashMap<SourceState> sources = new Int2ObjectHashMap<>();
    private long lastGapSize;

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
}
