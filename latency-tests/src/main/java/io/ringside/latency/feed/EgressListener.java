package io.ringside.latency.feed;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.engine.metrics.Stages;
import io.ringside.transport.PublishTime;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Listens to the engine's alert and order streams and measures end-to-end latency: from the intended send time of
 * the event that triggered an output to the moment the output arrives here. Checks each stream's output sequence
 * and counts gaps and repeats. An optional tap sees every output frame, for tests and recorders.
 */
public final class EgressListener implements Agent, AutoCloseable
{
    /** Sees each output frame as it arrives; valid only during the call. */
    @FunctionalInterface
    public interface Tap
    {
        void onOutput(DirectBuffer buffer, int offset, int length);
    }

    private final Subscription alertSubscription;
    private final Subscription orderSubscription;
    private final FragmentAssembler alertAssembler;
    private final FragmentAssembler orderAssembler;
    private final NanoClock clock;
    private final StageLatency endToEnd = new StageLatency(Stages.END_TO_END);
    private final StageLatency published = new StageLatency(Stages.PUBLISHED);
    private final StageLatency delivery = new StageLatency(Stages.DELIVERY);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FraudAlertDecoder alert = new FraudAlertDecoder();
    private final StrategyOrderDecoder order = new StrategyOrderDecoder();
    private final EnvelopeDecoder envelope = new EnvelopeDecoder();
    private final Tap tap;

    private volatile long alerts;
    private volatile long orders;
    // A listener that joins a running engine starts wherever the streams are: the first sequence seen sets the base.
    private long lastAlertSequence = -1;
    private long lastOrderSequence = -1;
    private volatile long sequenceErrors;
    private volatile long malformed;

    public EgressListener(
        final Aeron aeron,
        final String channel,
        final int alertStreamId,
        final int orderStreamId,
        final NanoClock clock,
        final Tap tap)
    {
        this.alertSubscription = aeron.addSubscription(channel, alertStreamId);
        this.orderSubscription = aeron.addSubscription(channel, orderStreamId);
        this.clock = clock;
        this.tap = tap;
        final FragmentHandler onAlert = this::onAlert;
        final FragmentHandler onOrder = this::onOrder;
        this.alertAssembler = new FragmentAssembler(onAlert);
        this.orderAssembler = new FragmentAssembler(onOrder);
    }

    public boolean isConnected()
    {
        return alertSubscription.isConnected() && orderSubscription.isConnected();
    }

    public int doWork()
    {
        return alertSubscription.poll(alertAssembler, 64) + orderSubscription.poll(orderAssembler, 64);
    }

    public String roleName()
    {
        return "ringside-egress-listener";
    }

    private void onAlert(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long now = clock.nanoTime();
        if (FrameCheck.check(buffer, offset, length) != FrameCheck.OK ||
            FrameCheck.templateId(buffer, offset) != FraudAlertDecoder.TEMPLATE_ID)
        {
            malformed++;
            return;
        }
        this.header.wrap(buffer, offset);
        alert.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, this.header.blockLength(), this.header.version());
        record(alert.triggerIntendedSendTime(), header, now);
        final long sequence = alert.outputSequence();
        if (lastAlertSequence >= 0 && sequence != lastAlertSequence + 1)
        {
            sequenceErrors++;
        }
        lastAlertSequence = sequence;
        alerts++;
        if (null != tap)
        {
            tap.onOutput(buffer, offset, length);
        }
    }

    private void onOrder(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long now = clock.nanoTime();
        if (FrameCheck.checkInbound(buffer, offset, length) == FrameCheck.OK)
        {
            // An inbound event sent straight back (the raw Aeron baseline): measured from its own envelope.
            envelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
            record(envelope.intendedSendTime(), header, now);
            orders++;
            return;
        }
        if (FrameCheck.check(buffer, offset, length) != FrameCheck.OK ||
            FrameCheck.templateId(buffer, offset) != StrategyOrderDecoder.TEMPLATE_ID)
        {
            malformed++;
            return;
        }
        this.header.wrap(buffer, offset);
        order.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, this.header.blockLength(), this.header.version());
        record(order.triggerIntendedSendTime(), header, now);
        final long sequence = order.outputSequence();
        if (lastOrderSequence >= 0 && sequence != lastOrderSequence + 1)
        {
            sequenceErrors++;
        }
        lastOrderSequence = sequence;
        orders++;
        if (null != tap)
        {
            tap.onOutput(buffer, offset, length);
        }
    }

    /** End to end, and split at the publisher's stamp when the frame carries one (a Ringside engine, the echo). */
    private void record(final long intendedSendTime, final Header header, final long now)
    {
        endToEnd.record(now - intendedSendTime);
        final long publishedAt = PublishTime.of(header);
        if (PublishTime.NOT_STAMPED != publishedAt)
        {
            published.record(publishedAt - intendedSendTime);
            delivery.record(now - publishedAt);
        }
    }

    public long alerts()
    {
        return alerts;
    }

    public long orders()
    {
        return orders;
    }

    /** Outputs whose sequence was not the previous one's plus one: lost, repeated or reordered. */
    public long sequenceErrors()
    {
        return sequenceErrors;
    }

    public long malformed()
    {
        return malformed;
    }

    /** End-to-end latency, recorded by the listener's thread; sampled by a latency log. */
    public StageLatency endToEnd()
    {
        return endToEnd;
    }

    /** Intended send time to the output's publisher's stamp; empty when outputs are not stamped. */
    public StageLatency published()
    {
        return published;
    }

    /** The publisher's stamp to the output received here. */
    public StageLatency delivery()
    {
        return delivery;
    }

    public void close()
    {
        CloseHelper.closeAll(alertSubscription, orderSubscription);
    }
}
