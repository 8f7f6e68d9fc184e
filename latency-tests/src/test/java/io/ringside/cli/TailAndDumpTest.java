package io.ringside.cli;

import io.ringside.codecs.recording.RecordingFormat;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.feed.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tail} on a running engine with its archive: what was published before it started (from the recording), then
 * what is published while it runs, each alert once and in order; {@code dump} of a recording, whole and corrupted.
 */
final class TailAndDumpTest
{
    private static final Path SCENARIOS = Path.of("data", "scenarios");
    private static final Path CONFIG = Path.of("..", "docs", "ringside.conf");
    private static final Pattern OUTPUT_SEQUENCE = Pattern.compile("outputSequence=(\\d+)");

    @TempDir
    Path tempDir;

    @Test
    void tailPrintsTheRecordedAlertsThenTheLiveOnesEachOnce() throws Exception
    {
        final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (Engine engine = Engine.launch(new EngineContext()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .reportDirectory(tempDir.resolve("report"))
            .configFile(CONFIG)))
        {
            final String aeronDir = engine.context().aeronDirectoryName();
            feed(aeronDir, scenario("wash-trades.csv"), 2, quiet);
            final long before = engine.counters().get("alerts");
            assertTrue(before > 0, "the wash trades raise alerts");

            final Lines lines = new Lines();
            final AtomicInteger exit = new AtomicInteger(-1);
            final long[] expected = { 0 };
            final Thread tail = new Thread(() -> exit.set(Ringside.commandLine()
                .setOut(new PrintWriter(lines, true))
                .execute("tail", "alerts", "--from-start", "--aeron-dir", aeronDir, "--count", "" + (before + 1))));
            tail.start();
            await(() -> lines.count() >= before, "the recorded alerts, replayed: " + lines);

            feed(aeronDir, scenario("oversized-order.csv"), 3, quiet);
            expected[0] = engine.counters().get("alerts");
            assertTrue(expected[0] > before, "the oversized orders raise alerts");
            tail.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(tail.isAlive(), lines.toString());
            assertEquals(0, exit.get());

            final List<String> printed = lines.lines();
            assertEquals(before + 1, printed.size(), lines.toString());
            for (int i = 0; i < printed.size(); i++)
            {
                final String line = printed.get(i);
                assertTrue(line.startsWith("template=fraud_alert outputSequence="), line);
                final Matcher sequence = OUTPUT_SEQUENCE.matcher(line);
                assertTrue(sequence.find(), line);
                assertEquals(i + 1, Long.parseLong(sequence.group(1)), "each alert once, in order: " + lines);
            }
        }
    }

    @Test
    void dumpPrintsEveryFrameAndAnUnreadableOneWithItsOffset() throws IOException
    {
        final Path recording = tempDir.resolve("wash.rsr");
        Recordings.convert(new FeedContext().file(scenario("wash-trades.csv")).progress(false), recording,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        final CliRun text = CliRun.of("dump", recording.toString());
        assertEquals(0, text.exitCode(), text.toString());
        final String[] lines = text.out().split("\n");
        assertEquals(3, lines.length, text.toString());
        assertTrue(lines[0].startsWith("offset=" + RecordingFormat.HEADER_LENGTH + " template=client_execution "
            + "sourceId="), text.toString());

        final CliRun json = CliRun.of("dump", recording.toString(), "--format", "json", "--limit", "1");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().startsWith("{\"offset\":32,\"template\":\"client_execution\","), json.toString());
        assertEquals(1, json.out().split("\n").length);

        // The second frame's schema id broken, the file cut in the third's length prefix.
        final byte[] bytes = Files.readAllBytes(recording);
        final ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final int second = RecordingFormat.HEADER_LENGTH + RecordingFormat.recordLength(file.getInt(32));
        file.putShort(second + RecordingFormat.LENGTH_PREFIX + 4, (short)99);
        final int third = second + RecordingFormat.recordLength(file.getInt(second));
        final Path corrupt = tempDir.resolve("corrupt.rsr");
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, third + 2));
        final CliRun broken = CliRun.of("dump", corrupt.toString());
        assertEquals(1, broken.exitCode(), broken.toString());
        final String[] brokenLines = broken.out().split("\n");
        assertEquals(3, brokenLines.length, broken.toString());
        assertTrue(brokenLines[0].contains("template=client_execution"), broken.toString());
        assertTrue(brokenLines[1].startsWith("offset=" + second + " template=null unreadable=bad_frame "),
            broken.toString());
        assertTrue(brokenLines[2].startsWith("offset=" + third + " template=null unreadable=truncated "),
            broken.toString());
        assertTrue(broken.err().contains("2 unreadable record(s)"), broken.toString());

        final Path notARecording = tempDir.resolve("notes.txt");
        Files.writeString(notARecording, "hello, this is not a recording at all");
        final CliRun refused = CliRun.of("dump", notARecording.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().startsWith("ringside dump: error: " + notARecording + ": magic is"), refused.toString());
    }

    /** A scenario on its own, without the market data that defines AAPL: the instrument by its id instead. */
    private Path scenario(final String name) throws IOException
    {
        final Path file = tempDir.resolve(name);
        Files.writeString(file, Files.readString(SCENARIOS.resolve(name)).replace(",AAPL,", ",1,"));
        return file;
    }

    private static void feed(final String aeronDir, final Path file, final int sourceId, final PrintStream err)
    {
        final FeedResult result = new Feed(new FeedContext()
            .aeronDirectoryName(aeronDir)
            .file(file)
            .sourceId(sourceId)
            .pacing(Pacing.max())
            .reportDirectory(Path.of(aeronDir).resolveSibling("feed-report"))
            .progress(false), err).run();
        assertTrue(result.engineCaughtUp());
    }

    private static void await(final java.util.function.BooleanSupplier condition, final Object what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** What a command wrote, line by line, readable from another thread while it writes. */
    private static final class Lines extends Writer
    {
        private final StringWriter text = new StringWriter();

        public synchronized void write(final char[] chars, final int offset, final int length)
        {
            text.write(chars, offset, length);
        }

        public void flush()
        {
        }

        public void close()
        {
        }

        synchronized List<String> lines()
        {
            final List<String> lines = new ArrayList<>();
            for (final String line : text.toString().split("\n"))
            {
                if (!line.isEmpty())
                {
                    lines.add(line);
                }
            }
            return lines;
        }

        long count()
        {
            return lines().size();
        }

        public synchronized String toString()
        {
            return text.toString();
        }
    }
}
