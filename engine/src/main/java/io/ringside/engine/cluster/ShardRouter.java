package io.ringside.engine.cluster;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;

/**
 * Where each inbound message goes when instruments are spread over several shards, so that every event of an
 * instrument, market data and client activity alike, reaches the one shard it lives on, in the order it came:
 * <ul>
 *     <li>an instrument definition: the shard of its symbol ({@link ShardMap}), remembered for its instrument id;</li>
 *     <li>any other event: the shard remembered for its instrument id, or, for an id no definition has named yet, the
 *     shard of the id ({@link ShardMap#shardOfInstrumentId}), remembered too. An instrument never moves: a definition
 *     for an id already placed elsewhere goes where the id is ({@link #misplacedDefinitions()});</li>
 *     <li>a control command (and a timer): every shard;</li>
 *     <li>a frame that is not one of the engine's inbound messages, or too short to say its instrument: shard 0,
 *     whose engine refuses it at its door and keeps it as a dead letter.</li>
 * </ul>
 * Remembers at most {@code maxInstruments} instruments, with no allocation after construction; a message of a further
 * instrument is not forwarded anywhere and is counted ({@link #refusedOverCapacity()}), as one engine refuses
 * instruments beyond its {@code --max-instruments}. Single-threaded: the gateway's agent.
 */
public final class ShardRouter
{
    /** Every shard. */
    public static final int ALL = -1;
    /** No shard: the message is dropped, and counted. */
    public static final int REFUSED = -2;

    private static final int NONE = -1;
    private static final int INSTRUMENT_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + InstrumentDefinitionDecoder.instrumentIdEncodingOffset();
    private static final int SYMBOL_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + InstrumentDefinitionDecoder.symbolEncodingOffset();

    private final ShardMap map;
    private final int maxInstruments;
    private final Int2IntHashMap shardByInstrument;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final long[] routed;
    private long toEveryShard;
    private long unreadable;
    private long misplacedDefinitions;
    private long refusedOverCapacity;

    public ShardRouter(final ShardMap map, final int maxInstruments)
    {
        if (maxInstruments < 1)
        {
            throw new IllegalArgumentException("max-instruments: must be >= 1: " + maxInstruments);
        }
        this.map = map;
        this.maxInstruments = maxInstruments;
        // Sized so that maxInstruments fit under the load factor: the map never grows, never allocates again.
        this.shardByInstrument = new Int2IntHashMap((int)Math.min(1 << 30, maxInstruments * 2L), 0.65f, NONE);
        this.routed = new long[map.shards()];
    }

    /** @return the shard to send the message to, {@link #ALL} or {@link #REFUSED}. */
    public int route(final DirectBuffer buffer, final int offset, final int length)
    {
        final int shard = shardOf(buffer, offset, length);
        if (shard >= 0)
        {
            routed[shard]++;
        }
        else if (ALL == shard)
        {
            toEveryShard++;
        }
        return shard;
    }

    private int shardOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            unreadable++;
            return 0;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            unreadable++;
            return 0;
        }
        if (ControlCommandDecoder.TEMPLATE_ID == templateId || TimerDecoder.TEMPLATE_ID == templateId)
        {
            return ALL;
        }
        if (!isInstrumentEvent(templateId) || length < INSTRUMENT_OFFSET + Integer.BYTES)
        {
            unreadable++;
            return 0;
        }
        final int instrumentId = buffer.getInt(offset + INSTRUMENT_OFFSET, InstrumentDefinitionDecoder.BYTE_ORDER);
        final int placed = shardByInstrument.get(instrumentId);
        if (InstrumentDefinitionDecoder.TEMPLATE_ID == templateId)
        {
            if (length < SYMBOL_OFFSET + ShardMap.SYMBOL_LENGTH)
            {
                unreadable++;
                return 0;
            }
            final int shard = map.shardOf(buffer, offset + SYMBOL_OFFSET);
            if (NONE != placed)
            {
                if (placed != shard)
                {
                    misplacedDefinitions++;
                }
                return placed;
            }
            return place(instrumentId, shard);
        }
        return NONE != placed ? placed : place(instrumentId, map.shardOfInstrumentId(instrumentId));
    }

    private int place(final int instrumentId, final int shard)
    {
        if (shardByInstrument.size() >= maxInstruments)
        {
            refusedOverCapacity++;
            return REFUSED;
        }
        shardByInstrument.put(instrumentId, shard);
        return shard;
    }

    private static boolean isInstrumentEvent(final int templateId)
    {
        return switch (templateId)
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID, TradingStatusDecoder.TEMPLATE_ID,
                AddOrderDecoder.TEMPLATE_ID, OrderExecutedDecoder.TEMPLATE_ID, OrderCancelledDecoder.TEMPLATE_ID,
                OrderDeletedDecoder.TEMPLATE_ID, OrderReplacedDecoder.TEMPLATE_ID, TradePrintDecoder.TEMPLATE_ID,
                QuoteDecoder.TEMPLATE_ID, ClientNewOrderDecoder.TEMPLATE_ID, ClientCancelDecoder.TEMPLATE_ID,
                ClientExecutionDecoder.TEMPLATE_ID -> true;
            default -> false;
        };
    }

    public int shards()
    {
        return map.shards();
    }

    /** Messages sent to one shard, {@code shard}. */
    public long routed(final int shard)
    {
        return routed[shard];
    }

    /** Control commands and timers, each sent to every shard. */
    public long toEveryShard()
    {
        return toEveryShard;
    }

    /** Frames not one of the engine's inbound messages, or too short: sent to shard 0 to be refused there. */
    public long unreadable()
    {
        return unreadable;
    }

    /** Definitions whose symbol names another shard than the one their instrument id was already placed on. */
    public long misplacedDefinitions()
    {
        return misplacedDefinitions;
    }

    /** Messages of instruments beyond {@code maxInstruments}: forwarded nowhere. */
    public long refusedOverCapacity()
    {
        return refusedOverCapacity;
    }

    /** Instruments placed so far. */
    public int instruments()
    {
        return shardByInstrument.size();
    }

    /** One line of counts, for the gateway's log. */
    public String describe()
    {
        final StringBuilder text = new StringBuilder("routed");
        for (int i = 0; i < routed.length; i++)
        {
            text.append(i == 0 ? " " : ", ").append("shard ").append(i).append(' ').append(routed[i]);
        }
        return text.append("; to every shard ").append(toEveryShard)
            .append("; instruments ").append(shardByInstrument.size())
            .append("; unreadable (to shard 0) ").append(unreadable)
            .append("; definitions of an instrument placed elsewhere ").append(misplacedDefinitions)
            .append("; refused over max-instruments ").append(refusedOverCapacity).toString();
    }
}
