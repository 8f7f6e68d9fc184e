package io.ringside.latency.jmh;

import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
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
 * SBE encode and decode cost of the engine's outputs: FraudAlert and StrategyOrder.
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
public class SbeOutputCodecBenchmark extends SbeCodecFixture
{
    private static final int FRAUD_ALERT = 0;
    private static final int STRATEGY_ORDER = 1;
    private static final int TEMPLATE_COUNT = 2;

    private final FraudAlertEncoder fraudAlertEncoder = new FraudAlertEncoder();
    private final StrategyOrderEncoder strategyOrderEncoder = new StrategyOrderEncoder();

    private final FraudAlertDecoder fraudAlertDecoder = new FraudAlertDecoder();
    private final StrategyOrderDecoder strategyOrderDecoder = new StrategyOrderDecoder();

    public SbeOutputCodecBenchmark()
    {
        super(TEMPLATE_COUNT);
    }

    @Override
    protected int encode(final int template)
    {
        return switch (template)
        {
            case FRAUD_ALERT -> encodeFraudAlert();
            case STRATEGY_ORDER -> encodeStrategyOrder();
            default -> throw new IllegalArgumentException("template " + template);
        };
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
}
