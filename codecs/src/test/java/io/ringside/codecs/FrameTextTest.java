package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.DeadLetterEncoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class FrameTextTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    private int addOrder(final UnsafeBuffer into, final int offset)
    {
        final AddOrderEncoder order = new AddOrderEncoder().wrapAndApplyHeader(into, offset, header);
        order.envelope().sequence(7).eventTime(1_000).sendTime(2).intendedSendTime(3).sourceId(1);
        order.instrumentId(5).orderId(42).side(Side.SELL).price(5_853_300).quantity(100).attribution("MS\"X");
        return MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength();
    }

    @Test
    void anInboundEventAsTextAndJson()
    {
        final int length = addOrder(buffer, 0);
        assertEquals("offset=32 template=add_order sourceId=1 sequence=7 eventTime=1000 sendTime=2 intendedSendTime=3 "
            + "instrumentId=5 orderId=42 side=SELL price=5853300 quantity=100 attribution=\"MS\\\"X\"",
            new FrameText(false).begin().field("offset", 32).frame(buffer, 0, length).end());
        assertEquals("{\"template\":\"add_order\",\"sourceId\":1,\"sequence\":7,\"eventTime\":1000,\"sendTime\":2,"
            + "\"intendedSendTime\":3,\"instrumentId\":5,\"orderId\":42,\"side\":\"SELL\",\"price\":5853300,"
            + "\"quantity\":100,\"attribution\":\"MS\\\"X\"}", new FrameText(true).describe(buffer, 0, length));
    }

    @Test
    void anAlertWithItsNullAccount()
    {
        final FraudAlertEncoder alert = new FraudAlertEncoder().wrapAndApplyHeader(buffer, 0, header);
        alert.outputSequence(3).ruleId(2).severity(Severity.CRITICAL).account(FraudAlertEncoder.accountNullValue())
            .counterpartyAccount(FraudAlertEncoder.counterpartyAccountNullValue()).instrumentId(5);
        final String text = new FrameText(false).describe(buffer, 0, 8 + alert.encodedLength());
        assertTrue(text.startsWith("template=fraud_alert outputSequence=3 ruleId=2 severity=CRITICAL account=null "),
            text);
    }

    @Test
    void aDeadLetterCarriesTheRefusedFrameDecoded()
    {
        final UnsafeBuffer inner = new UnsafeBuffer(new byte[128]);
        final int innerLength = addOrder(inner, 0);
        final DeadLetterEncoder letter = new DeadLetterEncoder().wrapAndApplyHeader(buffer, 0, header);
        letter.deadLetterSequence(1).stage((short)0).reason(3).sourceId(1).sequence(7).templateId(10)
            .detail("duplicate\nsequence").putFrame(inner, 0, innerLength);
        final int length = 8 + letter.encodedLength();
        final String json = new FrameText(true).describe(buffer, 0, length);
        assertTrue(json.contains("\"detail\":\"duplicate?sequence\",\"frameLength\":" + innerLength
            + ",\"frame\":{\"template\":\"add_order\",\"sourceId\":1,"), json);
        assertTrue(json.endsWith("}}"), json);
        final String text = new FrameText(false).describe(buffer, 0, length);
        assertTrue(text.contains(" frame=(template=add_order sourceId=1 "), text);
        assertFalse(text.contains("\n"), text);

        // Its frame's length says more than is there: unreadable, not an exception or a huge allocation.
        buffer.putInt(length - innerLength - 4, Integer.MAX_VALUE, ByteOrder.LITTLE_ENDIAN);
        final String lying = new FrameText(false).describe(buffer, 0, length);
        assertTrue(lying.startsWith("template=null unreadable=bad_field detail=\"dead_letter: "), lying);
    }

    @Test
    void anUnreadableFrameSaysWhy()
    {
        assertEquals("offset=8 template=null unreadable=short_frame detail=\"frame shorter than the 8-byte SBE "
            + "message header (3-byte frame)\"", new FrameText(false).begin().field("offset", 8)
            .frame(buffer, 0, 3).end());
        final int length = addOrder(buffer, 0);
        buffer.putShort(MessageHeaderDecoder.templateIdEncodingOffset(), (short)63, ByteOrder.LITTLE_ENDIAN);
        assertEquals("{\"template\":null,\"unreadable\":\"unknown_template\",\"detail\":\"template id unknown to this "
            + "build (" + length + "-byte frame)\"}", new FrameText(true).describe(buffer, 0, length));
        assertTrue(new FrameText(false).describe(buffer, 500, 100).contains("unreadable=truncated"));
    }

    @Test
    void randomBytesNeverThrow()
    {
        final Random random = new Random(15);
        final FrameText text = new FrameText(true);
        final byte[] bytes = new byte[200];
        for (int i = 0; i < 200_000; i++)
        {
            random.nextBytes(bytes);
            final UnsafeBuffer frame = new UnsafeBuffer(bytes);
            // Mostly frames of a known template with lying lengths and values, which is where a decoder would slip.
            frame.putShort(MessageHeaderDecoder.schemaIdEncodingOffset(), (short)MessageHeaderDecoder.SCHEMA_ID,
                ByteOrder.LITTLE_ENDIAN);
            final int[] templates = { 1, 2, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 30, 31, 40, 41, 50, 51 };
            frame.putShort(MessageHeaderDecoder.templateIdEncodingOffset(),
                (short)templates[random.nextInt(templates.length)], ByteOrder.LITTLE_ENDIAN);
            frame.putShort(MessageHeaderDecoder.blockLengthEncodingOffset(), (short)random.nextInt(120),
                ByteOrder.LITTLE_ENDIAN);
            final String line = text.describe(frame, 0, random.nextInt(bytes.length + 1));
            assertFalse(line.contains("\n"));
        }
    }
}
