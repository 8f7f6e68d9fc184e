package io.ringside.latency.jmh;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The Disruptor 4.0 ring on its own: one producer, one consumer, slots pre-allocated, each holding a 64-byte frame
 * that the consumer copies out into a buffer of its own, as a handler reading an event would.
 * <p>
 * {@link #publish()} measures the producer: each invocation claims, fills and publishes {@value #BATCH} events one
 * at a time, waiting (in {@code next()}) when the ring is full, so the score is ns per event published. {@link
 * #roundTrip()} measures one event's trip: publish, then spin until the consumer's sequence reaches it; sampled, so
 * the percentiles show the handoff between two cores.
 * <p>
 * The consumer runs a {@link BatchEventProcessor} with a {@link BusySpinWaitStrategy} on its own thread, so on the
 * 2 cores of the build host this uses 2 spinning threads (JMH's benchmark thread and the consumer): fine for a
 * benchmark, never for tests. Run with {@code -prof gc}: both benchmarks should show 0 B/op (gc.alloc.rate.norm);
 * in SampleTime mode JMH's own sample recording shows as a fraction of a byte per op, which {@code -bm avgt} on
 * {@link #roundTrip()} confirms is not the ring's.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED" })
public class RingBenchmark
{
    static final int BATCH = 1_000;
    static final int RING_SIZE = 1 << 14;
    static final int FRAME_LENGTH = 64;

    /** A ring slot: one frame, filled by the producer in place. */
    static final class Slot
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_LENGTH]);
    }

    /** Copies each frame out of its slot and keeps a checksum, so the copy cannot be dropped. */
    static final class CopyingHandler implements EventHandler<Slot>
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[FRAME_LENGTH]);
        long checksum;

        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
            copy.putBytes(0, slot.frame, 0, FRAME_LENGTH);
            checksum += copy.getLong(0);
        }
    }

    private final UnsafeBuffer source = new UnsafeBuffer(new byte[FRAME_LENGTH]);
    private final CopyingHandler handler = new CopyingHandler();
    private RingBuffer<Slot> ringBuffer;
    private BatchEventProcessor<Slot> processor;
    private Sequence consumed;
    private Thread consumer;

    @Setup(Level.Trial)
    public void startConsumer()
    {
        for (int i = 0; i < FRAME_LENGTH; i += Long.BYTES)
        {
            source.putLong(i, 0x0102030405060708L * (i + 1));
        }
        ringBuffer = RingBuffer.createSingleProducer(Slot::new, RING_SIZE, new BusySpinWaitStrategy());
        processor = new BatchEventProcessorBuilder().build(ringBuffer, ringBuffer.newBarrier(), handler);
        consumed = processor.getSequence();
        ringBuffer.addGatingSequences(consumed);
        consumer = new Thread(processor, "ring-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    @TearDown(Level.Trial)
    public void stopConsumer() throws InterruptedException
    {
        processor.halt();
        consumer.join(10_000);
    }

    /** Producer side: ns per event published, waiting when the ring is full. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(BATCH)
    public long publish()
    {
        final RingBuffer<Slot> ringBuffer = this.ringBuffer;
        long sequence = 0;
        for (int i = 0; i < BATCH; i++)
        {
            sequence = ringBuffer.next();
            final UnsafeBuffer frame = ringBuffer.get(sequence).frame;
            frame.putBytes(0, source, 0, FRAME_LENGTH);
            frame.putLong(0, sequence);
            ringBuffer.publish(sequence);
        }

        return sequence;
    }

    /** One event published, then spin until the consumer has handled it. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long roundTrip()
    {
        final RingBuffer<Slot> ringBuffer = this.ringBuffer;
        final long sequence = ringBuffer.next();
        final UnsafeBuffer frame = ringBuffer.get(sequence).frame;
        frame.putBytes(0, source, 0, FRAME_LENGTH);
        frame.putLong(0, sequence);
        ringBuffer.publish(sequence);

        while (consumed.get() < sequence)
        {
            Thread.onSpinWait();
        }

        return handler.checksum;
    }
}
