package io.ringside.latency.feed;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recording.RecordingReader;
import io.ringside.engine.EngineContext;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.trading.Trading;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Both handlers as the engine configures them, fed frames directly: their outputs as text, their state as the
 * snapshot bytes the engine would write, and a restore from those bytes.
 */
final class SnapshotHandlers
{
    final Surveillance surveillance;
    final Trading trading;

    /**
     * The files converted as a feed would merge them into one recording at {@code recording}, read back frame by
     * frame; what the conversion printed goes to {@code out}.
     */
    static List<byte[]> frames(final List<Path> files, final Path recording, final PrintStream out)
    {
        Recordings.convert(new FeedContext().files(files).progress(false), recording, out);
        final List<byte[]> frames = new ArrayList<>();
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        try (RecordingReader reader = new RecordingReader(recording, (kind, where, problem) -> false))
        {
            int length;
            while ((length = reader.next(scratch, 0)) > 0)
            {
                frames.add(Arrays.copyOf(scratch.byteArray(), length));
            }
        }
        return frames;
    }

    SnapshotHandlers(final EngineContext ctx)
    {
        surveillance = new Surveillance(ctx.surveillanceConfig(), ctx.initialOrderCapacity());
        trading = new Trading(ctx.tradingConfig());
    }

    List<String> feed(final List<byte[]> frames, final int from, final int to)
    {
        final List<String> outputs = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (int i = from; i < to; i++)
        {
            final int frame = i;
            buffer.wrap(frames.get(i));
            assertEquals(FrameCheck.OK, surveillance.onFrame(buffer, 0, buffer.capacity(),
                (rule, severity, account, counterparty, instrument, observed, limit, reference) ->
                    outputs.add("alert rule=" + rule + " " + severity + " " + account + "/" + counterparty + " "
                        + instrument + " " + observed + " " + limit + " " + reference + " at " + frame)));
            assertEquals(FrameCheck.OK, trading.onFrame(buffer, 0, buffer.capacity(),
                (strategy, instrument, action, side, price, quantity, id, original) ->
                    outputs.add("order " + strategy + " " + action + " " + side + " " + quantity + "@" + price
                        + " " + id + " " + original + " at " + frame)));
        }
        return outputs;
    }

    byte[] state()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
        final int surveillanceLength = surveillance.encodeState(buffer, 0);
        final int length = surveillanceLength + trading.encodeState(buffer, surveillanceLength);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    void restore(final byte[] snapshot)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(snapshot);
        final int end = surveillance.restoreState(buffer, 0, snapshot.length);
        assertEquals(snapshot.length, trading.restoreState(buffer, end, snapshot.length));
    }
}
