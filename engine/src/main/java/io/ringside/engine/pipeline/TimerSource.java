package io.ringside.engine.pipeline;

import io.aeron.ExclusivePublication;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.TimerEncoder;
import io.ringside.engine.config.IngressConfig;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Time for handlers that only see time in events: when the inputs have been silent for an interval of wall time,
 * ingress publishes a {@code Timer} on the control stream, as source {@link IngressConfig#TIMER_SOURCE_ID}, and reads
 * it back like any input. So a timer is recorded in the log and replayed in its place, and a replay decides exactly
 * as the live run did (Aeron Cluster's timers work the same way).
 * <p>
 * A timer's event time is the latest data event time taken plus the wall time since that event arrived: time goes on
 * from where the data left it, at the wall clock's pace, so a replay of an old day and a live day alike see silence as
 * time passing. None is sent before the first data event (there is no time yet), nor while data flows.
 * <p>
 * Ingress thread only (its duty cycle), the publication's one writer; never waits: an offer not taken is tried again
 * on a later cycle.
 */
public final class TimerSource
{
    private final ExclusivePublication publication;
    private final long intervalNs;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TimerEncoder timer = new TimerEncoder();
    private long nextSequence = 1;
    private long newestDataTime = Sources.NO_TIME;
    private long lastDataArrivalNs;
    private long lastTimerNs;

    /**
     * @param publication the control stream, this source's own; null when timers are off.
     * @param intervalNs  silence before a timer, and between timers; 0 for none.
     */
    public TimerSource(final ExclusivePublication publication, final long intervalNs)
    {
        this.publication = publication;
        this.intervalNs = intervalNs;
    }

    /** A data event was taken: time is its time, and the silence starts now. */
    void onData(final long eventTime, final long arrivalNs)
    {
        if (eventTime > newestDataTime)
        {
            newestDataTime = eventTime;
        }
        lastDataArrivalNs = arrivalNs;
    }

    /** Each duty cycle: a timer when one is due. */
    void onDutyCycle(final long nowNs, final Sources sources)
    {
        if (0 == intervalNs || null == publication || Sources.NO_TIME == newestDataTime ||
            nowNs - lastDataArrivalNs < intervalNs || nowNs - lastTimerNs < intervalNs)
        {
            return;
        }
        // After a restart the log already holds this source's earlier timers: go on from the last one taken.
        nextSequence = Math.max(nextSequence, sources.lastSequenceOf(IngressConfig.TIMER_SOURCE_ID) + 1);
        timer.wrapAndApplyHeader(buffer, 0, header).instrumentId(0).envelope()
            .sourceId(IngressConfig.TIMER_SOURCE_ID)
            .sequence(nextSequence)
            .eventTime(newestDataTime + (nowNs - lastDataArrivalNs))
            .sendTime(nowNs)
            .intendedSendTime(nowNs);
        if (publication.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + timer.encodedLength()) > 0)
        {
            nextSequence++;
            lastTimerNs = nowNs;
        }
    }
}
