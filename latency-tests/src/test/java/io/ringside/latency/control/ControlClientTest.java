package io.ringside.latency.control;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.metrics.EngineCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private static final Path AAPL_HOUR = Path.of("data/AAPL_2012-06-21_34200000_37800000_message_50.csv");

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
                "the door's bounds are no handler's");
            assertEquals(new ControlClient.Outcome(ControlResult.NOT_AVAILABLE, 8),
                client.send(ControlAction.SNAPSHOT, 0, null, null, TIMEOUT_NS), "a live engine takes no snapshots");

            final EngineCounters counters = engine.counters();
            assertEquals(new ControlClient.Outcome(ControlResult.NOT_AVAILABLE, 9),
                client.send(ControlAction.SET, 0, "risk.max-orders-per-second", "5", TIMEOUT_NS),
                "a setting taken at start only");
            assertEquals(9, counters.get("commands"));
            assertEquals(9, counters.get("source.9000.last_sequence"));
            assertEquals(0, counters.get("rejected"));
            assertEquals(0, counters.get("events_in"), "commands are not events");
            assertEquals(0, counters.get("timers"), "timers off");
        }
    }

    @Test
    void theKillSwitchStopsTheMarketMakerWhereTheCommandFallsInTheStreamAndResumesIt() throws Exception
    {
        final List<UnsafeBuffer> frames = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        readAaplHour(30_000, frames, lengths);
        try (Engine engine = Engine.launch(context("kill").timerIntervalNs(0));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("kill").toString()));
            ControlClient client = new ControlClient(dir.resolve("kill").toString(), new EngineContext().streams(), 9000))
        {
            final EngineCounters counters = engine.counters();
            final ExclusivePublication ingress =
                aeron.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID);
            final Subscription orders = aeron.addSubscription("aeron:ipc", StreamSettings.DEFAULT_ORDER_STREAM_ID);
            await(() -> ingress.isConnected() && orders.isConnected());
            final List<String> received = new ArrayList<>();
            final FragmentHandler onOrder = orderTap(received);

            send(ingress, frames, lengths, 0, 10_000);
            await(() -> counters.get("events_in") == 10_000 && counters.get("ring_lag.egress") == 0);
            final long quoting = counters.get("orders.market-maker");
            assertTrue(quoting > 100, "the market maker quotes: " + quoting);
            drain(orders, onOrder, received, counters.get("orders"));
            final int before = received.size();

            assertEquals(ControlResult.APPLIED,
                client.send(ControlAction.KILL_SWITCH_ON, 1, null, null, TIMEOUT_NS).result());
            send(ingress, frames, lengths, 10_000, 20_000);
            await(() -> counters.get("events_in") == 20_000 && counters.get("ring_lag.egress") == 0);
            drain(orders, onOrder, received, counters.get("orders"));
            final List<String> killed = received.subList(before, received.size());
            assertTrue(killed.stream().filter((o) -> o.startsWith("1 ")).allMatch((o) -> o.equals("1 CANCEL")),
                "after the switch the market maker only cancels: " + killed);
            assertTrue(killed.stream().filter((o) -> o.startsWith("1 ")).count() <= 2, "its two quotes at most");
            assertTrue(killed.contains("1 CANCEL"), "its resting quotes are cancelled: " + killed);
            final long afterKill = counters.get("orders.market-maker");

            assertEquals(ControlResult.APPLIED,
                client.send(ControlAction.KILL_SWITCH_OFF, 1, null, null, TIMEOUT_NS).result());
            send(ingress, frames, lengths, 20_000, 30_000);
            await(() -> counters.get("events_in") == 30_000 && counters.get("ring_lag.egress") == 0);
            assertTrue(counters.get("orders.market-maker") > afterKill + 100, "quoting again");
            assertEquals(ControlResult.BAD_VALUE,
                client.send(ControlAction.KILL_SWITCH_ON, 7, null, null, TIMEOUT_NS).result(), "no strategy 7");
            assertEquals(3, counters.get("commands"));
        }
    }

    @Test
    void whenTheMarketFallsSilentTimersMakeTheMarketMakerCancelItsQuotesAndTheStaleFeedRuleAlert() throws Exception
    {
        final List<UnsafeBuffer> frames = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        readAaplHour(5_000, frames, lengths);
        final Path config = dir.resolve("stale.conf");
        java.nio.file.Files.writeString(config, "strategy.market-maker.stale-after-ns = 1_000_000_000\n" +
            "surveillance.stale-feed.stale-after-ns = 1_000_000_000\n");
        try (Engine engine = Engine.launch(context("silent").configFile(config)
                .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(50)));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("silent").toString())))
        {
            final EngineCounters counters = engine.counters();
            final ExclusivePublication ingress =
                aeron.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID);
            final Subscription orders = aeron.addSubscription("aeron:ipc", StreamSettings.DEFAULT_ORDER_STREAM_ID);
            await(() -> ingress.isConnected() && orders.isConnected());
            final List<String> received = new ArrayList<>();
            final FragmentHandler onOrder = orderTap(received);
            send(ingress, frames, lengths, 0, frames.size());
            await(() -> counters.get("events_in") == frames.size() && counters.get("ring_lag.egress") == 0);
            drain(orders, onOrder, received, counters.get("orders"));
            final int beforeSilence = received.size();
            assertEquals(0, counters.get("alerts.stale-feed"), "not yet a second of silence");

            // Silence: timers carry time on from the last event; past a second of it the quotes go and the rule alerts.
            await(() -> counters.get("alerts.stale-feed") == 1);
            drain(orders, onOrder, received, counters.get("orders"));
            final List<String> inTheSilence = received.subList(beforeSilence, received.size());
            assertTrue(!inTheSilence.isEmpty() && inTheSilence.size() <= 2 &&
                inTheSilence.stream().allMatch("1 CANCEL"::equals),
                "the market maker's resting quotes cancelled, nothing else: " + inTheSilence);
            final long orderCount = counters.get("orders");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(orderCount, counters.get("orders"), "nothing more while it stays silent");
            assertTrue(counters.get("timers") > 10, "timers all along the silence: " + counters.get("timers"));
            assertEquals(1, counters.get("alerts.stale-feed"), "one alert per silence");
        }
    }

    private static void readAaplHour(final int count, final List<UnsafeBuffer> frames, final List<Integer> lengths)
        throws java.io.IOException
    {
        try (LobsterReader reader = new LobsterReader(AAPL_HOUR, 1, null, null, (kind, where, problem) -> false))
        {
            UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            int length;
            while (frames.size() < count && (length = reader.next(frame, 0)) > 0)
            {
                frames.add(frame);
                lengths.add(length);
                frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            }
        }
    }

    /** Each order as "STRATEGY ACTION". */
    private static FragmentHandler orderTap(final List<String> received)
    {
        final StrategyOrderDecoder order = new StrategyOrderDecoder();
        return (buffer, offset, length, header) ->
        {
            order.wrap(buffer, offset + MessageHeaderEncoder.ENCODED_LENGTH, StrategyOrderDecoder.BLOCK_LENGTH,
                StrategyOrderDecoder.SCHEMA_VERSION);
            received.add(order.strategyId() + " " + order.action());
        };
    }

    private static void send(final ExclusivePublication publication, final List<UnsafeBuffer> frames,
        final List<Integer> lengths, final int from, final int to)
    {
        final EnvelopeEncoder envelope = new EnvelopeEncoder();
        for (int i = from; i < to; i++)
        {
            final UnsafeBuffer frame = frames.get(i);
            final long now = System.nanoTime();
            envelope.wrap(frame, MessageHeaderEncoder.ENCODED_LENGTH).sourceId(1).sequence(i + 1).sendTime(now)
                .intendedSendTime(now);
            while (publication.offer(frame, 0, lengths.get(i)) < 0)
            {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    private static void drain(final Subscription subscription, final FragmentHandler handler,
        final List<String> received, final long expected)
    {
        await(() ->
        {
            subscription.poll(handler, 100);
            return received.size() == expected;
        });
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
            assertEquals(0, engine.counters().get("commands"), "not taken");
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
