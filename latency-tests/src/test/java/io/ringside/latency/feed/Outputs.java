package io.ringside.latency.feed;

import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A tap on the feed's egress listener that keeps, per stream, every output in words and a SHA-256 over every field of
 * every output except triggerIntendedSendTime, the one field that depends on the wall clock of the run. Alerts and
 * orders are digested apart: each stream's order is fixed, how the two interleave on arrival is not.
 */
final class Outputs implements EgressListener.Tap
{
    final List<String> alerts = new ArrayList<>();
    final List<String> orders = new ArrayList<>();
    private final boolean keepText;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FraudAlertDecoder alert = new FraudAlertDecoder();
    private final StrategyOrderDecoder order = new StrategyOrderDecoder();
    private final MessageDigest alertDigest = sha256();
    private final MessageDigest orderDigest = sha256();
    private final ByteBuffer scratch = ByteBuffer.allocate(8);
    private long alertCount;
    private long orderCount;
    private long otherCount;

    /** @param keepText keep each output in words too (small runs). */
    Outputs(final boolean keepText)
    {
        this.keepText = keepText;
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (header.templateId() == FraudAlertDecoder.TEMPLATE_ID)
        {
            alert.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            alertCount++;
            digestHeader(alertDigest, length);
            digest(alertDigest, alert.outputSequence());
            digest(alertDigest, alert.ruleId());
            digest(alertDigest, alert.severityRaw());
            digest(alertDigest, alert.account());
            digest(alertDigest, alert.counterpartyAccount());
            digest(alertDigest, alert.instrumentId());
            digest(alertDigest, alert.triggerSourceId());
            digest(alertDigest, alert.triggerSequence());
            digest(alertDigest, alert.triggerEventTime());
            digest(alertDigest, alert.observedValue());
            digest(alertDigest, alert.limitValue());
            digest(alertDigest, alert.referenceValue());
            if (keepText)
            {
                alerts.add("#" + alert.outputSequence() + " rule=" + alert.ruleId() + " " + alert.severity()
                    + " instrument=" + alert.instrumentId() + " trigger=" + alert.triggerSourceId() + "/"
                    + alert.triggerSequence() + "@" + alert.triggerEventTime() + " observed=" + alert.observedValue()
                    + " limit=" + alert.limitValue() + " reference=" + alert.referenceValue());
            }
        }
        else if (header.templateId() == StrategyOrderDecoder.TEMPLATE_ID)
        {
            order.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            orderCount++;
            digestHeader(orderDigest, length);
            digest(orderDigest, order.outputSequence());
            digest(orderDigest, order.strategyId());
            digest(orderDigest, order.instrumentId());
            digest(orderDigest, order.actionRaw());
            digest(orderDigest, order.sideRaw());
            digest(orderDigest, order.price());
            digest(orderDigest, order.quantity());
            digest(orderDigest, order.clientOrderId());
            digest(orderDigest, order.originalClientOrderId());
            digest(orderDigest, order.triggerSourceId());
            digest(orderDigest, order.triggerSequence());
            digest(orderDigest, order.triggerEventTime());
            if (keepText)
            {
                orders.add("#" + order.outputSequence() + " strategy=" + order.strategyId() + " instrument="
                    + order.instrumentId() + " " + order.action() + " " + order.side() + " " + order.quantity() + "@"
                    + order.price() + " id=" + order.clientOrderId() + " orig=" + order.originalClientOrderId()
                    + " trigger=" + order.triggerSourceId() + "/" + order.triggerSequence() + "@"
                    + order.triggerEventTime());
            }
        }
        else
        {
            otherCount++;
        }
    }

    private void digestHeader(final MessageDigest digest, final int length)
    {
        digest(digest, length);
        digest(digest, header.blockLength());
        digest(digest, header.templateId());
        digest(digest, header.schemaId());
        digest(digest, header.version());
    }

    private void digest(final MessageDigest digest, final long value)
    {
        scratch.clear();
        scratch.putLong(value);
        digest.update(scratch.array());
    }

    long alertCount()
    {
        return alertCount;
    }

    long orderCount()
    {
        return orderCount;
    }

    long otherCount()
    {
        return otherCount;
    }

    /** Read once, after the feed has finished. */
    String alertDigest()
    {
        return HexFormat.of().formatHex(alertDigest.digest());
    }

    /** Read once, after the feed has finished. */
    String orderDigest()
    {
        return HexFormat.of().formatHex(orderDigest.digest());
    }
}
