package io.ringside.latency.jmh;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientCancelEncoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.OrderReplacedEncoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.QuoteEncoder;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.codecs.sbe.TradingStatusEncoder;
import org.agrona.BufferUtil;
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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * SBE encode and decode cost per message type, one method pair per template: every inbound event and both engine
 * outputs.
 * <p>
 * {@code encodeX} writes the header and every field, the Envelope composite included, into a direct
 * {@link UnsafeBuffer}; the envelope's sequence rises by 1 per call, as a publisher's would. {@code decodeX} reads the
 * header, wraps the decoder with the header's blockLength and version, as a receiver of any schema version does, and
 * sums every field (enums as their raw value, char arrays byte by byte) into a long. The frames decoded are encoded
 * once in {@link #encodeFrames()} by the encode methods themselves. Run with {@code -prof gc}: every benchmark here
 * should show 0 B/op (gc.alloc.rate.norm).
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
public class CodecBenchmark
{
    /** Room for any one frame: the largest, FraudAlert, is 8 + 85 bytes. */
    private static final int SLOT_LENGTH = 128;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private static final int INSTRUMENT_DEFINITION = 0;
    private static final int TRADING_STATUS = 1;
    private static final int ADD_ORDER = 2;
    private static final int ORDER_EXECUTED = 3;
    private static final int ORDER_CANCELLED = 4;
    private static final int ORDER_DELETED = 5;
    private static final int ORDER_REPLACED = 6;
    private static final int TRADE_PRINT = 7;
    private static final int QUOTE = 8;
    private static final int CLIENT_NEW_ORDER = 9;
    private static final int CLIENT_CANCEL = 10;
    private static final int CLIENT_EXECUTION = 11;
    private static final int FRAUD_ALERT = 12;
    private static final int STRATEGY_ORDER = 13;
    private static final int TEMPLATE_COUNT = 14;

    /** Where encode writes, at offset 0. */
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(SLOT_LENGTH, 64));
    /** One encoded frame of each template, at {@code template * SLOT_LENGTH}, for decode. */
    private final UnsafeBuffer frames =
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(TEMPLATE_COUNT * SLOT_LENGTH, 64));

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    private final InstrumentDefinitionEncoder instrumentDefinitionEncoder = new InstrumentDefinitionEncoder();
    private final TradingStatusEncoder tradingStatusEncoder = new TradingStatusEncoder();
    private final AddOrderEncoder addOrderEncoder = new AddOrderEncoder();
    private final OrderExecutedEncoder orderExecutedEncoder = new OrderExecutedEncoder();
    private final OrderCancelledEncoder orderCancelledEncoder = new OrderCancelledEncoder();
    private final OrderDeletedEncoder orderDeletedEncoder = new OrderDeletedEncoder();
    private final OrderReplacedEncoder orderReplacedEncoder = new OrderReplacedEncoder();
    private final TradePrintEncoder tradePrintEncoder = new TradePrintEncoder();
    private final QuoteEncoder quoteEncoder = new QuoteEncoder();
    private final ClientNewOrderEncoder clientNewOrderEncoder = new ClientNewOrderEncoder();
    private final ClientCancelEncoder clientCancelEncoder = new ClientCancelEncoder();
    private final ClientExecutionEncoder clientExecutionEncoder = new ClientExecutionEncoder();
    private final FraudAlertEncoder fraudAlertEncoder = new FraudAlertEncoder();
    private final StrategyOrderEncoder strategyOrderEncoder = new StrategyOrderEncoder();

    private final InstrumentDefinitionDecoder instrumentDefinitionDecoder = new InstrumentDefinitionDecoder();
    private final TradingStatusDecoder tradingStatusDecoder = new TradingStatusDecoder();
    private final AddOrderDecoder addOrderDecoder = new AddOrderDecoder();
    private final OrderExecutedDecoder orderExecutedDecoder = new OrderExecutedDecoder();
    private final OrderCancelledDecoder orderCancelledDecoder = new OrderCancelledDecoder();
    private final OrderDeletedDecoder orderDeletedDecoder = new OrderDeletedDecoder();
    private final OrderReplacedDecoder orderReplacedDecoder = new OrderReplacedDecoder();
    private final TradePrintDecoder tradePrintDecoder = new TradePrintDecoder();
    private final QuoteDecoder quoteDecoder = new QuoteDecoder();
    private final ClientNewOrderDecoder clientNewOrderDecoder = new ClientNewOrderDecoder();
    private final ClientCancelDecoder clientCancelDecoder = new ClientCancelDecoder();
    private final ClientExecutionDecoder clientExecutionDecoder = new ClientExecutionDecoder();
    private final FraudAlertDecoder fraudAlertDecoder = new FraudAlertDecoder();
    private final StrategyOrderDecoder strategyOrderDecoder = new StrategyOrderDecoder();

    // Field values: instance fields, so the JIT reads them rather than folding constants into the stores.
    private final byte[] symbol = "AAPL    ".getBytes(StandardCharsets.US_ASCII);
    private final byte[] attribution = "MSCO".getBytes(StandardCharsets.US_ASCII);
    private final byte[] charScratch = new byte[8];
    private long sequence;
    private long eventTime = 1_340_285_400_004_000_000L;
    private long sendTime = 123_456_789_000L;
    private long intendedSendTime = 123_456_788_500L;
    private int sourceId = 3;
    private int instrumentId = 1;
    private long orderId = 16_113_575L;
    private long otherOrderId = 16_113_576L;
    private long price = 5_853_300L;
    private long otherPrice = 5_853_400L;
    private long quantity = 100;
    private long otherQuantity = 18;
    private long matchId = 4_242L;
    private long account = 1_001L;
    private long otherAccount = 2_002L;
    private long clientOrderId = 77_001L;
    private int ruleId = 5;
    private int strategyId = 2;
    private long observedValue = 5_990_000L;
    private long limitValue = 5_950_000L;

    @Setup(Level.Trial)
    public void encodeFrames()
    {
        for (int template = 0; template < TEMPLATE_COUNT; template++)
        {
            final int length = encode(template);
            frames.putBytes(template * SLOT_LENGTH, buffer, 0, length);
        }
        sequence = 0;
    }

    private int encode(final int template)
    {
        return switch (template)
        {
            case INSTRUMENT_DEFINITION -> encodeInstrumentDefinition();
            case TRADING_STATUS -> encodeTradingStatus();
            case ADD_ORDER -> encodeAddOrder();
            case ORDER_EXECUTED -> encodeOrderExecuted();
            case ORDER_CANCELLED -> encodeOrderCancelled();
            case ORDER_DELETED -> encodeOrderDeleted();
            case ORDER_REPLACED -> encodeOrderReplaced();
            case TRADE_PRINT -> encodeTradePrint();
            case QUOTE -> encodeQuote();
            case CLIENT_NEW_ORDER -> encodeClientNewOrder();
            case CLIENT_CANCEL -> encodeClientCancel();
            case CLIENT_EXECUTION -> encodeClientExecution();
            case FRAUD_ALERT -> encodeFraudAlert();
            case STRATEGY_ORDER -> encodeStrategyOrder();
            default -> throw new IllegalArgumentException("template " + template);
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Encode
    // ---------------------------------------------------------------------------------------------------------------

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
    public int encodeAddOrder()
    {
        final AddOrderEncoder encoder = addOrderEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .orderId(orderId)
            .side(Side.BUY)
            .price(price)
            .quantity(quantity)
            .putAttribution(attribution, 0);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeOrderExecuted()
    {
        final OrderExecutedEncoder encoder = orderExecutedEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .orderId(orderId)
            .executedQuantity(otherQuantity)
            .matchId(matchId)
            .price(price)
            .side(Side.SELL);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeOrderCancelled()
    {
        final OrderCancelledEncoder encoder = orderCancelledEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .orderId(orderId)
            .cancelledQuantity(otherQuantity)
            .price(price)
            .side(Side.BUY);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeOrderDeleted()
    {
        final OrderDeletedEncoder encoder = orderDeletedEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .side(Side.BUY);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeOrderReplaced()
    {
        final OrderReplacedEncoder encoder = orderReplacedEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .originalOrderId(orderId)
            .newOrderId(otherOrderId)
            .price(otherPrice)
            .quantity(otherQuantity);

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
    public int encodeClientNewOrder()
    {
        final ClientNewOrderEncoder encoder = clientNewOrderEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .account(account)
            .clientOrderId(clientOrderId)
            .side(Side.BUY)
            .price(price)
            .quantity(quantity);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeClientCancel()
    {
        final ClientCancelEncoder encoder = clientCancelEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .account(account)
            .clientOrderId(clientOrderId);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeClientExecution()
    {
        final ClientExecutionEncoder encoder = clientExecutionEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        envelope(encoder.envelope());
        encoder
            .instrumentId(instrumentId)
            .executionId(matchId)
            .buyerAccount(account)
            .sellerAccount(otherAccount)
            .price(price)
            .quantity(quantity);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeFraudAlert()
    {
        final FraudAlertEncoder encoder = fraudAlertEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outputSequence(++sequence)
            .ruleId(ruleId)
            .severity(Severity.WARNING)
            .account(account)
            .counterpartyAccount(otherAccount)
            .instrumentId(instrumentId)
            .triggerSourceId(sourceId)
            .triggerSequence(orderId)
            .triggerEventTime(eventTime)
            .triggerIntendedSendTime(intendedSendTime)
            .observedValue(observedValue)
            .limitValue(limitValue)
            .referenceValue(price);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int encodeStrategyOrder()
    {
        final StrategyOrderEncoder encoder = strategyOrderEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outputSequence(++sequence)
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .action(OrderAction.REPLACE)
            .side(Side.BUY)
            .price(price)
            .quantity(quantity)
            .clientOrderId(clientOrderId)
            .originalClientOrderId(orderId)
            .triggerSourceId(sourceId)
            .triggerSequence(matchId)
            .triggerEventTime(eventTime)
            .triggerIntendedSendTime(intendedSendTime);

        return HEADER_LENGTH + encoder.encodedLength();
    }

    private void envelope(final EnvelopeEncoder envelope)
    {
        envelope
            .sequence(++sequence)
            .eventTime(eventTime)
            .sendTime(sendTime)
            .intendedSendTime(intendedSendTime)
            .sourceId(sourceId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Decode
    // ---------------------------------------------------------------------------------------------------------------

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
    public long decodeAddOrder()
    {
        final int offset = header(ADD_ORDER);
        final AddOrderDecoder decoder = addOrderDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.orderId() +
            decoder.sideRaw() +
            decoder.price() +
            decoder.quantity() +
            chars(decoder.getAttribution(charScratch, 0));
    }

    @Benchmark
    public long decodeOrderExecuted()
    {
        final int offset = header(ORDER_EXECUTED);
        final OrderExecutedDecoder decoder = orderExecutedDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.orderId() +
            decoder.executedQuantity() +
            decoder.matchId() +
            decoder.price() +
            decoder.sideRaw();
    }

    @Benchmark
    public long decodeOrderCancelled()
    {
        final int offset = header(ORDER_CANCELLED);
        final OrderCancelledDecoder decoder = orderCancelledDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.orderId() +
            decoder.cancelledQuantity() +
            decoder.price() +
            decoder.sideRaw();
    }

    @Benchmark
    public long decodeOrderDeleted()
    {
        final int offset = header(ORDER_DELETED);
        final OrderDeletedDecoder decoder = orderDeletedDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.orderId() +
            decoder.price() +
            decoder.quantity() +
            decoder.sideRaw();
    }

    @Benchmark
    public long decodeOrderReplaced()
    {
        final int offset = header(ORDER_REPLACED);
        final OrderReplacedDecoder decoder = orderReplacedDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.originalOrderId() +
            decoder.newOrderId() +
            decoder.price() +
            decoder.quantity();
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

    @Benchmark
    public long decodeClientNewOrder()
    {
        final int offset = header(CLIENT_NEW_ORDER);
        final ClientNewOrderDecoder decoder = clientNewOrderDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.account() +
            decoder.clientOrderId() +
            decoder.sideRaw() +
            decoder.price() +
            decoder.quantity();
    }

    @Benchmark
    public long decodeClientCancel()
    {
        final int offset = header(CLIENT_CANCEL);
        final ClientCancelDecoder decoder = clientCancelDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.account() +
            decoder.clientOrderId();
    }

    @Benchmark
    public long decodeClientExecution()
    {
        final int offset = header(CLIENT_EXECUTION);
        final ClientExecutionDecoder decoder = clientExecutionDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return envelope(decoder.envelope()) +
            decoder.instrumentId() +
            decoder.executionId() +
            decoder.buyerAccount() +
            decoder.sellerAccount() +
            decoder.price() +
            decoder.quantity();
    }

    @Benchmark
    public long decodeFraudAlert()
    {
        final int offset = header(FRAUD_ALERT);
        final FraudAlertDecoder decoder = fraudAlertDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return headerDecoder.templateId() +
            decoder.outputSequence() +
            decoder.ruleId() +
            decoder.severityRaw() +
            decoder.account() +
            decoder.counterpartyAccount() +
            decoder.instrumentId() +
            decoder.triggerSourceId() +
            decoder.triggerSequence() +
            decoder.triggerEventTime() +
            decoder.triggerIntendedSendTime() +
            decoder.observedValue() +
            decoder.limitValue() +
            decoder.referenceValue();
    }

    @Benchmark
    public long decodeStrategyOrder()
    {
        final int offset = header(STRATEGY_ORDER);
        final StrategyOrderDecoder decoder = strategyOrderDecoder
            .wrap(frames, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());

        return headerDecoder.templateId() +
            decoder.outputSequence() +
            decoder.strategyId() +
            decoder.instrumentId() +
            decoder.actionRaw() +
            decoder.sideRaw() +
            decoder.price() +
            decoder.quantity() +
            decoder.clientOrderId() +
            decoder.originalClientOrderId() +
            decoder.triggerSourceId() +
            decoder.triggerSequence() +
            decoder.triggerEventTime() +
            decoder.triggerIntendedSendTime();
    }

    /** Wraps the header of the template's frame and returns the frame's offset. */
    private int header(final int template)
    {
        final int offset = template * SLOT_LENGTH;
        headerDecoder.wrap(frames, offset);
        return offset;
    }

    /** The envelope's fields and the header's template id, summed. */
    private long envelope(final EnvelopeDecoder envelope)
    {
        return headerDecoder.templateId() +
            envelope.sequence() +
            envelope.eventTime() +
            envelope.sendTime() +
            envelope.intendedSendTime() +
            envelope.sourceId();
    }

    /** The bytes just copied into the scratch array, summed. */
    private long chars(final int length)
    {
        long sum = length;
        for (int i = 0; i < length; i++)
        {
            sum += charScratch[i];
        }
        return sum;
    }
}
