package io.ringside.codecs.itch;

import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.OrderReplacedEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ringside.codecs.itch.ItchReaderTest.DATE;
import static io.ringside.codecs.itch.ItchReaderTest.MIDNIGHT;
import static io.ringside.codecs.itch.ItchReaderTest.TS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reader writes its frames with one capacity check per frame and unchecked puts: each frame must be byte for
 * byte what the generated SBE encoders write for the same event, in any buffer, at any offset, and a buffer too
 * small for the frame must be refused before a byte of it is written.
 */
final class ItchFrameBytesTest
{
    @TempDir
    Path dir;

    /** One message of every type that has an event, in time order. */
    private static ItchBytes everyEventType()
    {
        return new ItchBytes()
            .stockDirectory(7, TS, "AAPL")
            .tradingAction(7, TS + 1, "AAPL", 'Q')
            .addOrder(7, TS + 2, 1_234_567_890_123L, 'B', 300, "AAPL", 5_853_300)
            .addOrderMpid(65_535, TS + 3, 99, 'S', 4_294_967_295L, "AAPL", 4_294_967_295L, "GSCO")
            .executed(7, TS + 4, 1_234_567_890_123L, 100, 555)
            .executedWithPrice(7, TS + 5, 99, 7, 556, 'Y', 5_860_000)
            .cancel(7, TS + 6, 1_234_567_890_123L, 50)
            .delete(7, TS + 7, 1_234_567_890_123L)
            .replace(7, TS + 8, 99, 100, 42, 5_861_000)
            .trade(7, TS + 9, 0, 'B', 10, "AAPL", 5_862_000, 557)
            .crossTrade(7, TS + 10, 1_000, "AAPL", 5_863_000, 558, 'O');
    }

    /** The same events written by the generated encoders. */
    private static List<byte[]> expectedFrames()
    {
        final List<byte[]> frames = new ArrayList<>();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();

        UnsafeBuffer b = frame(InstrumentDefinitionEncoder.BLOCK_LENGTH);
        final InstrumentDefinitionEncoder r = new InstrumentDefinitionEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(r.envelope(), TS);
        r.instrumentId(7).tickSize(ItchReader.TICK_SIZE).priceScale((short)ItchReader.PRICE_SCALE).symbol("AAPL");
        frames.add(b.byteArray());

        b = frame(TradingStatusEncoder.BLOCK_LENGTH);
        final TradingStatusEncoder h = new TradingStatusEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(h.envelope(), TS + 1);
        h.instrumentId(7).state(TradingState.QUOTING);
        frames.add(b.byteArray());

        b = frame(AddOrderEncoder.BLOCK_LENGTH);
        final AddOrderEncoder a = new AddOrderEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(a.envelope(), TS + 2);
        a.instrumentId(7).orderId(1_234_567_890_123L).side(Side.BUY).price(5_853_300).quantity(300)
            .putAttribution((byte)0, (byte)0, (byte)0, (byte)0);
        frames.add(b.byteArray());

        b = frame(AddOrderEncoder.BLOCK_LENGTH);
        final AddOrderEncoder f = new AddOrderEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(f.envelope(), TS + 3);
        f.instrumentId(65_535).orderId(99).side(Side.SELL).price(4_294_967_295L).quantity(4_294_967_295L)
            .attribution("GSCO");
        frames.add(b.byteArray());

        b = frame(OrderExecutedEncoder.BLOCK_LENGTH);
        final OrderExecutedEncoder e = new OrderExecutedEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(e.envelope(), TS + 4);
        e.instrumentId(7).orderId(1_234_567_890_123L).executedQuantity(100).matchId(555)
            .price(OrderExecutedEncoder.priceNullValue()).side(Side.NULL_VAL);
        frames.add(b.byteArray());

        b = frame(OrderExecutedEncoder.BLOCK_LENGTH);
        final OrderExecutedEncoder c = new OrderExecutedEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(c.envelope(), TS + 5);
        c.instrumentId(7).orderId(99).executedQuantity(7).matchId(556).price(5_860_000).side(Side.NULL_VAL);
        frames.add(b.byteArray());

        b = frame(OrderCancelledEncoder.BLOCK_LENGTH);
        final OrderCancelledEncoder x = new OrderCancelledEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(x.envelope(), TS + 6);
        x.instrumentId(7).orderId(1_234_567_890_123L).cancelledQuantity(50)
            .price(OrderCancelledEncoder.priceNullValue()).side(Side.NULL_VAL);
        frames.add(b.byteArray());

        b = frame(OrderDeletedEncoder.BLOCK_LENGTH);
        final OrderDeletedEncoder d = new OrderDeletedEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(d.envelope(), TS + 7);
        d.instrumentId(7).orderId(1_234_567_890_123L).price(OrderDeletedEncoder.priceNullValue())
            .quantity(OrderDeletedEncoder.quantityNullValue()).side(Side.NULL_VAL);
        frames.add(b.byteArray());

        b = frame(OrderReplacedEncoder.BLOCK_LENGTH);
        final OrderReplacedEncoder u = new OrderReplacedEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(u.envelope(), TS + 8);
        u.instrumentId(7).originalOrderId(99).newOrderId(100).price(5_861_000).quantity(42);
        frames.add(b.byteArray());

        b = frame(TradePrintEncoder.BLOCK_LENGTH);
        final TradePrintEncoder p = new TradePrintEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(p.envelope(), TS + 9);
        p.instrumentId(7).price(5_862_000).quantity(10).matchId(557).kind(TradeKind.HIDDEN).aggressorSide(Side.SELL);
        frames.add(b.byteArray());

        b = frame(TradePrintEncoder.BLOCK_LENGTH);
        final TradePrintEncoder q = new TradePrintEncoder().wrapAndApplyHeader(b, 0, header);
        envelope(q.envelope(), TS + 10);
        q.instrumentId(7).price(5_863_000).quantity(1_000).matchId(558).kind(TradeKind.CROSS)
            .aggressorSide(Side.NULL_VAL);
        frames.add(b.byteArray());

        return frames;
    }

    @Test
    void everyEventIsTheEncodersBytesAtAnyOffsetInAnyBuffer() throws IOException
    {
        final List<byte[]> expected = expectedFrames();
        final Path file = write(everyEventType());
        final MutableDirectBuffer[] buffers = {
            new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]),
            new UnsafeBuffer(ByteBuffer.allocateDirect(RecordedEventReader.MAX_FRAME_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocate(RecordedEventReader.MAX_FRAME_LENGTH)),
            new ExpandableArrayBuffer(16), // grows to each frame, as the encoders' puts made it
        };
        for (final MutableDirectBuffer buffer : buffers)
        {
            for (final int offset : new int[] {0, 13})
            {
                buffer.setMemory(0, buffer.capacity(), (byte)0xFF); // stale bytes would show
                try (ItchReader reader = new ItchReader(file, DATE, failOnError()))
                {
                    for (final byte[] frame : expected)
                    {
                        final int length = reader.next(buffer, offset);
                        assertEquals(frame.length, length);
                        final byte[] actual = new byte[length];
                        buffer.getBytes(offset, actual);
                        assertArrayEquals(frame, actual, buffer.getClass().getSimpleName() + " at " + offset);
                    }
                    assertEquals(0, reader.next(buffer, offset));
                    assertEquals(expected.size(), reader.eventsProduced());
                }
            }
        }
    }

    @Test
    void aBufferTooSmallForTheFrameIsRefusedBeforeAnyByteIsWritten() throws IOException
    {
        final Path file = write(new ItchBytes().addOrder(7, TS, 1, 'B', 100, "AAPL", 5_853_300));
        final int frameLength = MessageHeaderEncoder.ENCODED_LENGTH + AddOrderEncoder.BLOCK_LENGTH;
        final byte[] bytes = new byte[frameLength + 4];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        for (final int offset : new int[] {5, -1, Integer.MAX_VALUE - 10})
        {
            Arrays.fill(bytes, (byte)0xFF);
            try (ItchReader reader = new ItchReader(file, DATE, failOnError()))
            {
                assertThrows(IndexOutOfBoundsException.class, () -> reader.next(buffer, offset));
            }
            for (final byte b : bytes)
            {
                assertEquals((byte)0xFF, b);
            }
        }

        // Exactly at the end of the buffer fits.
        try (ItchReader reader = new ItchReader(file, DATE, failOnError()))
        {
            assertEquals(frameLength, reader.next(buffer, 4));
            assertEquals(MIDNIGHT + TS, buffer.getLong(4 + MessageHeaderEncoder.ENCODED_LENGTH +
                EnvelopeEncoder.eventTimeEncodingOffset(), EnvelopeEncoder.BYTE_ORDER));
        }
    }

    private Path write(final ItchBytes b) throws IOException
    {
        final Path file = dir.resolve("frames.itch50");
        Files.write(file, b.bytes());
        return file;
    }

    private static io.ringside.codecs.recorded.ReadErrorHandler failOnError()
    {
        return (kind, location, problem) ->
        {
            throw new AssertionError(kind + " " + location + " " + problem);
        };
    }

    private static UnsafeBuffer frame(final int blockLength)
    {
        return new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + blockLength]);
    }

    private static void envelope(final EnvelopeEncoder envelope, final long timestamp)
    {
        envelope.sequence(0).eventTime(MIDNIGHT + timestamp).sendTime(0).intendedSendTime(0).sourceId(0);
    }
}
