package io.ringside.latency.bench;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.latency.feed.EgressListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

/**
 * What the feed's listener receives around a leader's kill, by each stream's {@code outputSequence}. The new leader's
 * first output is the first one after the kill that repeats a sequence already received: only a new leader repeats
 * an output (on becoming leader it publishes again the outputs it kept, oldest first), while whatever the old leader
 * had in flight at the kill arrives after it with sequences not seen before. The first new output is the first one
 * after that whose sequence is above every one received until the new leader's first: the consumer has something it
 * did not have. Also counted: the outputs received again, and the sequences never received (lost).
 * <p>
 * {@link #onOutput} runs on the listener's thread alone; {@link #killed} on another, once; the results are read once
 * the listener has stopped.
 */
final class FailoverWatch implements EgressListener.Tap
{
    static final int ALERTS = 0;
    static final int ORDERS = 1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FraudAlertDecoder alert = new FraudAlertDecoder();
    private final StrategyOrderDecoder order = new StrategyOrderDecoder();
    private final long[] first = { -1, -1 };
    private final long[] highest = { -1, -1 };
    private final LongHashSet[] received = { new LongHashSet(), new LongHashSet() };
    private volatile long killNs;
    private volatile boolean killed;
    private boolean newLeader;
    private long newLeaderNs;
    private boolean newOutput;
    private long newOutputNs;
    private long repeated;

    /** The kill's time, System.nanoTime(): outputs from then on are looked at for the new leader's. */
    void killed(final long atNs)
    {
        killNs = atNs;
        killed = true;
    }

    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        final long now = System.nanoTime();
        header.wrap(buffer, offset);
        final int templateId = FrameCheck.templateId(buffer, offset);
        if (FraudAlertDecoder.TEMPLATE_ID == templateId)
        {
            alert.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            onOutput(ALERTS, alert.outputSequence(), now);
        }
        else if (StrategyOrderDecoder.TEMPLATE_ID == templateId)
        {
            order.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            onOutput(ORDERS, order.outputSequence(), now);
        }
    }

    /** An output of a stream, received at {@code nowNs}. */
    void onOutput(final int stream, final long sequence, final long nowNs)
    {
        if (!received[stream].add(sequence))
        {
            repeated++;
        }
        if (first[stream] < 0)
        {
            first[stream] = sequence;
        }
        if (killed && nowNs - killNs >= 0)
        {
            if (!newLeader && sequence <= highest[stream])
            {
                newLeader = true;
                newLeaderNs = nowNs;
            }
            else if (newLeader && !newOutput && sequence > highest[stream])
            {
                newOutput = true;
                newOutputNs = nowNs;
            }
        }
        // Past the new leader's first output, highest stays what the consumer had until then.
        if (!newLeader || newOutput)
        {
            highest[stream] = Math.max(highest[stream], sequence);
        }
    }

    /** Kill to the new leader's first output, ns; -1 when none came. */
    long newLeaderOutputNs()
    {
        return newLeader ? newLeaderNs - killNs : -1;
    }

    /** Kill to the first output with a sequence not received before, from the new leader; -1 when none came. */
    long firstNewOutputNs()
    {
        return newOutput ? newOutputNs - killNs : -1;
    }

    /** Outputs received more than once. */
    long repeated()
    {
        return repeated;
    }

    /** Sequences never received, of both streams, between the first received and the highest. */
    long lost()
    {
        long lost = 0;
        for (int stream = ALERTS; stream <= ORDERS; stream++)
        {
            for (long sequence = first[stream]; first[stream] >= 0 && sequence <= highest[stream]; sequence++)
            {
                lost += received[stream].contains(sequence) ? 0 : 1;
            }
        }
        return lost;
    }
}
