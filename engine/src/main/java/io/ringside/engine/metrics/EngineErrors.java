package io.ringside.engine.metrics;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Every error of the engine's handlers and agents, kept where an operator can read it while the engine runs and after
 * it died: an Agrona {@link DistinctErrorLog} (each distinct error once, with its count and first and last time) in a
 * file of the engine's own in the Aeron directory, and, when the engine embeds its media driver, in the driver's CnC
 * error log too, where Aeron's {@code ErrorStat} reads it. {@code ringside errors} prints both.
 * <p>
 * The file, one per engine process (two engines may share a driver), little-endian:
 * <pre>
 *    0  magic        8 bytes "RSIDEERR"
 *    8  version      int32   {@link #VERSION}
 *   12  log length   int32   bytes of the error log after the header, a multiple of 8
 *   16  pid          int64   the engine's process id
 *   24  start time   int64   epoch ms the engine started
 *   32  reserved     to {@link #HEADER_LENGTH}
 *   then the DistinctErrorLog's buffer
 * </pre>
 * Recording allocates and may take the log's lock on a first occurrence: it is for failures, never the normal flow.
 */
public final class EngineErrors implements AutoCloseable
{
    public static final String FILE_PREFIX = "ringside-engine-errors-";
    public static final String FILE_SUFFIX = ".dat";
    public static final byte[] MAGIC = "RSIDEERR".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 64;
    public static final int VERSION_OFFSET = 8;
    public static final int LOG_LENGTH_OFFSET = 12;
    public static final int PID_OFFSET = 16;
    public static final int START_TIME_OFFSET = 24;
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int DEFAULT_LOG_LENGTH = 1024 * 1024;
    public static final int MIN_LOG_LENGTH = 64 * 1024;
    public static final int MAX_LOG_LENGTH = 1024 * 1024 * 1024;

    private final Path file;
    private final MappedByteBuffer mapped;
    private final DistinctErrorLog log;
    private volatile DistinctErrorLog driverLog;
    private volatile boolean closed;

    private EngineErrors(final Path file, final MappedByteBuffer mapped, final DistinctErrorLog log)
    {
        this.file = file;
        this.mapped = mapped;
        this.log = log;
    }

    /** The file the engine of process {@code pid} keeps its errors in. */
    public static Path fileFor(final Path aeronDirectory, final long pid)
    {
        return aeronDirectory.resolve(FILE_PREFIX + pid + FILE_SUFFIX);
    }

    /**
     * Create this process's error log file in the Aeron directory, replacing one left by an earlier process of the
     * same pid, and removing those of engines no longer running that recorded nothing.
     *
     * @param logLength bytes for the log, a multiple of 8 from {@link #MIN_LOG_LENGTH} to {@link #MAX_LOG_LENGTH}.
     */
    public static EngineErrors create(final Path aeronDirectory, final int logLength)
    {
        checkLogLength(logLength);
        final long pid = ProcessHandle.current().pid();
        final Path file = fileFor(aeronDirectory, pid);
        removeEmptyLogsOfDeadEngines(aeronDirectory);
        final MappedByteBuffer mapped;
        try
        {
            Files.deleteIfExists(file);
            try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long)HEADER_LENGTH + logLength);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("aeron-dir: cannot create the engine's error log " + file + ": "
                + ex.getMessage(), ex);
        }
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putBytes(0, MAGIC);
        header.putInt(LOG_LENGTH_OFFSET, logLength, BYTE_ORDER);
        header.putLong(PID_OFFSET, pid, BYTE_ORDER);
        header.putLong(START_TIME_OFFSET, System.currentTimeMillis(), BYTE_ORDER);
        // The version last: a reader that sees it sees a whole header.
        header.putIntOrdered(VERSION_OFFSET, VERSION);
        final AtomicBuffer logBuffer = new UnsafeBuffer(mapped, HEADER_LENGTH, logLength);
        return new EngineErrors(file, mapped, new DistinctErrorLog(logBuffer, SystemEpochClock.INSTANCE,
            StandardCharsets.UTF_8));
    }

    public static void checkLogLength(final int logLength)
    {
        if (logLength < MIN_LOG_LENGTH || logLength > MAX_LOG_LENGTH || (logLength & 7) != 0)
        {
            throw new IllegalArgumentException("error-log-length: must be a multiple of 8 from " + MIN_LOG_LENGTH
                + " to " + MAX_LOG_LENGTH + " bytes: " + logLength);
        }
    }

    /**
     * Also record into the embedded media driver's own error log (its CnC file), until {@link #close()}.
     *
     * @param driverLog the driver context's error log; null for none.
     */
    public EngineErrors driverLog(final DistinctErrorLog driverLog)
    {
        this.driverLog = driverLog;
        return this;
    }

    public Path file()
    {
        return file;
    }

    /**
     * Record an error, from any thread.
     *
     * @return false when the engine's log is full (the error is then in the driver's log alone, if there is one).
     */
    public boolean record(final Throwable error)
    {
        if (closed)
        {
            return false;
        }
        final DistinctErrorLog driver = driverLog;
        if (null != driver)
        {
            driver.record(error);
        }
        return log.record(error);
    }

    /**
     * Stop recording, before the driver closes (its log is unmapped with it). Call once every thread that records
     * has stopped. The file stays for {@code ringside errors} until the directory goes.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            driverLog = null;
            IoUtil.unmap(mapped);
        }
    }

    private static void removeEmptyLogsOfDeadEngines(final Path aeronDirectory)
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(aeronDirectory, FILE_PREFIX + "*" + FILE_SUFFIX))
        {
            for (final Path other : files)
            {
                final String name = other.getFileName().toString();
                final long pid;
                try
                {
                    pid = Long.parseLong(name.substring(FILE_PREFIX.length(), name.length() - FILE_SUFFIX.length()));
                }
                catch (final NumberFormatException ex)
                {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty() && recordedNothing(other))
                {
                    Files.deleteIfExists(other);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Housekeeping only: a file that cannot be read or removed is left for the operator.
        }
    }

    private static boolean recordedNothing(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            if (channel.size() < HEADER_LENGTH + 4)
            {
                return false;
            }
            final java.nio.ByteBuffer first = java.nio.ByteBuffer.allocate(HEADER_LENGTH + 4).order(BYTE_ORDER);
            channel.read(first, 0);
            final byte[] magic = Arrays.copyOf(first.array(), MAGIC.length);
            return Arrays.equals(magic, MAGIC) && 0 == first.getInt(HEADER_LENGTH);
        }
    }
}
