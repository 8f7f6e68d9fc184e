package io.ringside.latency.stat;

import io.aeron.CncFileDescriptor;
import io.ringside.engine.metrics.EngineErrors;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The error logs of an Aeron directory, read from outside the processes that write them: the media driver's (in its
 * CnC file, as Aeron's {@code ErrorStat} reads it) and each engine's own ({@link EngineErrors}). Both are Agrona
 * distinct error logs, read with Agrona's {@link ErrorLogReader} once every record's length has been checked against
 * the file: a corrupt or foreign file is an {@link IllegalStateException} naming it, never an index error or a loop.
 */
public final class ErrorLogs
{
    /** One distinct error: how often it was seen, first and last (epoch ms), and its stack trace. */
    public record Entry(int count, long firstMs, long lastMs, String text)
    {
    }

    /** One error log: whose ("driver" or "engine"), which file, the writer's pid, and its errors, oldest first. */
    public record Log(String kind, Path file, long pid, boolean running, List<Entry> entries)
    {
        public long observations()
        {
            long total = 0;
            for (final Entry entry : entries)
            {
                total += entry.count();
            }
            return total;
        }
    }

    private ErrorLogs()
    {
    }

    /**
     * @return the driver's log, or null when there is no CnC file in the directory.
     * @throws IllegalStateException when the CnC file is not one this build can read.
     */
    public static Log driver(final Path aeronDirectory)
    {
        final Path cncFile = aeronDirectory.resolve(CncFileDescriptor.CNC_FILE);
        return mapped(cncFile, (cnc) ->
        {
            if (cnc.capacity() < CncFileDescriptor.END_OF_METADATA_OFFSET)
            {
                throw malformed(cncFile, "it is " + cnc.capacity() + " bytes, shorter than a CnC file's header");
            }
            final UnsafeBuffer metaData = CncFileCheck.metaData(cncFile, cnc);
            final long pid = CncFileDescriptor.pid(metaData);
            return new Log("driver", cncFile, pid, ProcessHandle.of(pid).isPresent(),
                entries(cncFile, CncFileDescriptor.createErrorLogBuffer(cnc, metaData)));
        });
    }

    /** Every engine's error log in the directory, by file name. */
    public static List<Log> engines(final Path aeronDirectory)
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(aeronDirectory,
            EngineErrors.FILE_PREFIX + "*" + EngineErrors.FILE_SUFFIX))
        {
            found.forEach(files::add);
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--aeron-dir: cannot list " + aeronDirectory + ": " + ex.getMessage(), ex);
        }
        files.sort(null);
        final List<Log> logs = new ArrayList<>();
        for (final Path file : files)
        {
            final Log log = engine(file);
            if (null != log)
            {
                logs.add(log);
            }
        }
        return logs;
    }

    /**
     * @return the engine's log in this file, or null when it has gone meanwhile.
     * @throws IllegalStateException when the file is not an engine error log this build can read.
     */
    public static Log engine(final Path file)
    {
        return mapped(file, (mapped) ->
        {
            if (mapped.capacity() < EngineErrors.HEADER_LENGTH)
            {
                throw malformed(file, "it is " + mapped.capacity() + " bytes, shorter than its header");
            }
            final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, EngineErrors.HEADER_LENGTH);
            final byte[] magic = new byte[EngineErrors.MAGIC.length];
            header.getBytes(0, magic);
            if (!Arrays.equals(magic, EngineErrors.MAGIC))
            {
                throw malformed(file, "it does not start with RSIDEERR");
            }
            final int version = header.getIntVolatile(EngineErrors.VERSION_OFFSET);
            if (0 == version)
            {
                throw malformed(file, "it is not initialised (an engine still starting?)");
            }
            if (EngineErrors.VERSION != version)
            {
                throw malformed(file, "its version is " + version + ", this build reads " + EngineErrors.VERSION);
            }
            final int logLength = header.getInt(EngineErrors.LOG_LENGTH_OFFSET, EngineErrors.BYTE_ORDER);
            if (logLength < 0 || (logLength & 7) != 0 || logLength != mapped.capacity() - EngineErrors.HEADER_LENGTH)
            {
                throw malformed(file, "its header gives a log of " + logLength + " bytes, the file holds "
                    + (mapped.capacity() - EngineErrors.HEADER_LENGTH));
            }
            final long pid = header.getLong(EngineErrors.PID_OFFSET, EngineErrors.BYTE_ORDER);
            return new Log("engine", file, pid, ProcessHandle.of(pid).isPresent(),
                entries(file, new UnsafeBuffer(mapped, EngineErrors.HEADER_LENGTH, logLength)));
        });
    }

    private static Log mapped(final Path file, final Function<MappedByteBuffer, Log> reader)
    {
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE)
            {
                throw malformed(file, "it is " + size + " bytes, larger than any error log");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        try
        {
            return reader.apply(mapped);
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException ex)
        {
            throw malformed(file, String.valueOf(ex.getMessage()));
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /** The log's entries, every record's length checked first: ErrorLogReader trusts them, and could loop on a lie. */
    static List<Entry> entries(final Path file, final AtomicBuffer log)
    {
        final int capacity = log.capacity();
        int offset = 0;
        while (offset <= capacity - DistinctErrorLog.ENCODED_ERROR_OFFSET)
        {
            final int length = log.getIntVolatile(offset + DistinctErrorLog.LENGTH_OFFSET);
            if (0 == length)
            {
                break;
            }
            if (length < DistinctErrorLog.ENCODED_ERROR_OFFSET || length > capacity - offset)
            {
                throw malformed(file, "the error record at " + offset + " has a length of " + length);
            }
            if (log.getIntVolatile(offset + DistinctErrorLog.OBSERVATION_COUNT_OFFSET) < 1)
            {
                throw malformed(file, "the error record at " + offset + " was never observed");
            }
            offset += BitUtil.align(length, DistinctErrorLog.RECORD_ALIGNMENT);
        }
        final List<Entry> entries = new ArrayList<>();
        // Only what was checked: a record a running writer adds meanwhile waits for the next reading.
        final UnsafeBuffer checked = new UnsafeBuffer(log, 0, Math.min(offset, capacity));
        ErrorLogReader.read(checked, (count, first, last, text) -> entries.add(new Entry(count, first, last, text)));
        return entries;
    }

    private static IllegalStateException malformed(final Path file, final String why)
    {
        return new IllegalStateException(file + " is not an error log this build can read: " + why);
    }
}
