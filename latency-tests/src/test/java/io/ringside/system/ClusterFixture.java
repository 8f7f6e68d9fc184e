package io.ringside.system;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.cluster.ClusterMember;
import io.ringside.engine.metrics.OutputDigest;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared by the cluster tests: a single engine's run of the same frames, and a consumer of the leaders' outputs. */
final class ClusterFixture
{
    private ClusterFixture()
    {
    }

    /** What a single engine published for the frames: the cluster's outputs must be these, byte for byte. */
    record Reference(List<String> alerts, List<String> orders, long digest)
    {
    }

    static void publish(final ExclusivePublication feed, final List<byte[]> frames, final int from, final int to)
    {
        publish(feed, frames, from, to, () -> {});
    }

    /**
     * @param whileHeldBack run while the feed is back-pressured: a reader of the target's outputs that waited until
     *                      the feed ended would hold the target back, and so the feed, once the outputs' window filled.
     */
    static void publish(
        final ExclusivePublication feed, final List<byte[]> frames, final int from, final int to,
        final Runnable whileHeldBack)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = from; i < to; i++)
        {
            buffer.wrap(frames.get(i));
            while (feed.offer(buffer, 0, buffer.capacity()) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    fail("feed held back at event " + i);
                }
                whileHeldBack.run();
                LockSupport.parkNanos(50_000);
            }
        }
    }

    static void await(final String what, final BooleanSupplier condition)
    {
        await(() -> what, condition);
    }

    /** @param what said when it times out, with what was there by then. */
    static void await(final Supplier<String> what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** The same frames through one live engine, in {@code dir}, its books starting with room for 1024 orders each. */
    /** The media driver the feed and the gateway share, apart from every member's. */
    static MediaDriver feedDriver(final Path dir)
    {
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("feed-aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /** The index of the member that leads, once one does; members not running are null. */
    static int leader(final ClusterMember[] members)
    {
        final int[] leader = { -1 };
        await("a leader", () ->
        {
            for (int i = 0; i < members.length; i++)
            {
                if (null != members[i] && members[i].service().isLeader())
                {
                    leader[0] = i;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /**
     * A snapshot asked of the leader and taken by every member, then the state digest they all hold, asserted the same
     * on each: members that handled the same log are the same state.
     */
    static long sameStateOnEveryMember(final ClusterMember[] members)
    {
        final int leader = leader(members);
        final long[] before = new long[members.length];
        for (int i = 0; i < members.length; i++)
        {
            before[i] = members[i].service().snapshots();
        }
        assertTrue(members[leader].requestSnapshot(), "snapshot toggle");
        await("a snapshot on every member", () ->
        {
            for (int i = 0; i < members.length; i++)
            {
                if (members[i].service().snapshots() <= before[i])
                {
                    return false;
                }
            }
            return true;
        });
        final long state = members[leader].service().stateDigest();
        assertNotEquals(0, state);
        for (final ClusterMember member : members)
        {
            assertEquals(state, member.service().stateDigest(), "state digest of every member");
        }
        return state;
    }

    static Reference singleEngine(final Path dir, final List<byte[]> frames)
    {
        return singleEngine(dir, frames, 1024);
    }

    /**
     * The same frames through one live engine, in {@code dir}.
     *
     * @param initialOrderCapacity each book's starting room: a cluster's members must have the same.
     */
    static Reference singleEngine(final Path dir, final List<byte[]> frames, final int initialOrderCapacity)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve("single-aeron").toString())
            .ringSize(4096)
            .initialOrderCapacity(initialOrderCapacity)
            .reportDirectory(dir.resolve("single-report"));
        try (Engine engine = Engine.launch(ctx);
            Subscription alertSubscription = engine.aeron().addSubscription("aeron:ipc", 1002);
            Subscription orderSubscription = engine.aeron().addSubscription("aeron:ipc", 1003);
            ExclusivePublication feed = engine.aeron().addExclusivePublication("aeron:ipc", 1001))
        {
            final Consumer alerts = new Consumer(alertSubscription);
            final Consumer orders = new Consumer(orderSubscription);
            await("the single engine subscribed", feed::isConnected);
            await("outputs subscribed", () -> alertSubscription.isConnected() && orderSubscription.isConnected());
            publish(feed, frames, 0, frames.size(), () ->
            {
                alerts.poll();
                orders.poll();
            });
            await("the single engine's events", () ->
            {
                alerts.poll();
                orders.poll();
                return engine.counters().eventsIn().get() == frames.size();
            });
            final long expectedAlerts = engine.counters().alerts().get();
            await("the single engine's outputs", () ->
            {
                alerts.poll();
                orders.poll();
                return alerts.count() == expectedAlerts && orders.count() == engine.counters().orders().get();
            });
            final long digest = engine.counters().outputDigest().get();
            assertNotEquals(OutputDigest.empty(), digest);
            return new Reference(alerts.inOrder(), orders.inOrder(), digest);
        }
    }

    /** Keeps the first copy of each outputSequence; a later copy must be the same bytes. */
    static final class Consumer
    {
        private final Subscription subscription;
        private final Map<Long, String> bySequence = new TreeMap<>();
        private final HexFormat hex = HexFormat.of();
        private volatile long highest;
        private long received;

        Consumer(final Subscription subscription)
        {
            this.subscription = subscription;
        }

        int poll()
        {
            return subscription.poll(this::onOutput, 256);
        }

        private void onOutput(
            final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            final String message = hex.formatHex(bytes);
            received++;
            final long sequence = DurableFixture.outputSequence(message);
            final String earlier = bySequence.putIfAbsent(sequence, message);
            if (null != earlier)
            {
                assertEquals(earlier, message, "output " + sequence + " published twice with different bytes");
            }
            highest = Math.max(highest, sequence);
        }

        long highest()
        {
            poll();
            return highest;
        }

        /** Outputs kept: one per outputSequence. */
        int count()
        {
            return bySequence.size();
        }

        /** Outputs received, copies included. */
        long received()
        {
            return received;
        }

        List<String> inOrder()
        {
            final List<String> messages = new ArrayList<>(bySequence.values());
            for (int i = 0; i < messages.size(); i++)
            {
                assertEquals(i + 1, DurableFixture.outputSequence(messages.get(i)), "outputSequence " + (i + 1));
            }
            return messages;
        }
    }
}
