package io.ringside.latency.jmh;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of the engine's handlers on real order flow: the AAPL hour, as SBE frames, replayed in a loop.
 * At the end of the file the books are cleared (a new session) so the same orders can be added again; that costs
 * one clear per 92k events and allocates nothing. Run with {@code -prof gc}: every benchmark here should show
 * 0 B/op (gc.alloc.rate.norm).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED" })
public class HandlerChainBenchmark
{
    static final String DATA = "latency-tests/data/AAPL_2012-06-21_34200000_37800000_message_50.csv";

    private UnsafeBuffer frames;
    private int[] offsets;
    private int[] lengths;
    private int count;
    private int next;

    private Surveillance surveillance;
    private Trading trading;
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final InboundListener noOpListener = new InboundListener()
    {
    };
    private final CountingSinks sinks = new CountingSinks();

    @Setup(Level.Trial)
    public void loadFrames()
    {
        Path file = Path.of(System.getProperty("ringside.home", ".")).resolve(DATA);
        if (!Files.exists(file))
        {
            file = Path.of("..").resolve(DATA);
        }
        final int capacity = 128 * 1024;
        final UnsafeBuffer all = new UnsafeBuffer(new byte[capacity * 96]);
        offsets = new int[capacity];
        lengths = new int[capacity];
        int position = 0;
        try (LobsterReader reader = new LobsterReader(file, 1, null, null, (kind, where, problem) ->
        {
            throw new IllegalStateException(kind + " at " + where + ": " + problem);
        }))
        {
            int length;
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            while ((length = reader.next(scratch, 0)) > 0)
            {
                all.putBytes(position, scratch, 0, length);
                offsets[count] = position;
                lengths[count] = length;
                position += length;
                count++;
            }
        }
        frames = all;
        surveillance = new Surveillance(new SurveillanceConfig().conclude(), 1 << 17);
        trading = new Trading(new TradingConfig().initialOrderCapacityPerBook(1 << 17));
    }

    private int nextFrame()
    {
        if (next == count)
        {
            surveillance.clear();
            trading.clear();
            next = 1; // frame 0 is the instrument definition: the instrument stays defined
        }
        return next++;
    }

    /** SBE header check and flyweight decode only: the floor under every handler. */
    @Benchmark
    public int decode()
    {
        final int i = nextFrame();
        return dispatcher.dispatch(frames, offsets[i], lengths[i], noOpListener);
    }

    /** Book update and every surveillance rule at its defaults, as the surveillance handler runs them. */
    @Benchmark
    public int surveillance()
    {
        final int i = nextFrame();
        return surveillance.onFrame(frames, offsets[i], lengths[i], sinks);
    }

    /**
     * Book update, both strategies, the risk gate and the fill simulator, as the strategy handler runs them
     * (StrategiesBenchmark takes them apart).
     */
    @Benchmark
    public int trading()
    {
        final int i = nextFrame();
        return trading.onFrame(frames, offsets[i], lengths[i], sinks);
    }

    /** Both, one after the other: the handler chain's work per event on one thread. */
    @Benchmark
    public int chain()
    {
        final int i = nextFrame();
        return surveillance.onFrame(frames, offsets[i], lengths[i], sinks) +
            trading.onFrame(frames, offsets[i], lengths[i], sinks);
    }

    static final class CountingSinks implements AlertSink, OrderSink
    {
        long alerts;
        long orders;
        long checksum;

        public void onAlert(
            final int ruleId,
            final Severity severity,
            final long account,
            final long counterpartyAccount,
            final int instrumentId,
            final long observedValue,
            final long limitValue,
            final long referenceValue)
        {
            alerts++;
            checksum += observedValue;
        }

        public void onOrder(
            final int strategyId,
            final int instrumentId,
            final OrderAction action,
            final Side side,
            final long price,
            final long quantity,
            final long clientOrderId,
            final long originalClientOrderId)
        {
            orders++;
            checksum += price;
        }
    }
}
