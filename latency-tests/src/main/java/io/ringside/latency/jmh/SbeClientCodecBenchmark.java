package io.ringside.latency.jmh;

import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientCancelEncoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
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
 * SBE encode and decode cost of the client events: ClientNewOrder, ClientCancel and ClientExecution.
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
public class SbeClientCodecBenchmark extends SbeCodecFixture
{
    private static final int CLIENT_NEW_ORDER = 0;
    private static final int CLIENT_CANCEL = 1;
    private static final int CLIENT_EXECUTION = 2;
    private static final int TEMPLATE_COUNT = 3;

    private final ClientNewOrderEncoder clientNewOrderEncoder = new ClientNewOrderEncoder();
    private final ClientCancelEncoder clientCancelEncoder = new ClientCancelEncoder();
    private final ClientExecutionEncoder clientExecutionEncoder = new ClientExecutionEncoder();

    private final ClientNewOrderDecoder clientNewOrderDecoder = new ClientNewOrderDecoder();
    private final ClientCancelDecoder clientCancelDecoder = new ClientCancelDecoder();
    private final ClientExecutionDecoder clientExecutionDecoder = new ClientExecutionDecoder();

    public SbeClientCodecBenchmark()
    {
        super(TEMPLATE_COUNT);
    }

    @Override
    protected int encode(final int template)
    {
        return switch (template)
        {
            case CLIENT_NEW_ORDER -> encodeClientNewOrder();
            case CLIENT_CANCEL -> encodeClientCancel();
            case CLIENT_EXECUTION -> encodeClientExecution();
            default -> throw new IllegalArgumentException("template " + template);
        };
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
}
