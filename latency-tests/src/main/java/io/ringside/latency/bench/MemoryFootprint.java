package io.ringside.latency.bench;

import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.book.BookBuilder;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * What each handler's state costs, retained on the heap with default settings: per defined instrument, per instrument
 * with a little activity, and per live order. Retained bytes after full GCs, over thousands of instruments so the
 * heap's own noise is small against them. Run: {@code java -cp latency-tests/target/ringside.jar
 * io.ringside.latency.bench.MemoryFootprint [instruments] [orders]}.
 */
public final class MemoryFootprint
{
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final AlertSink NO_ALERTS = (ruleId, severity, account, counterparty, instrumentId, observed,
        limit, reference) -> {};
    private static final OrderSink NO_ORDERS = (strategyId, instrumentId, action, side, price, quantity,
        clientOrderId, originalClientOrderId) -> {};

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();
    private long sequence;
    private long time = 34_200_000_000_000L;

    /** One handler's figures, in bytes. */
    public record Figures(String handler, double perDefinedInstrument, double perActiveInstrument, double perLiveOrder)
    {
    }

    public static void main(final String[] args)
    {
        final int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        final int orders = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        for (final Figures figures : measure(instruments, orders))
        {
            System.out.printf(Locale.ROOT, "%-12s per defined instrument %,8.0f B   per active instrument %,8.0f B   "
                + "per live order %,6.1f B%n", figures.handler, figures.perDefinedInstrument,
                figures.perActiveInstrument, figures.perLiveOrder);
        }
    }

    public static Figures[] measure(final int instruments, final int orders)
    {
        final MemoryFootprint frames = new MemoryFootprint();
        final Surveillance surveillance =
            new Surveillance(new SurveillanceConfig().conclude(), BookBuilder.DEFAULT_INITIAL_ORDER_CAPACITY);
        final Figures s = frames.measure("surveillance", instruments, orders,
            (length) -> surveillance.onFrame(frames.buffer, 0, length, NO_ALERTS));
        final Trading trading = new Trading(new TradingConfig().conclude());
        final Figures t = frames.measure("trading", instruments, orders,
            (length) -> trading.onFrame(frames.buffer, 0, length, NO_ORDERS));
        return new Figures[]{ s, t };
    }

    private Figures measure(final String name, final int instruments, final int orders, final IntConsumer handler)
    {
        final long empty = retained();
        for (int id = 1; id <= instruments; id++)
        {
            handler.accept(definition(id));
        }
        final long defined = retained();
        // A little activity on each: one resting order a side and a trade, what a quiet name sees in a day.
        for (int id = 1; id <= instruments; id++)
        {
            handler.accept(addOrder(id, id * 2L, Side.BUY, 1_000_000));
            handler.accept(addOrder(id, id * 2L + 1, Side.SELL, 1_000_100));
            handler.accept(tradePrint(id, 1_000_050));
        }
        final long active = retained();
        final int busy = instruments + 1;
        handler.accept(definition(busy));
        final long beforeOrders = retained();
        for (int i = 0; i < orders; i++)
        {
            // Spread over 200 levels a side below and above the touch, as a liquid book rests them.
            final boolean buy = (i & 1) == 0;
            final long price = buy ? 1_000_000 - 100L * (i % 200) : 1_000_100 + 100L * (i % 200);
            handler.accept(addOrder(busy, 10_000_000L + i, buy ? Side.BUY : Side.SELL, price));
        }
        final long withOrders = retained();
        return new Figures(name, (defined - empty) / (double)instruments, (active - empty) / (double)instruments,
            (withOrders - beforeOrders) / (double)orders);
    }

    private int definition(final int id)
    {
        definition.wrapAndApplyHeader(buffer, 0, header).instrumentId(id).tickSize(100).priceScale((short)4)
            .symbol(String.format(Locale.ROOT, "S%06d", id));
        envelope(definition.envelope());
        return MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
    }

    private int addOrder(final int id, final long orderId, final Side side, final long price)
    {
        addOrder.wrapAndApplyHeader(buffer, 0, header).instrumentId(id).orderId(orderId).side(side).price(price)
            .quantity(100).putAttribution((byte)0, (byte)0, (byte)0, (byte)0);
        envelope(addOrder.envelope());
        return MessageHeaderEncoder.ENCODED_LENGTH + addOrder.encodedLength();
    }

    private int tradePrint(final int id, final long price)
    {
        tradePrint.wrapAndApplyHeader(buffer, 0, header).instrumentId(id).price(price).quantity(100).matchId(++sequence)
            .kind(TradeKind.HIDDEN);
        envelope(tradePrint.envelope());
        return MessageHeaderEncoder.ENCODED_LENGTH + tradePrint.encodedLength();
    }

    private void envelope(final EnvelopeEncoder envelope)
    {
        time += 1_000;
        envelope.sequence(++sequence).eventTime(time).sendTime(time).intendedSendTime(time).sourceId(1);
    }

    private static long retained()
    {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++)
        {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
