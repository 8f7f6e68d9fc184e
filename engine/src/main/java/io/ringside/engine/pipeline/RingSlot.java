package io.ringside.engine.pipeline;

import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated slot of the ring: the inbound frame as it arrived, when it arrived, and room for the outputs
 * the handlers derive from it. Each region has one writer: ingress writes the frame, surveillance the alerts, the
 * strategy the orders; the egress handler, after both, reads them all.
 */
public final class RingSlot
{
    /** Largest inbound frame a ring slot holds. */
    public static final int FRAME_CAPACITY = 512;
    public static final int MAX_ALERTS = 8;
    public static final int MAX_ORDERS = 16;
    public static final int ALERT_FRAME_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + FraudAlertEncoder.BLOCK_LENGTH;
    public static final int ORDER_FRAME_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + StrategyOrderEncoder.BLOCK_LENGTH;

    /** Template id of a slot that is no event but a snapshot marker: each handler records its state on it. */
    static final int SNAPSHOT_MARKER = -1;

    final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_CAPACITY]);
    long sequence;
    int frameLength;
    int templateId;
    long receiveTime;

    final UnsafeBuffer alerts = new UnsafeBuffer(new byte[MAX_ALERTS * ALERT_FRAME_LENGTH]);
    int alertCount;

    final UnsafeBuffer orders = new UnsafeBuffer(new byte[MAX_ORDERS * ORDER_FRAME_LENGTH]);
    int orderCount;

    // A control command's outcome, as ControlResult values, one per writer; egress acknowledges from all three.
    short ingressResult;
    short surveillanceResult;
    short strategyResult;
}
