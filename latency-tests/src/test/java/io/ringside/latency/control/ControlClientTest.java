package io.ringside.latency.control;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.metrics.EngineCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Commands and timers enter through the control stream and ingress, like events, and are answered. */
final class ControlClientTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long T0 = 1_340_285_400_000_000_000L; // 2012-06-21 13:30 UTC

    @TempDir
    Path dir;

    @Test
    void eachCommandIsAcknowledgedWithWhatBecameOfIt()
    {
        try (Engine engine = Engine.launch(context("commands").timerIntervalNs(0));
            ControlClient client = new ControlClient(dir.resolve("commands").toString(), new EngineContext().streams(), 9000))
        {
            assertEquals(new ControlClient.Outcome(ControlResult.APPLIED, 1),
                client.send(ControlAction.SET, 0, "risk.max-position", "1500", TIMEOUT_NS));
            assertEquals(new ControlClient.Outcome(ControlResult.APPLIED, 2),
                client.send(ControlAction.SET, 0, "surveillance.price-band.max-deviation-bps", "100", TIMEOUT_NS));
            assertEquals(new ControlClient.Outcome(ControlResult.APPLIED, 3),
                client.send(ControlAction.SET, 0, "instrument.AAPL.risk.max-position", "700", TIMEOUT_NS));
            assertEquals(new ControlClient.Outcome(ControlResult.BAD_VALUE, 4),
                client.send(ControlAction.SET, 0, "risk.max-position", "-5", TIMEOUT_NS));
            assertEquals(new ControlClient.Outcome(ControlResult.BAD_VALUE, 5),
                client.send(ControlAction.SET, 0, "risk.max-position", "lots", TIMEOUT_NS));
            assertEquals(new ControlClient.Outcome(ControlResult.UNKNOWN_SETTING, 6),
                client.send(ControlAction.SET, 0, "risk.max-postion", "1", TIMEOUT_NS));
            assertEquals(new ControlClient.Outcome(ControlResult.UNKNOWN_SETTING, 7),
                client.send(ControlAction.SET, 0, "ingress.max-sources", "5", TIMEOUT_NS),
                "read at start only");
            assertEquals(new ControlClient.Outcome(ControlResult.NOT_AVAILABLE, 8),
                client.send(ControlAction.SNAPSHOT, 0, null, null, TIMEOUT_NS), "a live engine takes no snapshots");

            final EngineCounters counters = engine.counters();
            assertEquals(8, counters.get("commands"));
            assertEquals(8, counters.get("source.9000.last_sequence"));
            assertEquals(0, counters.get("rejected"));
            assertEquals(0, counters.get("events_in"), "commands are not events");
            assertEquals(0, counters.get("timers"), "timers off");
        }
    }

    @Test
    void aCommandFromASourceTheRegistryDoesNotAllowToControlIsRefusedAndGetsNoAnswer()
    {
        final IngressConfig ingress = new IngressConfig();
        ingress.source(1).sends("market-data,reference-data");
        ingress.source(9000).sends("market-data");
        try (Engine engine = Engine.launch(context("registry").ingressConfig(ingress));
            ControlClient client = new ControlClient(dir.resolve("registry").toString(), new EngineContext().streams(), 9000))
        {
            final ControlClient.Outcome outcome =
                client.send(ControlAction.KILL_SWITCH_ON, 0, null, null, TimeUnit.MILLISECONDS.toNanos(500));
            assertNull(outcome.result());
            assertEquals(1, engine.counters().get("rejected.not_permitted"));
            assertEquals(0, engine.counters().get("commands"));
        }
    }

    @Test
    void timersTellTheTimeWhenTheInputsAreSilentAndNotBeforeTheFirstEvent() throws Exception
    {
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(50);
        try (Engine engine = Engine.launch(context("timers").timerIntervalNs(intervalNs));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("timers").toString())))
        {
            final EngineCounters counters = engine.counters();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(0, counters.get("timers"), "no time to tell before the first event");

            final ExclusivePublication ingress =
                aeron.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID);
            await(ingress::isConnected);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            final AddOrderEncoder order = new AddOrderEncoder();
            for (int i = 1; i <= 3; i++)
            {
                order.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).instrumentId(7).orderId(i)
                    .side(Side.BUY).price(1_000_000).quantity(100);
                order.envelope().sourceId(1).sequence(i).eventTime(T0 + i).sendTime(System.nanoTime())
                    .intendedSendTime(System.nanoTime());
                while (ingress.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength()) < 0)
                {
                    LockSupport.parkNanos(100_000);
                }
            }
            final long sentNs = System.nanoTime();
            await(() -> counters.get("timers") >= 3);
            final long waitedNs = System.nanoTime() - sentNs;

            final String timer = "source." + IngressConfig.TIMER_SOURCE_ID + ".";
            final long timers = counters.get(timer + "last_sequence");
            assertTrue(timers >= 3 && timers <= counters.get("timers"), "sequenced from 1: " + timers);
            final long told = counters.get(timer + "last_event_time") - (T0 + 3);
            assertTrue(told >= 3 * intervalNs && told <= waitedNs + intervalNs,
                "the last event's time plus the silence since: " + told + " ns after it, " + waitedNs + " ns waited");
            assertEquals(0, counters.get("rejected"));
        }
    }

    private EngineContext context(final String name)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve(name).toString())
            .reportDirectory(dir.resolve(name + "-report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024);
        ctx.durableLog().archive(false);
        return ctx;
    }

    private static void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
