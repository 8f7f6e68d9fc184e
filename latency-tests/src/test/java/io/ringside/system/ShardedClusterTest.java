package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.codecs.recording.RecordingReader;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.cluster.ClusterLayout;
import io.ringside.engine.cluster.ClusterMember;
import io.ringside.engine.cluster.ShardMap;
import io.ringside.engine.cluster.ShardRouter;
import io.ringside.engine.cluster.ShardedGateway;
import io.ringside.engine.config.RingsideConfig;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.latency.exchange.ExchangeDayGenerator;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.Recordings;
import io.ringside.system.ShardedOutputs.Consumer;
import io.ringside.system.ShardedOutputs.Outputs;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Eight instruments spread over two shards of three members each, fed through one sharded gateway: every
 * instrument-level alert and every strategy order, instrument by instrument, is the single engine's. What differs is
 * exactly what is account-level or numbered per engine: the velocity rule (one account's messages across instruments)
 * sees each shard's share of an account's messages only, and each shard numbers its outputs and its strategies'
 * client order ids on its own. The strategies' order rate limit (per strategy, across instruments) is set out of reach
 * in this configuration, and the single engine shows it never rejected an order.
 */
final class ShardedClusterTest
{
    private static final Path AAPL_ITCH = Path.of("..", "..", "shared", "data", "itch", "AAPL_2012-06-21.itch50.gz");
    private static final int SYMBOLS = 8;
    private static final int MESSAGES = 12_000;
    private static final int SHARDS = 2;
    private static final int MEMBERS = 3;
    private static final int BASE_PORT = 24_700;
    private static final String[] EGRESS = {
        "aeron:udp?endpoint=localhost:24990", "aeron:udp?endpoint=localhost:24991" };
    private static final int MARKET_SOURCE = 1;
    private static final int CLIENT_SOURCE = 2;
    private static final int CONTROL_SOURCE = 3;
    /** Account 9001: 30 orders on AAAA (shard 1) and 30 on AAAB (shard 0), interleaved; 9002: 60 on AAAB. */
    private static final long SPLIT_ACCOUNT = 9001;
    private static final long ONE_SHARD_ACCOUNT = 9002;

    @TempDir
    Path dir;

    private final ClusterMember[][] members = new ClusterMember[SHARDS][MEMBERS];

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void instrumentLevelOutputsOfTwoShardsAreTheSingleEngines() throws Exception
    {
        final Path config = dir.resolve("sharded.conf");
        // AAAC is on shard 0 by configuration (its hash says 1); the order rate limit is out of reach (see above).
        Files.write(config, List.of("instrument.AAAC.shard = 0", "risk.max-orders-per-second = 100000"));
        final ShardMap shardMap = new ShardMap(SHARDS, RingsideConfig.load(config).shards());
        final List<byte[]> frames = frames();
        final Outputs reference = singleEngine(frames, config);

        MediaDriver driver = null;
        Aeron client = null;
        AgentRunner gatewayRunner = null;
        try
        {
            for (int shard = 0; shard < SHARDS; shard++)
            {
                for (int id = 0; id < MEMBERS; id++)
                {
                    members[shard][id] = launch(shard, id, config);
                }
            }
            driver = ClusterFixture.feedDriver(dir);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final Consumer[] alerts = new Consumer[SHARDS];
            final Consumer[] orders = new Consumer[SHARDS];
            final List<AeronCluster.Context> clusters = new ArrayList<>();
            for (int shard = 0; shard < SHARDS; shard++)
            {
                alerts[shard] = new Consumer(client.addSubscription(EGRESS[shard], 1002));
                orders[shard] = new Consumer(client.addSubscription(EGRESS[shard], 1003));
                clusters.add(new AeronCluster.Context()
                    .aeron(client)
                    .ownsAeronClient(false)
                    .ingressChannel("aeron:udp")
                    .ingressEndpoints(ClusterLayout.ofShard(List.of("localhost", "localhost", "localhost"),
                        BASE_PORT, shard).ingressEndpoints())
                    .egressChannel("aeron:udp?endpoint=localhost:0")
                    .messageTimeoutNs(TimeUnit.SECONDS.toNanos(30))
                    .newLeaderTimeoutNs(TimeUnit.SECONDS.toNanos(30)));
            }
            final ShardRouter router = new ShardRouter(shardMap, 64);
            final ShardedGateway gateway = new ShardedGateway(client,
                new EngineContext().conclude().streams().ingressStreams(), clusters, router, 16 * 1024, 64);
            gatewayRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, gateway);
            AgentRunner.startOnThread(gatewayRunner);
            try (ExclusivePublication feed = client.addExclusivePublication("aeron:ipc", 1001))
            {
                publish(feed, frames);
            }

            await("every event routed", () -> router.routed(0) + router.routed(1) + router.toEveryShard() ==
                frames.size());
            for (int shard = 0; shard < SHARDS; shard++)
            {
                final long expected = router.routed(shard) + router.toEveryShard();
                final int k = shard;
                // messages() rises once a message has been through every stage: its outputs are counted by then.
                await("shard " + shard + " handled its events", () -> everyMember(k, (m) ->
                    m.service().messages() == expected));
                final ClusterMember leader = leader(shard);
                assertEquals(0, leader.service().counters().rejected().get(), "shard " + shard + " refused none");
                assertEquals(1, leader.service().counters().commands().get(), "shard " + shard + " took the command");
                await("shard " + shard + "'s outputs", () ->
                {
                    alerts[k].poll();
                    orders[k].poll();
                    return alerts[k].count() == leader.service().counters().alerts().get() &&
                        orders[k].count() == leader.service().counters().orders().get();
                });
            }
            assertEquals(0, router.unreadable() + router.refusedOverCapacity() + router.misplacedDefinitions());
            assertEquals(SYMBOLS, router.instruments());
            assertEquals(1, router.toEveryShard(), "the one control command, to both shards");

            final Outputs[] shards = { Outputs.of(alerts[0], orders[0]), Outputs.of(alerts[1], orders[1]) };
            compare(reference, shards, shardMap);
            System.out.printf("sharded cluster: %d events; shard 0 %d alerts %d orders, shard 1 %d alerts %d orders; "
                + "single engine %d alerts %d orders%n", frames.size(), shards[0].alertCount, shards[0].orderCount,
                shards[1].alertCount, shards[1].orderCount, reference.alertCount, reference.orderCount);
        }
        finally
        {
            CloseHelper.closeAll(gatewayRunner, client);
            for (final ClusterMember[] shard : members)
            {
                CloseHelper.closeAll(shard);
            }
            CloseHelper.close(driver);
        }
    }

    private static void compare(final Outputs reference, final Outputs[] shards, final ShardMap shardMap)
    {
        // Each shard has outputs of its own instruments only, and both have a share of the day.
        for (int shard = 0; shard < SHARDS; shard++)
        {
            assertTrue(shards[shard].orderCount > 100 && shards[shard].alertCount > 10,
                "shard " + shard + ": " + shards[shard].alertCount + " alerts, " + shards[shard].orderCount + " orders");
            for (final int instrument : shards[shard].instruments())
            {
                assertEquals(shard, shardMap.shardOf(ExchangeDayGenerator.symbol(instrument)),
                    "instrument " + instrument + " has outputs on shard " + shard);
            }
        }
        assertTrue(shards[0].orders.containsKey(3), "AAAC, on shard 0 by configuration, trades there");

        final java.util.TreeSet<Integer> union = new java.util.TreeSet<>(shards[0].instruments());
        union.addAll(shards[1].instruments());
        assertEquals(reference.instruments(), union, "instruments with outputs");
        assertEquals(reference.orderCount, shards[0].orderCount + shards[1].orderCount, "orders in all");
        assertEquals(reference.alertCount - 1, shards[0].alertCount + shards[1].alertCount,
            "alerts in all: the single engine's but one, the velocity alert of the account split over the shards");

        // Instrument by instrument, the instrument-level alerts and the orders are the single engine's.
        for (final int instrument : reference.instruments())
        {
            final Outputs shard = shards[shardMap.shardOf(ExchangeDayGenerator.symbol(instrument))];
            assertEquals(reference.alerts(instrument, false), shard.alerts(instrument, false),
                "instrument-level alerts of instrument " + instrument);
            assertEquals(reference.orders(instrument), shard.orders(instrument), "orders of instrument " + instrument);
        }
        for (int shard = 0; shard < SHARDS; shard++)
        {
            for (final int instrument : shards[shard].instruments())
            {
                assertEquals(shards[shard].alerts(instrument, false).size() + shards[shard].alerts(instrument, true)
                    .size(), shards[shard].alertsOf(instrument), "no alert on shard " + shard + " but those compared");
            }
        }

        // Velocity, account-level: the single engine sees 60 messages of 9001 within the window, each shard 30.
        final List<String> velocity = reference.velocityAlerts();
        assertEquals(2, velocity.size(), velocity.toString());
        assertTrue(velocity.get(0).contains(" account=" + ONE_SHARD_ACCOUNT + " ") || velocity.get(1)
            .contains(" account=" + ONE_SHARD_ACCOUNT + " "), velocity.toString());
        final List<String> splitAccount = velocity.stream()
            .filter((alert) -> alert.contains(" account=" + SPLIT_ACCOUNT + " ")).toList();
        assertEquals(1, splitAccount.size(), "the single engine's velocity alert of the account split over shards");
        assertEquals(List.of(), shards[1].velocityAlerts(), "shard 1 sees 30 of 9001's messages: no velocity alert");
        assertEquals(velocity.stream().filter((alert) -> alert.contains(" account=" + ONE_SHARD_ACCOUNT + " "))
            .toList(), shards[0].velocityAlerts(), "shard 0: only 9002's, whose messages are all on it");

        // Numbered per engine: each shard's outputs from 1, and each strategy's client order ids from 1 on each shard.
        for (final Outputs outputs : List.of(reference, shards[0], shards[1]))
        {
            outputs.assertClientOrderIdsNumberedFromOne();
        }
    }

    /** The generated day as ingress frames, with planted client activity and one control command. */
    private List<byte[]> frames() throws Exception
    {
        final Path itch = dir.resolve("EXCHANGE_2012-06-21.itch50");
        ExchangeDayGenerator.write(AAPL_ITCH, itch, SYMBOLS, MESSAGES, 42);
        final Path recording = dir.resolve("exchange.rsr");
        Recordings.convert(new FeedContext().files(List.of(itch)).progress(false), recording,
            new PrintStream(new ByteArrayOutputStream()));
        final List<byte[]> market = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        try (RecordingReader reader = new RecordingReader(recording, (kind, where, problem) -> false))
        {
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(0, frame);
                market.add(frame);
            }
        }
        assertEquals(MESSAGES - ExchangeDayGenerator.SYSTEM_EVENTS, market.size());

        final List<byte[]> frames = new ArrayList<>();
        final int activityAt = market.size() / 3;
        final int controlAt = market.size() * 3 / 4;
        long clientSequence = 0;
        for (int i = 0; i < market.size(); i++)
        {
            final byte[] frame = market.get(i);
            final UnsafeBuffer stamped = new UnsafeBuffer(frame);
            final long eventTime = eventTime(stamped);
            stamp(stamped, MARKET_SOURCE, i + 1, eventTime);
            frames.add(frame);
            if (i == activityAt)
            {
                for (int n = 0; n < 60; n++)
                {
                    final long time = eventTime + n * 1_000L;
                    frames.add(clientOrder(CLIENT_SOURCE, ++clientSequence, time, SPLIT_ACCOUNT, n % 2 == 0 ? 1 : 2, n));
                    frames.add(clientOrder(CLIENT_SOURCE, ++clientSequence, time, ONE_SHARD_ACCOUNT, 2, 100 + n));
                }
                frames.add(washTrade(CLIENT_SOURCE, ++clientSequence, eventTime + 100_000L, 5));
            }
            if (i == controlAt)
            {
                frames.add(disableTaker(eventTime));
            }
        }
        return frames;
    }

    private static long eventTime(final UnsafeBuffer frame)
    {
        return frame.getLong(MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeEncoder.eventTimeEncodingOffset(),
            EnvelopeEncoder.BYTE_ORDER);
    }

    private static void stamp(final UnsafeBuffer frame, final int source, final long sequence, final long eventTime)
    {
        new EnvelopeEncoder().wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH).sourceId(source).sequence(sequence)
            .eventTime(eventTime).sendTime(eventTime).intendedSendTime(eventTime);
    }

    private static byte[] clientOrder(
        final int source, final long sequence, final long time, final long account, final int instrument, final int id)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final ClientNewOrderEncoder order = new ClientNewOrderEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        order.instrumentId(instrument).account(account).clientOrderId(id + 1).side(Side.BUY).price(5_850_000)
            .quantity(1);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength(), source, sequence, time);
    }

    private static byte[] washTrade(final int source, final long sequence, final long time, final int instrument)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final ClientExecutionEncoder execution = new ClientExecutionEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        execution.instrumentId(instrument).executionId(1).buyerAccount(9003).sellerAccount(9003).price(5_850_000)
            .quantity(100);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + execution.encodedLength(), source, sequence, time);
    }

    private static byte[] disableTaker(final long time)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final ControlCommandEncoder command = new ControlCommandEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        command.instrumentId(0).commandId(1).action(ControlAction.STRATEGY_DISABLE).strategyId(2);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + command.encodedLength(), CONTROL_SOURCE, 1, time);
    }

    private static byte[] finish(
        final UnsafeBuffer buffer, final int length, final int source, final long sequence, final long time)
    {
        stamp(buffer, source, sequence, time);
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    private ClusterMember launch(final int shard, final int id, final Path config)
    {
        final String name = "shard-" + shard + "-member-" + id;
        final EngineContext ctx = new EngineContext()
            .configFile(config)
            .aeronDirectoryName(dir.resolve(name + "-aeron").toString())
            .initialOrderCapacity(1024)
            .reportDirectory(dir.resolve(name + "-report"));
        ctx.streams().egressChannel(EGRESS[shard]);
        return ClusterMember.launch(new ClusterMember.Settings()
            .memberId(id)
            .layout(ClusterLayout.ofShard(List.of("localhost", "localhost", "localhost"), BASE_PORT, shard))
            .dir(dir.resolve(name))
            .aeronDirectoryName(dir.resolve(name + "-aeron").toString())
            .cleanStart(true)
            .errorHandler((ex) -> System.err.println(name + ": " + ex)), ctx);
    }

    private interface MemberCheck
    {
        boolean test(ClusterMember member);
    }

    private boolean everyMember(final int shard, final MemberCheck check)
    {
        for (final ClusterMember member : members[shard])
        {
            if (null == member.service().counters() || !check.test(member))
            {
                return false;
            }
        }
        return true;
    }

    private ClusterMember leader(final int shard)
    {
        await("a leader of shard " + shard, () -> null != leaderOrNull(shard));
        return leaderOrNull(shard);
    }

    private ClusterMember leaderOrNull(final int shard)
    {
        for (final ClusterMember member : members[shard])
        {
            if (member.service().isLeader())
            {
                return member;
            }
        }
        return null;
    }

    private static void publish(final ExclusivePublication feed, final List<byte[]> frames)
    {
        await("the gateway subscribed", feed::isConnected);
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < frames.size(); i++)
        {
            buffer.wrap(frames.get(i));
            while (feed.offer(buffer, 0, buffer.capacity()) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("feed held back at event " + i);
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** The same frames through one live engine. */
    private Outputs singleEngine(final List<byte[]> frames, final Path config)
    {
        // The engine on a driver of the test's, so its outputs can be read to the end after it has stopped and drained.
        final String aeronDir = dir.resolve("single-aeron").toString();
        final EngineContext ctx = new EngineContext()
            .configFile(config)
            .aeronDirectoryName(aeronDir)
            .embeddedDriver(false)
            .ringSize(4096)
            .initialOrderCapacity(1024)
            .reportDirectory(dir.resolve("single-report"));
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            Subscription alertSubscription = client.addSubscription("aeron:ipc", 1002);
            Subscription orderSubscription = client.addSubscription("aeron:ipc", 1003);
            ExclusivePublication feed = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final Consumer alerts = new Consumer(alertSubscription);
            final Consumer orders = new Consumer(orderSubscription);
            final EngineSummary summary;
            try (Engine engine = Engine.launch(ctx))
            {
                await("outputs subscribed", () -> alertSubscription.isConnected() && orderSubscription.isConnected());
                publish(feed, frames);
                await("the single engine's events", () ->
                {
                    alerts.poll();
                    orders.poll();
                    return engine.counters().eventsIn().get() + engine.counters().commands().get() +
                        engine.counters().rejected().get() == frames.size();
                });
                summary = engine.stop(); // drains the ring: every output is published
            }
            assertEquals(1, summary.count("commands"));
            assertEquals(frames.size() - 1, summary.count("events_in"), "refused none");
            await("the single engine's outputs", () ->
            {
                alerts.poll();
                orders.poll();
                return alerts.count() == summary.count("alerts") && orders.count() == summary.count("orders");
            });
            // The one risk limit that spans instruments, set out of reach here: it rejected nothing.
            assertEquals(0, summary.count("strategy.market-maker.rejected.order-rate") +
                summary.count("strategy.ofi-taker.rejected.order-rate"));
            assertTrue(summary.count("strategy.ofi-taker.orders") > 0, "the taker traded before it was disabled");
            return Outputs.of(alerts, orders);
        }
    }
}
