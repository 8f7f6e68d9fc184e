package io.ringside.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Against a real embedded media driver over aeron:ipc; nothing mocked. */
final class TransportTest
{
    private static final int STREAM_ID = 77;

    @TempDir
    Path tempDir;

    private MediaDriver driver;
    private Aeron aeron;
    private CountersManager countersManager;

    @BeforeEach
    void launch()
    {
        driver = EmbeddedMediaDriver.launch(
            tempDir.resolve("aeron").toString(), ThreadingMode.SHARED, new BackoffIdleStrategy(), 64 * 1024);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        countersManager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));
    }

    @AfterEach
    void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void subscriptionAgentHandsOverAMessageLargerThanTheMtuWhole()
    {
        final Subscription subscription = aeron.addSubscription("aeron:ipc", STREAM_ID);
        final ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID);
        awaitConnected(publication);

        final byte[] message = new byte[5000]; // the IPC MTU is 1408: four fragments
        for (int i = 0; i < message.length; i++)
        {
            message[i] = (byte)(i * 31);
        }
        final List<byte[]> received = new ArrayList<>();
        final int[] dutyCycles = { 0 };
        final SubscriptionAgent agent = new SubscriptionAgent("test", subscription,
            (buffer, offset, length, header) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                received.add(copy);
            },
            10, () -> dutyCycles[0]++);

        assertTrue(publication.offer(new UnsafeBuffer(message)) > 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.isEmpty() && System.nanoTime() < deadline)
        {
            agent.doWork();
        }
        assertEquals(1, received.size());
        assertArrayEquals(message, received.get(0));
        assertTrue(dutyCycles[0] > 0, "the duty-cycle hook runs each cycle");
        assertEquals("test", agent.roleName());
    }

    @Test
    void publisherRetriesBackPressureAndDeliversEveryMessageInOrder()
    {
        final Subscription subscription = aeron.addSubscription("aeron:ipc", STREAM_ID);
        final ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID);
        awaitConnected(publication);
        final AtomicCounter backPressure = countersManager.newCounter("backpressure");
        final AtomicCounter undelivered = countersManager.newCounter("undelivered");
        final BackPressuredPublisher publisher = new BackPressuredPublisher(
            publication, new SleepingMillisIdleStrategy(1), backPressure, undelivered, 0);

        // The subscriber starts polling only after the sender has filled the 32 KiB window many times over.
        final int messages = 2000;
        final long[] received = new long[messages];
        final int[] count = { 0 };
        final SubscriptionAgent consumer = new SubscriptionAgent("consumer", subscription,
            (buffer, offset, length, header) -> received[count[0]++] = buffer.getLong(offset), 10, null);
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
            new org.agrona.concurrent.Agent()
            {
                private final long start = System.nanoTime();

                public int doWork()
                {
                    return System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100) ? 0 : consumer.doWork();
                }

                public String roleName()
                {
                    return "delayed-consumer";
                }
            });
        AgentRunner.startOnThread(runner);
        try
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[512]);
            for (long i = 0; i < messages; i++)
            {
                message.putLong(0, i);
                assertTrue(publisher.offer(message, 0, message.capacity()));
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (count[0] < messages && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(1_000_000);
            }
        }
        finally
        {
            CloseHelper.close(runner);
        }
        assertEquals(messages, count[0]);
        for (int i = 0; i < messages; i++)
        {
            assertEquals(i, received[i]);
        }
        assertTrue(backPressure.get() > 0, "1 MB into a 32 KiB window that nobody drains for 100 ms back-pressures");
        assertEquals(0, undelivered.get());
    }

    @Test
    void publisherCountsAMessageNobodyIsConnectedToReceive()
    {
        final ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID + 1);
        final AtomicCounter backPressure = countersManager.newCounter("backpressure");
        final AtomicCounter undelivered = countersManager.newCounter("undelivered");
        final BackPressuredPublisher publisher = new BackPressuredPublisher(
            publication, new BackoffIdleStrategy(), backPressure, undelivered, 3);

        assertFalse(publisher.offer(new UnsafeBuffer(new byte[64]), 0, 64));
        assertEquals(1, undelivered.get());
        assertEquals(0, backPressure.get());
    }

    @Test
    void unknownIdleStrategyNamesTheSetting()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> IdleStrategies.of("ingress-idle", "spinny"));
        assertEquals("ingress-idle: unknown idle strategy 'spinny'; expected one of backoff, busy-spin, yielding, "
            + "sleeping, noop", ex.getMessage());
        assertTrue(IdleStrategies.spins("busy-spin"));
        assertFalse(IdleStrategies.spins("backoff"));
    }

    private static void awaitConnected(final ExclusivePublication publication)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publication.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                fail("publication did not connect");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
