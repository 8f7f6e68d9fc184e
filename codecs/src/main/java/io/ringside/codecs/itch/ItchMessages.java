package io.ringside.codecs.itch;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * NASDAQ TotalView-ITCH 5.0 message layouts: lengths of every message type, and the offsets (from the message's
 * type byte) of the fields {@link ItchReader} reads. All integers big-endian; prices Price(4) unsigned 32-bit with 4
 * decimals, except the MWCB levels (V) which are Price(8), 8 bytes with 8 decimals; timestamps 6-byte nanoseconds
 * since midnight.
 */
public final class ItchMessages
{
    /** Specified length of each message type, indexed by the type byte; 0 = not an ITCH 5.0 type. */
    static final int[] LENGTH = new int[128];

    static
    {
        LENGTH['S'] = 12; // system event
        LENGTH['R'] = 39; // stock directory
        LENGTH['H'] = 25; // stock trading action
        LENGTH['Y'] = 20; // Reg SHO short sale price test restricted indicator
        LENGTH['L'] = 26; // market participant position
        LENGTH['V'] = 35; // MWCB decline level
        LENGTH['W'] = 12; // MWCB status
        LENGTH['K'] = 28; // IPO quoting period update
        LENGTH['J'] = 35; // LULD auction collar
        LENGTH['h'] = 21; // operational halt
        LENGTH['A'] = 36; // add order, no MPID attribution
        LENGTH['F'] = 40; // add order with MPID attribution
        LENGTH['E'] = 31; // order executed
        LENGTH['C'] = 36; // order executed with price
        LENGTH['X'] = 23; // order cancel
        LENGTH['D'] = 19; // order delete
        LENGTH['U'] = 35; // order replace
        LENGTH['P'] = 44; // trade (non-cross)
        LENGTH['Q'] = 40; // cross trade
        LENGTH['B'] = 19; // broken trade / order execution
        LENGTH['I'] = 50; // net order imbalance indicator (NOII)
        LENGTH['N'] = 20; // retail price improvement indicator (RPII)
        LENGTH['O'] = 48; // direct listing with capital raise price discovery
    }

    /** The ITCH 5.0 message types, in the specification's order. */
    public static final String TYPES = "SRHYLVWKJhAFECXDUPQBINO";

    // Offsets of fields from the message's type byte, public so that writers of ITCH (the generator in
    // latency-tests) use the same layouts as the reader instead of typing them a second time.

    // Header common to every message.
    public static final int TYPE = 0;
    public static final int STOCK_LOCATE = 1;
    public static final int TRACKING_NUMBER = 3;
    public static final int TIMESTAMP = 5;
    /** Width of the 6-byte timestamp. */
    public static final int TIMESTAMP_LENGTH = 6;

    /** Width of every Stock field: alpha, left-justified, space-padded. */
    public static final int STOCK_LENGTH = 8;

    // S system event.
    public static final int SYSTEM_EVENT_CODE = 11;
    // R stock directory.
    public static final int DIRECTORY_STOCK = 11;
    public static final int DIRECTORY_MARKET_CATEGORY = 19;
    public static final int DIRECTORY_FINANCIAL_STATUS = 20;
    public static final int DIRECTORY_ROUND_LOT_SIZE = 21;
    public static final int DIRECTORY_ROUND_LOTS_ONLY = 25;
    public static final int DIRECTORY_ISSUE_CLASSIFICATION = 26;
    public static final int DIRECTORY_ISSUE_SUBTYPE = 27;
    public static final int DIRECTORY_AUTHENTICITY = 29;
    public static final int DIRECTORY_SHORT_SALE_THRESHOLD = 30;
    public static final int DIRECTORY_IPO_FLAG = 31;
    public static final int DIRECTORY_LULD_TIER = 32;
    public static final int DIRECTORY_ETP_FLAG = 33;
    public static final int DIRECTORY_ETP_LEVERAGE = 34;
    public static final int DIRECTORY_INVERSE = 38;
    // H stock trading action.
    public static final int ACTION_STOCK = 11;
    public static final int ACTION_STATE = 19;
    public static final int ACTION_RESERVED = 20;
    public static final int ACTION_REASON = 21;
    // A / F add order.
    public static final int ORDER_REF = 11;
    public static final int ADD_SIDE = 19;
    public static final int ADD_SHARES = 20;
    public static final int ADD_STOCK = 24;
    public static final int ADD_PRICE = 32;
    public static final int ADD_ATTRIBUTION = 36;
    // E / C executed.
    public static final int EXEC_SHARES = 19;
    public static final int EXEC_MATCH = 23;
    public static final int EXEC_PRINTABLE = 31;
    public static final int EXEC_PRICE = 32;
    // X cancel.
    public static final int CANCEL_SHARES = 19;
    // U replace.
    public static final int REPLACE_NEW_REF = 19;
    public static final int REPLACE_SHARES = 27;
    public static final int REPLACE_PRICE = 31;
    // P trade.
    public static final int TRADE_SIDE = 19;
    public static final int TRADE_SHARES = 20;
    public static final int TRADE_STOCK = 24;
    public static final int TRADE_PRICE = 32;
    public static final int TRADE_MATCH = 36;
    // Q cross trade.
    public static final int CROSS_SHARES = 11;
    public static final int CROSS_STOCK = 19;
    public static final int CROSS_PRICE = 27;
    public static final int CROSS_MATCH = 31;

    private ItchMessages()
    {
    }

    /** The 2-byte big-endian length prefix at {@code framing} (NASDAQ's file layout): the length of the message after it. */
    public static int messageLength(final DirectBuffer buffer, final int framing)
    {
        return buffer.getShort(framing, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** The message type of the message starting at {@code message} (its type byte). */
    public static char type(final DirectBuffer buffer, final int message)
    {
        return (char)(buffer.getByte(message + TYPE) & 0xFF);
    }

    /** Stock locate code of the message starting at {@code message}: 0 for market-wide messages. */
    public static int stockLocate(final DirectBuffer buffer, final int message)
    {
        return buffer.getShort(message + STOCK_LOCATE, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** Tracking number (NASDAQ internal) of the message starting at {@code message}. */
    public static int trackingNumber(final DirectBuffer buffer, final int message)
    {
        return buffer.getShort(message + TRACKING_NUMBER, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** The 48-bit timestamp, ns since midnight, of the message starting at {@code message}. */
    public static long timestamp(final DirectBuffer buffer, final int message)
    {
        return ((long)(buffer.getShort(message + TIMESTAMP, ByteOrder.BIG_ENDIAN) & 0xFFFF) << 32) |
            (buffer.getInt(message + TIMESTAMP + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL);
    }

    /** The specified length of an ITCH 5.0 message type, or 0 when it is not one. */
    public static int lengthOf(final char type)
    {
        return type < LENGTH.length ? LENGTH[type] : 0;
    }
}
