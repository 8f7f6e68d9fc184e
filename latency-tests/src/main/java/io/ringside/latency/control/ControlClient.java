package io.ringside.latency.control;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.ControlAckDecoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandEncoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineLabels;
import io.ringside.transport.ArchivingDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one command to a running engine and waits for what became of it. The command goes on the engine's control
 * stream as source {@code sourceId}, with the sequence after the last one the engine took from that source (read
 * from its counter {@code source.ID.last_sequence}), and is taken in order with the events, recorded and replayed
 * like them; its acknowledgement comes back on the control response stream once every handler has seen it.
 */
public final class ControlClient implements AutoCloseable
{
    /** What a command came to: the engine's result, or null when no answer came in time. */
    public record Outcome(ControlResult result, long sequence)
    {
    }

    private final Aeron aeron;
    private final ExclusivePublication publication;
    private final Subscription responses;
    private final int sourceId;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ControlCommandEncoder command = new ControlCommandEncoder();

    public ControlClient(final String aeronDir, final StreamSettings streams, final int sourceId)
    {
        this.sourceId = sourceId;
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        final ArchivingDriver.Stream control = streams.controlStream();
        final ArchivingDriver.Stream response = streams.controlResponseStream();
        publication = aeron.addExclusivePublication(control.channel(), control.streamId());
        responses = aeron.addSubscription(response.channel(), response.streamId());
    }

    /**
     * @param key   for {@link ControlAction#SET}: the configuration key; otherwise ignored.
     * @param value for {@link ControlAction#SET}: the value as the file writes it; otherwise ignored.
     * @throws IllegalStateException when no engine takes the control stream within the timeout.
     */
    public Outcome send(
        final ControlAction action, final int strategyId, final String key, final String value, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (!publication.isConnected() || !responses.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no engine took the control stream " + publication.streamId() +
                    " on " + publication.channel() + " within the timeout");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final long sequence = lastSequence(aeron.countersReader(), sourceId) + 1;
        final long commandId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        final long now = System.nanoTime();
        command.wrapAndApplyHeader(buffer, 0, header).instrumentId(0).commandId(commandId).action(action)
            .strategyId(strategyId).key(null == key ? "" : key).value(null == value ? "" : value)
            .envelope().sourceId(sourceId).sequence(sequence).eventTime(0).sendTime(now).intendedSendTime(now);
        // Event time: the command's own would move no one's clock, and an engine refuses one from the future.
        command.envelope().eventTime(System.currentTimeMillis() * 1_000_000L);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + command.encodedLength();
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the control stream did not take the command within the timeout");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final ControlResult[] result = new ControlResult[1];
        final MessageHeaderDecoder ackHeader = new MessageHeaderDecoder();
        final ControlAckDecoder ack = new ControlAckDecoder();
        final FragmentAssembler assembler = new FragmentAssembler((frame, offset, frameLength, h) ->
        {
            if (FrameCheck.OK != FrameCheck.check(frame, offset, frameLength) ||
                ControlAckDecoder.TEMPLATE_ID != FrameCheck.templateId(frame, offset))
            {
                return;
            }
            ackHeader.wrap(frame, offset);
            ack.wrap(frame, offset + MessageHeaderDecoder.ENCODED_LENGTH, ackHeader.blockLength(), ackHeader.version());
            if (ack.commandId() == commandId)
            {
                result[0] = ack.result();
            }
        });
        while (null == result[0] && System.nanoTime() < deadline)
        {
            if (0 == responses.poll(assembler, 10))
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        return new Outcome(result[0], sequence);
    }

    /** The last sequence the engine took from {@code sourceId}; 0 when it has taken none. */
    static long lastSequence(final CountersReader counters, final int sourceId)
    {
        final String label = EngineCounters.LABEL_PREFIX + "source." + sourceId + ".last_sequence";
        final long[] last = { 0 };
        counters.forEach((counterId, typeId, keyBuffer, counterLabel) ->
        {
            if (EngineCounters.RINGSIDE_COUNTER_TYPE_ID == typeId &&
                label.equals(EngineLabels.withoutName(counterLabel)))
            {
                last[0] = Math.max(last[0], counters.getCounterValue(counterId));
            }
        });
        return last[0];
    }

    public void close()
    {
        CloseHelper.closeAll(publication, responses, aeron);
    }
}
