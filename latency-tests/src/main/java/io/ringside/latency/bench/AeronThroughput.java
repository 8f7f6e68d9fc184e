package io.ringside.latency.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.EngineContext;
import io.ringside.transport.EmbeddedMediaDriver;
import io.ringside.transport.IdleStrategies;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw Aeron one-way throughput: one publisher offering messages of the engine's frame size as fast as the
 * publication takes them, one subscriber counting, on the same channel and driver settings as the engine.
 */
public final class AeronThroughput
{
    private AeronThroughput()
    {
    }

    /** @return messages per second received over {@code seconds}. */
    public static double measure(
        final String aeronDir,
        final String channel,
        final int streamId,
        final String idleStrategy,
        final int messageLength,
        final double seconds)
    {
        final MediaDriver driver = EmbeddedMediaDriver.launch(
            aeronDir, ThreadingMode.SHARED, IdleStrategies.of("driver-idle", idleStrategy),
            EngineContext.DEFAULT_TERM_BUFFER_LENGTH);
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        try
        {
            final Subscription subscription = aeron.addSubscription(channel, streamId);
            final ExclusivePublication publication = aeron.addExclusivePublication(channel, streamId);
            while (!publication.isConnected())
            {
                Thread.onSpinWait();
            }
            final AtomicLong received = new AtomicLong();
            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread subscriber = new Thread(() ->
            {
                final org.agrona.concurrent.IdleStrategy idle = IdleStrategies.of("ingress-idle", idleStrategy);
                long count = 0;
                while (running.get())
                {
                    final int fragments = subscription.poll((buffer, offset, length, header) -> { }, 256);
                    count += fragments;
                    received.setRelease(count);
                    idle.idle(fragments);
                }
            }, "ringside-throughput-subscriber");
            subscriber.start();

            final UnsafeBuffer message = new UnsafeBuffer(new byte[messageLength]);
            final long measureNs = (long)(seconds * 1e9);
            final long warmupEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            long start = 0;
            long startCount = 0;
            while (true)
            {
                final long now = System.nanoTime();
                if (start == 0 && now >= warmupEnd)
                {
                    start = now;
                    startCount = received.get();
                }
                if (start != 0 && now - start >= measureNs)
                {
                    break;
                }
                if (publication.offer(message, 0, messageLength) < 0)
                {
                    Thread.onSpinWait();
                }
            }
            final long end = System.nanoTime();
            final long count = received.get() - startCount;
            running.set(false);
            subscriber.join();
            return count * 1e9 / (end - start);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 0;
        }
        finally
        {
            CloseHelper.closeAll(aeron, driver);
        }
    }
}
