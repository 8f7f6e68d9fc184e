package io.ringside.engine;

import io.aeron.ExclusivePublication;
import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.Refusal;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.metrics.EngineCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A good source's real hour of AAPL, once alone and once with another publisher on the same stream sending 100,016
 * hostile frames among it: every way of lying about a source, a sequence, a time or an instrument, and every way a
 * frame can be unreadable. The good source's outputs must be exactly the same, and every hostile frame accounted for
 * by its reason, with no handler error.
 */
final class HostileSourcesTest
{
    private static final int GOOD = 1;
    private static final int ATTACKER = 2;
    private static final int UNLISTED = 3;
    private static final int AAPL = 1;
    /** 19 frames each: 100,016 in CI; .ci/hostile-frames sends a million (-Dringside.hostile.cycles=52632). */
    private static final int CYCLES = Integer.getInteger("ringside.hostile.cycles", 5_264);
    private static final long AAPL_TICK_SIZE = 100;
    private static final int AAPL_PRICE_SCALE = 4;
    /** Refusals per cycle, by reason; and a duplicate and a repeated definition. */
    private static final int[] REFUSALS =
    {
        Refusal.SOURCE_IN_USE, Refusal.SEQUENCE_JUMP, Refusal.BAD_SEQUENCE, Refusal.NOT_OWNER, Refusal.TIME_SKEW,
        FrameCheck.BAD_VALUE, FrameCheck.BAD_PRICE, FrameCheck.BAD_QUANTITY, FrameCheck.SHORT_FRAME,
        FrameCheck.UNKNOWN_SCHEMA, FrameCheck.UNKNOWN_TEMPLATE, FrameCheck.NOT_INBOUND, FrameCheck.TRUNCATED,
        FrameCheck.BAD_BLOCK_LENGTH, FrameCheck.OVERSIZED, Refusal.UNKNOWN_SOURCE, Refusal.NOT_PERMITTED
    };

    @TempDir
    Path tempDir;

    private final UnsafeBuffer attack = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private long attackerSequence = 1;

    private record Run(List<String> alerts, List<String> orders, Map<String, Long> counts)
    {
    }

    @Test
    void aHundredThousandHostileFramesCostTheGoodSourceNothingAndAreEachCountedByReason() throws Exception
    {
        final List<UnsafeBuffer> frames = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        try (LobsterReader reader = new LobsterReader(
            SharedData.lobster("AAPL_2012-06-21_34200000_37800000_message_50.csv"), AAPL, null, null,
            (kind, where, problem) -> false))
        {
            UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                frames.add(buffer);
                lengths.add(length);
                buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            }
        }

        final Run alone = run("alone", frames, lengths, false);
        final Run attacked = run("attacked", frames, lengths, true);

        assertEquals(alone.alerts(), attacked.alerts());
        assertEquals(alone.orders(), attacked.orders());
        assertEquals(alone.counts().get("output_digest"), attacked.counts().get("output_digest"));
        assertTrue(alone.orders().size() > 1000, "the hour trades: " + alone.orders().size());

        final Map<String, Long> counts = attacked.counts();
        assertEquals(frames.size() + 1L, counts.get("events_in"), "the good hour and the attacker's one good event");
        assertEquals(1L, counts.get("events.undefined_instrument"));
        assertEquals((long)CYCLES, counts.get("definitions_repeated"));
        for (final int reason : REFUSALS)
        {
            assertEquals((long)CYCLES, counts.get("rejected." + Refusal.name(reason)), Refusal.name(reason));
        }
        assertEquals((long)CYCLES * REFUSALS.length, counts.get("rejected"));
        assertEquals((long)CYCLES, counts.get("duplicates"));
        assertEquals(0L, counts.get("gaps"));
        assertEquals(0L, counts.get("handler_errors.surveillance") + counts.get("handler_errors.strategy") +
            counts.get("handler_errors.egress"));
        assertEquals((long)CYCLES * (REFUSALS.length + 1),
            counts.get("dead_letters") + counts.get("dead_letters.not_published"), "a dead letter each");
        assertEquals(0L, alone.counts().get("rejected") + alone.counts().get("duplicates"));
    }

    private Run run(final String name, final List<UnsafeBuffer> frames, final List<Integer> lengths,
        final boolean attacked)
    {
        final IngressConfig ingress = new IngressConfig();
        ingress.source(GOOD).name("lobster").sends("market-data,reference-data");
        ingress.source(ATTACKER).name("other").sends("market-data,reference-data");
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(tempDir.resolve(name).resolve("aeron").toString())
            .reportDirectory(tempDir.resolve(name).resolve("report"))
            .termBufferLength(4 * 1024 * 1024)
            .ringSize(4096)
            .ingressConfig(ingress);
        ctx.durableLog().archive(false);
        attackerSequence = 1;
        try (EngineHarness harness = new EngineHarness(ctx))
        {
            final ExclusivePublication attacker = harness.client.addExclusivePublication(
                "aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID);
            harness.await("the attacker connected", attacker::isConnected);
            final long time = eventTime(frames.get(0));
            final int every = frames.size() / CYCLES;
            int cycles = 0;
            for (int i = 0; i < frames.size(); i++)
            {
                harness.send(frames.get(i), lengths.get(i), i + 1);
                if (attacked && i == 0)
                {
                    // The good source owns its id before the attack starts, as a real feed connected first does: two
                    // publications' images are polled in no promised order, so without this wait the attacker's lies
                    // could reach the engine first and take the id.
                    final EngineCounters counters = harness.engine.counters();
                    harness.await("the good source's first event taken",
                        () -> counters.snapshot().getOrDefault("source.1.events", 0L) == 1);
                    // The attacker's one good event: its source, in order, on an instrument of its own.
                    offer(harness, attacker, addOrder(ATTACKER, attackerSequence++, 999, time, 1_000_000, 100));
                }
                if (attacked && i > 0 && i % every == 0 && cycles < CYCLES)
                {
                    sendCycle(harness, attacker, time);
                    cycles++;
                }
            }
            assertEquals(attacked ? CYCLES : 0, cycles);
            final EngineCounters counters = harness.engine.counters();
            final long expected = frames.size() + (attacked ? 1L + (long)CYCLES * (REFUSALS.length + 2) : 0);
            harness.await("every frame accounted for", () -> counters.get("events_in") + counters.get("rejected") +
                counters.get("duplicates") + counters.get("definitions_repeated") == expected);
            harness.await("the ring drained", () -> counters.get("ring_remaining_capacity") == 4096);
            harness.engine.stop();
            harness.drainEgress();
            return new Run(List.copyOf(harness.alerts), List.copyOf(harness.orders), counters.snapshot());
        }
    }

    /** One of each refusal and a duplicate, from the attacker's own session. */
    private void sendCycle(final EngineHarness harness, final ExclusivePublication attacker, final long time)
    {
        // Lies about sources, sequences, time and instruments; each frame is otherwise good.
        offer(harness, attacker, addOrder(GOOD, 1_000_000_000_000_000L, AAPL, time, 1_000_000, 100));
        offer(harness, attacker, addOrder(ATTACKER, Long.MAX_VALUE, AAPL, time, 1_000_000, 100));
        offer(harness, attacker, addOrder(ATTACKER, 0, AAPL, time, 1_000_000, 100));
        offer(harness, attacker, addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 100)); // a duplicate
        // AAPL redefined by another source: refused; its own definition repeated: known, not passed on.
        offer(harness, attacker, definition(AAPL, 1, time));
        offer(harness, attacker, definition(AAPL, AAPL_TICK_SIZE, time));
        final long year2100 = 4_102_444_800_000_000_000L;
        offer(harness, attacker, addOrder(ATTACKER, attackerSequence++, AAPL, year2100, 1_000_000, 100));

        // Values no message may hold.
        int length = addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 100);
        attack.putByte(MessageHeaderEncoder.ENCODED_LENGTH + AddOrderEncoder.sideEncodingOffset(), (byte)7);
        offer(harness, attacker, length);
        offer(harness, attacker, addOrder(ATTACKER, 1, AAPL, time, -1_000_000, 100));
        offer(harness, attacker, addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 0));

        // Frames that cannot be read.
        offer(harness, attacker, 3);
        length = addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 100);
        attack.putShort(MessageHeaderEncoder.schemaIdEncodingOffset(), (short)9999, MessageHeaderDecoder.BYTE_ORDER);
        offer(harness, attacker, length);
        length = addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 100);
        attack.putShort(MessageHeaderEncoder.templateIdEncodingOffset(), (short)59, MessageHeaderDecoder.BYTE_ORDER);
        offer(harness, attacker, length);
        final FraudAlertEncoder alert = new FraudAlertEncoder().wrapAndApplyHeader(attack, 0, header);
        offer(harness, attacker, MessageHeaderEncoder.ENCODED_LENGTH + alert.encodedLength());
        length = addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 100);
        offer(harness, attacker, length - 1);
        length = addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 100);
        attack.putShort(MessageHeaderEncoder.blockLengthEncodingOffset(), (short)20, MessageHeaderDecoder.BYTE_ORDER);
        offer(harness, attacker, length);
        addOrder(ATTACKER, 1, AAPL, time, 1_000_000, 100);
        offer(harness, attacker, 600);

        // Who may send what: a source no one listed, and a kind its entry does not allow.
        offer(harness, attacker, addOrder(UNLISTED, 1, AAPL, time, 1_000_000, 100));
        final ClientNewOrderEncoder clientOrder = new ClientNewOrderEncoder().wrapAndApplyHeader(attack, 0, header)
            .instrumentId(AAPL).account(7).clientOrderId(1).side(Side.BUY).price(1_000_000).quantity(100);
        clientOrder.envelope().sourceId(ATTACKER).sequence(attackerSequence).eventTime(time).sendTime(0)
            .intendedSendTime(0);
        offer(harness, attacker, MessageHeaderEncoder.ENCODED_LENGTH + clientOrder.encodedLength());
    }

    private int definition(final int instrument, final long tickSize, final long time)
    {
        final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder()
            .wrapAndApplyHeader(attack, 0, header).instrumentId(instrument).tickSize(tickSize)
            .priceScale((short)AAPL_PRICE_SCALE).symbol("AAPL");
        definition.envelope().sourceId(ATTACKER).sequence(attackerSequence++).eventTime(time).sendTime(0)
            .intendedSendTime(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
    }

    private int addOrder(
        final int source, final long sequence, final int instrument, final long time, final long price,
        final long quantity)
    {
        addOrder.wrapAndApplyHeader(attack, 0, header).instrumentId(instrument).orderId(sequence).side(Side.BUY)
            .price(price).quantity(quantity);
        addOrder.envelope().sourceId(source).sequence(sequence).eventTime(time).sendTime(0).intendedSendTime(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + addOrder.encodedLength();
    }

    private void offer(final EngineHarness harness, final ExclusivePublication publication, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(attack, 0, length) < 0)
        {
            if (System.nanoTime() > deadline)
            {
                fail("the attacker's offer did not succeed within 10 s");
            }
            harness.poll();
            LockSupport.parkNanos(10_000);
        }
    }

    private static long eventTime(final UnsafeBuffer frame)
    {
        return new EnvelopeDecoder().wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH).eventTime();
    }
}
