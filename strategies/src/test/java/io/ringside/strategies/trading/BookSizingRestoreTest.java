package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.book.BookBuilder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A symbol sized by configuration keeps its room across a restore: its definition, which sized it, came before the
 * snapshot, so the restored handlers size it again from the symbols they restored.
 */
final class BookSizingRestoreTest
{
    private static final OrderSink NO_ORDERS = (strategyId, instrumentId, action, side, price, quantity,
        clientOrderId, originalClientOrderId) -> {};

    @Test
    void restoredBooksOfConfiguredSymbolsHaveTheirRoomAgainInBothHandlers()
    {
        final TradingConfig config = new TradingConfig();
        config.books().initialOrderCapacity("AAPL", 4_096);
        final Trading original = new Trading(config);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
        final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
        definition.wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder()).instrumentId(7).tickSize(100)
            .priceScale((short)4).symbol("AAPL");
        original.onFrame(frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength(), NO_ORDERS);
        assertEquals(4_096, original.book(7).orderCapacity());

        final ExpandableArrayBuffer state = new ExpandableArrayBuffer(1024);
        final int length = original.encodeState(state, 0);
        final Trading restored = new Trading(config);
        restored.restoreState(state, 0, length);
        final BookBuilder surveillanceBooks = new BookBuilder(config.books());
        restored.reserveConfiguredBooks(surveillanceBooks);

        assertEquals(4_096, restored.book(7).orderCapacity());
        assertEquals(4_096, surveillanceBooks.book(7).orderCapacity());
        assertEquals(0, restored.bookGrows() + surveillanceBooks.grows(), "sizing, not growth");
    }
}
