package io.ringside.latency.jmh;

import io.ringside.codecs.csv.CsvReader;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recording.RecordingReader;
import io.ringside.codecs.recording.RecordingWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Events per second each reader of recorded data delivers, whole file per invocation, into one reused buffer:
 * LOBSTER text (the bundled AAPL hour), the same hour as a recording of SBE frames, and a generated CSV of trades and
 * quotes for 3 crypto symbols at scale 8 (times as epoch ns or ISO-8601). One op is one event (frame returned), so
 * the score is events/s. Each invocation opens the file afresh (an mmap and a few objects, amortised over the file);
 * with {@code -prof gc}, gc.alloc.rate.norm is bytes per event.
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
public class RecordedReadersBenchmark
{
    /** Frames LobsterReader makes of the AAPL hour: its definition and 91,997 events. */
    static final int LOBSTER_EVENTS = 91_998;
    static final int CSV_ROWS = 1_000_000;
    static final String[] CSV_SYMBOLS = {"BTC-USDT", "ETH-USDT", "SOL-USDT"};
    /** Every row an event, and each symbol's definition before its first. */
    static final int CSV_EVENTS = CSV_ROWS + 3;

    private static final ReadErrorHandler FAIL = (kind, where, problem) ->
    {
        throw new IllegalStateException(kind + " at " + where + ": " + problem);
    };

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
    private Path lobster;
    private Path recording;

    @Setup(Level.Trial)
    public void recordTheHour() throws IOException
    {
        lobster = Path.of(System.getProperty("ringside.home", ".")).resolve(HandlerChainBenchmark.DATA);
        if (!Files.exists(lobster))
        {
            lobster = Path.of("..").resolve(HandlerChainBenchmark.DATA);
        }
        recording = Files.createTempFile("ringside-aapl-hour", ".rec");
        try (LobsterReader reader = new LobsterReader(lobster, 1, null, null, FAIL);
            RecordingWriter writer = new RecordingWriter(recording))
        {
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                writer.append(buffer, 0, length);
            }
        }
        check(lobster(), "LOBSTER");
        check(recording(), "recording");
    }

    @TearDown(Level.Trial)
    public void deleteRecording() throws IOException
    {
        Files.deleteIfExists(recording);
    }

    /** The generated CSV; its own state so the time format parameter multiplies only the CSV benchmark. */
    @State(Scope.Benchmark)
    public static class CsvFile
    {
        @Param({"epoch", "iso"})
        String times;

        Path file;

        @Setup(Level.Trial)
        public void generate() throws IOException
        {
            file = Files.createTempFile("ringside-trades-quotes", ".csv");
            final long start = Instant.parse("2024-03-01T14:30:00Z").getEpochSecond() * 1_000_000_000L;
            final StringBuilder row = new StringBuilder(128);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII))
            {
                out.write("time,symbol,type,price,quantity,side,trade_id,bid_price,bid_quantity,ask_price," +
                    "ask_quantity\n");
                for (int i = 0; i < CSV_ROWS; i++)
                {
                    row.setLength(0);
                    final long time = start + i * 1_337L;
                    if ("iso".equals(times))
                    {
                        row.append(Instant.ofEpochSecond(0, time)).append(',');
                    }
                    else
                    {
                        row.append(time).append(',');
                    }
                    final int s = i % CSV_SYMBOLS.length;
                    row.append(CSV_SYMBOLS[s]);
                    final long mid = 6_123_450_000_000L / (1 + s * 20) + (i % 1_000) * 1_000_000L; // scale 8
                    if (i % 4 == 0)
                    {
                        row.append(",trade,");
                        decimal(row, mid).append(',');
                        decimal(row, 1_000_000L + (i % 977) * 12_345L).append(',');
                        row.append((i & 4) == 0 ? "buy" : "sell").append(',').append(700_000_000L + i)
                            .append(",,,,\n");
                    }
                    else
                    {
                        row.append(",quote,,,,,");
                        decimal(row, mid - 50_000_000L).append(',');
                        decimal(row, 25_000_000L + (i % 311) * 100_000L).append(',');
                        decimal(row, mid + 50_000_000L).append(',');
                        decimal(row, 13_000_000L + (i % 173) * 100_000L).append('\n');
                    }
                    out.append(row);
                }
            }
            try (CsvReader reader = new CsvReader(file, 8, 8, null, FAIL))
            {
                check(drain(reader, new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH])), CSV_EVENTS,
                    "CSV");
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException
        {
            Files.deleteIfExists(file);
        }

        /** Fixed point at scale 8 as decimal text, trailing zeros dropped as exchanges print them. */
        private static StringBuilder decimal(final StringBuilder out, final long value)
        {
            out.append(value / 100_000_000L);
            long fraction = value % 100_000_000L;
            if (fraction != 0)
            {
                int digits = 8;
                while (fraction % 10 == 0)
                {
                    fraction /= 10;
                    digits--;
                }
                out.append('.');
                final String text = Long.toString(fraction);
                for (int pad = text.length(); pad < digits; pad++)
                {
                    out.append('0');
                }
                out.append(text);
            }
            return out;
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOBSTER_EVENTS)
    public long lobster()
    {
        try (LobsterReader reader = new LobsterReader(lobster, 1, null, null, FAIL))
        {
            return drain(reader, buffer);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOBSTER_EVENTS)
    public long recording()
    {
        try (RecordingReader reader = new RecordingReader(recording, FAIL))
        {
            return drain(reader, buffer);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CSV_EVENTS)
    public long csv(final CsvFile csv)
    {
        try (CsvReader reader = new CsvReader(csv.file, 8, 8, null, FAIL))
        {
            return drain(reader, buffer);
        }
    }

    /** Every frame of the file; returns count and bytes folded together so nothing is dead code. */
    private static long drain(final RecordedEventReader reader, final UnsafeBuffer buffer)
    {
        long events = 0;
        long bytes = 0;
        int length;
        while ((length = reader.next(buffer, 0)) > 0)
        {
            events++;
            bytes += length + buffer.getByte(length - 1);
        }
        return events << 32 | (bytes & 0xFFFF_FFFFL);
    }

    private void check(final long drained, final String what)
    {
        check(drained, LOBSTER_EVENTS, what);
    }

    /** The ops per invocation are constants: a file that does not give that many events would make them lie. */
    private static void check(final long drained, final int expected, final String what)
    {
        final long events = drained >>> 32;
        if (events != expected)
        {
            throw new IllegalStateException(what + " gave " + events + " events; the benchmark counts " + expected);
        }
    }
}
