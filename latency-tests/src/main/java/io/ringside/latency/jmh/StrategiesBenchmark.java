package io.ringside.latency.jmh;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.book.OrderBook;
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
 * Per-event cost of the trading strategies on real order flow: the AAPL hour as SBE frames, replayed in a loop, each
 * benchmark through its own {@link Trading} with the default configuration except what it turns off. {@code books}
 * is the floor (book update and the fill simulator's bookkeeping, no strategy); {@code marketMaker} and
 * {@code ofiTaker} add one strategy each with its risk checks and fills; {@code trading} is both, as the engine's
 * strategy handler runs them. {@code riskGateAndSimulator} is the floor plus, per event, two orders submitted through
 * the risk gate into the simulator: a 1-lot aggressive order at the touch (alternately buying and selling) and
 * either a passive bid a tick under the best bid or the cancel of the previous one, with a rate limit high enough
 * that every check runs to the end. At the end of the file the books are cleared (a new session). Run with
 * {@code -prof gc}: all should show 0 B/op.
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
public class StrategiesBenchmark
{
    private static final int INSTRUMENT = 1;
    private static final int STRATEGY = 1;
    // the hour's 92k events spread over its 3600 s: the benchmark's own orders take their time from this
    private static final long NS_PER_EVENT = 39_000_000L;

    private UnsafeBuffer frames;
    private int[] offsets;
    private int[] lengths;
    private int count;
    private int next;
    private long eventTime;

    private Trading books;
    private Trading marketMaker;
    private Trading ofiTaker;
    private Trading trading;
    private Trading gated;
    private long restingId;
    private boolean buyNext;
    private final HandlerChainBenchmark.CountingSinks sink = new HandlerChainBenchmark.CountingSinks();

    @Setup(Level.Trial)
    public void loadFrames()
    {
        Path file = Path.of(System.getProperty("ringside.home", ".")).resolve(HandlerChainBenchmark.DATA);
        if (!Files.exists(file))
        {
            file = Path.of("..").resolve(HandlerChainBenchmark.DATA);
        }
        final int capacity = 128 * 1024;
        final UnsafeBuffer all = new UnsafeBuffer(new byte[capacity * 96]);
        offsets = new int[capacity];
        lengths = new int[capacity];
        int position = 0;
        try (LobsterReader reader = new LobsterReader(file, INSTRUMENT, null, null, (kind, where, problem) ->
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
        books = new Trading(config(false, false));
        marketMaker = new Trading(config(true, false));
        ofiTaker = new Trading(config(false, true));
        trading = new Trading(config(true, true));
        final TradingConfig gatedConfig = config(false, false).maxOrdersPerSecond(100_000);
        gatedConfig.risk().maxPosition(1_000_000).maxNotional(1_000_000_000L);
        gated = new Trading(gatedConfig);
    }

    private static TradingConfig config(final boolean marketMaker, final boolean ofiTaker)
    {
        final TradingConfig config = new TradingConfig().initialOrderCapacityPerBook(1 << 17);
        config.marketMaker().enabled(marketMaker);
        config.ofiTaker().enabled(ofiTaker);
        return config;
    }

    private int nextFrame()
    {
        if (next == count)
        {
            books.clear();
            marketMaker.clear();
            ofiTaker.clear();
            trading.clear();
            gated.clear();
            restingId = 0;
            next = 1; // frame 0 is the instrument definition: the instrument stays defined
        }
        eventTime += NS_PER_EVENT;
        return next++;
    }

    /** Book update and the simulator's bookkeeping: the floor under the strategies. */
    @Benchmark
    public int books()
    {
        final int i = nextFrame();
        return books.onFrame(frames, offsets[i], lengths[i], sink);
    }

    /** The market maker alone, with its risk checks and fills. */
    @Benchmark
    public int marketMaker()
    {
        final int i = nextFrame();
        return marketMaker.onFrame(frames, offsets[i], lengths[i], sink);
    }

    /** The order-flow-imbalance taker alone, with its risk checks and fills. */
    @Benchmark
    public int ofiTaker()
    {
        final int i = nextFrame();
        return ofiTaker.onFrame(frames, offsets[i], lengths[i], sink);
    }

    /** Both strategies, the risk gate and the simulator: what the engine's strategy handler runs per event. */
    @Benchmark
    public int trading()
    {
        final int i = nextFrame();
        return trading.onFrame(frames, offsets[i], lengths[i], sink);
    }

    /** The floor plus two orders per event through the risk gate into the fill simulator. */
    @Benchmark
    public long riskGateAndSimulator()
    {
        final int i = nextFrame();
        gated.onFrame(frames, offsets[i], lengths[i], sink);
        final OrderBook book = gated.book(INSTRUMENT);
        if (null == book || !book.isTwoSided())
        {
            return 0;
        }
        final boolean buy = buyNext;
        buyNext = !buy;
        final long taken = gated.submit(STRATEGY, INSTRUMENT, OrderAction.NEW, buy ? Side.BUY : Side.SELL,
            buy ? book.bestAskPrice() : book.bestBidPrice(), 1, 0, eventTime, sink);
        final long bid = book.bestBidPrice() - 100;
        if (0 == restingId)
        {
            restingId = gated.submit(STRATEGY, INSTRUMENT, OrderAction.NEW, Side.BUY, bid, 100, 0, eventTime, sink);
        }
        else
        {
            gated.submit(STRATEGY, INSTRUMENT, OrderAction.CANCEL, Side.BUY, bid, 0, restingId, eventTime, sink);
            restingId = 0;
        }
        return taken + restingId;
    }
}
