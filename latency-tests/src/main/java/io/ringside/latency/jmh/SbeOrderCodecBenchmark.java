package io.ringside.latency.jmh;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.OrderReplacedEncoder;
import io.ringside.codecs.sbe.Side;
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
 * SBE encode and decode cost of the order book events: AddOrder, OrderExecuted, OrderCancelled, OrderDeleted and
 * OrderReplaced.
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
public class SbeOrderCodecBenchmark extends SbeCodecFixture
{
    private static final int ADD_ORDER = 0;
    private static final int ORDER_EXECUTED = 1;
    private static final int ORDER_CANCELLED = 2;
    private static final int ORDER_DELETED = 3;
    private static final int ORDER_REPLACED = 4;
    private static final int TEMPLATE_COUNT = 5;

    private final AddOrderEncoder addOrderEncoder = new AddOrderEncoder();
    private final OrderExecutedEncoder orderExecutedEncoder = new OrderExecutedEncoder();
    private final OrderCancelledEncoder orderCancelledEncoder = new OrderCancelledEncoder();
    private final OrderDeletedEncoder orderDeletedEncoder = new OrderDeletedEncoder();
    private final OrderReplacedEncoder orderReplacedEncoder = new OrderReplacedEncoder();

    private final AddOrderDecoder addOrderDecoder = new AddOrderDecoder();
    private final OrderExecutedDecoder orderExecutedDecoder = new OrderExecutedDecoder();
    private final OrderCancelledDecoder orderCancelledDecoder = new OrderCancelledDecoder();
    private final OrderDeletedDecoder orderDeletedDecoder = new OrderDeletedDecoder();
    private final OrderReplacedDecoder orderReplacedDecoder = new OrderReplacedDecoder();

    public SbeOrderCodecBenchmark()
    {
        super(TEMPLATE_COUNT);
    }

    @Override
    protected int encode(final int template)
    {
        return switch (template)
        {
            case ADD_ORDER -> encodeAddOrder();
            case ORDER_EXECUTED -> encodeOrderExecuted();
            case ORDER_CANCELLED -> encodeOrderCancelled();
            case ORDER_DELETED -> encodeOrderDeleted();
            case ORDER_REPLACED -> encodeOrderReplaced();
            default -> throw new IllegalArgumentException("template " + template);
        };
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
}
