package io.ringside.latency.report;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineLabels;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the counters in a media driver's CnC file, as Aeron's AeronStat does, without connecting as a client: the
 * engine's counts (labelled "ringside: ...") by name, live, from any process on the host, for the benchmarks.
 */
public final class CounterStat implements AutoCloseable
{
    private final MappedByteBuffer cnc;
    private final CountersReader counters;

    public CounterStat(final String aeronDirectoryName)
    {
        final CommonContext context = new CommonContext().aeronDirectoryName(aeronDirectoryName);
        context.conclude();
        if (!context.cncFile().exists())
        {
            throw new IllegalArgumentException("--aeron-dir: no media driver CnC file at " + context.cncFile()
                + "; is the engine (or a driver) running there?");
        }
        cnc = context.mapExistingCncFile(null);
        final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
        CncFileDescriptor.checkVersion(metaData.getInt(CncFileDescriptor.cncVersionOffset(0)));
        counters = new CountersReader(
            CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
            CncFileDescriptor.createCountersValuesBuffer(cnc, metaData),
            StandardCharsets.US_ASCII);
    }

    /** The value of the counter with this label (whichever engine's name it carries), or -1 when there is none. */
    public long value(final String label)
    {
        final long[] value = { -1 };
        counters.forEach((counterId, typeId, keyBuffer, counterLabel) ->
        {
            if (EngineLabels.withoutName(counterLabel).equals(label))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /** The value of the first counter of this type (Aeron's AeronCounters type ids), or -1 when there is none. */
    public long valueOfType(final int typeId)
    {
        final long[] value = { -1 };
        counters.forEach((counterId, counterTypeId, keyBuffer, counterLabel) ->
        {
            if (counterTypeId == typeId && value[0] < 0)
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /** The value of the engine's counter of this name ("events_in", "gc_count", ...), or -1 when there is none. */
    public long engineCounter(final String name)
    {
        return value(EngineCounters.LABEL_PREFIX + name);
    }

    public void close()
    {
        IoUtil.unmap(cnc);
    }
}
