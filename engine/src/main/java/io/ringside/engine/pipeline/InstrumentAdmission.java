package io.ringside.engine.pipeline;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.strategies.SortedKeys;
import io.ringside.strategies.book.BookSizing;
import io.ringside.strategies.surveillance.Surveillance;
import org.agrona.DirectBuffer;
import org.agrona.collections.Hashing;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.function.IntPredicate;

/**
 * Ingress's door for instruments: every handler keeps state per instrument it sees, so the number of distinct
 * instruments the ring carries is what bounds their memory. The first {@code maxInstruments} distinct instrument ids
 * are admitted; an event for any further one is refused before it reaches the ring, counted
 * ({@code rejected.instrument_limit}) and named once in the operator's log, while every admitted instrument goes on.
 * <p>
 * An event for an instrument no InstrumentDefinition has named is accepted and counted
 * ({@code events.undefined_instrument}), or, when undefined instruments are refused, refused and counted
 * ({@code rejected.undefined_instrument}).
 * <p>
 * An instrument belongs to the source whose definition was taken first: a different definition of it from any other
 * source is refused ({@code rejected.not_owner}), so one source cannot redefine (and so empty the books of) another's
 * instruments. The same definition again from another source (a feed restarted as a new source repeats its stock
 * directory) is neither refused nor passed on: the handlers already have it ({@code definitions_repeated}).
 * <p>
 * The table is sized for {@code maxInstruments} up front and never grows. Ingress thread only.
 */
public final class InstrumentAdmission
{
    /** Where every inbound message carries its instrument id: the field just after the envelope (checked in tests). */
    static final int INSTRUMENT_ID_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + AddOrderDecoder.instrumentIdEncodingOffset();

    static final int ADMITTED = 0;
    static final int ADMITTED_UNDEFINED = 1;
    static final int REFUSED_LIMIT = 2;
    static final int REFUSED_UNDEFINED = 3;
    static final int REFUSED_NOT_OWNER = 4;
    /** Another source's definition, the same as the one taken: already known, so not passed on. */
    static final int REPEATED = 5;

    private static final int PRESIZED_INSTRUMENTS = 65_536;
    private static final int MISSING = 0;
    private static final int SEEN = 1;
    private static final int DEFINED = 2;
    private static final int OWNER = 0;
    private static final int TICK_SIZE = 1;
    private static final int PRICE_SCALE = 2;
    private static final int SYMBOL = 3;

    private final int maxInstruments;
    private final boolean refuseUndefined;
    /** The operator's log, for what is named once: never written per message. */
    private final System.Logger log;
    private final Int2IntHashMap stateById;
    /** Defined instruments only, as {owner, tick size, price scale, symbol bytes}: definitions are few. */
    private final Int2ObjectHashMap<long[]> definitionById = new Int2ObjectHashMap<>();
    private final SortedKeys sortedIds;
    private boolean limitNamed;

    public InstrumentAdmission(final int maxInstruments, final boolean refuseUndefined, final System.Logger log)
    {
        if (maxInstruments < 1)
        {
            throw new IllegalArgumentException("max-instruments must be positive: " + maxInstruments);
        }
        this.maxInstruments = maxInstruments;
        this.refuseUndefined = refuseUndefined;
        this.log = log;
        // Room for the limit at the map's load factor: admitting up to it never resizes the map.
        // Room for the limit at the map's load factor, so admitting up to it never resizes the map; past 65,536 (far
        // over any one venue's day) it starts there and grows rather than reserve hundreds of megabytes at start.
        final int expected = Math.min(maxInstruments, PRESIZED_INSTRUMENTS);
        stateById = new Int2IntHashMap(
            BookSizing.mapCapacity(expected, Hashing.DEFAULT_LOAD_FACTOR), Hashing.DEFAULT_LOAD_FACTOR, MISSING);
        sortedIds = new SortedKeys(expected);
    }

    private static boolean sameDefinition(final long[] taken, final DirectBuffer buffer, final int offset)
    {
        return taken[TICK_SIZE] == tickSize(buffer, offset) && taken[PRICE_SCALE] == priceScale(buffer, offset) &&
            taken[SYMBOL] == symbolBits(buffer, offset);
    }

    private static long tickSize(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH +
            InstrumentDefinitionDecoder.tickSizeEncodingOffset(), InstrumentDefinitionDecoder.BYTE_ORDER);
    }

    private static long priceScale(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + MessageHeaderDecoder.ENCODED_LENGTH +
            InstrumentDefinitionDecoder.priceScaleEncodingOffset()) & 0xFF;
    }

    private static long symbolBits(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH +
            InstrumentDefinitionDecoder.symbolEncodingOffset(), InstrumentDefinitionDecoder.BYTE_ORDER);
    }

    /** The instrument id every inbound message carries just after its envelope. */
    static int instrumentId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + INSTRUMENT_ID_OFFSET, AddOrderDecoder.BYTE_ORDER);
    }

    /**
     * @return {@link #ADMITTED}, {@link #ADMITTED_UNDEFINED} for an instrument not defined yet, or why the event is
     * refused.
     */
    int admit(final DirectBuffer buffer, final int offset, final int templateId, final int sourceId)
    {
        final int instrumentId = buffer.getInt(offset + INSTRUMENT_ID_OFFSET, AddOrderDecoder.BYTE_ORDER);
        final boolean definition = InstrumentDefinitionDecoder.TEMPLATE_ID == templateId;
        if (definition)
        {
            final long[] taken = definitionById.get(instrumentId);
            if (null != taken && taken[OWNER] != sourceId)
            {
                return sameDefinition(taken, buffer, offset) ? REPEATED : REFUSED_NOT_OWNER;
            }
        }
        int state = stateById.get(instrumentId);
        if (MISSING == state)
        {
            if (stateById.size() >= maxInstruments)
            {
                nameLimitOnce(instrumentId);
                return REFUSED_LIMIT;
            }
            state = definition ? DEFINED : SEEN;
            if (SEEN == state && refuseUndefined)
            {
                return REFUSED_UNDEFINED; // not admitted: it takes no place under the limit
            }
            stateById.put(instrumentId, state);
        }
        else if (definition && SEEN == state)
        {
            state = DEFINED;
            stateById.put(instrumentId, state);
        }

        if (DEFINED == state)
        {
            if (definition)
            {
                definitionById.put(instrumentId, new long[]{ sourceId, tickSize(buffer, offset),
                    priceScale(buffer, offset), symbolBits(buffer, offset) });
            }
            return ADMITTED;
        }
        return refuseUndefined ? REFUSED_UNDEFINED : ADMITTED_UNDEFINED;
    }

    /** Each defined instrument's id, for whoever keeps something per definition (a restore). */
    public void forEachDefined(final java.util.function.IntConsumer consumer)
    {
        stateById.forEachInt((id, state) ->
        {
            if (DEFINED == state)
            {
                consumer.accept(id);
            }
        });
    }

    /** @return instruments admitted so far. */
    int instrumentCount()
    {
        return stateById.size();
    }

    int maxInstruments()
    {
        return maxInstruments;
    }

    /** Every admitted instrument in id order, for a snapshot: a restored engine admits exactly what this one had. */
    void encode(final SnapshotHeaderEncoder header)
    {
        final int count = sortedIds.sort(stateById);
        final int[] ids = sortedIds.ints();
        final SnapshotHeaderEncoder.InstrumentsEncoder group = header.instrumentsCount(count);
        for (int k = 0; k < count; k++)
        {
            final int id = ids[k];
            final long[] taken = definitionById.get(id);
            final SnapshotHeaderEncoder.InstrumentsEncoder instrument = group.next().instrumentId(id)
                .defined((short)(DEFINED == stateById.get(id) ? 1 : 0));
            if (null == taken)
            {
                instrument.ownerSourceId(SnapshotHeaderEncoder.InstrumentsEncoder.ownerSourceIdNullValue())
                    .tickSize(0).priceScale((short)0).symbol(0);
            }
            else
            {
                instrument.ownerSourceId((int)taken[OWNER]).tickSize(taken[TICK_SIZE])
                    .priceScale((short)taken[PRICE_SCALE]).symbol(taken[SYMBOL]);
            }
        }
    }

    /**
     * Before the ring starts: the instruments as a snapshot had them. A snapshot holding more than this engine's limit
     * is refused, naming both: the limit is configuration, and the state it would bound is already bigger.
     */
    public void restore(final SnapshotHeaderDecoder.InstrumentsDecoder group)
    {
        if (group.count() > maxInstruments)
        {
            throw new IllegalStateException("it holds " + group.count() + " instruments, more than max-instruments " +
                maxInstruments);
        }
        stateById.clear();
        definitionById.clear();
        for (final SnapshotHeaderDecoder.InstrumentsDecoder instrument : group)
        {
            stateById.put(instrument.instrumentId(), 0 != instrument.defined() ? DEFINED : SEEN);
            final int owner = instrument.ownerSourceId(); // null before version 4: the next definer owns it
            if (SnapshotHeaderDecoder.InstrumentsDecoder.ownerSourceIdNullValue() != owner)
            {
                definitionById.put(instrument.instrumentId(), new long[]{ owner, instrument.tickSize(),
                    instrument.priceScale(), instrument.symbol() });
            }
        }
    }

    /**
     * Before the ring starts, for a snapshot older than the admitted set (schema version 2 and before): admit what the
     * restored handlers hold state for, {@code defined} telling which were defined, so a restored engine neither
     * refuses nor miscounts the instruments it already has.
     */
    public void restore(final Surveillance surveillance, final IntPredicate defined)
    {
        stateById.clear();
        surveillance.forEachInstrument((instrumentId) ->
            stateById.put(instrumentId, defined.test(instrumentId) ? DEFINED : SEEN));
        if (stateById.size() > maxInstruments)
        {
            throw new IllegalStateException("it holds " + stateById.size() + " instruments, more than " +
                "max-instruments " + maxInstruments);
        }
    }

    private void nameLimitOnce(final int instrumentId)
    {
        if (!limitNamed)
        {
            limitNamed = true; // once: a feed beyond the limit must not turn the log into the hot path
            log.log(System.Logger.Level.WARNING, "max-instruments " + maxInstruments + " reached: events for " +
                "instrument " + instrumentId + " and every other new instrument are refused " +
                "(rejected.instrument_limit); the " + maxInstruments + " instruments admitted go on");
        }
    }
}
