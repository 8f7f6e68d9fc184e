package io.ringside.engine;

import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.pipeline.InstrumentAdmission;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The instrument door of a real engine (embedded driver, ring, handlers): beyond max-instruments, and for instruments
 * never defined, events are refused and counted by reason, and every admitted instrument goes on.
 */
final class InstrumentLimitTest
{
    @TempDir
    Path tempDir;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long sequence;

    @Test
    void eventsBeyondMaxInstrumentsAreRefusedCountedAndNamedOnceWhileTheOthersGoOn()
    {
        // What ingress names once goes to the operator's log (System.Logger, java.util.logging by default).
        final Logger admissionLog = Logger.getLogger(InstrumentAdmission.class.getName());
        final StringBuilder logged = new StringBuilder();
        final Handler capture = new Handler()
        {
            public synchronized void publish(final LogRecord record)
            {
                logged.append(record.getLevel()).append(' ').append(record.getMessage()).append('\n');
            }

            public void flush()
            {
            }

            public void close()
            {
            }
        };
        admissionLog.addHandler(capture);
        try (EngineHarness harness = new EngineHarness(context("limit").maxInstruments(3)))
        {
            // Five instruments, each defined then given 4 orders, interleaved as an exchange's open is.
            for (int id = 1; id <= 5; id++)
            {
                send(harness, definition(id));
            }
            for (int i = 0; i < 4; i++)
            {
                for (int id = 1; id <= 5; id++)
                {
                    send(harness, addOrder(id, id * 100L + i, 1_000_000 + 100L * i));
                }
            }
            harness.await("every event accounted for", () ->
                harness.engine.counters().get("events_in") + harness.engine.counters().get("rejected") == 25);
            final EngineCounters counters = harness.engine.counters();
            assertEquals(15, counters.get("events_in"), "3 instruments x (definition + 4 orders)");
            assertEquals(10, counters.get("rejected"));
            assertEquals(10, counters.get("rejected.instrument_limit"));
            assertEquals(0, counters.get("rejected.undefined_instrument"));
            assertEquals(3, counters.get("instruments"));
            assertEquals(0, counters.get("handler_errors.surveillance") + counters.get("handler_errors.strategy"));
        }
        finally
        {
            admissionLog.removeHandler(capture);
        }
        final String printed;
        synchronized (capture)
        {
            printed = logged.toString();
        }
        assertEquals(1, count(printed, "max-instruments 3 reached"), printed);
        assertTrue(printed.startsWith("WARNING max-instruments 3 reached"), printed);
        assertTrue(printed.contains("events for instrument 4 and every other new instrument are refused"), printed);
    }

    @Test
    void undefinedInstrumentsAreAcceptedAndCountedByDefaultAndRefusedWhenConfigured()
    {
        for (final UndefinedInstrumentPolicy policy : UndefinedInstrumentPolicy.values())
        {
            try (EngineHarness harness = new EngineHarness(context(policy.name()).undefinedInstruments(policy)))
            {
                send(harness, definition(1));
                send(harness, addOrder(1, 1, 1_000_000));
                send(harness, addOrder(2, 2, 1_000_000)); // instrument 2 never defined
                send(harness, addOrder(2, 3, 1_000_100));
                send(harness, definition(2));              // defined late: from here on it is known
                send(harness, addOrder(2, 4, 1_000_200));
                harness.await("every event accounted for", () ->
                    harness.engine.counters().get("events_in") + harness.engine.counters().get("rejected") == 6);
                final Map<String, Long> counts = harness.engine.counters().snapshot();
                if (UndefinedInstrumentPolicy.ACCEPT == policy)
                {
                    assertEquals(6, counts.get("events_in"));
                    assertEquals(2, counts.get("events.undefined_instrument"));
                    assertEquals(0, counts.get("rejected"));
                }
                else
                {
                    assertEquals(4, counts.get("events_in"));
                    assertEquals(0, counts.get("events.undefined_instrument"));
                    assertEquals(2, counts.get("rejected.undefined_instrument"));
                    assertEquals(2, counts.get("rejected"));
                }
                assertEquals(2, counts.get("instruments"));
            }
        }
    }

    private EngineContext context(final String name)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(tempDir.resolve("aeron-" + name).toString())
            .reportDirectory(tempDir.resolve("report-" + name))
            .termBufferLength(1024 * 1024)
            .ringSize(1024);
        ctx.durableLog().archive(false);
        return ctx;
    }

    private int definition(final int id)
    {
        final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, header).instrumentId(id).tickSize(100).priceScale((short)4)
            .symbol("SYM" + id);
        encoder.envelope().eventTime(34_200_000_000_000L + sequence);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int addOrder(final int id, final long orderId, final long price)
    {
        final AddOrderEncoder encoder = new AddOrderEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, header).instrumentId(id).orderId(orderId).side(Side.BUY).price(price)
            .quantity(100).putAttribution((byte)0, (byte)0, (byte)0, (byte)0);
        encoder.envelope().eventTime(34_200_000_000_000L + sequence);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private void send(final EngineHarness harness, final int length)
    {
        harness.send(buffer, length, ++sequence);
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }
}
