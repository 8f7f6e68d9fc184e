package io.ringside.transport;

import io.aeron.archive.client.AeronArchive;

import java.util.ArrayList;
import java.util.List;

/**
 * The recordings the archive holds of one stream, oldest first. Each publication session on the stream (each feed
 * run, each engine run) is a recording of its own; read in recording id order they are the stream's whole history.
 * Control-path only: it allocates.
 */
public final class RecordingLog
{
    private RecordingLog()
    {
    }

    /** One recording as the archive's catalog describes it; stopPosition is NULL_POSITION while it records. */
    public record Recording(
        long recordingId,
        long startPosition,
        long stopPosition,
        long startTimestamp,
        long stopTimestamp,
        int termBufferLength,
        int segmentFileLength,
        int sessionId,
        String channel)
    {
        public boolean isActive()
        {
            return AeronArchive.NULL_POSITION == stopPosition;
        }
    }

    /** Every recording of the stream with id at or above fromRecordingId, oldest first. */
    public static List<Recording> list(
        final AeronArchive archive, final String channel, final int streamId, final long fromRecordingId)
    {
        final List<Recording> recordings = new ArrayList<>();
        long from = fromRecordingId;
        while (true)
        {
            final int before = recordings.size();
            archive.listRecordingsForUri(from, 256, channel, streamId,
                (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                    stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId,
                    recStreamId, strippedChannel, originalChannel, sourceIdentity) ->
                {
                    if (recStreamId == streamId && sameMedia(channel, strippedChannel))
                    {
                        recordings.add(new Recording(recordingId, startPosition, stopPosition, startTimestamp,
                            stopTimestamp, termBufferLength, segmentFileLength, sessionId, strippedChannel));
                    }
                });
            if (recordings.size() == before)
            {
                return recordings;
            }
            from = recordings.get(recordings.size() - 1).recordingId() + 1;
        }
    }

    /** The archive matches channels by fragment; aeron:ipc must not match a udp recording that mentions it. */
    private static boolean sameMedia(final String channel, final String recordedChannel)
    {
        final int query = channel.indexOf('?');
        final String media = query < 0 ? channel : channel.substring(0, query);
        return recordedChannel.startsWith(media);
    }

    /** The position the archive has recorded up to: the live position of an active recording, else its stop. */
    public static long recordedPosition(final AeronArchive archive, final Recording recording)
    {
        if (!recording.isActive())
        {
            return recording.stopPosition();
        }
        final long position = archive.getRecordingPosition(recording.recordingId());
        return AeronArchive.NULL_POSITION != position ? position : archive.getStopPosition(recording.recordingId());
    }
}
