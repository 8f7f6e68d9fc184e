package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.Counter;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;

/**
 * A mapping of the media driver's CnC file that belongs to this process rather than to its Aeron client. When the
 * driver stops answering, the client's conductor closes itself and unmaps its own mapping of the file, while other
 * threads may still be counting or a summary still reading: through the client's mapping that is a JVM crash.
 * Counters viewed through this mapping stay readable and writable (the file's pages outlive the driver) until
 * {@link #close()}, which the owner calls once no thread uses them.
 */
public final class CountersMapping implements AutoCloseable
{
    private final MappedByteBuffer cnc;
    private final CountersReader reader;
    private boolean closed;

    /** @param aeron a connected client; its driver's CnC file is mapped again here. */
    public CountersMapping(final Aeron aeron)
    {
        this(aeron.context().cncFile());
    }

    /** @param cncFile a media driver's CnC file, of any driver on this host. */
    public CountersMapping(final File cncFile)
    {
        cnc = IoUtil.mapExistingFile(cncFile, "counters of " + cncFile);
        final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
        reader = new CountersReader(
            CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
            CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
    }

    /** The counter with this id, read and written through this mapping; closing the view frees nothing. */
    public Counter view(final Counter counter)
    {
        return new Counter(reader, counter.id());
    }

    /** Every counter of the driver, read through this mapping. */
    public CountersReader reader()
    {
        return reader;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(cnc);
        }
    }
}
