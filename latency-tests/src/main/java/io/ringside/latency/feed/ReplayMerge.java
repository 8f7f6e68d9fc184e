package io.ringside.latency.feed;

import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.function.Supplier;

/**
 * Several recorded files replayed as one stream, merged by event time: each file is its own source, with its own
 * source id and sequence numbers from 1. A slice of event time ({@code from}, {@code to}) and of instruments can be
 * selected, and the whole set looped, with sequences that keep rising across loops. Instrument definitions of
 * selected instruments always pass, so a slice starts with its reference data.
 *
 * <p>Each loop is moved whole days later in event time (as many as the first loop spans), so event time keeps rising
 * and a loop is the same hours of the next day: the engine's windows by event time (the risk gate's order rate, the
 * market maker's quote interval, the rules' windows) would otherwise see time jump back at every loop and refuse or
 * misjudge what follows.
 */
final class ReplayMerge implements AutoCloseable
{
    /** Every inbound template has instrumentId right after the envelope. */
    private static final int INSTRUMENT_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeEncoder.ENCODED_LENGTH;
    private static final int EVENT_TIME_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeEncoder.eventTimeEncodingOffset();
    private static final int SOURCE_ID_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeEncoder.sourceIdEncodingOffset();
    static final long DAY_NS = 86_400L * 1_000_000_000L;

    private final List<Supplier<RecordedEventReader>> files;
    private final boolean[] keepsEnvelope;
    private final int firstSourceId;
    private final long fromNs;
    private final long toNs;
    private final IntHashSet instruments;
    private final int loops;
    private final EnvelopeEncoder envelope = new EnvelopeEncoder();
    /** The source ids recordings' frames carried, as sent: a set grows only when a new id appears. */
    private final IntHashSet recordedSourceIds = new IntHashSet();

    private final RecordedEventReader[] readers;
    private final UnsafeBuffer[] pending;
    private final int[] pendingLength;
    private final long[] pendingTime;
    private final long[] sequences;
    private int loop;
    private long firstLoopMinTime = Long.MAX_VALUE;
    private long firstLoopMaxTime = Long.MIN_VALUE;
    private long loopShift;
    private long startShift;
    private long lastEventTime = Long.MIN_VALUE;
    private long readErrors;
    private long filtered;

    /**
     * @param files         each file's reader factory; called again for every loop.
     * @param keepsEnvelope per file: true for a recording, whose frames keep the source ids and sequences recorded.
     * @param instruments   the instruments to keep, or null for all.
     * @param loops         how many times to replay the set, at least 1.
     * @param notBeforeNs   the earliest event time to send: the whole set is moved whole days later until it starts
     *                      at or after it (Long.MIN_VALUE: as recorded), so a replay can continue an earlier one's
     *                      event time.
     */
    ReplayMerge(
        final List<Supplier<RecordedEventReader>> files,
        final boolean[] keepsEnvelope,
        final int firstSourceId,
        final long fromNs,
        final long toNs,
        final IntHashSet instruments,
        final int loops,
        final long notBeforeNs)
    {
        this.files = files;
        this.keepsEnvelope = keepsEnvelope;
        for (final boolean keeps : keepsEnvelope)
        {
            if (keeps && loops > 1)
            {
                throw new IllegalArgumentException(
                    "--loop: a recording keeps the sequence numbers it was recorded with, so it cannot loop");
            }
        }
        this.firstSourceId = firstSourceId;
        this.fromNs = fromNs;
        this.toNs = toNs;
        this.instruments = instruments;
        this.loops = loops;
        final int n = files.size();
        readers = new RecordedEventReader[n];
        pending = new UnsafeBuffer[n];
        pendingLength = new int[n];
        pendingTime = new long[n];
        sequences = new long[n];
        for (int i = 0; i < n; i++)
        {
            pending[i] = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        }
        openAll();
        long first = Long.MAX_VALUE;
        for (int i = 0; i < n; i++)
        {
            if (pendingLength[i] > 0)
            {
                first = Math.min(first, pendingTime[i]);
            }
        }
        if (first != Long.MAX_VALUE && first < notBeforeNs)
        {
            startShift = DAY_NS * ((notBeforeNs - first + DAY_NS - 1) / DAY_NS);
        }
    }

    private void openAll()
    {
        for (int i = 0; i < readers.length; i++)
        {
            readers[i] = files.get(i).get();
            advance(i);
        }
    }

    /** Read file {@code i}'s next selected frame into its pending slot, or mark it done. */
    private void advance(final int i)
    {
        final RecordedEventReader reader = readers[i];
        while (null != reader)
        {
            final int length = reader.next(pending[i], 0);
            if (length == 0)
            {
                break;
            }
            final UnsafeBuffer frame = pending[i];
            final long eventTime = frame.getLong(EVENT_TIME_OFFSET, EnvelopeEncoder.BYTE_ORDER);
            final boolean definition = frame.getShort(MessageHeaderDecoder.templateIdEncodingOffset(),
                MessageHeaderDecoder.BYTE_ORDER) == InstrumentDefinitionDecoder.TEMPLATE_ID;
            if (!definition && eventTime > toNs)
            {
                break; // files are in time order: nothing later is wanted
            }
            if ((!definition && eventTime < fromNs) ||
                (null != instruments && !instruments.contains(frame.getInt(INSTRUMENT_ID_OFFSET,
                EnvelopeEncoder.BYTE_ORDER))))
            {
                filtered++;
                continue;
            }
            pendingLength[i] = length;
            pendingTime[i] = eventTime;
            return;
        }
        pendingLength[i] = 0;
        if (null != reader)
        {
            readErrors += reader.errors();
            reader.close();
            readers[i] = null;
        }
    }

    /**
     * Copy the earliest pending frame into {@code buffer}, stamped with its source id and next sequence.
     *
     * @return its length, or 0 when every file (and every loop) is done.
     */
    int next(final MutableDirectBuffer buffer, final int offset)
    {
        while (true)
        {
            int earliest = -1;
            for (int i = 0; i < readers.length; i++)
            {
                if (pendingLength[i] > 0 && (earliest < 0 || pendingTime[i] < pendingTime[earliest]))
                {
                    earliest = i;
                }
            }
            if (earliest < 0)
            {
                if (++loop >= loops)
                {
                    return 0;
                }
                if (loop == 1 && firstLoopMaxTime >= firstLoopMinTime)
                {
                    loopShift = DAY_NS *
                        (Math.floorDiv(firstLoopMaxTime, DAY_NS) - Math.floorDiv(firstLoopMinTime, DAY_NS) + 1);
                }
                openAll();
                continue;
            }

            final int length = pendingLength[earliest];
            buffer.putBytes(offset, pending[earliest], 0, length);
            final long eventTime = pendingTime[earliest];
            if (loop == 0)
            {
                firstLoopMinTime = Math.min(firstLoopMinTime, eventTime);
                firstLoopMaxTime = Math.max(firstLoopMaxTime, eventTime);
            }
            if (!keepsEnvelope[earliest])
            {
                lastEventTime = eventTime + startShift + loop * loopShift;
                envelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH)
                    .sourceId(firstSourceId + earliest)
                    .sequence(++sequences[earliest])
                    .eventTime(lastEventTime);
            }
            else
            {
                lastEventTime = eventTime;
                recordedSourceIds.add(buffer.getInt(offset + SOURCE_ID_OFFSET, EnvelopeEncoder.BYTE_ORDER));
            }
            advance(earliest);
            return length;
        }
    }

    /** Every source id the frames given out so far were sent as. Allocates: call once sending is done. */
    IntHashSet sourceIds()
    {
        final IntHashSet ids = new IntHashSet();
        ids.addAll(recordedSourceIds);
        for (int i = 0; i < keepsEnvelope.length; i++)
        {
            if (!keepsEnvelope[i] && sequences[i] > 0)
            {
                ids.add(firstSourceId + i);
            }
        }
        return ids;
    }

    /** The event time of the last frame {@link #next} gave out, as sent; Long.MIN_VALUE before the first. */
    long lastEventTime()
    {
        return lastEventTime;
    }

    /** Fraction done, over all loops, for progress lines. */
    double progress()
    {
        double sum = 0;
        for (final RecordedEventReader reader : readers)
        {
            sum += null == reader ? 1.0 : reader.progress();
        }
        return (loop + sum / readers.length) / loops;
    }

    long readErrors()
    {
        long open = 0;
        for (final RecordedEventReader reader : readers)
        {
            open += null == reader ? 0 : reader.errors();
        }
        return readErrors + open;
    }

    /** Frames left out by the time or instrument selection. */
    long filtered()
    {
        return filtered;
    }

    public void close()
    {
        for (int i = 0; i < readers.length; i++)
        {
            if (null != readers[i])
            {
                readers[i].close();
                readers[i] = null;
            }
        }
    }
}
