package io.ringside.codecs.itch;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradePrintDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stream of ITCH messages, through the reader and the InboundDispatcher, into a small book kept by the test. */
final class ItchBookTest
{
    private static final long T = 34_200_000_000_000L;

    @TempDir
    Path dir;

    /** Orders by id; levels derived from them. The strategies module's OrderBook is not visible from codecs. */
    static final class Book implements InboundListener
    {
        record Order(Side side, long price, long quantity)
        {
        }

        final Map<Long, Order> orders = new HashMap<>();
        final List<String> log = new ArrayList<>();
        String symbol;
        int instrumentId;

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder e)
        {
            symbol = e.symbol();
            instrumentId = e.instrumentId();
        }

        public void onAddOrder(final AddOrderDecoder e)
        {
            orders.put(e.orderId(), new Order(e.side(), e.price(), e.quantity()));
        }

        public void onOrderExecuted(final OrderExecutedDecoder e)
        {
            // A null price is the resting order's own.
            final long price = e.price() == OrderExecutedDecoder.priceNullValue() ?
                orders.get(e.orderId()).price() : e.price();
            log.add("exec " + e.orderId() + " " + e.executedQuantity() + " @" + price);
            reduce(e.orderId(), e.executedQuantity());
        }

        public void onOrderCancelled(final OrderCancelledDecoder e)
        {
            reduce(e.orderId(), e.cancelledQuantity());
        }

        public void onOrderDeleted(final OrderDeletedDecoder e)
        {
            orders.remove(e.orderId());
        }

        public void onOrderReplaced(final OrderReplacedDecoder e)
        {
            final Order old = orders.remove(e.originalOrderId());
            orders.put(e.newOrderId(), new Order(old.side(), e.price(), e.quantity()));
        }

        public void onTradePrint(final TradePrintDecoder e)
        {
            log.add("print " + e.kind() + " " + e.quantity() + " @" + e.price() + " aggressor " + e.aggressorSide());
        }

        private void reduce(final long id, final long quantity)
        {
            final Order o = orders.get(id);
            if (o.quantity() == quantity)
            {
                orders.remove(id);
            }
            else
            {
                orders.put(id, new Order(o.side(), o.price(), o.quantity() - quantity));
            }
        }

        TreeMap<Long, Long> levels(final Side side)
        {
            final TreeMap<Long, Long> levels = new TreeMap<>();
            orders.values().stream().filter((o) -> o.side() == side)
                .forEach((o) -> levels.merge(o.price(), o.quantity(), Long::sum));
            return levels;
        }
    }

    @Test
    void bookFromAStream() throws IOException
    {
        final ItchBytes b = new ItchBytes()
            .systemEvent(0, T - 100, 'Q')
            .stockDirectory(7, T - 50, "AAPL")
            .tradingAction(7, T - 40, "AAPL", 'T')
            // bids
            .addOrder(7, T + 1, 1, 'B', 100, "AAPL", 5_850_000)
            .addOrder(7, T + 2, 2, 'B', 200, "AAPL", 5_850_000)
            .addOrder(7, T + 3, 3, 'B', 300, "AAPL", 5_849_900)
            .addOrderMpid(7, T + 4, 4, 'B', 400, "AAPL", 5_849_800, "GSCO")
            // asks
            .addOrder(7, T + 5, 11, 'S', 150, "AAPL", 5_850_100)
            .addOrder(7, T + 6, 12, 'S', 250, "AAPL", 5_850_200)
            .addOrderMpid(7, T + 7, 13, 'S', 350, "AAPL", 5_850_300, "MSCO")
            // a buyer takes 150 at 585.01 (all of 11), then 50 of 12
            .executed(7, T + 8, 11, 150, 1001)
            .executedWithPrice(7, T + 9, 12, 50, 1002, 'Y', 5_850_200)
            // order 1 partly cancelled, order 2 deleted: best bid 585.00 is 60
            .cancel(7, T + 10, 1, 40)
            .delete(7, T + 11, 2)
            // order 3 (300 @ 584.99) replaced by 5: 500 @ 585.01, the new best bid
            .replace(7, T + 12, 3, 5, 500, 5_850_100)
            // the ask at 585.02 is fully executed: 200 left after the 50
            .executed(7, T + 13, 12, 200, 1003)
            // a hidden trade and a cross: no book change
            .trade(7, T + 14, 0, 'S', 75, "AAPL", 5_850_250, 1004)
            .crossTrade(7, T + 15, 1_000, "AAPL", 5_850_100, 1005, 'C')
            .msg('B', 7, 0, T + 16).u64(1004).end();

        final Path file = dir.resolve("AAPL_2024-03-15.itch50");
        Files.write(file, b.bytes());
        final Book book = new Book();
        final InboundDispatcher dispatcher = new InboundDispatcher();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH + 64]);
        final List<String> errors = new ArrayList<>();
        try (ItchReader reader = new ItchReader(file, null, (kind, where, problem) -> errors.add(kind) || true))
        {
            int length;
            while ((length = reader.next(buffer, 64)) > 0) // at an offset: frames need not start at 0
            {
                assertEquals(FrameCheck.OK, dispatcher.dispatch(buffer, 64, length, book));
            }
            assertEquals(19, reader.messagesRead());
            assertEquals(17, reader.eventsProduced()); // all but S and B
            assertEquals(1, reader.brokenTradesSkipped());
        }
        assertEquals(List.of(), errors);

        assertEquals("AAPL", book.symbol);
        assertEquals(7, book.instrumentId);
        final TreeMap<Long, Long> bids = book.levels(Side.BUY);
        final TreeMap<Long, Long> asks = book.levels(Side.SELL);
        assertEquals(Map.of(5_850_100L, 500L, 5_850_000L, 60L, 5_849_800L, 400L), bids);
        assertEquals(Map.of(5_850_300L, 350L), asks);
        assertEquals(5_850_100L, bids.lastKey());
        assertEquals(500L, bids.lastEntry().getValue());
        assertEquals(5_850_300L, asks.firstKey());
        assertEquals(350L, asks.firstEntry().getValue());
        assertEquals(List.of(
            "exec 11 150 @5850100",
            "exec 12 50 @5850200",
            "exec 12 200 @5850200",
            "print HIDDEN 75 @5850250 aggressor BUY",
            "print CROSS 1000 @5850100 aggressor NULL_VAL"), book.log);
    }
}
