package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two ingress streams merged into one recorded log: every message once, each stream's own order kept; with the
 * driver, the archive and the sequencer on threads of their own, and all three on one thread (INVOKER), as a durable
 * engine's ingress runs them, where a full log must not stall the thread that would empty it.
 */
final class IngressSequencerTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = { "SHARED", "INVOKER" })
    void twoStreamsBecomeOneRecordedLogWithEveryMessageOnceAndEachStreamInOrder(final ThreadingMode threadingMode)
    {
        final List<byte[]> frames = RecordedFrames.frames(6_000);
        final List<String> market = new ArrayList<>();
        final List<String> activity = new ArrayList<>();
        final ArchivingDriver.Stream sequenced = new ArchivingDriver.Stream("aeron:ipc", 1100);
        try (ArchivingDriver driver = ArchivingDriver.launch(new ArchivingDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .archiveDirectoryName(dir.resolve("archive").toString())
                .threadingMode(threadingMode)
                .invokeIntervalNs(InvokedDriver.IPC_HOUSEKEEPING_INTERVAL_NS)
                // The smallest term: the sequenced log back-pressures the sequencer many times over.
                .termBufferLength(64 * 1024)
                .lowStorageSpaceThreshold(0)
                .record("aeron:ipc", 1001)
                .record("aeron:ipc", 1005)
                .sequence(List.of(new ArchivingDriver.Stream("aeron:ipc", 1001),
                    new ArchivingDriver.Stream("aeron:ipc", 1005)), sequenced));
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString()));
            ExclusivePublication first = client.addExclusivePublication("aeron:ipc", 1001);
            ExclusivePublication second = client.addExclusivePublication("aeron:ipc", 1005))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (int i = 0; i < frames.size(); i++)
            {
                // Bursts of uneven length from each, so the merge has real interleaving to decide.
                final boolean toFirst = (i / (1 + i % 7)) % 2 == 0;
                final ExclusivePublication publication = toFirst ? first : second;
                (toFirst ? market : activity).add(HexFormat.of().formatHex(frames.get(i)));
                buffer.wrap(frames.get(i));
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                long result;
                while ((result = publication.offer(buffer, 0, frames.get(i).length)) < 0)
                {
                    if (System.nanoTime() > deadline)
                    {
                        fail("frame " + i + " not taken in 20 s: " + Publication.errorString(result));
                    }
                    LockSupport.parkNanos(50_000);
                }
            }

            final List<String> log = awaitLog(driver, sequenced, frames.size());
            final Set<String> marketSet = new HashSet<>(market);
            final List<String> marketInLog = new ArrayList<>();
            final List<String> activityInLog = new ArrayList<>();
            for (final String message : log)
            {
                (marketSet.contains(message) ? marketInLog : activityInLog).add(message);
            }
            assertEquals(market, marketInLog, "the first stream, complete and in its order");
            assertEquals(activity, activityInLog, "the second stream, complete and in its order");
        }
    }

    private static List<String> awaitLog(final ArchivingDriver driver, final ArchivingDriver.Stream log, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            final List<RecordingLog.Recording> recordings =
                RecordingLog.list(driver.archive(), log.channel(), log.streamId(), 0);
            if (1 == recordings.size())
            {
                final RecordingLog.Recording recording = recordings.get(0);
                final List<String> messages = new ArrayList<>();
                BoundedReplay.replay(driver.archive(), recording.recordingId(), recording.startPosition(),
                    RecordingLog.recordedPosition(driver.archive(), recording), "aeron:ipc", RecordedFrames.REPLAY_STREAM,
                    (b, offset, length, header) ->
                    {
                        final byte[] bytes = new byte[length];
                        b.getBytes(offset, bytes);
                        messages.add(HexFormat.of().formatHex(bytes));
                    }, new BackoffIdleStrategy(), 10_000);
                if (messages.size() >= count)
                {
                    assertEquals(count, messages.size(), "every message once");
                    return messages;
                }
            }
            if (System.nanoTime() > deadline)
            {
                fail("the sequenced log did not reach " + count + " messages: " + recordings);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
