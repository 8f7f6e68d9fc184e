package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import java.util.List;

/**
 * Several ingress streams made one log: every message of every input stream, republished byte for byte, in the
 * order this agent takes them, on one publication the archive records. Two streams recorded apart have no order
 * between them that a replay could reproduce; the sequenced log has exactly one, so an engine that ingests it
 * computes the same outputs however often it is restarted. Runs in the driver process, beside the archive: on a
 * thread of its own, or in the duty cycle of the thread that runs an invoked driver and archive (a durable engine's
 * ingress), which is why it never waits: while the log is back-pressured a message is left where it is, unread, and
 * taken again on the next duty cycle, once the archive and the log's reader, run by the same thread, have moved on.
 */
public final class IngressSequencer implements Agent
{
    private final Subscription[] inputs;
    private final ControlledFragmentAssembler[] assemblers;
    private final ExclusivePublication output;
    private final int fragmentLimit;
    private long messages;

    public IngressSequencer(
        final Aeron aeron, final List<ArchivingDriver.Stream> inputStreams, final ArchivingDriver.Stream outputStream,
        final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        output = aeron.addExclusivePublication(outputStream.channel(), outputStream.streamId());
        inputs = new Subscription[inputStreams.size()];
        assemblers = new ControlledFragmentAssembler[inputStreams.size()];
        final ControlledFragmentHandler republish = this::onMessage;
        for (int i = 0; i < inputs.length; i++)
        {
            inputs[i] = aeron.addSubscription(inputStreams.get(i).channel(), inputStreams.get(i).streamId());
            assemblers[i] = new ControlledFragmentAssembler(republish);
        }
    }

    public int doWork()
    {
        int work = 0;
        for (int i = 0; i < inputs.length; i++)
        {
            work += inputs[i].controlledPoll(assemblers[i], fragmentLimit);
        }
        return work;
    }

    private Action onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long result = output.offer(buffer, offset, length);
        if (result < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("sequenced log: " + Publication.errorString(result));
            }
            // Never drop: while the log is back-pressured (or not yet recorded) the input stays where it is, and its
            // publisher waits.
            return Action.ABORT;
        }
        messages++;
        return Action.CONTINUE;
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
