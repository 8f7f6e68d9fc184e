package io.ringside.engine.pipeline;

import io.aeron.Counter;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.Refusal;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.Gauge;
import io.ringside.engine.metrics.StageLatency;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The ring's single producer, and the engine's one door: every inbound message, from whichever path reads it (the
 * live streams, or the recorded log), passes here in order before any handler sees it. Its frame is checked
 * ({@link FrameCheck}), its source's rules applied ({@link Sources}: registry, binding, sequence, time), its
 * instrument admitted ({@link InstrumentAdmission}), and only then is it copied into the next ring slot with its
 * receive time. Whatever is refused, duplicates included, never enters the ring: it is counted by reason and written
 * as a dead letter. Back-pressure is the ring's: when it is full, claiming a slot waits, the subscription stops being
 * polled, and Aeron's flow control holds the publisher back. Nothing good is dropped.
 */
public final class IngressHandler implements FragmentHandler
{
    /** The longest ingress waits for the last snapshot to be written before it skips the next (snapshots.skipped). */
    static final long SNAPSHOT_WAIT_NS = TimeUnit.SECONDS.toNanos(5);

    private final HandlerGraph.Pipeline pipeline;
    private final EngineCounters counters;
    private final NanoClock clock;
    /** For the sources' lag only: the handlers never read a clock. */
    private final IngressWallClock wallClock;
    private final StageLatency transportLatency;
    private final Sources sources;
    private final TimerSource timers;
    private final InstrumentAdmission instruments;
    private final DeadLetters deadLetters;
    private final InstrumentDefinitionDecoder definitionDecoder = new InstrumentDefinitionDecoder();
    private final Gauge instrumentCount;
    private final Gauge[] ringLag;
    private final EnvelopeDecoder envelope = new EnvelopeDecoder();

    // Snapshots: ingress decides when one is due, as the ring's only producer, and writes its header.
    private final SnapshotHeaderEncoder snapshotHeader = new SnapshotHeaderEncoder();
    private final MessageHeaderEncoder snapshotMessageHeader = new MessageHeaderEncoder();
    private Snapshots snapshots;
    private LogPositions positions;
    private long snapshotInterval;
    private long snapshotIntervalNs;
    private long lastSnapshotNs;
    private long sinceSnapshot;
    private long eventCount;
    private volatile boolean stopRequested;
    private volatile boolean stopped;
    private long lastEventTime = SnapshotHeaderEncoder.takenAtEventTimeNullValue();

    private int lastRejectReason;
    private long lastRejectPosition = -1;

    public IngressHandler(
        final TimerSource timers,
        final HandlerGraph.Pipeline pipeline,
        final EngineCounters counters,
        final NanoClock clock,
        final EpochNanoClock epochClock,
        final StageLatency transportLatency,
        final Sources sources,
        final InstrumentAdmission instruments,
        final DeadLetters deadLetters)
    {
        this.timers = timers;
        this.sources = sources;
        this.instruments = instruments;
        this.deadLetters = deadLetters;
        this.instrumentCount = new Gauge(counters.instruments());
        this.ringLag = new Gauge[counters.ringLag().length];
        for (int handler = 0; handler < ringLag.length; handler++)
        {
            ringLag[handler] = new Gauge(counters.ringLag()[handler]);
        }
        this.pipeline = pipeline;
        this.counters = counters;
        this.clock = clock;
        this.wallClock = new IngressWallClock(epochClock, clock);
        this.transportLatency = transportLatency;
    }

    /** A live stream's message: its publisher is the stream and session it came on. */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        onMessage(buffer, offset, length, Publishers.live(header.streamId(), header.sessionId()), header.position());
    }

    /**
     * One whole inbound message, from whichever path reads ingress.
     *
     * @param publisher which publisher sent it, as {@link Publishers} names them.
     * @param position  where it ends on the stream or recording it was read from, for the dead letter.
     */
    public void onMessage(
        final DirectBuffer buffer, final int offset, final int length, final long publisher, final long position)
    {
        final long receiveTime = clock.nanoTime();

        int result = FrameCheck.checkInbound(buffer, offset, length);
        if (result == FrameCheck.OK && length > RingSlot.FRAME_CAPACITY)
        {
            result = FrameCheck.OVERSIZED;
        }
        if (result != FrameCheck.OK)
        {
            reject(result, buffer, offset, length, publisher, position);
            return;
        }

        // Every inbound template carries the envelope first, then the instrument, so both are read without knowing
        // the template.
        envelope.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        final int templateId = FrameCheck.templateId(buffer, offset);
        final int sourceId = envelope.sourceId();
        final long eventTime = envelope.eventTime();
        final int kind = IngressConfig.kindOf(templateId);
        final boolean definition = IngressConfig.REFERENCE_DATA == kind;
        final String symbol = definition && sources.needsSymbol(sourceId) ? symbol(buffer, offset) : null;
        final int sourceResult = sources.admit(
            sourceId, envelope.sequence(), eventTime, kind, InstrumentAdmission.instrumentId(buffer, offset), symbol,
            publisher);
        if (0 != sourceResult)
        {
            if (Refusal.DUPLICATE == sourceResult)
            {
                counters.duplicates().incrementRelease();
                deadLetters.refused(Refusal.DUPLICATE, buffer, offset, length, publisher, position);
            }
            else
            {
                reject(sourceResult, buffer, offset, length, publisher, position);
            }
            return;
        }
        final long gap = sources.lastGapSize();
        if (gap > 0)
        {
            counters.gaps().incrementRelease();
            addSaturated(counters.gapMissing(), gap);
        }

        // Timers and commands concern no instrument: they pass the source's rules, not the instruments'.
        final boolean data = IngressConfig.TIMER != kind && IngressConfig.CONTROL != kind;
        final int admission = data ? instruments.admit(buffer, offset, templateId, sourceId) :
            InstrumentAdmission.ADMITTED;
        if (InstrumentAdmission.REPEATED == admission)
        {
            counters.definitionsRepeated().incrementRelease();
            return;
        }
        if (admission >= InstrumentAdmission.REFUSED_LIMIT)
        {
            reject(InstrumentAdmission.REFUSED_LIMIT == admission ? Refusal.INSTRUMENT_LIMIT :
                InstrumentAdmission.REFUSED_NOT_OWNER == admission ? Refusal.NOT_OWNER : Refusal.UNDEFINED_INSTRUMENT,
                buffer, offset, length, publisher, position);
            return;
        }
        if (InstrumentAdmission.ADMITTED_UNDEFINED == admission)
        {
            counters.eventsUndefinedInstrument().incrementRelease();
        }
        if (definition)
        {
            sources.defined(InstrumentAdmission.instrumentId(buffer, offset), null != symbol ? symbol :
                symbol(buffer, offset));
        }
        if (IngressConfig.CONTROL != kind)
        {
            sources.accepted(eventTime, wallClock.epochNanos(receiveTime));
        }
        if (data)
        {
            timers.onData(eventTime, receiveTime);
        }
        transportLatency.record(receiveTime - envelope.sendTime());
        final boolean snapshotCommand = IngressConfig.CONTROL == kind && ControlAction.SNAPSHOT.value() ==
            (buffer.getByte(offset + MessageHeaderDecoder.ENCODED_LENGTH + ControlCommandDecoder.actionEncodingOffset())
            & 0xFF);

        final RingSlot slot = pipeline.claim();
        try
        {
            slot.frame.putBytes(0, buffer, offset, length);
            slot.frameLength = length;
            slot.templateId = templateId;
            slot.receiveTime = receiveTime;
            slot.alertCount = 0;
            slot.orderCount = 0;
            slot.ingressResult = (short)(snapshotCommand && null == snapshots ?
                ControlResult.NOT_AVAILABLE.value() : ControlResult.APPLIED.value());
        }
        finally
        {
            pipeline.publish(slot);
        }

        // Events are the market's and the clients': what feeds count on. Timers and commands are counted apart, and
        // apart from the snapshots' event count, which a feed also counts on after a restore.
        if (data)
        {
            counters.eventsIn().incrementRelease();
            counters.eventsInByTemplate()[templateId].incrementRelease();
        }
        else
        {
            (IngressConfig.TIMER == kind ? counters.timers() : counters.commands()).incrementRelease();
        }
        instrumentCount.set(instruments.instrumentCount());

        if (null != snapshots)
        {
            if (snapshotCommand)
            {
                // Asked for: right after the command, so a replay takes it at the same place.
                takeSnapshotOrSkip();
                return;
            }
            if (!data)
            {
                return;
            }
            eventCount++;
            lastEventTime = envelope.eventTime();
            if (++sinceSnapshot == snapshotInterval)
            {
                // Exactly every interval events, so where snapshots fall depends on the log alone. Should the last
                // one not be on disk yet (only when snapshots come faster than they are written), wait for it, as
                // for a full ring, but never for long, nor for a writer that is dead: then this one is skipped.
                takeSnapshotOrSkip();
            }
            else if (snapshotIntervalNs > 0 && receiveTime - lastSnapshotNs >= snapshotIntervalNs &&
                !snapshots.inProgress() && snapshots.writerAlive())
            {
                publishSnapshotMarker(); // by time: never worth holding up ingress for, so skipped while one is written
            }
        }
    }

    /**
     * Snapshots every {@code interval} events, at the positions {@code positions} says it has read to; the event count
     * goes on from {@code eventCount}, what a snapshot the engine restored had counted. Before the ring starts.
     */
    public void snapshots(
        final Snapshots snapshots,
        final long interval,
        final long intervalNs,
        final LogPositions positions,
        final long eventCount)
    {
        this.snapshots = snapshots;
        this.snapshotInterval = interval;
        this.snapshotIntervalNs = intervalNs;
        this.lastSnapshotNs = clock.nanoTime();
        this.positions = positions;
        this.eventCount = eventCount;
    }

    public Sources sources()
    {
        return sources;
    }

    public InstrumentAdmission instruments()
    {
        return instruments;
    }

    /**
     * A clean stop, from the stopping thread: the ingress agent takes no more input and leaves a last snapshot,
     * after the one in progress, unless nothing came in since the last. The marker is published from the ingress
     * thread, the ring's only producer.
     */
    public void requestStop()
    {
        stopRequested = true;
    }

    public boolean stopRequested()
    {
        return stopRequested;
    }

    /** Once {@link #requestStop} was called and the ingress thread has published what it had to. */
    public boolean stopped()
    {
        return stopped;
    }

    /**
     * Ingress thread, once stop is requested; idempotent. The last snapshot is taken when events came in since the
     * one before, and also when that one failed to be written (its marker was published, its file is not on disk).
     */
    public void onStopRequested()
    {
        if (stopped)
        {
            return;
        }
        if (null != snapshots && (0 != sinceSnapshot || snapshots.inProgress() || snapshots.lastFailed()))
        {
            if (snapshots.awaitIdle(SNAPSHOT_WAIT_NS))
            {
                if (0 != sinceSnapshot || snapshots.lastFailed())
                {
                    publishSnapshotMarker();
                }
            }
            else
            {
                counters.snapshotsSkipped().incrementRelease();
            }
        }
        stopped = true;
    }

    /**
     * A snapshot now, at this point of the input, from the ring's producer thread: for a caller that decides itself
     * when one is due (a cluster member, told by its consensus module). Needs {@link #snapshots} set.
     */
    public void takeSnapshotNow()
    {
        publishSnapshotMarker();
    }

    private void takeSnapshotOrSkip()
    {
        if (snapshots.awaitIdle(SNAPSHOT_WAIT_NS))
        {
            publishSnapshotMarker();
        }
        else
        {
            sinceSnapshot = 0; // the next one an interval on, as though this one had been taken
            counters.snapshotsSkipped().incrementRelease();
        }
    }

    // The header part, from the ingress thread's own state; the marker slot carries no frame.
    private void publishSnapshotMarker()
    {
        sinceSnapshot = 0;
        lastSnapshotNs = clock.nanoTime();
        final SnapshotHeaderEncoder header = snapshotHeader.wrapAndApplyHeader(
            snapshots.headerBuffer(), 0, snapshotMessageHeader)
            .eventCount(eventCount)
            .alertSequence(0) // egress's to fill in
            .orderSequence(0)
            .outputDigest(0)
            .takenAtEventTime(lastEventTime);
        positions.encodePositions(header);
        sources.encode(header);
        instruments.encode(header);
        header.settingsCount(0); // egress writes it again with the settings applied, once the handlers are past
        snapshots.begin(MessageHeaderEncoder.ENCODED_LENGTH + header.encodedLength(), eventCount);

        final RingSlot slot = pipeline.claim();
        try
        {
            slot.frameLength = 0;
            slot.templateId = RingSlot.SNAPSHOT_MARKER;
            slot.receiveTime = clock.nanoTime();
            slot.alertCount = 0;
            slot.orderCount = 0;
        }
        finally
        {
            pipeline.publish(slot);
        }
    }

    // Sequences are a source's to choose: two huge jumps must not wrap the count negative. Ingress is its only writer.
    private static void addSaturated(final Counter counter, final long amount)
    {
        final long current = counter.get();
        final long sum = current + amount;
        counter.setRelease(((current ^ sum) & (amount ^ sum)) < 0 ? Long.MAX_VALUE : sum);
    }

    /**
     * For a thread that ticks anyway (once a second or so): what it runs on each tick so the wall clock's epoch
     * sample, which may allocate, is taken there and not on the event path.
     */
    public Runnable wallClockSampler()
    {
        return wallClock::sample;
    }

    /**
     * The ingress agent's duty cycle, after polling: a timer when the inputs have been silent, how much room the ring
     * has, and the instruments (a restore sets them).
     */
    public void onDutyCycle()
    {
        final long nowNs = clock.nanoTime();
        timers.onDutyCycle(nowNs, sources);
        updateRingLag();
        counters.ringRemaining().setRelease(pipeline.remainingCapacity());
        instrumentCount.set(instruments.instrumentCount());
    }

    /**
     * Each handler's lag behind ingress, for its gauge: from the duty cycle, and once more by whoever stops the engine
     * after the ingress thread has stopped and the ring drained, so the last values read are the final ones.
     */
    public void updateRingLag()
    {
        for (int handler = 0; handler < ringLag.length; handler++)
        {
            ringLag[handler].set(pipeline.lag(handler));
        }
    }

    /** The reason and stream position of the last refused frame, for the summary; -1 position when none. */
    public int lastRejectReason()
    {
        return lastRejectReason;
    }

    public long lastRejectPosition()
    {
        return lastRejectPosition;
    }

    private void reject(
        final int reason,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long publisher,
        final long position)
    {
        lastRejectReason = reason;
        lastRejectPosition = position;
        counters.rejected().incrementRelease();
        counters.rejectedByReason()[reason].incrementRelease();
        deadLetters.refused(reason, buffer, offset, length, publisher, position);
    }

    // Definitions only: they are reference data, a handful per instrument per day.
    private String symbol(final DirectBuffer buffer, final int offset)
    {
        definitionDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
            InstrumentDefinitionDecoder.BLOCK_LENGTH, InstrumentDefinitionDecoder.SCHEMA_VERSION);
        return definitionDecoder.symbol().strip();
    }
}
