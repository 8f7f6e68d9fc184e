package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.cluster.ClusterLayout;
import io.ringside.engine.cluster.ClusterMember;
import io.ringside.engine.config.IngressConfig;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.latency.control.ControlClient;
import io.ringside.system.ClusterFixture.Consumer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.ringside.system.ClusterFixture.await;
import static io.ringside.system.ClusterFixture.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time in a cluster is the cluster's: a burst of the AAPL hour, then silence. The members' silence timers come from
 * the cluster's timer service, in the log, and carry time on from the last event as a single engine's do; past the
 * stale-after time the market maker cancels its quotes and the stale-feed rule alerts, exactly as in a single engine
 * with timers, on every member alike. A command then sent through the gateway is acknowledged once, by the leader.
 */
final class ClusterTimersTest
{
    private static final int EVENTS = 5_000;
    private static final int MEMBERS = 3;
    private static final int BASE_PORT = 24_500;
    private static final String EGRESS = "aeron:udp?endpoint=localhost:24590";
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final String STALE_AFTER_A_SECOND = "strategy.market-maker.stale-after-ns = 1_000_000_000\n" +
        "surveillance.stale-feed.stale-after-ns = 1_000_000_000\n";

    @TempDir
    Path dir;

    private final ClusterMember[] members = new ClusterMember[MEMBERS];

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aSilentMarketMakesTheMarketMakerCancelItsQuotesAsInASingleEngineAndOnlyTheLeaderAcknowledges()
        throws IOException
    {
        final Path config = dir.resolve("stale.conf");
        Files.writeString(config, STALE_AFTER_A_SECOND);
        final List<byte[]> frames = DurableFixture.frames(EVENTS);
        final List<String> single = singleEngine(config, frames);
        final List<String> cancels = single.stream().filter((o) -> o.contains(" CANCEL ")).toList();
        assertTrue(!cancels.isEmpty(), "the single engine's market maker cancelled in the silence: " + single);

        final ClusterLayout layout = new ClusterLayout(List.of("localhost", "localhost", "localhost"), BASE_PORT);
        MediaDriver driver = null;
        Aeron client = null;
        AgentRunner gatewayRunner = null;
        try
        {
            for (int i = 0; i < MEMBERS; i++)
            {
                members[i] = launch(layout, i, config);
            }
            driver = ClusterFixture.feedDriver(dir);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final Consumer orders = new Consumer(client.addSubscription(EGRESS, 1003));
            gatewayRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
                ClusterFailoverTest.gateway(client, driver.aeronDirectoryName(), layout));
            AgentRunner.startOnThread(gatewayRunner);
            final ExclusivePublication feed = client.addExclusivePublication("aeron:ipc", 1001);

            publish(feed, frames, 0, EVENTS);
            await("every event handled", () -> everyMember("events_in", EVENTS));
            // Silence: the cluster's timers carry time on; past a second of it the quotes go and the rule alerts.
            await("the stale-feed alert on every member", () -> everyMember("alerts.stale-feed", 1));
            await("every order received", () ->
            {
                orders.poll();
                return orders.count() == single.size();
            });
            assertEquals(single, described(orders.inOrder()), "orders, the cancels in the silence included");

            final long[] timers = new long[MEMBERS];
            final long orderCount = counter(0, "orders");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            for (int i = 0; i < MEMBERS; i++)
            {
                assertEquals(orderCount, counter(i, "orders"), "nothing more while it stays silent");
                assertEquals(1, counter(i, "alerts.stale-feed"), "one alert per silence");
                timers[i] = counter(i, "timers");
                assertTrue(timers[i] > 10, "timers all along the silence: " + timers[i]);
            }

            // A command through the gateway: applied on every member, acknowledged once, by the leader alone.
            final StreamSettings streams = new EngineContext().streams().egressChannel(EGRESS);
            final Subscription acks = client.addSubscription(EGRESS, streams.controlResponseStreamId());
            // Every member's response stream connected to this driver before the command: an acknowledgement is one
            // offer, and the leader's, not yet connected, would be lost while a follower's makes the client think
            // it is heard.
            await("every member's control responses connected", () -> acks.imageCount() == MEMBERS);
            try (ControlClient control = new ControlClient(driver.aeronDirectoryName(), streams, 9000))
            {
                assertEquals(ControlResult.APPLIED, control.send(ControlAction.KILL_SWITCH_ON, 0, null, null,
                    TimeUnit.SECONDS.toNanos(30)).result(), "kill-switch on, acknowledged");
            }
            await("the command on every member", () -> everyMember("commands", 1));
            int ackCount = 0;
            final long ackDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < ackDeadline)
            {
                ackCount += acks.poll((buffer, offset, length, header) -> { }, 10); // an acknowledgement: one fragment
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertEquals(1, ackCount, "one acknowledgement, the leader's");

            // Every member took the same timers at the same log positions: the same state.
            ClusterFixture.sameStateOnEveryMember(members);
            final int leader = leader();
            for (final ClusterMember member : members)
            {
                assertEquals(members[leader].service().counters().outputDigest().get(),
                    member.service().counters().outputDigest().get(), "output digest of every member");
            }
        }
        finally
        {
            CloseHelper.closeAll(gatewayRunner, client);
            CloseHelper.closeAll(members);
            CloseHelper.close(driver);
        }
    }

    /** The same frames through one engine with timers, then silence until its market maker has cancelled. */
    private List<String> singleEngine(final Path config, final List<byte[]> frames)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve("single-aeron").toString())
            .configFile(config)
            .timerIntervalNs(TIMER_INTERVAL_NS)
            .reportDirectory(dir.resolve("single-report"));
        try (Engine engine = Engine.launch(ctx);
            Subscription orderSubscription = engine.aeron().addSubscription("aeron:ipc", 1003);
            ExclusivePublication feed = engine.aeron().addExclusivePublication("aeron:ipc", 1001))
        {
            final Consumer orders = new Consumer(orderSubscription);
            final EngineCounters counters = engine.counters();
            await("the single engine subscribed", () -> feed.isConnected() && orderSubscription.isConnected());
            publish(feed, frames, 0, frames.size());
            await("the single engine's stale-feed alert", () ->
            {
                orders.poll();
                return counters.snapshot().get("alerts.stale-feed") == 1;
            });
            await("the single engine's orders", () ->
            {
                orders.poll();
                return orders.count() == counters.orders().get();
            });
            return described(orders.inOrder());
        }
    }

    /**
     * Each order in words, all but what a timer's wall-clock arrival decides: which timer triggered it and its time
     * (the silence is measured by the wall clock, in a single engine and in the cluster alike).
     */
    private static List<String> described(final List<String> hexOrders)
    {
        final StrategyOrderDecoder order = new StrategyOrderDecoder();
        return hexOrders.stream().map((hex) ->
        {
            order.wrap(new UnsafeBuffer(HexFormat.of().parseHex(hex)), MessageHeaderDecoder.ENCODED_LENGTH,
                StrategyOrderDecoder.BLOCK_LENGTH, StrategyOrderDecoder.SCHEMA_VERSION);
            final boolean byTimer = IngressConfig.TIMER_SOURCE_ID == order.triggerSourceId();
            return order.outputSequence() + " " + order.strategyId() + " " + order.action() + " " +
                order.instrumentId() + " " + order.side() + " " + order.price() + " " + order.quantity() + " " +
                order.clientOrderId() + " " + order.originalClientOrderId() + " " +
                (byTimer ? "timer" : order.triggerSourceId() + "/" + order.triggerSequence() + "/" +
                order.triggerEventTime());
        }).toList();
    }

    private ClusterMember launch(final ClusterLayout layout, final int id, final Path config)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve("member-" + id + "-aeron").toString())
            .configFile(config)
            .timerIntervalNs(TIMER_INTERVAL_NS)
            .reportDirectory(dir.resolve("member-" + id + "-report"));
        ctx.streams().egressChannel(EGRESS);
        return ClusterMember.launch(new ClusterMember.Settings()
            .memberId(id)
            .layout(layout)
            .dir(dir.resolve("member-" + id))
            .aeronDirectoryName(dir.resolve("member-" + id + "-aeron").toString())
            .cleanStart(true)
            .errorHandler((ex) ->
            {
                System.err.println("member " + id + ": " + ex);
                ex.printStackTrace(System.err);
            }), ctx);
    }

    private long counter(final int member, final String name)
    {
        final EngineCounters counters = members[member].service().counters();
        final Long value = null == counters ? null : counters.snapshot().get(name);
        return null == value ? -1 : value;
    }

    private boolean everyMember(final String counter, final long value)
    {
        for (int i = 0; i < MEMBERS; i++)
        {
            if (counter(i, counter) != value)
            {
                return false;
            }
        }
        return true;
    }

    private int leader()
    {
        return ClusterFixture.leader(members);
    }
}
