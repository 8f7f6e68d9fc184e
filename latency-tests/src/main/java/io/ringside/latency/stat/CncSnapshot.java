package io.ringside.latency.stat;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One reading of a media driver's CnC file, taken from outside every process that uses it and copied out, so the
 * mapping is held only while reading: a driver that stops and a new one that starts in the same directory are
 * followed from one reading to the next. Allocated and freed counter records are both kept (a freed record keeps its
 * type, label and value until its slot is reused, which tells a clean stop from a timed-out client).
 *
 * <p>The file is treated as hostile: every length is checked against the file before use, and anything that does not
 * add up is an {@link IllegalStateException} naming the file, never an index error.
 */
public final class CncSnapshot
{
    /** A counter record as it was read; {@code key} is the first 8 bytes of its key. */
    public record Counter(
        int id, int typeId, int state, long registrationId, long ownerId, long key, long value, String label)
    {
        public boolean allocated()
        {
            return CountersReader.RECORD_ALLOCATED == state;
        }
    }

    private final Path cncFile;
    private final boolean present;
    private final long driverPid;
    private final long driverHeartbeatMs;
    private final List<Counter> counters;

    private CncSnapshot(
        final Path cncFile, final boolean present, final long driverPid, final long driverHeartbeatMs,
        final List<Counter> counters)
    {
        this.cncFile = cncFile;
        this.present = present;
        this.driverPid = driverPid;
        this.driverHeartbeatMs = driverHeartbeatMs;
        this.counters = counters;
    }

    /**
     * @param aeronDirectory the media driver's directory.
     * @return the reading; {@link #present()} is false when there is no CnC file there.
     * @throws IllegalArgumentException when the path is not a directory.
     * @throws IllegalStateException    when the CnC file is not one this build can read, saying why.
     * @throws UncheckedIOException     when it cannot be read.
     */
    public static CncSnapshot read(final Path aeronDirectory)
    {
        final Path cncFile = aeronDirectory.resolve(CncFileDescriptor.CNC_FILE);
        if (Files.exists(aeronDirectory) && !Files.isDirectory(aeronDirectory))
        {
            throw new IllegalArgumentException("--aeron-dir: " + aeronDirectory + " is not a directory");
        }
        final MappedByteBuffer cnc;
        try (FileChannel channel = FileChannel.open(cncFile, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < CncFileDescriptor.END_OF_METADATA_OFFSET || size > Integer.MAX_VALUE)
            {
                throw malformed(cncFile, "its length, " + size + " bytes, is not a CnC file's");
            }
            cnc = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        catch (final NoSuchFileException ex)
        {
            return new CncSnapshot(cncFile, false, -1, -1, List.of());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + cncFile + ": " + ex.getMessage(), ex);
        }
        try
        {
            return read(cncFile, cnc);
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException ex)
        {
            throw malformed(cncFile, ex.getMessage());
        }
        finally
        {
            IoUtil.unmap(cnc);
        }
    }

    private static CncSnapshot read(final Path cncFile, final MappedByteBuffer cnc)
    {
        final UnsafeBuffer metaData = CncFileCheck.metaData(cncFile, cnc);
        final UnsafeBuffer countersMetaData = CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData);
        final UnsafeBuffer countersValues = CncFileDescriptor.createCountersValuesBuffer(cnc, metaData);
        if ((long)countersValues.capacity() / CountersReader.COUNTER_LENGTH >
            (long)countersMetaData.capacity() / CountersReader.METADATA_LENGTH)
        {
            throw malformed(cncFile, "its counters' metadata is shorter than their values");
        }
        final long driverHeartbeatMs =
            new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(cnc, metaData)).consumerHeartbeatTime();
        final CountersReader reader = new CountersReader(countersMetaData, countersValues, StandardCharsets.US_ASCII);
        final List<Counter> counters = new ArrayList<>();
        for (int id = 0, max = reader.maxCounterId(); id <= max; id++)
        {
            final int state = reader.getCounterState(id);
            if (CountersReader.RECORD_UNUSED == state)
            {
                break; // records are used in order: none after the first unused one
            }
            if (CountersReader.RECORD_ALLOCATED != state && CountersReader.RECORD_RECLAIMED != state)
            {
                throw malformed(cncFile, "counter " + id + " has state " + state);
            }
            final int labelLength =
                countersMetaData.getInt(CountersReader.metaDataOffset(id) + CountersReader.LABEL_OFFSET);
            if (labelLength < 0 || labelLength > CountersReader.MAX_LABEL_LENGTH)
            {
                throw malformed(cncFile, "counter " + id + " has a label length of " + labelLength);
            }
            counters.add(new Counter(
                id,
                reader.getCounterTypeId(id),
                state,
                reader.getCounterRegistrationId(id),
                reader.getCounterOwnerId(id),
                countersMetaData.getLong(CountersReader.metaDataOffset(id) + CountersReader.KEY_OFFSET),
                reader.getCounterValue(id),
                reader.getCounterLabel(id)));
        }
        return new CncSnapshot(cncFile, true, CncFileDescriptor.pid(metaData), driverHeartbeatMs, List.copyOf(counters));
    }

    private static IllegalStateException malformed(final Path cncFile, final String why)
    {
        return new IllegalStateException("--aeron-dir: " + cncFile + " is not a media driver's CnC file this build "
            + "can read: " + why);
    }

    public Path cncFile()
    {
        return cncFile;
    }

    /** False when there was no CnC file: no driver has run there, or one removed its directory as it stopped. */
    public boolean present()
    {
        return present;
    }

    /** The media driver's pid as it wrote it in the file (the engine's own, when the engine embeds its driver). */
    public long driverPid()
    {
        return driverPid;
    }

    /** The epoch ms at which the driver last showed it was reading its clients' commands. */
    public long driverHeartbeatMs()
    {
        return driverHeartbeatMs;
    }

    /** Every counter record in use or freed, in id order. */
    public List<Counter> counters()
    {
        return counters;
    }
}
