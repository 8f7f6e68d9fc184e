package io.ringside.latency.feed;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.engine.EngineContext;
import org.agrona.concurrent.UnsafeBuffer;
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
 * Snapshots in the middle of client activity: the AAPL hour with the five scenario files planted in it, handlers
 * configured by docs/ringside.conf, snapshotted right after client events (velocity rings, spoofing orders and
 * episodes, account groups, per-instrument overrides all holding state), restored into fresh instances: the same
 * bytes again, then exactly the original's alerts and orders to the end, and its end state byte for byte.
 */
final class ScenarioSnapshotRoundTripTest
{
    private static final Path DATA = Path.of("data");
    private static final Path SCENARIOS = DATA.resolve("scenarios");
    private static final Path CONFIG = Path.of("..", "docs", "ringside.conf");

    @TempDir
    Path tempDir;

    @Test
    void restoredMidScenarioHandlersContinueExactlyAsTheOriginals()
    {
        final List<byte[]> frames = frames();
        final EngineContext ctx = new EngineContext().configFile(CONFIG).conclude();
        final List<Integer> clientFrames = new ArrayList<>();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        for (int i = 0; i < frames.size(); i++)
        {
            view.wrap(frames.get(i));
            final int templateId = FrameCheck.templateId(view, 0);
            if (ClientNewOrderDecoder.TEMPLATE_ID == templateId || ClientCancelDecoder.TEMPLATE_ID == templateId ||
                ClientExecutionDecoder.TEMPLATE_ID == templateId)
            {
                clientFrames.add(i);
            }
        }
        assertEquals(67 + 65 + 4, clientFrames.size(), "client events in the scenarios");

        final SnapshotHandlers whole = new SnapshotHandlers(ctx);
        final List<String> wholeOutputs = whole.feed(frames, 0, frames.size());
        final byte[] end = whole.state();
        assertTrue(wholeOutputs.stream().filter((o) -> o.startsWith("alert rule=4")).count() == 1, "spoofing fired");
        assertTrue(wholeOutputs.stream().filter((o) -> o.startsWith("alert rule=3")).count() >= 1, "velocity fired");

        boolean sawSpoofingState = false;
        boolean sawVelocityState = false;
        for (int c = 0; c < clientFrames.size(); c += 9)
        {
            final int k = clientFrames.get(c) + 1;
            final SnapshotHandlers original = new SnapshotHandlers(ctx);
            final List<String> head = original.feed(frames, 0, k);
            sawSpoofingState |= original.surveillance.spoofingRule().trackedOrders() > 0;
            sawVelocityState |= original.surveillance.velocityRule().accounts() > 0;
            final byte[] snapshot = original.state();

            final SnapshotHandlers restored = new SnapshotHandlers(ctx);
            restored.restore(snapshot);
            assertArrayEquals(snapshot, restored.state(), "state after frame " + k + " re-encoded");

            final List<String> originalTail = original.feed(frames, k, frames.size());
            final List<String> restoredTail = restored.feed(frames, k, frames.size());
            assertEquals(originalTail, restoredTail, "outputs after a restore at frame " + k);
            final List<String> stitched = new ArrayList<>(head);
            stitched.addAll(restoredTail);
            assertEquals(wholeOutputs, stitched);
            assertArrayEquals(end, restored.state(), "end state after a restore at frame " + k);
        }
        assertTrue(sawSpoofingState, "some snapshot held tracked spoofing orders");
        assertTrue(sawVelocityState, "some snapshot held velocity rings");
    }

    private List<byte[]> frames()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final List<byte[]> frames = SnapshotHandlers.frames(List.of(
            DATA.resolve("AAPL_2012-06-21_34200000_37800000_message_50.csv"),
            SCENARIOS.resolve("fat-finger.csv"),
            SCENARIOS.resolve("oversized-order.csv"),
            SCENARIOS.resolve("spoofing.csv"),
            SCENARIOS.resolve("velocity.csv"),
            SCENARIOS.resolve("wash-trades.csv")), tempDir.resolve("aapl-with-scenarios.rsr"),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(frames.size() > 90_000, err.toString(StandardCharsets.UTF_8));
        return frames;
    }
}
