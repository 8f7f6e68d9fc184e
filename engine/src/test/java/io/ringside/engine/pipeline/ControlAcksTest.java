package io.ringside.engine.pipeline;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.codecs.sbe.ControlAckDecoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandEncoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Acknowledgements while not publishing (a cluster follower) are kept, and go out when publishing starts (it became
 * leader), the newest {@link ControlAcks#KEPT} of them, oldest first, before any new one.
 */
final class ControlAcksTest
{
    @TempDir
    Path dir;

    @Test
    void theKeptAcknowledgementsGoOutAgainWhenPublishingStarts()
    {
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            final Subscription subscription = aeron.addSubscription("aeron:ipc", 77);
            final ControlAcks acks = new ControlAcks(aeron.addExclusivePublication("aeron:ipc", 77));
            acks.publishing(false);
            for (int commandId = 1; commandId <= ControlAcks.KEPT + 6; commandId++)
            {
                acks.acknowledge(command(commandId));
            }
            assertEquals(List.of(), received(subscription, 0), "a follower publishes none");

            acks.publishing(true);
            acks.acknowledge(command(1_000));
            acks.publishing(true); // already publishing: nothing again
            final List<Long> expected = new ArrayList<>();
            for (long commandId = 7; commandId <= ControlAcks.KEPT + 6; commandId++)
            {
                expected.add(commandId);
            }
            expected.add(1_000L);
            assertEquals(expected, received(subscription, expected.size()));
            assertEquals(ControlAcks.KEPT, acks.republished());
        }
    }

    private static RingSlot command(final long commandId)
    {
        final RingSlot slot = new RingSlot();
        final ControlCommandEncoder encoder = new ControlCommandEncoder()
            .wrapAndApplyHeader(slot.frame, 0, new MessageHeaderEncoder());
        encoder.envelope().sourceId(9_000).sequence(commandId).eventTime(1);
        encoder.instrumentId(0).commandId(commandId).action(ControlAction.KILL_SWITCH_ON).strategyId(0);
        slot.frameLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        slot.ingressResult = ControlResult.APPLIED.value();
        slot.surveillanceResult = ControlResult.APPLIED.value();
        return slot;
    }

    /** What arrives until {@code expected} have, and 200 ms more for any beyond them. */
    private static List<Long> received(final Subscription subscription, final int expected)
    {
        final List<Long> ids = new ArrayList<>();
        final ControlAckDecoder ack = new ControlAckDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        long quietUntil = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, quietUntil))
        {
            if (Long.MAX_VALUE == quietUntil && ids.size() >= expected)
            {
                quietUntil = System.nanoTime() + 200_000_000L;
            }
            subscription.poll((buffer, offset, length, h) ->
            {
                ack.wrapAndApplyHeader(buffer, offset, header);
                assertEquals(ControlResult.APPLIED, ack.result());
                ids.add(ack.commandId());
            }, 100);
        }
        return ids;
    }
}
