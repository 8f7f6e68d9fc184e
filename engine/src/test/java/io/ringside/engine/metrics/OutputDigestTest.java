package io.ringside.engine.metrics;

import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
import io.ringside.engine.pipeline.RingSlot;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

final class OutputDigestTest
{
    private static final int ALERT = RingSlot.ALERT_FRAME_LENGTH;
    private static final int ORDER = RingSlot.ORDER_FRAME_LENGTH;

    @Test
    void everyByteOfAnAlertCountsExceptTheTriggersIntendedSendTime()
    {
        final UnsafeBuffer frame = alert();
        final long original = digest(frame, ALERT, OutputDigest.ALERT_INTENDED_SEND_TIME_OFFSET);
        for (int i = 0; i < ALERT; i++)
        {
            final UnsafeBuffer changed = copy(frame);
            changed.putByte(i, (byte)(changed.getByte(i) ^ 1));
            final long digest = digest(changed, ALERT, OutputDigest.ALERT_INTENDED_SEND_TIME_OFFSET);
            if (i >= OutputDigest.ALERT_INTENDED_SEND_TIME_OFFSET && i < OutputDigest.ALERT_INTENDED_SEND_TIME_OFFSET + 8)
            {
                assertEquals(original, digest, "byte " + i + " is the intended send time");
            }
            else
            {
                assertNotEquals(original, digest, "byte " + i);
            }
        }
    }

    @Test
    void everyByteOfAnOrderCountsExceptTheTriggersIntendedSendTime()
    {
        final UnsafeBuffer frame = order();
        final long original = digest(frame, ORDER, OutputDigest.ORDER_INTENDED_SEND_TIME_OFFSET);
        for (int i = 0; i < ORDER; i++)
        {
            final UnsafeBuffer changed = copy(frame);
            changed.putByte(i, (byte)(changed.getByte(i) ^ 0x80));
            final long digest = digest(changed, ORDER, OutputDigest.ORDER_INTENDED_SEND_TIME_OFFSET);
            if (i >= OutputDigest.ORDER_INTENDED_SEND_TIME_OFFSET && i < OutputDigest.ORDER_INTENDED_SEND_TIME_OFFSET + 8)
            {
                assertEquals(original, digest, "byte " + i + " is the intended send time");
            }
            else
            {
                assertNotEquals(original, digest, "byte " + i);
            }
        }
    }

    @Test
    void theOrderOfOutputsCounts()
    {
        final OutputDigest alertThenOrder = new OutputDigest();
        alertThenOrder.update(alert(), 0, ALERT, OutputDigest.ALERT_INTENDED_SEND_TIME_OFFSET);
        alertThenOrder.update(order(), 0, ORDER, OutputDigest.ORDER_INTENDED_SEND_TIME_OFFSET);
        final OutputDigest orderThenAlert = new OutputDigest();
        orderThenAlert.update(order(), 0, ORDER, OutputDigest.ORDER_INTENDED_SEND_TIME_OFFSET);
        orderThenAlert.update(alert(), 0, ALERT, OutputDigest.ALERT_INTENDED_SEND_TIME_OFFSET);
        assertNotEquals(alertThenOrder.value(), orderThenAlert.value());
        assertNotEquals(OutputDigest.empty(), alertThenOrder.value());
        alertThenOrder.reset();
        assertEquals(OutputDigest.empty(), alertThenOrder.value());
        assertEquals("000000000000002a", OutputDigest.format(42));
        assertEquals("ffffffffffffffff", OutputDigest.format(-1));
    }

    private static long digest(final UnsafeBuffer frame, final int length, final int excluded)
    {
        final OutputDigest digest = new OutputDigest();
        digest.update(frame, 0, length, excluded);
        return digest.value();
    }

    private static UnsafeBuffer copy(final UnsafeBuffer frame)
    {
        final byte[] bytes = new byte[frame.capacity()];
        frame.getBytes(0, bytes);
        return new UnsafeBuffer(bytes);
    }

    private static UnsafeBuffer alert()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[ALERT]);
        new FraudAlertEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .outputSequence(3).ruleId(1).severity(Severity.CRITICAL).account(9).counterpartyAccount(7)
            .instrumentId(1).triggerSourceId(10).triggerSequence(3).triggerEventTime(1_340_285_400_022_000_000L)
            .triggerIntendedSendTime(123_456_789L).observedValue(14).limitValue(5).referenceValue(1_000_500);
        return frame;
    }

    private static UnsafeBuffer order()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[ORDER]);
        new StrategyOrderEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .outputSequence(4).strategyId(1).instrumentId(1).action(OrderAction.REPLACE).side(Side.SELL)
            .price(1_001_000).quantity(100).clientOrderId(4).originalClientOrderId(2).triggerSourceId(1)
            .triggerSequence(6).triggerEventTime(1_340_285_400_003_000_000L).triggerIntendedSendTime(987_654_321L);
        return frame;
    }
}
