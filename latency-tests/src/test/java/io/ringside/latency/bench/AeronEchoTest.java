package io.ringside.latency.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.ThreadingMode;
import io.ringside.engine.EngineContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeronEchoTest
{
    private static final int MESSAGES = 20_000;
    private static final int LENGTH = 96;

    /**
     * The echo's thread runs the driver, so only it moves its own publication's limit on. A listener that stops
     * reading back-pressures it; once the listener reads again, every frame must still come back, in order. 64 KiB
     * terms make the window 32 KiB: some 200 frames, a hundredth of what is sent.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a stuck echo never lets close() return
    void aBackPressuredEchoThatRunsTheDriverEchoesEveryFrameOnceTheListenerReadsAgain(@TempDir final Path dir)
    {
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .profile("compact")
            .termBufferLength(64 * 1024);
        ctx.durableLog().archive(false);
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (AeronEcho ignored = new AeronEcho(ctx);
            // Aeron's default handler ends the JVM when the driver stops: here that is a failure to report.
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())
                .errorHandler(errors::add)))
        {
            assertEquals(ThreadingMode.INVOKER, ctx.driverThreadingMode());
            final ExclusivePublication feed = aeron.addExclusivePublication(
                ctx.streams().ingressChannel(), ctx.streams().ingressStreamId());
            final Subscription echoes = aeron.addSubscription(
                ctx.streams().egressChannel(), ctx.streams().orderStreamId());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!feed.isConnected() || !echoes.isConnected())
            {
                assertTrue(System.nanoTime() < deadline, "connected");
                Thread.onSpinWait();
            }

            final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(LENGTH));
            int sent = 0;
            final long[] next = {0};
            final long readFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (sent < MESSAGES)
            {
                frame.putLong(0, sent);
                if (feed.offer(frame, 0, LENGTH) > 0)
                {
                    sent++;
                }
                // No reading for the first 200 ms: the echo's window fills, then the feed's, and both wait.
                if (System.nanoTime() > readFrom)
                {
                    echoes.poll((buffer, offset, length, header) ->
                        assertEquals(next[0]++, buffer.getLong(offset)), 64);
                }
                assertTrue(System.nanoTime() < deadline && errors.isEmpty(), "sent " + sent + ", echoed " + next[0]
                    + ", " + errors);
            }
            while (next[0] < MESSAGES)
            {
                echoes.poll((buffer, offset, length, header) -> assertEquals(next[0]++, buffer.getLong(offset)), 64);
                assertTrue(System.nanoTime() < deadline && errors.isEmpty(), "echoed " + next[0] + " of " + MESSAGES
                    + ", " + errors);
            }
            assertEquals(List.of(), errors);
        }
    }
}
