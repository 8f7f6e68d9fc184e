package io.ringside.engine;

import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.engine.config.IngressConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A source's sequence is checked, never trusted: zero and negative are refused, and so is a jump further than
 * max-sequence-gap, which leaves the source where it was, so its next events in order are still taken.
 */
final class SequenceJumpTest
{
    @TempDir
    Path tempDir;

    @Test
    void aJumpBeyondTheLimitIsRefusedAndMovesNothingWhileAGapWithinItIsCounted()
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .reportDirectory(tempDir.resolve("report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024);
        ctx.durableLog().archive(false);
        try (EngineHarness harness = new EngineHarness(ctx))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            final AddOrderEncoder order = new AddOrderEncoder();
            final long maxGap = IngressConfig.DEFAULT_MAX_SEQUENCE_GAP;
            for (final int source : new int[]{ 1, 2 })
            {
                // In order; forged to the top (refused); in order again; a gap of exactly the most allowed; one
                // further than that (refused); zero and negative (refused).
                for (final long sequence : new long[]{ 1, Long.MAX_VALUE, 2, 3 + maxGap, 3 + maxGap + maxGap + 2, 0,
                    -5 })
                {
                    order.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).instrumentId(source)
                        .orderId(sequence).side(Side.BUY).price(1_000_000).quantity(100);
                    final long now = System.nanoTime();
                    order.envelope().sourceId(source).sequence(sequence).eventTime(34_200_000_000_000L)
                        .sendTime(now).intendedSendTime(now);
                    harness.sendRaw(buffer, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
                }
            }
            harness.await("every message taken or refused, and written off", () ->
                harness.engine.counters().get("events_in") + harness.engine.counters().get("rejected") == 14 &&
                harness.engine.counters().get("dead_letters.not_published") == 8);
            assertEquals(6, harness.engine.counters().get("events_in"), "1, 2 and 3 + max gap, of each source");
            assertEquals(4, harness.engine.counters().get("rejected.sequence_jump"));
            assertEquals(4, harness.engine.counters().get("rejected.bad_sequence"));
            assertEquals(8, harness.engine.counters().get("rejected"));
            assertEquals(0, harness.engine.counters().get("duplicates"), "a refused jump left each source at 1");
            assertEquals(2, harness.engine.counters().get("gaps"));
            assertEquals(2 * maxGap, harness.engine.counters().get("gap_missing_events"));
            assertEquals(8, harness.engine.counters().get("dead_letters.not_published"),
                "every refusal a dead letter; no archive here to record them");
        }
    }
}
