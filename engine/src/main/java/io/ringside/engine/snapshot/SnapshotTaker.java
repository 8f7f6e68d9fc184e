package io.ringside.engine.snapshot;

import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.pipeline.Snapshots;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * One snapshot in the making, passed down the ring with its marker slot. Ingress writes the header (event count,
 * log positions, sequences) and publishes the marker; surveillance and the strategy, on the marker, each encode their
 * state into their own part; egress, after both, adds the output sequences and digest and writes the file. The ring's
 * order is the only synchronisation each part needs: every handler encodes at the same event. The next marker is
 * published only once the file is written ({@link #inProgress}), so no part is overwritten while egress reads it.
 * <p>
 * Egress only fills in the header's output fields; joining the parts, the CRC, writing, forcing to disk and renaming
 * are done by a thread of its own ({@link #start}), so neither the copy nor the disk ever holds up the outputs. Nothing here allocates per event; buffers grow
 * to the state's size once.
 * <p>
 * A write that fails, however (an Error included), is counted ({@code snapshots.write_failed}) and clears
 * {@link #inProgress}, so ingress never waits for a file that will not come; should the writer thread die all the
 * same, {@link #awaitIdle} says so at once and ingress skips the snapshot.
 */
public final class SnapshotTaker implements Snapshots, Runnable, AutoCloseable
{
    /** How a sealed file reaches the disk: {@link SnapshotFiles#write}, or a test's stand-in. */
    interface FileWriter
    {
        void write(Path directory, long eventCount, byte[] bytes, int length, int kept) throws IOException;
    }

    private final Path directory;
    private final int kept;
    private final AtomicCounter taken;
    private final AtomicCounter failed;
    private final FileWriter fileWriter;

    final ExpandableArrayBuffer header = new ExpandableArrayBuffer(4096);
    int headerLength;
    final ExpandableArrayBuffer surveillance = new ExpandableArrayBuffer(1 << 20);
    int surveillanceLength;
    final ExpandableArrayBuffer trading = new ExpandableArrayBuffer(1 << 20);
    int tradingLength;
    private long eventCount;

    private final SnapshotHeaderEncoder headerEncoder = new SnapshotHeaderEncoder();
    private final AppliedSettings settings = new AppliedSettings();
    private final CRC32 crc = new CRC32();
    private UnsafeBuffer file = new UnsafeBuffer(new byte[1 << 21]);
    private volatile boolean inProgress;
    private volatile boolean pending;
    private volatile boolean running = true;
    private volatile Throwable lastFailure;
    private volatile boolean lastFailed;
    private long pendingEventCount;
    private Thread writer;

    public SnapshotTaker(final Path directory, final int kept, final AtomicCounter taken, final AtomicCounter failed)
    {
        this(directory, kept, taken, failed, SnapshotFiles::write);
    }

    SnapshotTaker(
        final Path directory,
        final int kept,
        final AtomicCounter taken,
        final AtomicCounter failed,
        final FileWriter fileWriter)
    {
        this.directory = directory;
        this.kept = kept;
        this.taken = taken;
        this.failed = failed;
        this.fileWriter = fileWriter;
    }

    public ExpandableArrayBuffer headerBuffer()
    {
        return header;
    }

    public void settings(final RuntimeSettings.Owner owner, final Map<String, String> applied)
    {
        settings.handOver(owner, applied);
    }

    public ExpandableArrayBuffer surveillanceBuffer()
    {
        return surveillance;
    }

    public void surveillanceLength(final int surveillanceLength)
    {
        this.surveillanceLength = surveillanceLength;
    }

    public ExpandableArrayBuffer tradingBuffer()
    {
        return trading;
    }

    public void tradingLength(final int tradingLength)
    {
        this.tradingLength = tradingLength;
    }

    /** Ingress: a snapshot is being made; no marker until it is written. */
    public boolean inProgress()
    {
        return inProgress;
    }

    /**
     * Ingress, before a marker: wait, at most {@code timeoutNs}, for the snapshot in progress to be written or to fail.
     *
     * @return true when none is in progress and the writer can take the next; false when the writer thread is dead
     * or the time ran out, and the snapshot is to be skipped.
     */
    public boolean awaitIdle(final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (true)
        {
            if (!writerAlive())
            {
                return false;
            }
            if (!inProgress)
            {
                return true;
            }
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(1_000);
        }
    }

    /** Whether the writer thread is there to write a file: started and not dead. */
    public boolean writerAlive()
    {
        final Thread thread = writer;
        return null != thread && thread.isAlive();
    }

    /** Whether the last snapshot handed over failed: then a clean stop takes one even with no event since. */
    public boolean lastFailed()
    {
        return lastFailed;
    }

    public void begin(final int headerLength, final long eventCount)
    {
        this.headerLength = headerLength;
        this.eventCount = eventCount;
        settings.clear();
        inProgress = true;
    }

    /** Start the writer thread; before the ring starts. */
    public void start()
    {
        writer = new Thread(this, "ringside-snapshot-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Egress, on the marker: complete the header with the outputs and hand the parts to the writer, which joins and
     * seals them. The parts stay untouched until it has: the next marker waits for {@link #inProgress}.
     */
    public void write(final long alertSequence, final long orderSequence, final long outputDigest)
    {
        try
        {
            headerEncoder.wrap(header, MessageHeaderEncoder.ENCODED_LENGTH)
                .alertSequence(alertSequence)
                .orderSequence(orderSequence)
                .outputDigest(outputDigest);
            if (surveillanceLength < 0 || tradingLength < 0)
            {
                throw new IllegalStateException("a handler failed to encode its state (see handler_errors)");
            }
            headerLength = settings.encode(header, headerLength);
            pendingEventCount = eventCount;
            pending = true;
            LockSupport.unpark(writer);
        }
        catch (final Throwable ex)
        {
            fail(ex);
        }
    }

    // The writer thread: the parts into one buffer, sealed with the length and CRC-32 of the whole.
    private int join()
    {
        final int length = headerLength + surveillanceLength + tradingLength;
        if (file.capacity() < length + SnapshotFiles.END_LENGTH)
        {
            file = new UnsafeBuffer(new byte[Math.max(length + SnapshotFiles.END_LENGTH, file.capacity() << 1)]);
        }
        file.putBytes(0, header, 0, headerLength);
        file.putBytes(headerLength, surveillance, 0, surveillanceLength);
        file.putBytes(headerLength + surveillanceLength, trading, 0, tradingLength);
        return SnapshotFiles.seal(file, length, crc);
    }

    /** The writer thread: a file at a time, as egress hands them over. */
    public void run()
    {
        try
        {
            while (running || pending)
            {
                if (!pending)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                    continue;
                }
                try
                {
                    final int length = join();
                    fileWriter.write(directory, pendingEventCount, file.byteArray(), length, kept);
                    lastFailed = false;
                    taken.incrementRelease();
                }
                catch (final Throwable ex) // an Error too: the writer goes on, and ingress never waits for it
                {
                    fail(ex);
                }
                finally
                {
                    pending = false;
                    inProgress = false;
                }
            }
        }
        finally
        {
            inProgress = false; // a dead writer: ingress sees it (awaitIdle) and skips snapshots from now on
        }
    }

    // A snapshot that cannot be written costs recovery time, not correctness: the log is still whole.
    private void fail(final Throwable ex)
    {
        lastFailure = ex;
        lastFailed = true;
        failed.incrementRelease();
        inProgress = false;
    }

    /** After the handlers stopped: let the writer finish the last file, then stop it. */
    public void close()
    {
        running = false;
        if (null != writer)
        {
            LockSupport.unpark(writer);
            try
            {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last write that failed, for the summary; null when none. */
    Throwable lastFailure()
    {
        return lastFailure;
    }
}
