package io.ringside.strategies;

import io.ringside.codecs.sbe.Severity;

/**
 * Where surveillance rules put the alerts they raise. The host fills in what identifies the triggering event (its
 * source, sequence and times); a rule says only what it found. Values are the rule's own units, documented per rule.
 */
@FunctionalInterface
public interface AlertSink
{
    /** Account value for alerts raised on market data, where no client account is involved. */
    long NO_ACCOUNT = Long.MIN_VALUE;

    void onAlert(
        int ruleId,
        Severity severity,
        long account,
        long counterpartyAccount,
        int instrumentId,
        long observedValue,
        long limitValue,
        long referenceValue);
}
