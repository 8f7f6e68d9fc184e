package io.ringside.latency.deadletters;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.exceptions.AeronException;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.BoundedReplay;
import io.ringside.transport.RecordingLog;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The dead-letter stream as the archive recorded it: every recording of the stream (one per writer per engine run)
 * read in recording order, up to what is recorded, and, when followed, what is recorded after. Each recording's
 * letters are in the order its writer wrote them.
 */
public final class DeadLetterArchive implements AutoCloseable
{
    /** Where the archive replays into this process; a replay's session id keeps it apart from other replays. */
    private static final int REPLAY_STREAM_ID = 1106;
    private static final long REPLAY_TIMEOUT_MS = 10_000;
    private static final long FOLLOW_INTERVAL_MS = 200;

    private final String channel;
    private final int streamId;
    private final Aeron aeron;
    private final AeronArchive archive;
    /** Per recording, the position read up to. */
    private final Long2LongHashMap read = new Long2LongHashMap(-1);
    private long recordings;

    public DeadLetterArchive(final String aeronDirectoryName, final String channel, final int streamId)
    {
        this.channel = channel;
        this.streamId = streamId;
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName).driverTimeoutMs(10_000));
        }
        catch (final AeronException | IllegalStateException ex)
        {
            throw new IllegalStateException("--aeron-dir: no media driver at " + aeronDirectoryName
                + "; is the engine (or `ringside driver`) running? (" + ex.getMessage() + ")", ex);
        }
        try
        {
            archive = AeronArchive.connect(
                ArchivingDriver.clientContext(aeronDirectoryName).aeron(aeron).ownsAeronClient(false));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw new IllegalStateException("--aeron-dir: no archive answers on " + aeronDirectoryName
                + "; dead letters are read from the archive of the engine or of `ringside driver` ("
                + ex.getMessage() + ")", ex);
        }
    }

    /** Hand every letter recorded so far to {@code onLetter}, oldest recording first. */
    public void readRecorded(final Consumer<DeadLetter> onLetter)
    {
        final List<RecordingLog.Recording> list = RecordingLog.list(archive, channel, streamId, 0);
        for (final RecordingLog.Recording recording : list)
        {
            final long from = Math.max(read.get(recording.recordingId()), recording.startPosition());
            if (read.get(recording.recordingId()) < 0)
            {
                recordings++;
            }
            final long to = RecordingLog.recordedPosition(archive, recording);
            final long id = recording.recordingId();
            final long reached = BoundedReplay.replay(archive, id, from, to, "aeron:ipc", REPLAY_STREAM_ID,
                (buffer, offset, length, header) ->
                    onLetter.accept(DeadLetter.read(buffer, offset, length, id, header.position())),
                new BackoffIdleStrategy(), REPLAY_TIMEOUT_MS);
            read.put(id, reached);
        }
    }

    /**
     * As {@link #readRecorded}, then each letter as it is recorded, new engine runs' included, until {@code stop}
     * (checked after the first read: one that is already true reads what is recorded and returns).
     */
    public void follow(final Consumer<DeadLetter> onLetter, final BooleanSupplier stop)
    {
        readRecorded(onLetter);
        while (!stop.getAsBoolean())
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FOLLOW_INTERVAL_MS));
            readRecorded(onLetter);
        }
    }

    /** Recordings of the stream read so far. */
    public long recordings()
    {
        return recordings;
    }

    public void close()
    {
        CloseHelper.closeAll(archive, aeron);
    }
}
