package io.ringside.engine;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real engine with a real embedded media driver over aeron:ipc, a publisher on its ingress and subscribers on
 * its egress, all driven from the test thread. Nothing is mocked.
 */
final class EngineHarness implements AutoCloseable
{
    final Engine engine;
    final Aeron client;
    final ExclusivePublication ingress;
    final Subscription alertSubscription;
    final Subscription orderSubscription;
    final List<String> alerts = new ArrayList<>();
    final List<String> orders = new ArrayList<>();
    private final FragmentAssembler alertAssembler = new FragmentAssembler(this::onAlert);
    private final FragmentAssembler orderAssembler = new FragmentAssembler(this::onOrder);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FraudAlertDecoder alert = new FraudAlertDecoder();
    private final StrategyOrderDecoder order = new StrategyOrderDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
    private final EnvelopeEncoder envelope = new EnvelopeEncoder();

    EngineHarness(final Path aeronDir, final Path reportDir)
    {
        this(new EngineContext()
            .aeronDirectoryName(aeronDir.toString())
            .reportDirectory(reportDir)
            .termBufferLength(1024 * 1024)
            .ringSize(1024)
            .initialOrderCapacity(1024));
    }

    EngineHarness(final EngineContext context)
    {
        engine = Engine.launch(context);
        final Path aeronDir = Path.of(context.aeronDirectoryName());
        client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString()));
        ingress = client.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID);
        alertSubscription = client.addSubscription("aeron:ipc", StreamSettings.DEFAULT_ALERT_STREAM_ID);
        orderSubscription = client.addSubscription("aeron:ipc", StreamSettings.DEFAULT_ORDER_STREAM_ID);
        await("ingress and egress connected", () ->
            ingress.isConnected() && alertSubscription.isConnected() && orderSubscription.isConnected());
    }

    /** Stamp the envelope (source 1, the given sequence, send times now) and offer the frame. */
    void send(final DirectBuffer source, final int length, final long sequence)
    {
        frame.putBytes(0, source, 0, length);
        final long now = System.nanoTime();
        envelope.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH)
            .sequence(sequence).sourceId(1).sendTime(now).intendedSendTime(now);
        sendRaw(frame, length);
    }

    /** Offer bytes as they are: for frames that are meant to be wrong. */
    void sendRaw(final DirectBuffer buffer, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ingress.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() > deadline)
            {
                fail("ingress offer did not succeed within 10 s");
            }
            poll();
            LockSupport.parkNanos(10_000);
        }
    }

    int poll()
    {
        return alertSubscription.poll(alertAssembler, 100) + orderSubscription.poll(orderAssembler, 100);
    }

    void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what + "; alerts " + alerts.size() + ", orders " + orders.size()
                    + ", counts " + engine.counters().snapshot());
            }
            if (poll() == 0)
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /** Keep polling for a while after the engine stopped, so an unexpected extra output would be caught. */
    void drainEgress()
    {
        final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() < end)
        {
            if (poll() == 0)
            {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private void onAlert(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header h)
    {
        header.wrap(buffer, offset);
        alert.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        alerts.add(describe(alert));
    }

    private void onOrder(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header h)
    {
        header.wrap(buffer, offset);
        order.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        orders.add(describe(order));
    }

    static String describe(final FraudAlertDecoder alert)
    {
        return "#" + alert.outputSequence() + " rule=" + alert.ruleId() + " " + alert.severity()
            + " account=" + nullable(alert.account()) + " counterparty=" + nullable(alert.counterpartyAccount())
            + " instrument=" + alert.instrumentId() + " trigger=" + alert.triggerSourceId() + "/"
            + alert.triggerSequence() + "@" + alert.triggerEventTime()
            + " observed=" + alert.observedValue() + " limit=" + alert.limitValue()
            + " reference=" + alert.referenceValue();
    }

    static String describe(final StrategyOrderDecoder order)
    {
        return "#" + order.outputSequence() + " strategy=" + order.strategyId() + " instrument=" + order.instrumentId()
            + " " + order.action() + " " + order.side() + " " + order.quantity() + "@" + order.price()
            + " id=" + order.clientOrderId() + " orig=" + order.originalClientOrderId()
            + " trigger=" + order.triggerSourceId() + "/" + order.triggerSequence() + "@" + order.triggerEventTime();
    }

    private static String nullable(final long value)
    {
        return value == Long.MIN_VALUE ? "none" : Long.toString(value);
    }

    public void close()
    {
        CloseHelper.closeAll(client, engine);
    }
}
