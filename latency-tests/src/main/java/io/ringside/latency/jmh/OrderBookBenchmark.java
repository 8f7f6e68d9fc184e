package io.ringside.latency.jmh;

import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.book.OrderBook;
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
 * {@link OrderBook} on its own, on real order flow: the AAPL hour's order-level events (add, execute, cancel, delete,
 * replace), decoded once in {@link #loadEvents()} into primitive arrays, so {@link #update()} measures the book and
 * not SBE. The hour is replayed in a loop; at its end the book is cleared (a new session) so the same orders can be
 * added again, one clear per pass, allocating nothing. Events the book does not model (trade prints, status, the
 * instrument definition) are left out.
 * <p>
 * The trial starts with half the hour applied, so {@link #bestBidAsk()} queries a book mid-session and {@link
 * #update()} carries on from there. Run with {@code -prof gc}: every benchmark here should show 0 B/op
 * (gc.alloc.rate.norm).
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
public class OrderBookBenchmark
{
    static final byte ADD = 0;
    static final byte EXECUTE = 1;
    static final byte CANCEL = 2;
    static final byte DELETE = 3;
    static final byte REPLACE = 4;

    private byte[] types;
    private long[] orderIds;
    /** The replacement's id for REPLACE; unused otherwise. */
    private long[] newOrderIds;
    private long[] prices;
    private long[] quantities;
    private Side[] sides;
    private int count;
    private int next;

    private OrderBook book;

    @Setup(Level.Trial)
    public void loadEvents()
    {
        Path file = Path.of(System.getProperty("ringside.home", ".")).resolve(HandlerChainBenchmark.DATA);
        if (!Files.exists(file))
        {
            file = Path.of("..").resolve(HandlerChainBenchmark.DATA);
        }

        final int capacity = 128 * 1024;
        types = new byte[capacity];
        orderIds = new long[capacity];
        newOrderIds = new long[capacity];
        prices = new long[capacity];
        quantities = new long[capacity];
        sides = new Side[capacity];

        final InboundDispatcher dispatcher = new InboundDispatcher();
        final Recorder recorder = new Recorder();
        try (LobsterReader reader = new LobsterReader(file, 1, null, null, (kind, where, problem) ->
        {
            throw new IllegalStateException(kind + " at " + where + ": " + problem);
        }))
        {
            int length;
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            while ((length = reader.next(scratch, 0)) > 0)
            {
                dispatcher.dispatch(scratch, 0, length, recorder);
            }
        }
        if (0 == count)
        {
            throw new IllegalStateException("no order-level events in " + file);
        }

        book = new OrderBook(1, 1 << 17);
        for (int i = 0, half = count / 2; i < half; i++)
        {
            update();
        }
    }

    /** One order-level event applied to the book. */
    @Benchmark
    public boolean update()
    {
        if (next == count)
        {
            book.clear();
            next = 0;
        }
        final int i = next++;

        return switch (types[i])
        {
            case ADD -> book.add(orderIds[i], sides[i], prices[i], quantities[i]);
            case EXECUTE -> book.execute(orderIds[i], quantities[i], prices[i], sides[i]);
            case CANCEL -> book.cancel(orderIds[i], quantities[i], prices[i], sides[i]);
            case DELETE -> book.delete(orderIds[i], prices[i], quantities[i], sides[i]);
            default -> book.replace(orderIds[i], newOrderIds[i], prices[i], quantities[i]);
        };
    }

    /** Top of book, both sides, price and quantity: what a strategy reads after each update. */
    @Benchmark
    public long bestBidAsk()
    {
        final OrderBook book = this.book;
        return book.bestBidPrice() + book.bestBidQuantity() + book.bestAskPrice() + book.bestAskQuantity();
    }

    /** Optional fields mapped to the book's nulls as BookBuilder maps them. */
    private final class Recorder implements InboundListener
    {
        public void onAddOrder(final AddOrderDecoder event)
        {
            record(ADD, event.orderId(), 0, event.price(), event.quantity(), side(event.sideRaw()));
        }

        public void onOrderExecuted(final OrderExecutedDecoder event)
        {
            record(
                EXECUTE,
                event.orderId(),
                0,
                price(event.price(), OrderExecutedDecoder.priceNullValue()),
                event.executedQuantity(),
                side(event.sideRaw()));
        }

        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            record(
                CANCEL,
                event.orderId(),
                0,
                price(event.price(), OrderCancelledDecoder.priceNullValue()),
                event.cancelledQuantity(),
                side(event.sideRaw()));
        }

        public void onOrderDeleted(final OrderDeletedDecoder event)
        {
            record(
                DELETE,
                event.orderId(),
                0,
                price(event.price(), OrderDeletedDecoder.priceNullValue()),
                quantity(event.quantity(), OrderDeletedDecoder.quantityNullValue()),
                side(event.sideRaw()));
        }

        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            record(
                REPLACE, event.originalOrderId(), event.newOrderId(), event.price(), event.quantity(), Side.NULL_VAL);
        }

        private void record(
            final byte type,
            final long orderId,
            final long newOrderId,
            final long price,
            final long quantity,
            final Side side)
        {
            types[count] = type;
            orderIds[count] = orderId;
            newOrderIds[count] = newOrderId;
            prices[count] = price;
            quantities[count] = quantity;
            sides[count] = side;
            count++;
        }

        private long price(final long price, final long nullValue)
        {
            return nullValue == price ? OrderBook.NULL_PRICE : price;
        }

        private long quantity(final long quantity, final long nullValue)
        {
            return nullValue == quantity ? OrderBook.NULL_QUANTITY : quantity;
        }

        private Side side(final short raw)
        {
            return raw == Side.BUY.value() ? Side.BUY : raw == Side.SELL.value() ? Side.SELL : Side.NULL_VAL;
        }
    }
}
