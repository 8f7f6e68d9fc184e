package io.ringside.latency.feed;

import io.ringside.engine.EngineContext;
import io.ringside.latency.exchange.ExchangeDayGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of handlers holding thousands of books: the AAPL hour spread over 5,000 instruments, snapshotted at
 * several points, restored into fresh handlers: the same bytes again, then exactly the original's outputs to the end
 * and its end state byte for byte.
 */
final class ExchangeSnapshotRoundTripTest
{
    private static final Path AAPL_ITCH = Path.of("..", "..", "shared", "data", "itch", "AAPL_2012-06-21.itch50.gz");

    @TempDir
    Path tempDir;

    @Test
    void handlersOfThousandsOfInstrumentsRestoreToTheSameBytesAndTheSameOutputs()
    {
        final Path itch = tempDir.resolve("EXCHANGE_2012-06-21.itch50");
        final ExchangeDayGenerator.Result day = ExchangeDayGenerator.write(AAPL_ITCH, itch, 5_000, 60_000, 7);
        final List<byte[]> frames = SnapshotHandlers.frames(List.of(itch), tempDir.resolve("exchange.rsr"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(day.messages() - 2, frames.size(), "every message but the two system events");

        final EngineContext ctx = new EngineContext().conclude();
        final SnapshotHandlers whole = new SnapshotHandlers(ctx);
        final List<String> wholeOutputs = whole.feed(frames, 0, frames.size());
        final byte[] end = whole.state();
        assertTrue(wholeOutputs.size() > 1_000, "outputs: " + wholeOutputs.size());
        assertTrue(whole.surveillance.bookCount() > 2_000, "books: " + whole.surveillance.bookCount());

        for (final int k : new int[]{ 10_001, 25_000, 40_000, frames.size() - 1 })
        {
            final SnapshotHandlers original = new SnapshotHandlers(ctx);
            final List<String> head = original.feed(frames, 0, k);
            final byte[] snapshot = original.state();

            final SnapshotHandlers restored = new SnapshotHandlers(ctx);
            restored.restore(snapshot);
            assertArrayEquals(snapshot, restored.state(), "state after frame " + k + " re-encoded");
            assertEquals(original.surveillance.bookCount(), restored.surveillance.bookCount());

            final List<String> restoredTail = restored.feed(frames, k, frames.size());
            assertEquals(original.feed(frames, k, frames.size()), restoredTail, "outputs after a restore at " + k);
            final List<String> stitched = new ArrayList<>(head);
            stitched.addAll(restoredTail);
            assertEquals(wholeOutputs, stitched);
            assertArrayEquals(end, restored.state(), "end state after a restore at frame " + k);
        }
    }
}
