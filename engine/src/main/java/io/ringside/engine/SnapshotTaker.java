package io.ringside.engine;

import io.aeron.Counter;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * One snapshot in the making, passed down the ring with its marker slot. Ingress writes the header (event count,
 * log positions, sequences) and publishes the marker; surveillance and the strategy, on the marker, each encode their
 * state into their own part; egress, after both, adds the output sequences and digest and writes the file. The ring's
 * order is the only synchronisation each part needs: every handler encodes at the same event. The next marker is
 * published only once the file is written ({@link #inProgress}), so no part is overwritten while egress reads it.
 * <p>
 * The file is written on the egress thread: a few ms per snapshot of the AAPL hour's books, every
 * {@code snapshot-interval-events} events. Nothing here allocates per event; buffers grow to the state's size once.
 */
final class SnapshotTaker
{
    private final Path directory;
    private final int kept;
    private final Counter taken;
    private final Counter failed;

    final ExpandableArrayBuffer header = new ExpandableArrayBuffer(4096);
    int headerLength;
    final ExpandableArrayBuffer surveillance = new ExpandableArrayBuffer(1 << 20);
    int surveillanceLength;
    final ExpandableArrayBuffer trading = new ExpandableArrayBuffer(1 << 20);
    int tradingLength;
    private long eventCount;

    private final SnapshotHeaderEncoder headerEncoder = new SnapshotHeaderEncoder();
    private final CRC32 crc = new CRC32();
    private UnsafeBuffer file = new UnsafeBuffer(new byte[1 << 21]);
    private volatile boolean inProgress;
    private volatile Throwable lastFailure;

    SnapshotTaker(final Path directory, final int kept, final Counter taken, final Counter failed)
    {
        this.directory = directory;
        this.kept = kept;
        this.taken = taken;
        this.failed = failed;
    }

    /** Ingress: a snapshot is being made; no marker until it is written. */
    boolean inProgress()
    {
        return inProgress;
    }

    /** Ingress, before publishing the marker: {@link #header} holds the SnapshotHeader. */
    void begin(final int headerLength, final long eventCount)
    {
        this.headerLength = headerLength;
        this.eventCount = eventCount;
        inProgress = true;
    }

    /** Egress, on the marker: complete the header with the outputs, write the file. */
    void write(final long alertSequence, final long orderSequence, final long outputDigest)
    {
        try
        {
            headerEncoder.wrap(header, MessageHeaderEncoder.ENCODED_LENGTH)
                .alertSequence(alertSequence)
                .orderSequence(orderSequence)
                .outputDigest(outputDigest);
            final int length = headerLength + surveillanceLength + tradingLength;
            if (file.capacity() < length + SnapshotFiles.END_LENGTH)
            {
                file = new UnsafeBuffer(new byte[Math.max(length + SnapshotFiles.END_LENGTH, file.capacity() << 1)]);
            }
            file.putBytes(0, header, 0, headerLength);
            file.putBytes(headerLength, surveillance, 0, surveillanceLength);
            file.putBytes(headerLength + surveillanceLength, trading, 0, tradingLength);
            final int fileLength = SnapshotFiles.seal(file, length, crc);
            SnapshotFiles.write(directory, eventCount, file.byteArray(), fileLength, kept);
            taken.incrementRelease();
        }
        catch (final Exception ex)
        {
            // A snapshot that cannot be written costs recovery time, not correctness: the log is still whole.
            lastFailure = ex;
            failed.incrementRelease();
        }
        finally
        {
            inProgress = false;
        }
    }

    /** The last write that failed, for the summary; null when none. */
    Throwable lastFailure()
    {
        return lastFailure;
    }

    Path directory()
    {
        return directory;
    }
}
