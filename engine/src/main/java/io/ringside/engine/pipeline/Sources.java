package io.ringside.engine.pipeline;

import io.aeron.Counter;
import io.ringside.codecs.Refusal;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.strategies.SortedKeys;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingress's rules for sources: who may publish what, which publisher owns a source id, and what a source may claim
 * about its sequence and its clock. Every inbound message passes {@link #admit} before anything else of the engine
 * sees it; a message refused here moves nothing.
 * <ul>
 * <li>Registry: with sources registered, an unlisted source id is refused, as is a kind of message (or an instrument)
 * its entry does not allow. Without, any source id is taken, up to {@code ingress.max-sources}.</li>
 * <li>Binding: a source id belongs to the publisher that first used it (live: an Aeron stream and session; durable:
 * the recording of that session), until that publisher is gone; another publisher claiming it meanwhile is refused.
 * </li>
 * <li>Sequences start at 1 and rise by 1. Zero or negative is refused; a jump beyond {@code max-sequence-gap} is
 * refused and leaves the source where it was, so one forged sequence cannot make a source's next events duplicates;
 * at or below the last processed is a duplicate (a resend, or a replay overlapping the live stream).</li>
 * <li>Time: an event further than {@code max-event-time-skew} ahead of its source's latest event time (or, for a
 * source's first, the engine's latest) is refused and moves no clock, so one corrupt timestamp costs one event. A
 * command's time is its sender's wall clock, not the market's: it is neither checked nor moves a clock.</li>
 * </ul>
 * Ingress thread only; allocates only for a source's first event (its state) and on definitions.
 */
public final class Sources
{
    static final long NO_TIME = Long.MIN_VALUE;
    private static final long NO_PUBLISHER = Long.MIN_VALUE;
    /** A source no registry describes may send anything but the engine's timers. */
    private static final int ALL_KINDS = ~IngressConfig.TIMER;

    private final Int2ObjectHashMap<SourceState> sources = new Int2ObjectHashMap<>();
    private final SortedKeys sortedIds = new SortedKeys();
    private final boolean registryOn;
    private final long maxSequenceGap;
    private final long maxEventTimeSkewNs;
    private final int maxSources;
    /** The operator's log, for what is named once: never written per message. */
    private final System.Logger log;
    /** Sources allowed only some symbols, by symbol: a definition of one adds its id to what they may send. */
    private final Map<String, List<SourceState>> restrictedBySymbol = new HashMap<>();
    private Publishers publishers = Publishers.NONE;
    private EngineCounters counters;

    private SourceState current;
    private long lastGapSize;
    private long newestEventTime = NO_TIME;
    private int lastNamedConflictSource;
    private long lastNamedConflictPublisher = NO_PUBLISHER;
    private boolean limitNamed;

    public Sources(final IngressConfig config, final System.Logger log)
    {
        this.registryOn = config.registryOn();
        this.maxSequenceGap = config.maxSequenceGap();
        this.maxEventTimeSkewNs = config.maxEventTimeSkewNs();
        this.maxSources = config.maxSources();
        this.log = log;
        // The engine's timers come from its own ingress, whatever the registry says, and from nowhere else.
        sources.put(IngressConfig.TIMER_SOURCE_ID,
            new SourceState(IngressConfig.TIMER_SOURCE_ID, IngressConfig.TIMER, false));
        for (final IngressConfig.Source source : config.sources().values())
        {
            final SourceState state = new SourceState(source.id(), source.kinds(), !source.mayAllInstruments());
            sources.put(source.id(), state);
            if (state.restricted)
            {
                for (final String symbol : source.symbols())
                {
                    restrictedBySymbol.computeIfAbsent(symbol, (ignore) -> new ArrayList<>()).add(state);
                }
            }
        }
    }

    /**
     * Before the ring starts: each source's last sequence, event time and messages taken become counters other
     * processes read ({@code source.ID.last_sequence}, {@code .last_event_time}, {@code .events}, whose rate is a
     * reader's arithmetic, and {@code .lag_ns}, the wall clock at ingress minus the event's time, for the source's
     * latest message); a command line sending as a source learns from them
     * where its sequence goes on. Made for every source known now, and for a new one on its first message.
     */
    public void counters(final EngineCounters counters)
    {
        this.counters = counters;
        sources.forEach((id, state) -> state.counters(counters));
    }

    /** Before the ring starts: who can tell whether a bound publisher is still there. */
    public void publishers(final Publishers publishers)
    {
        this.publishers = publishers;
    }

    /**
     * Check one message against its source's rules and, unless refused before its sequence is taken, record the
     * sequence as processed.
     *
     * @param symbol the definition's symbol when {@code kind} is reference data and the source is restricted to some
     *               symbols; otherwise ignored (callers pass what {@link #needsSymbol} asks for).
     * @return 0 when admitted ({@link #lastGapSize} tells whether events were missed), else a {@link Refusal} code:
     * {@link Refusal#DUPLICATE} for an event already processed.
     */
    int admit(
        final int sourceId,
        final long sequence,
        final long eventTime,
        final int kind,
        final int instrumentId,
        final String symbol,
        final long publisher)
    {
        lastGapSize = 0;
        SourceState state = sources.get(sourceId);
        if (null == state)
        {
            current = null;
            if (registryOn)
            {
                return Refusal.UNKNOWN_SOURCE;
            }
            if (sources.size() > maxSources) // the timer source is not one of them
            {
                nameLimitOnce(sourceId);
                return Refusal.SOURCE_LIMIT;
            }
            state = new SourceState(sourceId, ALL_KINDS, false); // once per source, never per event
            sources.put(sourceId, state);
            if (null != counters)
            {
                state.counters(counters);
            }
        }
        current = state;

        if (0 == (state.kinds & kind) ||
            (state.restricted && (IngressConfig.REFERENCE_DATA == kind ?
                !restrictedBySymbol.containsKey(symbol) || !restrictedBySymbol.get(symbol).contains(state) :
                !state.instrumentIds.contains(instrumentId))))
        {
            return Refusal.NOT_PERMITTED;
        }

        if (publisher != state.publisher)
        {
            if (NO_PUBLISHER != state.publisher && publishers.isConnected(state.publisher))
            {
                nameConflictOnce(state, publisher);
                return Refusal.SOURCE_IN_USE;
            }
            // First use, or its publisher has gone: the source id is free, and is taken below only by a message
            // that is admitted, so a refused one (a bad sequence, a clock far ahead) cannot hold it from its owner.
        }

        if (sequence <= 0)
        {
            return Refusal.BAD_SEQUENCE;
        }
        final long last = state.lastSequence;
        if (sequence <= last)
        {
            return Refusal.DUPLICATE;
        }
        final long missing = sequence - last - 1; // both non-negative: cannot overflow
        if (missing > maxSequenceGap)
        {
            return Refusal.SEQUENCE_JUMP;
        }
        state.lastSequence = sequence;
        if (null != state.lastSequenceCounter)
        {
            state.lastSequenceCounter.setRelease(sequence);
        }
        lastGapSize = missing;

        final long reference = Math.max(state.lastEventTime, newestEventTime);
        if (IngressConfig.CONTROL != kind && NO_TIME != reference && eventTime > reference &&
            reference <= Long.MAX_VALUE - maxEventTimeSkewNs && eventTime - reference > maxEventTimeSkewNs)
        {
            return Refusal.TIME_SKEW;
        }
        state.publisher = publisher;
        return 0;
    }

    /** Whether {@link #admit} needs a definition's symbol from this source: it may define only some. */
    boolean needsSymbol(final int sourceId)
    {
        final SourceState state = sources.get(sourceId);
        return null != state && state.restricted;
    }

    /** The source's last sequence taken; 0 before its first. */
    public long lastSequenceOf(final int sourceId)
    {
        return lastSequence(sourceId);
    }

    /**
     * The message {@link #admit} took is in the ring: its time is now its source's and the engine's latest.
     *
     * @param receivedEpochNs the wall clock when ingress received it, for the source's lag.
     */
    void accepted(final long eventTime, final long receivedEpochNs)
    {
        if (null != current.lagCounter)
        {
            final long lag = receivedEpochNs - eventTime;
            // An event time far from the epoch (hostile, or another clock) saturates rather than wraps.
            current.lagCounter.setRelease(((receivedEpochNs ^ eventTime) & (receivedEpochNs ^ lag)) < 0 ?
                (receivedEpochNs < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : lag);
        }
        if (null != current.eventsCounter)
        {
            current.eventsCounter.incrementRelease();
        }
        if (eventTime > current.lastEventTime)
        {
            current.lastEventTime = eventTime;
            if (null != current.lastEventTimeCounter)
            {
                current.lastEventTimeCounter.setRelease(eventTime);
            }
        }
        if (eventTime > newestEventTime)
        {
            newestEventTime = eventTime;
        }
    }

    /** A definition was taken: the sources allowed its symbol may now send its events. */
    public void defined(final int instrumentId, final String symbol)
    {
        final List<SourceState> allowed = restrictedBySymbol.get(symbol);
        if (null != allowed)
        {
            for (int i = 0; i < allowed.size(); i++)
            {
                allowed.get(i).instrumentIds.add(instrumentId);
            }
        }
    }

    /** Events missing in the gap before the message {@link #admit} last took; 0 when it was in order. */
    long lastGapSize()
    {
        return lastGapSize;
    }

    long lastSequence(final int sourceId)
    {
        final SourceState state = sources.get(sourceId);
        return null == state ? 0 : state.lastSequence;
    }

    /** The engine's latest event time taken; {@link #NO_TIME} before the first. */
    long newestEventTime()
    {
        return newestEventTime;
    }

    private void nameConflictOnce(final SourceState state, final long publisher)
    {
        if (state.id != lastNamedConflictSource || publisher != lastNamedConflictPublisher)
        {
            lastNamedConflictSource = state.id; // once per pair: a flood of claims must not flood the log
            lastNamedConflictPublisher = publisher;
            log.log(System.Logger.Level.WARNING, "source " + state.id + " is " + publishers.describe(state.publisher) +
                "'s; its messages from " + publishers.describe(publisher) + " are refused (rejected.source_in_use)");
        }
    }

    private void nameLimitOnce(final int sourceId)
    {
        if (!limitNamed)
        {
            limitNamed = true;
            log.log(System.Logger.Level.WARNING, "ingress.max-sources " + maxSources + " reached: messages of " +
                "source " + sourceId + " and every other new source are refused (rejected.source_limit)");
        }
    }

    private static final class SourceState
    {
        final int id;
        final int kinds;
        final boolean restricted;
        final IntHashSet instrumentIds;
        long lastSequence;
        long lastEventTime = NO_TIME;
        long publisher = NO_PUBLISHER;
        Counter lastSequenceCounter;
        Counter lastEventTimeCounter;
        Counter eventsCounter;
        Counter lagCounter;

        SourceState(final int id, final int kinds, final boolean restricted)
        {
            this.id = id;
            this.kinds = kinds;
            this.restricted = restricted;
            this.instrumentIds = restricted ? new IntHashSet() : null;
        }

        void counters(final EngineCounters counters)
        {
            if (null == lastSequenceCounter)
            {
                lastSequenceCounter = counters.sourceCounter(id, "last_sequence");
                lastEventTimeCounter = counters.sourceCounter(id, "last_event_time");
                eventsCounter = counters.sourceCounter(id, "events");
                lagCounter = counters.sourceCounter(id, "lag_ns");
                lastSequenceCounter.setRelease(lastSequence);
            }
        }
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

    /**
     * Before the ring starts: the sources' sequences as a snapshot had them. With a registry, a source it no longer
     * lists stays refused; clocks and bindings start afresh (the first message of each sets them).
     */
    public void restore(final SnapshotHeaderDecoder.SourcesDecoder group)
    {
        for (final SnapshotHeaderDecoder.SourcesDecoder source : group)
        {
            SourceState state = sources.get(source.sourceId());
            if (null == state)
            {
                if (registryOn)
                {
                    continue;
                }
                state = new SourceState(source.sourceId(), ALL_KINDS, false);
                sources.put(source.sourceId(), state);
            }
            state.lastSequence = source.lastSequence();
            if (null != state.lastSequenceCounter)
            {
                state.lastSequenceCounter.setRelease(state.lastSequence);
            }
        }
    }
}
