package io.ringside.engine.metrics;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.Refusal;
import io.ringside.codecs.TemplateNames;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.Trading;
import io.ringside.transport.CountersMapping;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's counts, as Aeron counters in the media driver's CnC file: Aeron's own AeronStat shows them live
 * ({@code java -cp ... io.aeron.samples.AeronStat}), labelled "ringside: NAME [ENGINE]" with the engine's name
 * ({@link EngineLabels}). Each has one writer thread.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Aeron counter type id of every Ringside counter, outside Aeron's own range. */
    public static final int RINGSIDE_COUNTER_TYPE_ID = 7001;
    public static final String LABEL_PREFIX = "ringside: ";
    /** The strategies' ids, as their orders carry them. */
    static final int[] STRATEGY_IDS = { 1, 2 };

    private final Aeron aeron;
    private final String engineName;
    private final List<Counter> all = new ArrayList<>();
    private final Map<String, Counter> byName = new LinkedHashMap<>();
    /** Every counter is used through this mapping: the counts outlive the client, which unmaps its own on driver loss. */
    private final CountersMapping mapping;

    // Written by the ingress agent.
    final Counter eventsIn;
    final Counter[] eventsInByTemplate = new Counter[FrameCheck.maxTemplateId() + 1];
    final Counter rejected;
    /** By {@link Refusal} code; none for duplicates, counted on their own. */
    final Counter[] rejectedByReason = new Counter[Refusal.COUNT];
    final Counter eventsUndefinedInstrument;
    final Counter definitionsRepeated;
    /** Not events: the engine's own timers and operators' commands taken, counted apart from events_in. */
    final Counter timers;
    final Counter commands;
    /** Not a count: the distinct instruments admitted so far. */
    final Counter instruments;
    final Counter gaps;
    final Counter gapMissing;
    final Counter duplicates;
    final Counter ringRemaining;
    /** Not a count: bytes of the durable log recorded and not yet taken (0 for a live engine). */
    final Counter durableBehind;
    /** Not counts: events published and not yet done, per handler, as the ingress agent last saw. */
    final Counter[] ringLag = new Counter[3];

    // Written by the surveillance and strategy handlers respectively.
    final Counter surveillanceErrors;
    final Counter strategyErrors;
    final Counter alertsOverflow;
    final Counter ordersOverflow;
    final Counter surveillanceBookGrows;
    final Counter strategyBookGrows;

    // Written by the egress handler.
    final Counter alerts;
    final Counter orders;
    /** By rule id, and by strategy id: what is otherwise only in the summary at stop. */
    final Counter[] alertsByRule = new Counter[Surveillance.RULE_COUNT + 1];
    final Counter[] ordersByStrategy = new Counter[STRATEGY_IDS.length + 1];
    /** Not counts: each strategy's fills, position and realised PnL (at the price scale), as last published. */
    final Counter[][] strategyState = new Counter[STRATEGY_IDS.length + 1][];
    final Counter backPressure;
    final Counter undelivered;
    /** Not a count: the running {@link OutputDigest} of every output published so far. */
    final Counter outputDigest;
    final Counter egressErrors;
    final Counter ingressErrors;
    /** Written by ingress and, for their failures, by each handler: atomic increments. */
    final Counter deadLetters;
    final Counter deadLettersNotPublished;

    // Written by the JVM's GC notification thread.
    final Counter gcCount;
    final Counter gcPauseMicros;
    /** Not a count: the heap in use after the latest collection, bytes (0 before the first). */
    final Counter heapAfterGcBytes;

    // Written by the latency log's thread.
    /** Not a count: the heap in use when last sampled, bytes, garbage included. */
    final Counter heapUsedBytes;

    final Counter snapshotsTaken;
    final Counter snapshotsFailed;
    final Counter snapshotsRefused;
    final Counter snapshotsSkipped;
    final Counter snapshotLoadedEvents;

    /** Not a count: the pid, and whether the engine stopped cleanly, for readers outside the process. */
    private final EngineLiveness liveness;

    /**
     * @param engineName on every label, so engines sharing a driver are told apart.
     */
    public EngineCounters(final Aeron aeron, final String engineName)
    {
        this.aeron = aeron;
        this.engineName = engineName;
        liveness = new EngineLiveness(aeron, engineName);
        mapping = new CountersMapping(aeron);
        eventsIn = add(aeron, "events_in");
        for (int templateId = 0; templateId < eventsInByTemplate.length; templateId++)
        {
            if (FrameCheck.isInbound(templateId) && TimerDecoder.TEMPLATE_ID != templateId &&
                ControlCommandDecoder.TEMPLATE_ID != templateId)
            {
                eventsInByTemplate[templateId] = add(aeron, "events_in." + TemplateNames.name(templateId));
            }
        }
        rejected = add(aeron, "rejected");
        for (int reason = 1; reason < rejectedByReason.length; reason++)
        {
            if (Refusal.DUPLICATE != reason)
            {
                rejectedByReason[reason] = add(aeron, "rejected." + Refusal.name(reason));
            }
        }
        eventsUndefinedInstrument = add(aeron, "events.undefined_instrument");
        definitionsRepeated = add(aeron, "definitions_repeated");
        timers = add(aeron, "timers");
        commands = add(aeron, "commands");
        instruments = add(aeron, "instruments");
        gaps = add(aeron, "gaps");
        gapMissing = add(aeron, "gap_missing_events");
        duplicates = add(aeron, "duplicates");
        ringRemaining = add(aeron, "ring_remaining_capacity");
        durableBehind = add(aeron, "durable.behind_bytes");
        ringLag[0] = add(aeron, "ring_lag.surveillance");
        ringLag[1] = add(aeron, "ring_lag.strategy");
        ringLag[2] = add(aeron, "ring_lag.egress");
        surveillanceErrors = add(aeron, "handler_errors.surveillance");
        strategyErrors = add(aeron, "handler_errors.strategy");
        alertsOverflow = add(aeron, "outputs_overflow.alerts");
        ordersOverflow = add(aeron, "outputs_overflow.orders");
        surveillanceBookGrows = add(aeron, "book_grows.surveillance");
        strategyBookGrows = add(aeron, "book_grows.strategy");
        alerts = add(aeron, "alerts");
        orders = add(aeron, "orders");
        for (int rule = 1; rule < alertsByRule.length; rule++)
        {
            alertsByRule[rule] = add(aeron, "alerts." + Surveillance.ruleName(rule));
        }
        for (final int strategy : STRATEGY_IDS)
        {
            ordersByStrategy[strategy] = add(aeron, "orders." + Trading.strategyName(strategy));
            final String name = Trading.strategyName(strategy);
            strategyState[strategy] = new Counter[]{
                add(aeron, "fills." + name), add(aeron, "position." + name), add(aeron, "realised_pnl." + name) };
        }
        backPressure = add(aeron, "backpressure");
        undelivered = add(aeron, "undelivered");
        outputDigest = add(aeron, OutputDigest.COUNTER_NAME);
        outputDigest.setRelease(OutputDigest.empty());
        egressErrors = add(aeron, "handler_errors.egress");
        ingressErrors = add(aeron, "handler_errors.ingress");
        deadLetters = add(aeron, "dead_letters");
        deadLettersNotPublished = add(aeron, "dead_letters.not_published");
        gcCount = add(aeron, "gc_count");
        gcPauseMicros = add(aeron, "gc_pause_us");
        heapAfterGcBytes = add(aeron, "heap_after_gc_bytes");
        heapUsedBytes = add(aeron, "heap_used_bytes");
        snapshotsTaken = add(aeron, "snapshots.taken");
        snapshotsFailed = add(aeron, "snapshots.write_failed");
        snapshotsRefused = add(aeron, "snapshots.refused");
        snapshotsSkipped = add(aeron, "snapshots.skipped");
        snapshotLoadedEvents = add(aeron, "snapshot.loaded_events");
    }

    public Counter eventsIn()
    {
        return eventsIn;
    }

    public Counter[] eventsInByTemplate()
    {
        return eventsInByTemplate;
    }

    public Counter rejected()
    {
        return rejected;
    }

    public Counter[] rejectedByReason()
    {
        return rejectedByReason;
    }

    public Counter rejectedInstrumentLimit()
    {
        return rejectedByReason[Refusal.INSTRUMENT_LIMIT];
    }

    public Counter rejectedUndefinedInstrument()
    {
        return rejectedByReason[Refusal.UNDEFINED_INSTRUMENT];
    }

    /** Alerts of a rule, by its id; null for an id no rule has. */
    public Counter alertsOfRule(final int ruleId)
    {
        return ruleId > 0 && ruleId < alertsByRule.length ? alertsByRule[ruleId] : null;
    }

    /** Orders of a strategy, by its id; null for an id no strategy has. */
    public Counter ordersOfStrategy(final int strategyId)
    {
        return strategyId > 0 && strategyId < ordersByStrategy.length ? ordersByStrategy[strategyId] : null;
    }

    /** The strategies' ids with live state counters. */
    public static int[] strategyIds()
    {
        return STRATEGY_IDS.clone();
    }

    /** {fills, position, realised PnL} of a strategy, written by the strategy stage now and then. */
    public Counter[] strategyState(final int strategyId)
    {
        return strategyState[strategyId];
    }

    public Counter durableBehind()
    {
        return durableBehind;
    }

    /** By handler index: surveillance, strategy, egress. */
    public Counter[] ringLag()
    {
        return ringLag;
    }

    public Counter deadLetters()
    {
        return deadLetters;
    }

    public Counter deadLettersNotPublished()
    {
        return deadLettersNotPublished;
    }

    /** A per-source counter, {@code source.ID.NAME}, made on the source's first message; the ingress thread's. */
    public Counter sourceCounter(final int sourceId, final String name)
    {
        return add(aeron, "source." + sourceId + "." + name);
    }

    /**
     * The count of {@code type} thrown by {@code stage}'s handler, made on its first failure: failures are not the
     * common path, and their kinds are not known ahead. Any handler thread.
     */
    public synchronized Counter handlerErrors(final String stage, final Class<?> type)
    {
        final String name = "handler_errors." + stage + "." + type.getSimpleName();
        final Counter existing = byName.get(name);
        return null != existing ? existing : add(aeron, name);
    }

    public Counter timers()
    {
        return timers;
    }

    public Counter commands()
    {
        return commands;
    }

    /** Definitions another source repeated exactly: already known, not passed on. */
    public Counter definitionsRepeated()
    {
        return definitionsRepeated;
    }

    public Counter eventsUndefinedInstrument()
    {
        return eventsUndefinedInstrument;
    }

    public Counter instruments()
    {
        return instruments;
    }

    public Counter gaps()
    {
        return gaps;
    }

    public Counter gapMissing()
    {
        return gapMissing;
    }

    public Counter duplicates()
    {
        return duplicates;
    }

    public Counter ringRemaining()
    {
        return ringRemaining;
    }

    public Counter surveillanceErrors()
    {
        return surveillanceErrors;
    }

    public Counter strategyErrors()
    {
        return strategyErrors;
    }

    public Counter alertsOverflow()
    {
        return alertsOverflow;
    }

    public Counter ordersOverflow()
    {
        return ordersOverflow;
    }

    public Counter surveillanceBookGrows()
    {
        return surveillanceBookGrows;
    }

    public Counter strategyBookGrows()
    {
        return strategyBookGrows;
    }

    public Counter alerts()
    {
        return alerts;
    }

    public Counter orders()
    {
        return orders;
    }

    public Counter backPressure()
    {
        return backPressure;
    }

    public Counter undelivered()
    {
        return undelivered;
    }

    public Counter outputDigest()
    {
        return outputDigest;
    }

    public Counter egressErrors()
    {
        return egressErrors;
    }

    public Counter ingressErrors()
    {
        return ingressErrors;
    }

    public Counter gcCount()
    {
        return gcCount;
    }

    public Counter gcPauseMicros()
    {
        return gcPauseMicros;
    }

    public Counter heapAfterGcBytes()
    {
        return heapAfterGcBytes;
    }

    public Counter heapUsedBytes()
    {
        return heapUsedBytes;
    }

    public Counter snapshotsTaken()
    {
        return snapshotsTaken;
    }

    public Counter snapshotsFailed()
    {
        return snapshotsFailed;
    }

    public Counter snapshotsRefused()
    {
        return snapshotsRefused;
    }

    public Counter snapshotsSkipped()
    {
        return snapshotsSkipped;
    }

    public Counter snapshotLoadedEvents()
    {
        return snapshotLoadedEvents;
    }

    private synchronized Counter add(final Aeron aeron, final String name)
    {
        final Counter owned =
            aeron.addCounter(RINGSIDE_COUNTER_TYPE_ID, EngineLabels.label(LABEL_PREFIX + name, engineName));
        all.add(owned);
        final Counter counter = mapping.view(owned);
        byName.put(name, counter);
        return counter;
    }

    /** A clean stop, marked for readers before anything is freed (the client may be closed first). */
    public void markStopped()
    {
        liveness.markStopped();
    }

    /** Current values by name, in a stable order. */
    public synchronized Map<String, Long> snapshot()
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        byName.forEach((name, counter) -> values.put(name, counter.get()));
        return values;
    }

    public synchronized long get(final String name)
    {
        final Counter counter = byName.get(name);
        if (null == counter)
        {
            throw new IllegalArgumentException("no counter named " + name);
        }
        return counter.get();
    }

    public void close()
    {
        // The clean-stop mark first: a reader that sees the counts go sees why.
        CloseHelper.closeAll(liveness);
        try
        {
            CloseHelper.closeAll(all);
        }
        finally
        {
            mapping.close();
        }
    }
}
