package io.ringside.system;

import io.aeron.CncFileDescriptor;
import io.ringside.engine.metrics.EngineLabels;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ringside commands as processes of their own in one directory, for the tests of failing infrastructure: started,
 * waited for with a bound, their output read back. Every wait is bounded: a hang fails the test, it never stalls it.
 */
final class RingsideProcesses implements AutoCloseable
{
    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    RingsideProcesses(final Path dir)
    {
        this.dir = dir;
    }

    /** {@code ringside NAME args...}, its stdout in NAME.out and stderr in NAME.err. */
    Process start(final String name, final List<String> commandAndArgs) throws IOException
    {
        final Process process = EngineProcess.command(commandAndArgs, dir, out(name), err(name));
        started.add(process);
        return process;
    }

    Path out(final String name)
    {
        return dir.resolve(name + ".out");
    }

    Path err(final String name)
    {
        return dir.resolve(name + ".err");
    }

    String output(final String name) throws IOException
    {
        return Files.readString(out(name)) + "\n--- stderr ---\n" + Files.readString(err(name));
    }

    /** Wait until the process's stdout has a line starting with {@code prefix}. */
    void awaitLine(final String name, final Process process, final String prefix, final long seconds) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (Files.readAllLines(out(name)).stream().noneMatch((line) -> line.startsWith(prefix)))
        {
            if (!process.isAlive())
            {
                fail(name + " exited " + process.exitValue() + " before printing '" + prefix + "': " + output(name));
            }
            if (System.nanoTime() > deadline)
            {
                fail(name + " did not print '" + prefix + "' within " + seconds + " s: " + output(name));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Wait for the process to exit, within the bound, with this status. */
    void assertExits(final String name, final Process process, final int status, final long seconds)
        throws IOException, InterruptedException
    {
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), name + " still running after " + seconds + " s: "
            + output(name));
        assertEquals(status, process.exitValue(), name + " exit status: " + output(name));
    }

    /** No JVM crashed here: a crash leaves an hs_err file in the working directory. */
    void assertNoCrashReport() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> reports = files.filter((f) -> f.getFileName().toString().startsWith("hs_err")).toList();
            assertTrue(reports.isEmpty(), "JVM crash reports: " + reports);
        }
    }

    /** The value of a ringside counter in the driver's CnC file (-1 when absent), read without an Aeron client. */
    static long counter(final Path aeronDir, final String label)
    {
        final File cnc = aeronDir.resolve(CncFileDescriptor.CNC_FILE).toFile();
        if (!cnc.isFile())
        {
            return -1;
        }
        final MappedByteBuffer buffer = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(buffer);
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(buffer, metaData),
                CncFileDescriptor.createCountersValuesBuffer(buffer, metaData));
            final long[] value = { -1 };
            counters.forEach((id, typeId, key, counterLabel) ->
            {
                if (EngineLabels.withoutName(counterLabel).equals(label))
                {
                    value[0] = counters.getCounterValue(id);
                }
            });
            return value[0];
        }
        finally
        {
            IoUtil.unmap(buffer);
        }
    }

    /** Wait until the counter reaches the value. */
    static void awaitCounter(final Path aeronDir, final String label, final long value, final long seconds)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (counter(aeronDir, label) < value)
        {
            if (System.nanoTime() > deadline)
            {
                fail(label + " did not reach " + value + " within " + seconds + " s: " + counter(aeronDir, label));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Whatever is still running is killed: a failed test leaves no process behind. */
    public void close()
    {
        for (final Process process : started)
        {
            process.destroyForcibly();
        }
    }
}
