package io.ringside.cli;

import io.ringside.latency.feed.Recordings;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ringside record}: a running engine's ingress, captured. */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Capture a running engine's ingress stream into a Ringside recording until SIGINT or SIGTERM.")
final class RecordCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The recording to write.")
    Path out;

    @Mixin
    AeronDirOption aeron;

    @Mixin
    IngressOptions ingress;

    public Integer call() throws InterruptedException
    {
        final AtomicBoolean stop = new AtomicBoolean();
        final long[][] counts = new long[1][];
        final RuntimeException[] failure = new RuntimeException[1];
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final Thread recorder = new Thread(() ->
            {
                try
                {
                    counts[0] = Recordings.record(aeron.aeronDir, ingress.channel, ingress.streamId, out, stop::get);
                }
                catch (final RuntimeException ex)
                {
                    failure[0] = ex;
                }
                finally
                {
                    barrier.signal();
                }
            }, "ringside-record");
            recorder.start();
            System.out.println("recording " + ingress.channel + " stream " + ingress.streamId + " to " + out
                + "; SIGINT or SIGTERM stops it");
            barrier.await();
            stop.set(true);
            recorder.join();
            if (null != failure[0])
            {
                throw failure[0];
            }
            // Inside the barrier: on a signal, the JVM exits as soon as the barrier closes.
            System.out.println("recorded " + counts[0][0] + " frames, refused " + counts[0][1]);
            System.out.flush();
        }
        return Ringside.EXIT_OK;
    }
}
