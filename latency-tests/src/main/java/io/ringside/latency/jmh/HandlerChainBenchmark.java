package io.ringside.latency.jmh;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.itch.ItchReader;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.latency.exchange.ExchangeDayGenerator;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of the engine's handlers on real order flow, replayed in a loop as SBE frames: {@code aapl}, the AAPL
 * hour on one instrument (books pre-sized), and {@code exchange}, the same flow spread over 8,000 instruments by
 * {@link ExchangeDayGenerator} (1,000,000 messages, books at their default size, so they grow in the first pass and
 * never after). At the end of the data the books are cleared (a new session, keeping their capacity) so the same
 * orders can be added again; that allocates nothing. Run with {@code -prof gc}: every benchmark here should show
 * 0 B/op (gc.alloc.rate.norm) for both.
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
    static final String AAPL_ITCH = "../shared/data/itch/AAPL_2012-06-21.itch50.gz";
    static final int EXCHANGE_SYMBOLS = 8_000;
    static final long EXCHANGE_MESSAGES = 1_000_000;

    @Param({ "aapl", "exchange" })
    public String data;

    private UnsafeBuffer frames;
    private int firstEvent;
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
    public void loadFrames() throws IOException
    {
        final ReadErrorHandler strict = (kind, where, problem) ->
        {
            throw new IllegalStateException(kind + " at " + where + ": " + problem);
        };
        if ("exchange".equals(data))
        {
            final Path day = Files.createTempFile("ringside-exchange-", "_2012-06-21.itch50");
            try
            {
                ExchangeDayGenerator.write(resolve(AAPL_ITCH), day, EXCHANGE_SYMBOLS, EXCHANGE_MESSAGES, 42);
                load(new ItchReader(day, null, strict), (int)EXCHANGE_MESSAGES);
            }
            finally
            {
                Files.deleteIfExists(day);
            }
            final TradingConfig config = new TradingConfig();
            config.books().expectedInstruments(EXCHANGE_SYMBOLS);
            surveillance = new Surveillance(new SurveillanceConfig().conclude(), config.books());
            trading = new Trading(config);
        }
        else
        {
            load(new LobsterReader(resolve(DATA), 1, null, null, strict), 128 * 1024);
            surveillance = new Surveillance(new SurveillanceConfig().conclude(), 1 << 17);
            trading = new Trading(new TradingConfig().initialOrderCapacityPerBook(1 << 17));
        }
        // The definitions (and trading states) lead the data: they stay, a session's clear keeps the instruments.
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        while (firstEvent < count && isReferenceData(header.wrap(frames, offsets[firstEvent]).templateId()))
        {
            firstEvent++;
        }
    }

    private void load(final RecordedEventReader reader, final int capacity)
    {
        final UnsafeBuffer all = new UnsafeBuffer(new byte[capacity * 96]);
        offsets = new int[capacity];
        lengths = new int[capacity];
        int position = 0;
        try (reader)
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
    }

    private static boolean isReferenceData(final int templateId)
    {
        return InstrumentDefinitionDecoder.TEMPLATE_ID == templateId || TradingStatusDecoder.TEMPLATE_ID == templateId;
    }

    private static Path resolve(final String relative)
    {
        final Path file = Path.of(System.getProperty("ringside.home", ".")).resolve(relative);
        return Files.exists(file) ? file : Path.of("..").resolve(relative);
    }

    private int nextFrame()
    {
        if (next == count)
        {
            surveillance.clear();
            trading.clear();
            next = firstEvent;
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
