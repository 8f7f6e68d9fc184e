package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A UDP ingress is recorded with no engine subscribed: the archive, or the sequencer feeding the log, is the feed's
 * receiver.
 */
final class UdpIngressRecordingTest
{
    @TempDir
    Path dir;

    /**
     * @param sequenced the driver merges the UDP stream with another into the sequenced log and records only that, as
     *                  `ringside driver` does: the sequencer, not the archive, is then the receiver on the endpoint.
     */
    @ParameterizedTest(name = "sequenced {0}")
    @ValueSource(booleans = { false, true })
    void aUdpFeedIsConnectedAndRecordedWhileNoEngineRuns(final boolean sequenced) throws Exception
    {
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            port = socket.getLocalPort();
        }
        final String channel = "aeron:udp?endpoint=localhost:" + port;
        final List<byte[]> frames = RecordedFrames.frames(2_000);
        final ArchivingDriver.Context driverCtx = new ArchivingDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .archiveDirectoryName(dir.resolve("archive").toString())
            .termBufferLength(1024 * 1024)
            .lowStorageSpaceThreshold(0);
        final ArchivingDriver.Stream log = new ArchivingDriver.Stream("aeron:ipc", 1100);
        final ArchivingDriver.Stream recorded = sequenced ? log : new ArchivingDriver.Stream(channel, 1001);
        if (sequenced)
        {
            driverCtx.sequence(List.of(new ArchivingDriver.Stream(channel, 1001),
                new ArchivingDriver.Stream("aeron:ipc", 1005)), log);
        }
        else
        {
            driverCtx.record(channel, 1001);
        }
        try (ArchivingDriver driver = ArchivingDriver.launch(driverCtx);
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString())))
        {
            try (ExclusivePublication publication = client.addExclusivePublication(channel, 1001))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!publication.isConnected())
                {
                    if (System.nanoTime() > deadline)
                    {
                        fail("the driver did not connect as the UDP receiver");
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
                for (final byte[] frame : frames)
                {
                    buffer.wrap(frame);
                    while (publication.offer(buffer, 0, frame.length) < 0)
                    {
                        LockSupport.parkNanos(50_000);
                    }
                }
                final long end = publication.position();
                while (RecordingLog.list(driver.archive(), recorded.channel(), recorded.streamId(), 0).isEmpty() ||
                    RecordingLog.recordedPosition(driver.archive(), RecordingLog.list(
                        driver.archive(), recorded.channel(), recorded.streamId(), 0).get(0)) < end)
                {
                    if (System.nanoTime() > deadline)
                    {
                        fail("not recorded up to " + end);
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }

            final List<String> received = new ArrayList<>();
            try (Subscription subscription = client.addSubscription("aeron:ipc", 2001))
            {
                final Thread replay = new Thread(() -> new LogReplay(new LogReplay.Context()
                    .aeronDirectoryName(dir.resolve("aeron").toString())
                    .ingress(recorded.channel(), recorded.streamId())
                    .to("aeron:ipc", 2001)).run());
                replay.start();
                final FragmentAssembler assembler = new FragmentAssembler((b, offset, length, header) ->
                {
                    final byte[] bytes = new byte[length];
                    b.getBytes(offset, bytes);
                    received.add(HexFormat.of().formatHex(bytes));
                });
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (received.size() < frames.size() && System.nanoTime() < deadline)
                {
                    if (0 == subscription.poll(assembler, 100))
                    {
                        LockSupport.parkNanos(100_000);
                    }
                }
                replay.join(10_000);
            }
            final List<String> expected = new ArrayList<>();
            frames.forEach((frame) -> expected.add(HexFormat.of().formatHex(frame)));
            assertEquals(expected, received);
            assertEquals(sequenced, RecordingLog.list(driver.archive(), channel, 1001, 0).isEmpty(),
                "the UDP stream itself is recorded only when it is not sequenced");
        }
    }
}
