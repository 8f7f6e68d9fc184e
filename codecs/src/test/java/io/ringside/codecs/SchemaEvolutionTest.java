package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.Side;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The evolution rules in ringside-schema.xml: the v2 decoder reads v1 and (future) v3 AddOrders, a v1 reader reads v2
 * AddOrders, and the v2 wire format is pinned byte for byte.
 */
final class SchemaEvolutionTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long MIDNIGHT_2012_06_21_NY = 1_340_251_200_000_000_000L;
    private static final long EVENT_TIME = MIDNIGHT_2012_06_21_NY + 34_200_004_241_176L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final InboundDispatcher dispatcher = new InboundDispatcher();

    @Test
    void mainDecoderReadsVersion1AddOrderWithAttributionNull()
    {
        final io.ringside.codecs.sbe.v1.MessageHeaderEncoder v1Header =
            new io.ringside.codecs.sbe.v1.MessageHeaderEncoder();
        final io.ringside.codecs.sbe.v1.AddOrderEncoder v1 = new io.ringside.codecs.sbe.v1.AddOrderEncoder();
        v1.wrapAndApplyHeader(buffer, 0, v1Header);
        v1.envelope().sequence(11).eventTime(EVENT_TIME).sendTime(22).intendedSendTime(21).sourceId(5);
        v1.instrumentId(7).orderId(16113575).side(io.ringside.codecs.sbe.v1.Side.SELL).price(5853300).quantity(18);
        // The frame is followed by bytes that would read as attribution "XXXX" if the decoder looked past a v1 block.
        buffer.putStringWithoutLengthAscii(HEADER + 65, "XXXX");
        final int length = HEADER + v1.encodedLength();

        assertEquals(73, length);
        assertEquals(65, buffer.getShort(0, MessageHeaderDecoder.BYTE_ORDER));
        assertEquals(1, buffer.getShort(6, MessageHeaderDecoder.BYTE_ORDER));
        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, 0, length));
        assertEquals(FrameCheck.OK, FrameCheck.checkInbound(buffer, 0, length));

        final AddOrderCapture capture = new AddOrderCapture();
        assertEquals(FrameCheck.OK, dispatcher.dispatch(buffer, 0, length, capture));

        assertEquals(1, capture.count);
        assertEquals(1, capture.actingVersion);
        assertEquals(65, capture.actingBlockLength);
        assertEquals(11, capture.sequence);
        assertEquals(EVENT_TIME, capture.eventTime);
        assertEquals(22, capture.sendTime);
        assertEquals(21, capture.intendedSendTime);
        assertEquals(5, capture.sourceId);
        assertEquals(7, capture.instrumentId);
        assertEquals(16113575, capture.orderId);
        assertEquals(Side.SELL, capture.side);
        assertEquals(5853300, capture.price);
        assertEquals(18, capture.quantity);
        // For actingVersion < 2 the generated decoder returns the null value without touching the buffer.
        assertEquals(AddOrderDecoder.attributionNullValue(), capture.attribution0);
        assertEquals((byte)0, capture.attribution0);
        assertEquals("", capture.attribution);
        assertEquals(0, capture.attributionBytesCopied);
        assertEquals(length, capture.limit);
    }

    @Test
    void mainDecoderReadsVersion3AddOrderThroughHeaderBlockLength()
    {
        final io.ringside.codecs.sbe.v3.MessageHeaderEncoder v3Header =
            new io.ringside.codecs.sbe.v3.MessageHeaderEncoder();
        final io.ringside.codecs.sbe.v3.AddOrderEncoder v3 = new io.ringside.codecs.sbe.v3.AddOrderEncoder();
        final int start = 16;
        v3.wrapAndApplyHeader(buffer, start, v3Header);
        v3.envelope().sequence(12).eventTime(EVENT_TIME).sendTime(32).intendedSendTime(31).sourceId(6);
        v3.instrumentId(8).orderId(16113584).side(io.ringside.codecs.sbe.v3.Side.BUY).price(5853200).quantity(300)
            .attribution("NSDQ").displayQuantity(100);
        final int v3Length = HEADER + v3.encodedLength();

        assertEquals(77, v3.encodedLength());
        assertNotEquals(AddOrderDecoder.BLOCK_LENGTH, v3.encodedLength());
        assertEquals(3, buffer.getShort(start + 6, MessageHeaderDecoder.BYTE_ORDER));

        final int secondOffset = start + HEADER + 77;
        final OrderDeletedEncoder deleted = new OrderDeletedEncoder();
        deleted.wrapAndApplyHeader(buffer, secondOffset, new MessageHeaderEncoder());
        deleted.envelope().sequence(13).eventTime(EVENT_TIME + 1).sendTime(42).intendedSendTime(41).sourceId(6);
        deleted.instrumentId(8).orderId(16113584).price(5853200).quantity(300).side(Side.BUY);
        final int secondLength = HEADER + deleted.encodedLength();
        final int total = v3Length + secondLength;

        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, start, v3Length));
        final AddOrderCapture capture = new AddOrderCapture();
        assertEquals(FrameCheck.OK, dispatcher.dispatch(buffer, start, total, capture));

        assertEquals(1, capture.count);
        assertEquals(3, capture.actingVersion);
        assertEquals(77, capture.actingBlockLength);
        assertEquals(12, capture.sequence);
        assertEquals(EVENT_TIME, capture.eventTime);
        assertEquals(32, capture.sendTime);
        assertEquals(31, capture.intendedSendTime);
        assertEquals(6, capture.sourceId);
        assertEquals(8, capture.instrumentId);
        assertEquals(16113584, capture.orderId);
        assertEquals(Side.BUY, capture.side);
        assertEquals(5853200, capture.price);
        assertEquals(300, capture.quantity);
        assertEquals((byte)'N', capture.attribution0);
        assertEquals("NSDQ", capture.attribution);
        assertEquals(4, capture.attributionBytesCopied);
        // The decoder's limit is where the next message starts: header + the v3 block length, not its own 69.
        assertEquals(secondOffset, capture.limit);

        final List<String> seen = new ArrayList<>();
        final int result = dispatcher.dispatch(buffer, capture.limit, total - (capture.limit - start), new InboundListener()
        {
            public void onOrderDeleted(final OrderDeletedDecoder event)
            {
                seen.add(event.envelope().sequence() + "/" + event.envelope().eventTime() + "/" +
                    event.instrumentId() + "/" + event.orderId() + "/" + event.price() + "/" + event.quantity() + "/" +
                    event.side());
            }
        });
        assertEquals(FrameCheck.OK, result);
        assertEquals(List.of("13/" + (EVENT_TIME + 1) + "/8/16113584/5853200/300/BUY"), seen);
    }

    @Test
    void version1DecoderReadsMainEncoderOutput()
    {
        final int length = encodeGoldenAddOrder();

        final io.ringside.codecs.sbe.v1.MessageHeaderDecoder v1Header =
            new io.ringside.codecs.sbe.v1.MessageHeaderDecoder();
        v1Header.wrap(buffer, 0);
        assertEquals(69, v1Header.blockLength());
        assertEquals(2, v1Header.version());
        assertEquals(io.ringside.codecs.sbe.v1.AddOrderDecoder.TEMPLATE_ID, v1Header.templateId());
        assertEquals(io.ringside.codecs.sbe.v1.AddOrderDecoder.SCHEMA_ID, v1Header.schemaId());

        final io.ringside.codecs.sbe.v1.AddOrderDecoder v1 = new io.ringside.codecs.sbe.v1.AddOrderDecoder();
        v1.wrap(buffer, HEADER, v1Header.blockLength(), v1Header.version());

        assertEquals(1, v1.envelope().sequence());
        assertEquals(EVENT_TIME, v1.envelope().eventTime());
        assertEquals(2, v1.envelope().sendTime());
        assertEquals(3, v1.envelope().intendedSendTime());
        assertEquals(4, v1.envelope().sourceId());
        assertEquals(7, v1.instrumentId());
        assertEquals(16113575, v1.orderId());
        assertEquals(io.ringside.codecs.sbe.v1.Side.SELL, v1.side());
        assertEquals(5853300, v1.price());
        assertEquals(18, v1.quantity());
        // The old reader skips the attribution it does not know by the header's block length.
        assertEquals(length, v1.limit());
    }

    @Test
    void addOrderWireFormatIsPinned()
    {
        final int length = encodeGoldenAddOrder();

        // Little-endian throughout.
        // header (8):         blockLength 69 = 4500 | templateId 10 = 0a00 | schemaId 7001 = 591b | version 2 = 0200
        // envelope (36):      sequence 1             = 0100000000000000
        //                     eventTime 1340285400004241176 (0x1299a6785ce52718) = 1827e55c78a69912
        //                     sendTime 2             = 0200000000000000
        //                     intendedSendTime 3     = 0300000000000000
        //                     sourceId 4 (int32)     = 04000000
        // body (33):          instrumentId 7 (int32) = 07000000
        //                     orderId 16113575 (0xf5dfa7) = a7dff50000000000
        //                     side SELL (uint8 1)    = 01
        //                     price 5853300 (0x595074) = 7450590000000000
        //                     quantity 18            = 1200000000000000
        //                     attribution "NSDQ"     = 4e534451
        final String expected =
            "45000a00591b0200" +
            "0100000000000000" + "1827e55c78a69912" + "0200000000000000" + "0300000000000000" + "04000000" +
            "07000000" + "a7dff50000000000" + "01" + "7450590000000000" + "1200000000000000" + "4e534451";

        assertEquals(77, length);
        final byte[] actual = new byte[length];
        buffer.getBytes(0, actual);
        assertEquals(expected, BitUtil.toHex(actual).toLowerCase());
        assertArrayEquals(BitUtil.fromHex(expected), actual);
        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, 0, length));
    }

    private int encodeGoldenAddOrder()
    {
        final AddOrderEncoder encoder = new AddOrderEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.envelope().sequence(1).eventTime(EVENT_TIME).sendTime(2).intendedSendTime(3).sourceId(4);
        encoder.instrumentId(7).orderId(16113575).side(Side.SELL).price(5853300).quantity(18).attribution("NSDQ");
        return HEADER + encoder.encodedLength();
    }

    private static final class AddOrderCapture implements InboundListener
    {
        int count;
        int actingVersion;
        int actingBlockLength;
        long sequence;
        long eventTime;
        long sendTime;
        long intendedSendTime;
        int sourceId;
        int instrumentId;
        long orderId;
        Side side;
        long price;
        long quantity;
        byte attribution0;
        String attribution;
        int attributionBytesCopied;
        int limit;

        public void onAddOrder(final AddOrderDecoder event)
        {
            count++;
            actingVersion = event.actingVersion();
            actingBlockLength = event.encodedLength(); // limit - offset: the acting block length
            sequence = event.envelope().sequence();
            eventTime = event.envelope().eventTime();
            sendTime = event.envelope().sendTime();
            intendedSendTime = event.envelope().intendedSendTime();
            sourceId = event.envelope().sourceId();
            instrumentId = event.instrumentId();
            orderId = event.orderId();
            side = event.side();
            price = event.price();
            quantity = event.quantity();
            attribution0 = event.attribution(0);
            attribution = event.attribution();
            attributionBytesCopied = event.getAttribution(new byte[4], 0);
            limit = event.limit();
        }
    }
}
