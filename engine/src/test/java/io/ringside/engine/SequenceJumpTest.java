package io.ringside.engine;

import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A source's sequence is its own to choose: jumps to the top of the range are gaps, counted without wrapping. */
final class SequenceJumpTest
{
    @TempDir
    Path tempDir;

    @Test
    void twoSourcesJumpingToTheLargestSequenceSaturateTheMissingCountInsteadOfWrappingIt()
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
            for (final int source : new int[]{ 1, 2 })
            {
                for (final long sequence : new long[]{ 1, Long.MAX_VALUE })
                {
                    order.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).instrumentId(source)
                        .orderId(sequence).side(Side.BUY).price(1_000_000).quantity(100);
                    final long now = System.nanoTime();
                    order.envelope().sourceId(source).sequence(sequence).eventTime(34_200_000_000_000L)
                        .sendTime(now).intendedSendTime(now);
                    harness.sendRaw(buffer, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
                }
            }
            harness.await("four events", () -> harness.engine.counters().get("events_in") == 4);
            assertEquals(2, harness.engine.counters().get("gaps"));
            assertEquals(Long.MAX_VALUE, harness.engine.counters().get("gap_missing_events"),
                "two gaps of 2^63 - 3 each: saturated, never negative");
        }
    }
}
