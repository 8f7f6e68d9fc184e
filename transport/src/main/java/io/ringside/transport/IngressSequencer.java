package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;

/**
 * Several ingress streams made one log: every message of every input stream, republished byte for byte, in the
 * order this agent takes them, on one publication the archive records. Two streams recorded apart have no order
 * between them that a replay could reproduce; the sequenced log has exactly one, so an engine that ingests it
 * computes the same outputs however often it is restarted. Runs in the driver process, beside the archive.
 */
public final class IngressSequencer implements Agent
{
    private final Subscription[] inputs;
    private final FragmentAssembler[] assemblers;
    private final ExclusivePublication output;
    private final IdleStrategy backPressureIdle = new BackoffIdleStrategy();
    private final int fragmentLimit;
    private long messages;

    public IngressSequencer(
        final Aeron aeron, final List<ArchivingDriver.Stream> inputStreams, final ArchivingDriver.Stream outputStream,
        final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        output = aeron.addExclusivePublication(outputStream.channel(), outputStream.streamId());
        inputs = new Subscription[inputStreams.size()];
        assemblers = new FragmentAssembler[inputStreams.size()];
        final FragmentHandler republish = this::onMessage;
        for (int i = 0; i < inputs.length; i++)
        {
            inputs[i] = aeron.addSubscription(inputStreams.get(i).channel(), inputStreams.get(i).streamId());
            assemblers[i] = new FragmentAssembler(republish);
        }
    }

    public int doWork()
    {
        int work = 0;
        for (int i = 0; i < inputs.length; i++)
        {
            work += inputs[i].poll(assemblers[i], fragmentLimit);
        }
        return work;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        backPressureIdle.reset();
        long result;
        // Never drop: while the log is back-pressured the inputs are not polled, and their publishers wait.
        while ((result = output.offer(buffer, offset, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("sequenced log: " + Publication.errorString(result));
            }
            backPressureIdle.idle();
        }
        messages++;
    }

    /** Messages sequenced so far; read on the agent's thread or after it stopped. */
    public long messages()
    {
        return messages;
    }

    public void onClose()
    {
        CloseHelper.closeAll(inputs);
        CloseHelper.close(output);
    }

    public String roleName()
    {
        return "ringside-ingress-sequencer";
    }
}
