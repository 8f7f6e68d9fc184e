package io.ringside.latency.jmh;

import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.QuoteEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.codecs.sbe.TradingStatusEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * SBE encode and decode cost of the market events that are not about one order: InstrumentDefinition, TradingStatus,
 * TradePrint and Quote.
 * <p>
 * How encode and decode are measured, and the field values: {@link SbeCodecFixture}. Run with {@code -prof gc}: every
 * benchmark here should show 0 B/op (gc.alloc.rate.norm).
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
public class SbeMarketCodecBenchmark extends SbeCodecFixture
{
    private static final int INSTRUMENT_DEFINITION = 0;
    private static final int TRADING_STATUS = 1;
    private static final int TRADE_PRINT = 2;
    private static final int QUOTE = 3;
    private static final int TEMPLATE_COUNT = 4;

    private final InstrumentDefinitionEncoder instrumentDefinitionEncoder = new InstrumentDefinitionEncoder();
    private final TradingStatusEncoder tradingStatusEncoder = new TradingStatusEncoder();
    private final TradePrintEncoder tradePrintEncoder = new TradePrintEncoder();
    private final QuoteEncoder quoteEncoder = new QuoteEncoder();

    private final InstrumentDefinitionDecoder instrumentDefinitionDecoder = new InstrumentDefinitionDecoder();
    private final TradingStatusDecoder tradingStatusDecoder = new TradingStatusDecoder();
    private final TradePrintDecoder tradePrintDecoder = new TradePrintDecoder();
    private final QuoteDecoder quoteDecoder = new QuoteDecoder();

    public SbeMarketCodecBenchmark()
    {
        super(TEMPLATE_COUNT);
    }

    @Override
    protected int encode(final int template)
    {
        return switch (template)
        {
            case INSTRUMENT_DEFINITION -> encodeInstrumentDefinition();
            case TRADING_STATUS -> encodeTradingStatus();
            case TRADE_PRINT -> encodeTradePrint();
            case QUOTE -> encodeQuote();
            default -> throw new IllegalArgumentException("template " + template);
        };
    }

    @Benchmark
    public int encodeInstrumentDefinition()
    {
        final InstrumentDefinitionEncoder encoder = instrumentDefinitionEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .tickSize(quantity)
            .priceScale((short)4)
            .putSymbol(symbol, 0);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeTradingStatus()
    {
        final TradingStatusEncoder encoder = tradingStatusEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .state(TradingState.TRADING);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeTradePrint()
    {
        final TradePrintEncoder encoder = tradePrintEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .matchId(matchId)
            .kind(TradeKind.HIDDEN)
            .aggressorSide(Side.SELL);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeQuote()
    {
        final QuoteEncoder encoder = quoteEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .bidPrice(price)
            .bidQuantity(quantity)
            .askPrice(otherPrice)
            .askQuantity(otherQuantity);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public long decodeInstrumentDefinition()
    {
        final int offset = header(INSTRUMENT_DEFINITION);
        final InstrumentDefinitionDecoder decoder = instrumentDefinitionDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.tickSize() +
            decoder.priceScale() +
            chars(decoder.getSymbol(charScratch, 0));
    }

    @Benchmark
    public long decodeTradingStatus()
    {
        final int offset = header(TRADING_STATUS);
        final TradingStatusDecoder decoder = tradingStatusDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.stateRaw();
    }

    @Benchmark
    public long decodeTradePrint()
    {
        final int offset = header(TRADE_PRINT);
        final TradePrintDecoder decoder = tradePrintDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.price() +
            decoder.quantity() +
            decoder.matchId() +
            decoder.kindRaw() +
            decoder.aggressorSideRaw();
    }

    @Benchmark
    public long decodeQuote()
    {
        final int offset = header(QUOTE);
        final QuoteDecoder decoder = quoteDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.bidPrice() +
            decoder.bidQuantity() +
            decoder.askPrice() +
            decoder.askQuantity();
    }
}
