package io.ringside.transport;

import io.aeron.Publication;
import io.aeron.ReservedValueSupplier;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Offers messages to one publication, which it alone writes, and never loses one silently.
 * <p>
 * Back-pressure and admin actions are retried under the idle strategy, each retry counted. When no subscriber is
 * connected the message is waited for up to a limit and then counted as undelivered; a closed publication or one at
 * its maximum position counts as undelivered at once. The caller gets the outcome and every case has its counter.
 */
public final class BackPressuredPublisher
{
    private final Publication publication;
    private final IdleStrategy idleStrategy;
    private final AtomicCounter backPressureCounter;
    private final AtomicCounter undeliveredCounter;
    private final long notConnectedRetryLimit;
    private final ReservedValueSupplier reservedValue;

    /**
     * @param notConnectedRetryLimit how many idle-strategy rounds to wait for a subscriber before counting a message
     *                               as undelivered (0: give up at once).
     */
    public BackPressuredPublisher(
        final Publication publication,
        final IdleStrategy idleStrategy,
        final AtomicCounter backPressureCounter,
        final AtomicCounter undeliveredCounter,
        final long notConnectedRetryLimit)
    {
        this(publication, idleStrategy, backPressureCounter, undeliveredCounter, notConnectedRetryLimit, null);
    }

    /**
     * @param reservedValue what each frame's reserved value is set to ({@link PublishTime#STAMP}); null for none.
     */
    public BackPressuredPublisher(
        final Publication publication,
        final IdleStrategy idleStrategy,
        final AtomicCounter backPressureCounter,
        final AtomicCounter undeliveredCounter,
        final long notConnectedRetryLimit,
        final ReservedValueSupplier reservedValue)
    {
        this.publication = publication;
        this.idleStrategy = idleStrategy;
        this.backPressureCounter = backPressureCounter;
        this.undeliveredCounter = undeliveredCounter;
        this.notConnectedRetryLimit = notConnectedRetryLimit;
        this.reservedValue = reservedValue;
    }

    /**
     * @return true when the message is in the log, false when it was counted as undelivered.
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        long notConnectedRounds = 0;
        idleStrategy.reset();
        while (true)
        {
            final long result = null == reservedValue ?
                publication.offer(buffer, offset, length) : publication.offer(buffer, offset, length, reservedValue);
            if (result > 0)
            {
                return true;
            }

            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                backPressureCounter.incrementRelease();
            }
            else if (result == Publication.NOT_CONNECTED)
            {
                if (++notConnectedRounds > notConnectedRetryLimit)
                {
                    undeliveredCounter.incrementRelease();
                    return false;
                }
            }
            else
            {
                // CLOSED or MAX_POSITION_EXCEEDED: retrying cannot succeed.
                undeliveredCounter.incrementRelease();
                return false;
            }
            idleStrategy.idle();
        }
    }

    public Publication publication()
    {
        return publication;
    }
}
