package io.ringside.codecs.itch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The field offsets that only writers use (the reader does not read them), checked against {@link ItchBytes}, where
 * the layouts are typed again from the specification: a writer placing a field at a wrong offset would still produce
 * messages the reader accepts, so the reader's tests cannot catch it.
 */
final class ItchMessagesLayoutTest
{
    private static final long TS = 34_200_000_000_123L;

    @Test
    void systemEventCode()
    {
        final UnsafeBuffer m = message(new ItchBytes().systemEvent(0, TS, 'O'));
        assertEquals('O', m.getByte(ItchMessages.SYSTEM_EVENT_CODE));
        assertEquals(ItchMessages.lengthOf('S'), ItchMessages.SYSTEM_EVENT_CODE + 1);
    }

    @Test
    void stockDirectoryFields()
    {
        final UnsafeBuffer m = message(new ItchBytes().stockDirectory(7, TS, "AAPL"));
        assertEquals("AAPL    ", stock(m, ItchMessages.DIRECTORY_STOCK));
        // ItchBytes.stockDirectory: Q N 100 N C "Z " P N ' ' 1 N 0 N
        assertEquals('Q', m.getByte(ItchMessages.DIRECTORY_MARKET_CATEGORY));
        assertEquals('N', m.getByte(ItchMessages.DIRECTORY_FINANCIAL_STATUS));
        assertEquals(100, m.getInt(ItchMessages.DIRECTORY_ROUND_LOT_SIZE, ByteOrder.BIG_ENDIAN));
        assertEquals('N', m.getByte(ItchMessages.DIRECTORY_ROUND_LOTS_ONLY));
        assertEquals('C', m.getByte(ItchMessages.DIRECTORY_ISSUE_CLASSIFICATION));
        assertEquals('Z', m.getByte(ItchMessages.DIRECTORY_ISSUE_SUBTYPE));
        assertEquals(' ', m.getByte(ItchMessages.DIRECTORY_ISSUE_SUBTYPE + 1));
        assertEquals('P', m.getByte(ItchMessages.DIRECTORY_AUTHENTICITY));
        assertEquals('N', m.getByte(ItchMessages.DIRECTORY_SHORT_SALE_THRESHOLD));
        assertEquals(' ', m.getByte(ItchMessages.DIRECTORY_IPO_FLAG));
        assertEquals('1', m.getByte(ItchMessages.DIRECTORY_LULD_TIER));
        assertEquals('N', m.getByte(ItchMessages.DIRECTORY_ETP_FLAG));
        assertEquals(0, m.getInt(ItchMessages.DIRECTORY_ETP_LEVERAGE, ByteOrder.BIG_ENDIAN));
        assertEquals('N', m.getByte(ItchMessages.DIRECTORY_INVERSE));
        assertEquals(ItchMessages.lengthOf('R'), ItchMessages.DIRECTORY_INVERSE + 1);
    }

    @Test
    void tradingActionFields()
    {
        final UnsafeBuffer m = message(new ItchBytes().tradingAction(7, TS, "AAPL", 'T'));
        assertEquals("AAPL    ", stock(m, ItchMessages.ACTION_STOCK));
        assertEquals('T', m.getByte(ItchMessages.ACTION_STATE));
        assertEquals(' ', m.getByte(ItchMessages.ACTION_RESERVED));
        assertEquals(ItchMessages.lengthOf('H'), ItchMessages.ACTION_REASON + 4);
    }

    @Test
    void stockFieldsOfOrdersAndTrades()
    {
        assertEquals("ADD     ", stock(message(new ItchBytes().addOrder(7, TS, 1, 'B', 100, "ADD", 1)),
            ItchMessages.ADD_STOCK));
        assertEquals("MPID    ", stock(message(new ItchBytes().addOrderMpid(7, TS, 1, 'B', 100, "MPID", 1, "GSCO")),
            ItchMessages.ADD_STOCK));
        assertEquals("TRADE   ", stock(message(new ItchBytes().trade(7, TS, 0, 'S', 100, "TRADE", 1, 9)),
            ItchMessages.TRADE_STOCK));
        assertEquals("CROSS   ", stock(message(new ItchBytes().crossTrade(7, TS, 100, "CROSS", 1, 9, 'O')),
            ItchMessages.CROSS_STOCK));
    }

    @Test
    void timestampWidth()
    {
        final UnsafeBuffer m = message(new ItchBytes().delete(7, TS, 42));
        assertEquals(ItchMessages.ORDER_REF, ItchMessages.TIMESTAMP + ItchMessages.TIMESTAMP_LENGTH);
        assertEquals(TS, ItchMessages.timestamp(m, 0));
    }

    /** The message of a one-message ItchBytes, without its length prefix: offsets count from the type byte. */
    private static UnsafeBuffer message(final ItchBytes bytes)
    {
        final byte[] framed = bytes.bytes();
        final byte[] message = new byte[framed.length - 2];
        System.arraycopy(framed, 2, message, 0, message.length);
        return new UnsafeBuffer(message);
    }

    private static String stock(final UnsafeBuffer m, final int offset)
    {
        final byte[] stock = new byte[ItchMessages.STOCK_LENGTH];
        m.getBytes(offset, stock);
        return new String(stock, StandardCharsets.US_ASCII);
    }
}
