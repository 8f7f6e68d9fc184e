package io.ringside.strategies.book;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.OrderReplacedEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradeKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.NULL_VAL;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real SBE frames, encoded with the generated encoders, through {@link InboundDispatcher} into {@link BookBuilder}.
 */
final class BookBuilderTest
{
    private static final int AAPL = 7;
    private static final int MSFT = 8;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final OrderExecutedEncoder orderExecuted = new OrderExecutedEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final OrderReplacedEncoder orderReplaced = new OrderReplacedEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final BookBuilder builder = new BookBuilder(16);
    private long sequence;

    @Test
    void theBooksOfThousandsOfInstrumentsStartSmallAndTheirGrowthsAddUpInOneCount()
    {
        for (int id = 1; id <= 5_000; id++)
        {
            add(id, id, BUY, 5853300, 18);
        }
        assertEquals(5_000, builder.bookCount());
        assertEquals(0, builder.grows(), "one order each fits a new book");
        for (int i = 0; i < 17; i++)
        {
            add(AAPL, 1_000_000 + i, SELL, 5853400 + 100 * i, 1); // AAPL's 18th order on its 18th level
        }
        assertEquals(16, builder.book(AAPL).orderCapacity() / 2, "AAPL's book doubled");
        // AAPL: its order arrays (16 -> 32) and its asks (16 -> 32 levels); its order map, sized for 16 at load 0.65
        // (32 slots), holds 20
        assertEquals(2, builder.grows());
        assertEquals(builder.grows(), builder.book(MSFT).grows(), "every book of the builder shares the count");
    }

    @Test
    void aSymbolSizedByConfigurationHasItsRoomFromItsDefinitionAndNeverGrowsToIt()
    {
        final BookBuilder sized = new BookBuilder(new BookSizing().initialOrderCapacity(16)
            .initialOrderCapacity("AAPL", 4_096).expectedInstruments(10_000));
        final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
        for (final String symbol : new String[]{ "AAPL", "MSFT" })
        {
            definition.wrapAndApplyHeader(buffer, 0, header).instrumentId("AAPL".equals(symbol) ? AAPL : MSFT)
                .tickSize(100).priceScale((short)4).symbol(symbol);
            final InstrumentDefinitionDecoder decoder = new InstrumentDefinitionDecoder()
                .wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH, definition.sbeBlockLength(), definition.sbeSchemaVersion());
            sized.onInstrumentDefinition(decoder);
        }
        assertEquals(4_096, sized.book(AAPL).orderCapacity(), "made at AAPL's definition, at its size");
        assertNull(sized.book(MSFT), "MSFT has no size of its own: its book waits for its first order");
        final OrderBook aapl = sized.book(AAPL);
        for (int i = 0; i < 4_000; i++)
        {
            aapl.add(i, i % 2 == 0 ? BUY : SELL, 5853300 + (i % 2 == 0 ? -100 : 100) * (i % 500), 1);
        }
        assertEquals(0, sized.grows(), "4,000 orders on 500 levels fit what was reserved");
    }

    @Test
    void shouldCreateBookOnFirstEventForInstrument()
    {
        assertNull(builder.book(AAPL));
        assertEquals(0, builder.bookCount());

        add(AAPL, 1, BUY, 5853300, 18);

        final OrderBook book = builder.book(AAPL);
        assertNotNull(book);
        assertEquals(AAPL, book.instrumentId());
        assertNull(builder.book(MSFT));
        assertEquals(1, builder.bookCount());

        add(AAPL, 2, SELL, 5859400, 200);
        assertSame(book, builder.book(AAPL));
        assertEquals(1, builder.bookCount());
    }

    @Test
    void shouldBuildBooksPerInstrument()
    {
        add(AAPL, 1, BUY, 5853300, 18);
        add(AAPL, 2, BUY, 5853200, 18);
        add(AAPL, 3, SELL, 5859400, 200);
        add(MSFT, 1, BUY, 300000, 100);
        add(MSFT, 4, SELL, 300100, 50);

        final OrderBook aapl = builder.book(AAPL);
        final OrderBook msft = builder.book(MSFT);
        assertEquals(5853300, aapl.bestBidPrice());
        assertEquals(18, aapl.bestBidQuantity());
        assertEquals(5853200, aapl.levelPrice(BUY, 1));
        assertEquals(5859400, aapl.bestAskPrice());
        assertEquals(200, aapl.bestAskQuantity());
        assertEquals(3, aapl.orderCount());

        // the same order id in another instrument is another order
        assertEquals(300000, msft.bestBidPrice());
        assertEquals(100, msft.bestBidQuantity());
        assertEquals(300100, msft.bestAskPrice());
        assertEquals(2, msft.orderCount());
        assertEquals(0, aapl.duplicateOrderIds());
        assertEquals(0, msft.duplicateOrderIds());
    }

    @Test
    void shouldApplyExecutionsCancelsDeletesAndReplaces()
    {
        add(AAPL, 1, BUY, 5853300, 100);
        add(AAPL, 2, BUY, 5853300, 50);
        add(AAPL, 3, BUY, 5853000, 150);
        add(AAPL, 4, SELL, 5859400, 200);
        add(AAPL, 5, SELL, 5859800, 300);

        executed(AAPL, 1, 40, OrderExecutedEncoder.priceNullValue(), NULL_VAL);
        cancelled(AAPL, 2, 20, OrderCancelledEncoder.priceNullValue(), NULL_VAL);
        deleted(AAPL, 4, OrderDeletedEncoder.priceNullValue(), OrderDeletedEncoder.quantityNullValue(), NULL_VAL);
        replaced(AAPL, 5, 6, 5859500, 250);

        final OrderBook book = builder.book(AAPL);
        assertEquals(60, book.orderQuantity(1));
        assertEquals(30, book.orderQuantity(2));
        assertFalse(book.containsOrder(4));
        assertFalse(book.containsOrder(5));
        assertEquals(SELL, book.orderSide(6));
        assertEquals(5859500, book.orderPrice(6));
        assertEquals(250, book.orderQuantity(6));
        assertEquals(2, book.levelCount(BUY));
        assertEquals(5853300, book.levelPrice(BUY, 0));
        assertEquals(90, book.levelQuantity(BUY, 0));
        assertEquals(5853000, book.levelPrice(BUY, 1));
        assertEquals(150, book.levelQuantity(BUY, 1));
        assertEquals(1, book.levelCount(SELL));
        assertEquals(5859500, book.bestAskPrice());
        assertEquals(250, book.bestAskQuantity());
        assertEquals(4, book.orderCount());
        assertTrue(book.isTwoSided());
        assertEquals(0, book.unknownOrderEvents());
        assertEquals(0, book.untrackedOrderEvents());
    }

    @Test
    void shouldApplyEventsForUntrackedOrdersThatCarryPriceAndSide()
    {
        final OrderBook book = bookWith(AAPL);
        book.setLevel(SELL, 5859400, 200);
        book.setLevel(BUY, 5853000, 150);

        executed(AAPL, 91, 50, 5859400, SELL);
        cancelled(AAPL, 92, 25, 5853000, BUY);
        deleted(AAPL, 93, 5853000, 100, BUY);

        assertEquals(150, book.quantityAt(SELL, 5859400));
        assertEquals(25, book.quantityAt(BUY, 5853000));
        assertEquals(3, book.untrackedOrderEvents());
        assertEquals(0, book.unknownOrderEvents());
    }

    @Test
    void shouldCountUnknownOrdersWhenOptionalFieldsAreNull()
    {
        final OrderBook book = bookWith(AAPL);
        book.setLevel(BUY, 5853000, 150);

        executed(AAPL, 91, 50, OrderExecutedEncoder.priceNullValue(), NULL_VAL);
        cancelled(AAPL, 92, 25, 5853000, NULL_VAL);
        // a delete without its quantity cannot reduce a level even with price and side
        deleted(AAPL, 93, 5853000, OrderDeletedEncoder.quantityNullValue(), BUY);
        replaced(AAPL, 94, 95, 5853100, 10);

        assertEquals(150, book.quantityAt(BUY, 5853000));
        assertEquals(1, book.levelCount(BUY));
        assertEquals(0, book.orderCount());
        assertEquals(4, book.unknownOrderEvents());
        assertEquals(0, book.untrackedOrderEvents());
    }

    @Test
    void shouldCountDuplicateAdd()
    {
        add(AAPL, 1, BUY, 5853300, 100);
        add(AAPL, 1, SELL, 5859400, 100);

        final OrderBook book = builder.book(AAPL);
        assertEquals(1, book.duplicateOrderIds());
        assertEquals(1, book.orderCount());
        assertEquals(0, book.levelCount(SELL));
    }

    @Test
    void shouldRefuseSideOutsideSchemaWithoutThrowing()
    {
        addOrder.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(AAPL)
            .orderId(1)
            .side(BUY)
            .price(5853300)
            .quantity(100);
        envelope(addOrder.envelope());
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + AddOrderEncoder.sideEncodingOffset(), (byte)7);
        // The dispatcher refuses such a frame at the door; the builder, given one directly, still does not throw.
        assertEquals(FrameCheck.BAD_VALUE, dispatcher.dispatch(
            buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + addOrder.encodedLength(), builder));
        assertNull(builder.book(AAPL));
        builder.onAddOrder(new AddOrderDecoder().wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH,
            AddOrderEncoder.BLOCK_LENGTH, AddOrderEncoder.SCHEMA_VERSION));

        final OrderBook book = builder.book(AAPL);
        assertEquals(0, book.orderCount());
        assertEquals(1, book.invalidEvents());
    }

    @Test
    void shouldIgnoreEventsThatDoNotChangeTheVisibleBook()
    {
        add(AAPL, 1, BUY, 5853300, 100);

        final int length = encodeTradePrint(AAPL, 5853300, 100);
        assertEquals(FrameCheck.OK, dispatcher.dispatch(buffer, 0, length, builder));

        final OrderBook book = builder.book(AAPL);
        assertEquals(100, book.bestBidQuantity());
        assertEquals(1, builder.bookCount());
    }

    private OrderBook bookWith(final int instrumentId)
    {
        // the first event creates the book: add and delete an order, leaving it empty with its counters at 0
        add(instrumentId, -1, BUY, 1, 1);
        deleted(instrumentId, -1, OrderDeletedEncoder.priceNullValue(), OrderDeletedEncoder.quantityNullValue(), NULL_VAL);
        final OrderBook book = builder.book(instrumentId);
        assertEquals(0, book.orderCount());
        assertEquals(0, book.levelCount(BUY));
        return book;
    }

    private void add(final int instrumentId, final long orderId, final Side side, final long price, final long quantity)
    {
        addOrder.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .side(side)
            .price(price)
            .quantity(quantity);
        envelope(addOrder.envelope());
        dispatch(addOrder.encodedLength());
    }

    private void executed(
        final int instrumentId, final long orderId, final long quantity, final long price, final Side side)
    {
        orderExecuted.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .executedQuantity(quantity)
            .matchId(sequence)
            .price(price)
            .side(side);
        envelope(orderExecuted.envelope());
        dispatch(orderExecuted.encodedLength());
    }

    private void cancelled(
        final int instrumentId, final long orderId, final long quantity, final long price, final Side side)
    {
        orderCancelled.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .cancelledQuantity(quantity)
            .price(price)
            .side(side);
        envelope(orderCancelled.envelope());
        dispatch(orderCancelled.encodedLength());
    }

    private void deleted(
        final int instrumentId, final long orderId, final long price, final long quantity, final Side side)
    {
        orderDeleted.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .side(side);
        envelope(orderDeleted.envelope());
        dispatch(orderDeleted.encodedLength());
    }

    private void replaced(
        final int instrumentId, final long originalOrderId, final long newOrderId, final long price, final long quantity)
    {
        orderReplaced.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .originalOrderId(originalOrderId)
            .newOrderId(newOrderId)
            .price(price)
            .quantity(quantity);
        envelope(orderReplaced.envelope());
        dispatch(orderReplaced.encodedLength());
    }

    private int encodeTradePrint(final int instrumentId, final long price, final long quantity)
    {
        tradePrint.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .matchId(1)
            .kind(TradeKind.HIDDEN)
            .aggressorSide(BUY);
        envelope(tradePrint.envelope());
        return MessageHeaderEncoder.ENCODED_LENGTH + tradePrint.encodedLength();
    }

    private void envelope(final EnvelopeEncoder envelope)
    {
        sequence++;
        envelope.sequence(sequence)
            .eventTime(1_340_285_400_000_000_000L + sequence)
            .sendTime(0)
            .intendedSendTime(0)
            .sourceId(1);
    }

    private void dispatch(final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        assertEquals(FrameCheck.OK, dispatcher.dispatch(buffer, 0, length, builder));
    }
}
