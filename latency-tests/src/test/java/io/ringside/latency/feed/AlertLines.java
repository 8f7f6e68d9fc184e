package io.ringside.latency.feed;

import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/** Every alert on egress in words, accounts included, for exact assertions. */
final class AlertLines implements EgressListener.Tap
{
    final List<String> lines = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FraudAlertDecoder alert = new FraudAlertDecoder();

    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        if (header.templateId() != FraudAlertDecoder.TEMPLATE_ID)
        {
            return;
        }
        alert.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        lines.add("#" + alert.outputSequence() + " rule=" + alert.ruleId() + " " + alert.severity() +
            " account=" + account(alert.account()) + " counterparty=" + account(alert.counterpartyAccount()) +
            " instrument=" + alert.instrumentId() + " trigger=" + alert.triggerSourceId() + "/" +
            alert.triggerSequence() + "@" + alert.triggerEventTime() + " observed=" + alert.observedValue() +
            " limit=" + alert.limitValue() + " reference=" + alert.referenceValue());
    }

    private static String account(final long account)
    {
        return account == FraudAlertDecoder.accountNullValue() ? "null" : Long.toString(account);
    }
}
