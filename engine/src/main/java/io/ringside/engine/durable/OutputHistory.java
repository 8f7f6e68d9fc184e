package io.ringside.engine.durable;

import io.aeron.archive.client.AeronArchive;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.transport.BoundedReplay;
import io.ringside.transport.RecordingLog;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What earlier runs of the engine published, read back from the archive's recordings of the egress streams: the
 * last output sequence of each stream. A restarted engine numbers its outputs exactly as before, so it publishes
 * only those above it; nothing is repeated, and an output computed but never published is published now.
 * <p>
 * The recordings of a dead engine's streams must be complete first: the driver closes a killed client's
 * publications after its client liveness timeout, and the archive then stops their recordings. Until every earlier
 * recording has stopped this waits; a recording still active after the timeout means another engine is running. An
 * engine killed in the middle of an offer leaves a message unwritten at the end of its log, which would keep its
 * recording active for good: the driver pads it once it has declared that engine dead
 * ({@link io.ringside.transport.AbandonedPublications}, swept once a second).
 */
public final class OutputHistory
{

    private OutputHistory()
    {
    }

    /** The highest outputSequence of alerts (templateId FraudAlert) or orders (StrategyOrder) on the stream; 0 if none. */
    public static long lastOutputSequence(
        final AeronArchive archive,
        final String channel,
        final int streamId,
        final String replayChannel,
        final int replayStreamId,
        final long timeoutMs)
    {
        final List<RecordingLog.Recording> recordings = awaitStopped(archive, channel, streamId, timeoutMs);
        final long[] last = { 0 };
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final FraudAlertDecoder alert = new FraudAlertDecoder();
        final StrategyOrderDecoder order = new StrategyOrderDecoder();
        for (int i = recordings.size() - 1; i >= 0; i--)
        {
            final RecordingLog.Recording recording = recordings.get(i);
            final long end = recording.isActive() ?
                archive.getMaxRecordedPosition(recording.recordingId()) : recording.stopPosition();
            BoundedReplay.replay(
                archive,
                recording.recordingId(),
                recording.startPosition(),
                end,
                replayChannel,
                replayStreamId,
                (buffer, offset, length, hdr) ->
                {
                    header.wrap(buffer, offset);
                    final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
                    final long sequence = switch (header.templateId())
                    {
                        case FraudAlertDecoder.TEMPLATE_ID -> alert.wrap(
                            buffer, body, header.blockLength(), header.version()).outputSequence();
                        case StrategyOrderDecoder.TEMPLATE_ID -> order.wrap(
                            buffer, body, header.blockLength(), header.version()).outputSequence();
                        default -> 0;
                    };
                    last[0] = Math.max(last[0], sequence);
                },
                new BackoffIdleStrategy(),
                timeoutMs);
            if (last[0] > 0)
            {
                // Each run numbers on from the one before, so the newest run with an output has the highest.
                return last[0];
            }
        }
        return 0;
    }

    private static List<RecordingLog.Recording> awaitStopped(
        final AeronArchive archive, final String channel, final int streamId, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            final List<RecordingLog.Recording> recordings = RecordingLog.list(archive, channel, streamId, 0);
            RecordingLog.Recording active = null;
            for (final RecordingLog.Recording recording : recordings)
            {
                // Active by the archive's live counter, not the catalog: an archive that crashed leaves a stop
                // position unset on a recording nothing writes to any more.
                if (recording.isActive() && AeronArchive.NULL_POSITION != archive.getRecordingPosition(recording.recordingId()))
                {
                    active = recording;
                    break;
                }
            }
            if (null == active)
            {
                return recordings;
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("recovery-timeout: recording " + active.recordingId() + " of "
                    + channel + " stream " + streamId + " is still being written after " + timeoutMs
                    + " ms; is another engine publishing on it?");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
