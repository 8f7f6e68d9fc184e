package io.ringside.latency.feed;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.Refusal;
import io.ringside.codecs.sbe.DeadLetterDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineLabels;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.CountersReader;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Listens to the engine's dead-letter stream while a feed runs and counts the letters by source and reason, so the
 * feed can say which of its own events the engine did not take. On a thread of its own: the send path never sees it.
 * The counts are the agent thread's; read them once its runner is closed.
 */
final class DeadLetterListener implements Agent, AutoCloseable
{
    private static final String PUBLISHED = EngineCounters.LABEL_PREFIX + "dead_letters";
    private static final String NOT_PUBLISHED = EngineCounters.LABEL_PREFIX + "dead_letters.not_published";
    /** A reason code outside the schema's, from a letter this build does not know. */
    static final int UNKNOWN_REASON = Refusal.COUNT;

    private final Subscription subscription;
    private final FragmentAssembler assembler;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final DeadLetterDecoder letter = new DeadLetterDecoder();
    /** Per source id, letters by reason code; a source's array is made the first time it has a letter. */
    private final Int2ObjectHashMap<long[]> bySource = new Int2ObjectHashMap<>();
    private volatile long received;

    DeadLetterListener(final Aeron aeron, final String channel, final int streamId)
    {
        this.subscription = aeron.addSubscription(channel, streamId);
        this.assembler = new FragmentAssembler(this::onLetter);
    }

    public int doWork()
    {
        return subscription.poll(assembler, 64);
    }

    public String roleName()
    {
        return "ringside-dead-letter-listener";
    }

    private void onLetter(final DirectBuffer buffer, final int offset, final int length, final Header h)
    {
        if (FrameCheck.OK != FrameCheck.check(buffer, offset, length) ||
            DeadLetterDecoder.TEMPLATE_ID != FrameCheck.templateId(buffer, offset))
        {
            return;
        }
        header.wrap(buffer, offset);
        letter.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int reason = letter.reason();
        long[] counts = bySource.get(letter.sourceId());
        if (null == counts)
        {
            counts = new long[UNKNOWN_REASON + 1];
            bySource.put(letter.sourceId(), counts);
        }
        counts[reason < Refusal.COUNT ? reason : UNKNOWN_REASON]++;
        received++;
    }

    /** Letters of {@code sourceId} by reason code (index {@link #UNKNOWN_REASON}: codes this build does not know). */
    long[] counts(final int sourceId)
    {
        return bySource.get(sourceId);
    }

    /**
     * When the driver hosts a Ringside engine, wait until this listener is connected to its dead-letter stream, so no
     * letter of the feed's first events is missed.
     *
     * @throws IllegalStateException when the engine publishes no dead letters there within the timeout.
     */
    void awaitConnected(final CountersReader counters, final long timeoutMs, final String stream)
    {
        if (counterId(counters, PUBLISHED) < 0)
        {
            return; // not a Ringside engine, or one without dead letters: nothing to listen to
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!subscription.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("--dead-letter-stream: the engine publishes no dead letters on "
                    + stream + " within " + timeoutMs + " ms; is it the engine's --dead-letter-stream?");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** The engine's count of dead letters published so far; 0 without a Ringside engine. */
    static long published(final CountersReader counters)
    {
        return value(counters, PUBLISHED);
    }

    static long notPublished(final CountersReader counters)
    {
        return value(counters, NOT_PUBLISHED);
    }

    /**
     * Wait, at most {@code settleMs}, until every letter the engine has published since {@code baseline} has arrived
     * here: it publishes one as it refuses, so once it has accounted for every event their letters are on the way.
     */
    void settle(final CountersReader counters, final long baseline, final long settleMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleMs);
        // Found again on every poll, as the feed finds the engine's other counters: an engine may have restarted.
        while (received < published(counters) - baseline && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static long value(final CountersReader counters, final String label)
    {
        final int id = counterId(counters, label);
        return id < 0 ? 0 : counters.getCounterValue(id);
    }

    private static int counterId(final CountersReader counters, final String label)
    {
        final int[] id = { -1 };
        counters.forEach((counterId, typeId, keyBuffer, counterLabel) ->
        {
            if (typeId == EngineCounters.RINGSIDE_COUNTER_TYPE_ID &&
                label.equals(EngineLabels.withoutName(counterLabel)))
            {
                id[0] = counterId;
            }
        });
        return id[0];
    }

    public void close()
    {
        CloseHelper.close(subscription);
    }
}
