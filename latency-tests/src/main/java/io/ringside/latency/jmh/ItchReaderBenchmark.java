package io.ringside.latency.jmh;

import io.ringside.codecs.itch.ItchReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * ITCH 5.0 decoding throughput: the AAPL hour (shared/data/itch/AAPL_2012-06-21.itch50.gz, 92,083 messages),
 * decompressed once in setup to a plain temp file, memory-mapped, and read whole per invocation into SBE frames in
 * one reused buffer. One op = one ITCH message; the score is messages per second. Run with {@code -prof gc}:
 * gc.alloc.rate.norm should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED" })
public class ItchReaderBenchmark
{
    static final String DATA = "shared/data/itch/AAPL_2012-06-21.itch50.gz";
    /** Messages in the file: S 4, R 1, H 1, A 44,336, X 469, D 41,004, E 4,067, P 2,201. */
    static final int MESSAGES = 92_083;

    private Path tempDir;
    private ItchReader reader;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);

    @Setup(Level.Trial)
    public void decompress() throws IOException
    {
        final Path gz = find();
        tempDir = Files.createTempDirectory("itch-bench");
        final Path plain = tempDir.resolve("AAPL_2012-06-21.itch50");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz)))
        {
            Files.copy(in, plain);
        }
        reader = new ItchReader(plain, null, (kind, where, problem) ->
        {
            throw new IllegalStateException(kind + " at " + where + ": " + problem);
        });
        final long checksum = readAll();
        if (reader.messagesRead() != MESSAGES || reader.errors() != 0 || checksum == 0)
        {
            throw new IllegalStateException("expected " + MESSAGES + " messages, read " + reader.messagesRead());
        }
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException
    {
        reader.close();
        try (var files = Files.list(tempDir))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.delete(file);
            }
        }
        Files.delete(tempDir);
    }

    /** The whole hour: every message decoded, every event encoded; the frames' lengths and event times summed. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long readHour()
    {
        reader.rewind();
        return readAll();
    }

    private long readAll()
    {
        final ItchReader r = reader;
        final UnsafeBuffer buffer = frame;
        long checksum = 0;
        int length;
        while ((length = r.next(buffer, 0)) > 0)
        {
            checksum += length + buffer.getLong(16); // the frame length and the envelope's eventTime
        }
        return checksum;
    }

    private static Path find()
    {
        Path dir = Path.of(System.getProperty("ringside.home", ".")).toAbsolutePath();
        while (null != dir)
        {
            final Path file = dir.resolve(DATA);
            if (Files.exists(file))
            {
                return file;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(DATA + " not found above ringside.home (" + System.getProperty("ringside.home") +
            ")");
    }
}
