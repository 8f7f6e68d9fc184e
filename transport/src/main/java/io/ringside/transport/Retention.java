package io.ringside.transport;

import io.aeron.archive.client.AeronArchive;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the recordings of a stream within bounds: by age, recordings that stopped longer ago than the limit are
 * purged whole; by size, the oldest whole segments of a recording beyond the limit are purged (the archive only ever
 * removes whole segment files from a recording's start, so what remains is an intact log from a later start).
 * Control path; called periodically by the driver process.
 * <p>
 * A durable engine restarted after its log was trimmed rebuilds its state from what is left, so without snapshots
 * retention trades recoverable history for disk.
 */
public final class Retention
{
    private final long maxBytesPerRecording;
    private final long maxAgeMs;

    /**
     * @param maxBytesPerRecording keep about this many bytes of each recording (at least one segment); 0 keeps all.
     * @param maxAgeMs             purge recordings stopped longer ago than this; 0 keeps all.
     */
    public Retention(final long maxBytesPerRecording, final long maxAgeMs)
    {
        if (maxBytesPerRecording < 0)
        {
            throw new IllegalArgumentException("retain-bytes: must be >= 0 (0 keeps everything): " + maxBytesPerRecording);
        }
        if (maxAgeMs < 0)
        {
            throw new IllegalArgumentException("retain-hours: must be >= 0 (0 keeps everything): " + maxAgeMs);
        }
        this.maxBytesPerRecording = maxBytesPerRecording;
        this.maxAgeMs = maxAgeMs;
    }

    public boolean isEnabled()
    {
        return maxBytesPerRecording > 0 || maxAgeMs > 0;
    }

    /** @return bytes purged. */
    public long apply(final AeronArchive archive, final String channel, final int streamId, final long nowMs)
    {
        long purged = 0;
        final List<RecordingLog.Recording> recordings = RecordingLog.list(archive, channel, streamId, 0);
        for (final RecordingLog.Recording recording : recordings)
        {
            final long end = RecordingLog.recordedPosition(archive, recording);
            if (maxAgeMs > 0 && !recording.isActive() && recording.stopTimestamp() > 0 &&
                nowMs - recording.stopTimestamp() > maxAgeMs)
            {
                purged += end - recording.startPosition();
                archive.purgeRecording(recording.recordingId());
                continue;
            }
            if (maxBytesPerRecording > 0 && end - recording.startPosition() > maxBytesPerRecording)
            {
                final long newStart = AeronArchive.segmentFileBasePosition(
                    recording.startPosition(),
                    end - maxBytesPerRecording,
                    recording.termBufferLength(),
                    recording.segmentFileLength());
                if (newStart > recording.startPosition())
                {
                    purged += newStart - recording.startPosition();
                    archive.purgeSegments(recording.recordingId(), newStart);
                }
            }
        }
        return purged;
    }

    public static long hoursToMs(final long hours)
    {
        return TimeUnit.HOURS.toMillis(hours);
    }
}
