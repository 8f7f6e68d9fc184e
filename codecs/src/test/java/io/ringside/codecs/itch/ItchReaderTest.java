package io.ringside.codecs.itch;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ITCH 5.0 messages built byte by byte from the specification's layouts, read, and their events checked field by field. */
final class ItchReaderTest
{
    static final LocalDate DATE = LocalDate.of(2024, 3, 15);
    /** 2024-03-15T00:00-04:00 (EDT: daylight time began 2024-03-10), in ns since the epoch. */
    static final long MIDNIGHT = 1_710_475_200_000_000_000L;
    static final long TS = 34_200_000_000_123L; // 09:30:00.000000123

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private boolean carryOn = true;
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return carryOn;
    };
    private ItchReader reader;
    private Path file;

    @Test
    void midnightIsNewYorkTime()
    {
        assertEquals(MIDNIGHT, ZonedDateTime.parse("2024-03-15T00:00-04:00[America/New_York]").toEpochSecond() * 1_000_000_000L);
    }

    // ---- One test per message type of the specification.

    @Test
    void systemEventS()
    {
        final ItchBytes b = new ItchBytes().msg('S', 0, 0, TS).alpha('O');
        assertEquals(12, b.messageLength());
        assertSkipped(b.end(), 'S');
    }

    @Test
    void stockDirectoryRTrimsTheSymbol()
    {
        final ItchBytes b = new ItchBytes().stockDirectory(7, TS, "AAPL").stockDirectory(8, TS + 1, "BRK A")
            .stockDirectory(9, TS + 2, "ABCDEFGH");
        assertEquals(3 * (2 + 39), b.size());
        final List<byte[]> frames = read(b);
        assertEquals(3, frames.size());

        final InstrumentDefinitionDecoder d = definition(frames.get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(0, d.envelope().sequence());
        assertEquals(0, d.envelope().sourceId());
        assertEquals(0, d.envelope().sendTime());
        assertEquals(0, d.envelope().intendedSendTime());
        assertEquals(7, d.instrumentId());
        assertEquals(100, d.tickSize());
        assertEquals(4, d.priceScale());
        assertEquals("AAPL", d.symbol());
        final byte[] raw = new byte[8];
        d.getSymbol(raw, 0);
        assertArrayEquals(new byte[] {'A', 'A', 'P', 'L', 0, 0, 0, 0}, raw);

        assertEquals("BRK A", definition(frames.get(1)).symbol());
        assertEquals(8, definition(frames.get(1)).instrumentId());
        assertEquals("ABCDEFGH", definition(frames.get(2)).symbol());
        assertEquals(MIDNIGHT + TS + 2, definition(frames.get(2)).envelope().eventTime());
        assertEquals(3, reader.messagesByType('R'));
        assertEquals(3, reader.eventsProduced());
        assertEquals(List.of(), errors);
    }

    @Test
    void stockTradingActionHEachState()
    {
        final ItchBytes b = new ItchBytes().msg('H', 7, 0, TS).alpha("AAPL", 8).alpha('H').alpha(' ').alpha("T1  ", 4);
        assertEquals(25, b.messageLength());
        b.end().tradingAction(7, TS + 1, "AAPL", 'P').tradingAction(7, TS + 2, "AAPL", 'Q')
            .tradingAction(7, TS + 3, "AAPL", 'T');
        final List<byte[]> frames = read(b);
        final TradingState[] expected = {TradingState.HALTED, TradingState.PAUSED, TradingState.QUOTING, TradingState.TRADING};
        assertEquals(4, frames.size());
        for (int i = 0; i < 4; i++)
        {
            final TradingStatusDecoder d = status(frames.get(i));
            assertEquals(MIDNIGHT + TS + i, d.envelope().eventTime());
            assertEquals(7, d.instrumentId());
            assertEquals(expected[i], d.state());
        }
        assertEquals(4, reader.messagesByType('H'));
        assertEquals(List.of(), errors);
    }

    @Test
    void stockTradingActionWithAnUnknownStateIsRefused()
    {
        final ItchBytes b = new ItchBytes().tradingAction(7, TS, "AAPL", 'Z').tradingAction(7, TS, "AAPL", 'T');
        final List<byte[]> frames = read(b);
        assertEquals(1, frames.size());
        assertEquals(TradingState.TRADING, status(frames.get(0)).state());
        assertEquals(List.of("bad_field " + file + "@0 trading state 'Z' is not H, P, Q or T"), errors);
        assertEquals(1, reader.errors());
    }

    @Test
    void regShoY()
    {
        final ItchBytes b = new ItchBytes().msg('Y', 7, 1, TS).alpha("AAPL", 8).alpha('1');
        assertEquals(20, b.messageLength());
        assertSkipped(b.end(), 'Y');
    }

    @Test
    void marketParticipantPositionL()
    {
        final ItchBytes b = new ItchBytes().msg('L', 7, 1, TS).alpha("GSCO", 4).alpha("AAPL", 8).alpha('Y').alpha('N')
            .alpha('A');
        assertEquals(26, b.messageLength());
        assertSkipped(b.end(), 'L');
    }

    @Test
    void mwcbDeclineLevelV()
    {
        // Price(8): 8 bytes, 8 decimals. Levels 7%, 13%, 20% of 4000.00: 3720, 3480, 3200.
        final ItchBytes b = new ItchBytes().msg('V', 0, 1, TS).u64(372_000_000_000L).u64(348_000_000_000L)
            .u64(320_000_000_000L);
        assertEquals(35, b.messageLength());
        assertSkipped(b.end(), 'V');
    }

    @Test
    void mwcbStatusW()
    {
        final ItchBytes b = new ItchBytes().msg('W', 0, 1, TS).alpha('1');
        assertEquals(12, b.messageLength());
        assertSkipped(b.end(), 'W');
    }

    @Test
    void ipoQuotingPeriodUpdateK()
    {
        final ItchBytes b = new ItchBytes().msg('K', 7, 1, TS).alpha("NEWCO", 8).u32(36_000).alpha('A').u32(200_000);
        assertEquals(28, b.messageLength());
        assertSkipped(b.end(), 'K');
    }

    @Test
    void luldAuctionCollarJ()
    {
        final ItchBytes b = new ItchBytes().msg('J', 7, 1, TS).alpha("AAPL", 8).u32(5_853_300).u32(6_145_900)
            .u32(5_560_600).u32(1);
        assertEquals(35, b.messageLength());
        assertSkipped(b.end(), 'J');
    }

    @Test
    void operationalHaltLowercaseH()
    {
        final ItchBytes b = new ItchBytes().msg('h', 7, 1, TS).alpha("AAPL", 8).alpha('Q').alpha('H');
        assertEquals(21, b.messageLength());
        assertSkipped(b.end(), 'h');
    }

    @Test
    void addOrderA()
    {
        final ItchBytes b = new ItchBytes().msg('A', 7, 3, TS).u64(1_234_567_890_123L).alpha('B').u32(300)
            .alpha("AAPL", 8).u32(5_853_300);
        assertEquals(36, b.messageLength());
        b.end().addOrder(65_535, TS + 5, 42, 'S', 4_294_967_295L, "AAPL", 4_294_967_295L); // unsigned maxima
        final List<byte[]> frames = read(b);
        assertEquals(2, frames.size());

        final AddOrderDecoder d = add(frames.get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(1_234_567_890_123L, d.orderId());
        assertEquals(Side.BUY, d.side());
        assertEquals(5_853_300, d.price());
        assertEquals(300, d.quantity());
        assertEquals(0, d.attribution(0)); // null: no MPID
        assertEquals("", d.attribution());

        final AddOrderDecoder s = add(frames.get(1));
        assertEquals(65_535, s.instrumentId());
        assertEquals(42, s.orderId());
        assertEquals(Side.SELL, s.side());
        assertEquals(4_294_967_295L, s.price());
        assertEquals(4_294_967_295L, s.quantity());
        assertEquals(2, reader.messagesByType('A'));
        assertEquals(List.of(), errors);
    }

    @Test
    void addOrderWithMpidF()
    {
        final ItchBytes b = new ItchBytes().msg('F', 7, 3, TS).u64(99).alpha('S').u32(500).alpha("AAPL", 8)
            .u32(5_860_000).alpha("GSCO", 4);
        assertEquals(40, b.messageLength());
        b.end().addOrder(7, TS + 1, 100, 'B', 1, "AAPL", 1); // an A after an F: the attribution must not linger
        final List<byte[]> frames = readInto(b, true);

        final AddOrderDecoder d = add(frames.get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(99, d.orderId());
        assertEquals(Side.SELL, d.side());
        assertEquals(5_860_000, d.price());
        assertEquals(500, d.quantity());
        assertEquals("GSCO", d.attribution());
        assertEquals("", add(frames.get(1)).attribution());
        assertEquals(1, reader.messagesByType('F'));
        assertEquals(1, reader.messagesByType('A'));
    }

    @Test
    void orderExecutedE()
    {
        final ItchBytes b = new ItchBytes().msg('E', 7, 3, TS).u64(99).u32(120).u64(777_000_001L);
        assertEquals(31, b.messageLength());
        final List<byte[]> frames = read(b.end());
        final OrderExecutedDecoder d = executed(frames.get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(99, d.orderId());
        assertEquals(120, d.executedQuantity());
        assertEquals(777_000_001L, d.matchId());
        assertEquals(OrderExecutedDecoder.priceNullValue(), d.price());
        assertEquals(Side.NULL_VAL, d.side());
        assertEquals(1, reader.messagesByType('E'));
    }

    @Test
    void orderExecutedWithPriceC()
    {
        final ItchBytes b = new ItchBytes().msg('C', 7, 3, TS).u64(99).u32(50).u64(777_000_002L).alpha('N')
            .u32(5_855_100);
        assertEquals(36, b.messageLength());
        final List<byte[]> frames = read(b.end());
        final OrderExecutedDecoder d = executed(frames.get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(99, d.orderId());
        assertEquals(50, d.executedQuantity());
        assertEquals(777_000_002L, d.matchId());
        assertEquals(5_855_100, d.price());
        assertEquals(Side.NULL_VAL, d.side());
        assertEquals(1, reader.messagesByType('C'));
    }

    @Test
    void orderCancelX()
    {
        final ItchBytes b = new ItchBytes().msg('X', 7, 3, TS).u64(99).u32(25);
        assertEquals(23, b.messageLength());
        final OrderCancelledDecoder d = cancelled(read(b.end()).get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(99, d.orderId());
        assertEquals(25, d.cancelledQuantity());
        assertEquals(OrderCancelledDecoder.priceNullValue(), d.price());
        assertEquals(Side.NULL_VAL, d.side());
        assertEquals(1, reader.messagesByType('X'));
    }

    @Test
    void orderDeleteD()
    {
        final ItchBytes b = new ItchBytes().msg('D', 7, 3, TS).u64(99);
        assertEquals(19, b.messageLength());
        final OrderDeletedDecoder d = deleted(read(b.end()).get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(99, d.orderId());
        assertEquals(OrderDeletedDecoder.priceNullValue(), d.price());
        assertEquals(OrderDeletedDecoder.quantityNullValue(), d.quantity());
        assertEquals(Side.NULL_VAL, d.side());
        assertEquals(1, reader.messagesByType('D'));
    }

    @Test
    void orderReplaceU()
    {
        final ItchBytes b = new ItchBytes().msg('U', 7, 3, TS).u64(99).u64(100_001).u32(700).u32(5_851_200);
        assertEquals(35, b.messageLength());
        final OrderReplacedDecoder d = replaced(read(b.end()).get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(99, d.originalOrderId());
        assertEquals(100_001, d.newOrderId());
        assertEquals(700, d.quantity());
        assertEquals(5_851_200, d.price());
        assertEquals(1, reader.messagesByType('U'));
    }

    @Test
    void tradeNonCrossPAggressorIsOppositeTheRestingSide()
    {
        final ItchBytes b = new ItchBytes().msg('P', 7, 3, TS).u64(0).alpha('B').u32(200).alpha("AAPL", 8)
            .u32(5_853_400).u64(888_000_001L);
        assertEquals(44, b.messageLength());
        b.end().trade(7, TS + 1, 0, 'S', 100, "AAPL", 5_853_500, 888_000_002L);
        final List<byte[]> frames = read(b);

        final TradePrintDecoder d = print(frames.get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(5_853_400, d.price());
        assertEquals(200, d.quantity());
        assertEquals(888_000_001L, d.matchId());
        assertEquals(TradeKind.HIDDEN, d.kind());
        assertEquals(Side.SELL, d.aggressorSide()); // a hidden buy order rested: a seller hit it

        final TradePrintDecoder s = print(frames.get(1));
        assertEquals(Side.BUY, s.aggressorSide());
        assertEquals(888_000_002L, s.matchId());
        assertEquals(2, reader.messagesByType('P'));
    }

    @Test
    void crossTradeQ()
    {
        final ItchBytes b = new ItchBytes().msg('Q', 7, 3, TS).u64(5_000_000_000L).alpha("AAPL", 8).u32(5_853_300)
            .u64(888_000_003L).alpha('O');
        assertEquals(40, b.messageLength());
        final TradePrintDecoder d = print(read(b.end()).get(0));
        assertEquals(MIDNIGHT + TS, d.envelope().eventTime());
        assertEquals(7, d.instrumentId());
        assertEquals(5_853_300, d.price());
        assertEquals(5_000_000_000L, d.quantity()); // 8-byte shares, above 2^32
        assertEquals(888_000_003L, d.matchId());
        assertEquals(TradeKind.CROSS, d.kind());
        assertEquals(Side.NULL_VAL, d.aggressorSide());
        assertEquals(1, reader.messagesByType('Q'));
    }

    @Test
    void brokenTradeB()
    {
        final ItchBytes b = new ItchBytes().msg('B', 7, 3, TS).u64(888_000_001L);
        assertEquals(19, b.messageLength());
        assertSkipped(b.end(), 'B');
        assertEquals(1, reader.brokenTradesSkipped());
    }

    @Test
    void netOrderImbalanceI()
    {
        final ItchBytes b = new ItchBytes().msg('I', 7, 3, TS).u64(100_000).u64(2_500).alpha('B').alpha("AAPL", 8)
            .u32(5_853_000).u32(5_853_100).u32(5_853_200).alpha('O').alpha('L');
        assertEquals(50, b.messageLength());
        assertSkipped(b.end(), 'I');
    }

    @Test
    void retailPriceImprovementN()
    {
        final ItchBytes b = new ItchBytes().msg('N', 7, 3, TS).alpha("AAPL", 8).alpha('A');
        assertEquals(20, b.messageLength());
        assertSkipped(b.end(), 'N');
    }

    @Test
    void directListingWithCapitalRaiseO()
    {
        final ItchBytes b = new ItchBytes().msg('O', 7, 3, TS).alpha("NEWCO", 8).alpha('Y').u32(100_000).u32(200_000)
            .u32(150_000).u64(36_000_000_000_000L).u32(135_000).u32(165_000);
        assertEquals(48, b.messageLength());
        assertSkipped(b.end(), 'O');
    }

    @Test
    void everyTypeHasItsSpecifiedLength()
    {
        final String types = "SRHYLVWKJhAFECXDUPQBINO";
        final int[] lengths = {12, 39, 25, 20, 26, 35, 12, 28, 35, 21, 36, 40, 31, 36, 23, 19, 35, 44, 40, 19, 50, 20, 48};
        assertEquals(types, ItchMessages.TYPES);
        for (int i = 0; i < types.length(); i++)
        {
            assertEquals(lengths[i], ItchMessages.lengthOf(types.charAt(i)), "type " + types.charAt(i));
        }
        assertEquals(0, ItchMessages.lengthOf('Z'));
        assertEquals(0, ItchMessages.lengthOf('T')); // ITCH 4.x seconds message, gone in 5.0
    }

    @Test
    void timestampKeepsAll48Bits()
    {
        // The last nanosecond of the day, the largest a day's timestamp can be: it needs 47 of the 48 bits.
        final long max = ItchReader.NANOS_PER_DAY - 1;
        // rising, as a file's timestamps must: each one's high 16 and low 32 bits read exactly
        final List<byte[]> frames = read(new ItchBytes().delete(7, 0, 1).delete(7, 1L << 32, 2).delete(7, max, 3));
        assertEquals(MIDNIGHT, deleted(frames.get(0)).envelope().eventTime());
        assertEquals(MIDNIGHT + (1L << 32), deleted(frames.get(1)).envelope().eventTime());
        assertEquals(MIDNIGHT + max, deleted(frames.get(2)).envelope().eventTime());
        assertEquals(List.of(), errors);
    }

    // ---- Bad input.

    @Test
    void wrongLengthForItsTypeIsSkippedByTheLengthField()
    {
        final ItchBytes b = new ItchBytes().addOrder(7, TS, 1, 'B', 100, "AAPL", 5_000_000);   // 0: 38 bytes
        b.msg('D', 7, 0, TS).u64(2).u32(0).endWithLength(23);                                // 38: D said to be 23
        b.delete(7, TS, 3);                                                                    // 63
        final List<byte[]> frames = read(b);
        assertEquals(2, frames.size());
        assertEquals(1, add(frames.get(0)).orderId());
        assertEquals(3, deleted(frames.get(1)).orderId());
        assertEquals(List.of("bad_length " + file + "@38 type 'D' is 19 bytes in ITCH 5.0; length field says 23"), errors);
        assertEquals(1, reader.errors());
        assertEquals(1, reader.messagesByType('D'));
        assertEquals(2, reader.messagesRead());
    }

    @Test
    void timestampGoingBackwardsIsReportedAndSkipped()
    {
        final ItchBytes b = new ItchBytes().delete(7, TS, 1);                                 // 0: 21 bytes
        b.delete(7, TS - 5, 2);                                                                 // 21: 5 ns earlier
        b.delete(7, TS, 3);                                                                     // 42: same time, fine
        final List<byte[]> frames = read(b);
        assertEquals(2, frames.size());
        assertEquals(1, deleted(frames.get(0)).orderId());
        assertEquals(3, deleted(frames.get(1)).orderId());
        assertEquals(List.of("time_backwards " + file + "@21 type 'D' timestamp " + (TS - 5)
            + " ns after midnight is before the previous message's " + TS), errors);
    }

    @Test
    void aTimestampPastTheDayIsRefusedAndTheGoodMessagesAfterItAreKept()
    {
        final long corrupted = TS + 67 * 3_600_000_000_000L;                                  // 67 h ahead: past the day
        final ItchBytes b = new ItchBytes().delete(7, TS, 1);                                 // 0: 21 bytes
        b.delete(7, corrupted, 2);                                                              // 21
        b.delete(7, TS + 1, 3);                                                                 // 42: still taken
        b.delete(7, TS + 2, 4);                                                                 // 63
        final List<byte[]> frames = read(b);
        assertEquals(3, frames.size());
        assertEquals(1, deleted(frames.get(0)).orderId());
        assertEquals(3, deleted(frames.get(1)).orderId());
        assertEquals(4, deleted(frames.get(2)).orderId());
        assertEquals(List.of("time_out_of_day " + file + "@21 type 'D' timestamp " + corrupted
            + " ns after midnight is past the end of the day"), errors);
    }

    @Test
    void unknownTypeIsSkipped()
    {
        final ItchBytes b = new ItchBytes().delete(7, TS, 1);                                 // 0: 21 bytes
        b.msg('T', 0, 0, TS).u32(34_200).endWithLength(15);                                   // 21: not a 5.0 type
        b.delete(7, TS, 2);                                                                     // 38
        final List<byte[]> frames = read(b);
        assertEquals(2, frames.size());
        assertEquals(2, deleted(frames.get(1)).orderId());
        assertEquals(List.of("unknown_type " + file + "@21 type 0x54 ('T') is not an ITCH 5.0 message type; 15 bytes skipped"),
            errors);
    }

    @Test
    void zeroLengthIsABadLength()
    {
        final ItchBytes b = new ItchBytes().raw((byte)0, (byte)0).delete(7, TS, 1);
        final List<byte[]> frames = read(b);
        assertEquals(1, frames.size());
        assertEquals(List.of("bad_length " + file + "@0 length 0: no message type"), errors);
    }

    @Test
    void truncatedLastMessage()
    {
        final ItchBytes b = new ItchBytes().delete(7, TS, 1);
        final byte[] whole = new ItchBytes().addOrder(7, TS, 2, 'B', 1, "AAPL", 1).bytes();
        b.raw(java.util.Arrays.copyOf(whole, 20)); // 21 + 20 bytes: the A's length, then 18 of its 36 bytes
        final List<byte[]> frames = read(b);
        assertEquals(1, frames.size());
        assertEquals(List.of("truncated " + file + "@21 file ends 18 bytes into a message of length 36 (type 'A')"), errors);
        assertEquals(1, reader.errors());
        assertEquals(1.0, reader.progress());
        assertEquals(0, reader.next(new UnsafeBuffer(new byte[256]), 0));
    }

    @Test
    void truncatedInsideTheLengthPrefix()
    {
        final List<byte[]> frames = read(new ItchBytes().delete(7, TS, 1).raw((byte)0));
        assertEquals(1, frames.size());
        assertEquals(List.of("truncated " + file + "@21 file ends 1 byte into a message's 2-byte length"), errors);
    }

    @Test
    void fileEndingOnAMessageBoundaryHasNoError()
    {
        final List<byte[]> frames = read(new ItchBytes().delete(7, TS, 1).delete(7, TS, 2));
        assertEquals(2, frames.size());
        assertEquals(List.of(), errors);
        assertEquals(0, reader.errors());
        assertEquals(1.0, reader.progress());
    }

    @Test
    void emptyFileHasNothing()
    {
        assertEquals(List.of(), read(new ItchBytes()));
        assertEquals(List.of(), errors);
    }

    @Test
    void handlerReturningFalseStops()
    {
        carryOn = false;
        final ItchBytes b = new ItchBytes().delete(7, TS, 1);
        b.msg('D', 7, 0, TS).u64(2).u32(0).endWithLength(23);
        b.delete(7, TS, 3);
        final List<byte[]> frames = read(b);
        assertEquals(1, frames.size());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("bad_length " + file + "@21 "));
        assertEquals(0, reader.next(new UnsafeBuffer(new byte[256]), 0)); // stays stopped
        assertEquals(1, reader.errors());
    }

    // ---- Input forms.

    @Test
    void gzipByNameAndByMagic() throws IOException
    {
        final ItchBytes b = new ItchBytes().stockDirectory(7, TS, "AAPL").addOrder(7, TS, 1, 'B', 100, "AAPL", 5_000_000);
        final List<byte[]> plain = read(b);
        for (final String name : new String[] {"t.itch50.gz", "t_gzipped_without_suffix.itch50"})
        {
            final Path gz = dir.resolve(name);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz)))
            {
                out.write(b.bytes());
            }
            assertTrue(ItchReader.looksLikeItch(gz), name);
            try (ItchReader r = new ItchReader(gz, DATE, handler))
            {
                final List<byte[]> frames = ItchFrames.readAll(r);
                assertEquals(plain.size(), frames.size());
                for (int i = 0; i < frames.size(); i++)
                {
                    assertArrayEquals(plain.get(i), frames.get(i));
                }
                assertEquals(1.0, r.progress());
            }
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void aTruncatedGzipFileGivesEveryWholeMessageBeforeTheCutAndOneTruncatedError() throws IOException
    {
        final ItchBytes b = new ItchBytes();
        for (int i = 1; i <= 20_000; i++)
        {
            b.delete(7, TS + i, i);
        }
        final Path gz = dir.resolve("cut.itch50.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz)))
        {
            out.write(b.bytes());
        }
        final byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
        try (ItchReader r = new ItchReader(gz, DATE, handler))
        {
            final List<byte[]> frames = ItchFrames.readAll(r);
            assertTrue(frames.size() > 1_000 && frames.size() < 20_000, "frames before the cut: " + frames.size());
            for (int i = 0; i < frames.size(); i++)
            {
                assertEquals(i + 1, deleted(frames.get(i)).orderId());
            }
        }
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("truncated " + gz + "@"), errors.get(0));
    }

    @Test
    void dateFromTheFileName()
    {
        assertEquals(LocalDate.of(2012, 6, 21), ItchReader.dateFromName(Path.of("AAPL_2012-06-21.itch50.gz")));
        assertEquals(LocalDate.of(2019, 1, 30), ItchReader.dateFromName(Path.of("/data/01302019.NASDAQ_ITCH50")));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ItchReader.dateFromName(Path.of("nasdaq_session_head.itch50")));
        assertTrue(ex.getMessage().contains("--date"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ItchReader.dateFromName(Path.of("x_13452019.itch")));
    }

    @Test
    void dateGivenWinsOverTheName() throws IOException
    {
        file = dir.resolve("AAPL_2012-06-21.itch50");
        Files.write(file, new ItchBytes().delete(7, 5, 1).bytes());
        try (ItchReader r = new ItchReader(file, DATE, handler))
        {
            assertEquals(DATE, r.tradingDate());
        }
        try (ItchReader r = new ItchReader(file, null, handler))
        {
            assertEquals(LocalDate.of(2012, 6, 21), r.tradingDate());
            final List<byte[]> frames = ItchFrames.readAll(r);
            assertEquals(1_340_251_200_000_000_005L, deleted(frames.get(0)).envelope().eventTime());
        }
    }

    @Test
    void looksLikeItch() throws IOException
    {
        final Path itch = dir.resolve("a.itch50");
        Files.write(itch, new ItchBytes().systemEvent(0, TS, 'O').stockDirectory(1, TS, "A").bytes());
        assertTrue(ItchReader.looksLikeItch(itch));
        final Path one = dir.resolve("one.itch50");
        Files.write(one, new ItchBytes().systemEvent(0, TS, 'O').bytes());
        assertTrue(ItchReader.looksLikeItch(one));
        final Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "34200.004241176,1,16113575,18,5853300,1\n");
        assertFalse(ItchReader.looksLikeItch(csv));
        final Path wrongLength = dir.resolve("w.itch50");
        Files.write(wrongLength, new ItchBytes().msg('S', 0, 0, TS).alpha('O').endWithLength(13).bytes());
        assertFalse(ItchReader.looksLikeItch(wrongLength));
        final Path empty = dir.resolve("e.itch50");
        Files.write(empty, new byte[0]);
        assertFalse(ItchReader.looksLikeItch(empty));
        final Path notGzip = dir.resolve("n.gz");
        Files.writeString(notGzip, "hello");
        assertFalse(ItchReader.looksLikeItch(notGzip));
    }

    // ---- Helpers.

    private void assertSkipped(final ItchBytes b, final char type)
    {
        final List<byte[]> frames = read(b);
        assertEquals(List.of(), frames);
        assertEquals(1, reader.messagesByType(type));
        assertEquals(1, reader.messagesRead());
        assertEquals(0, reader.eventsProduced());
        assertEquals(0, reader.errors());
        assertEquals(List.of(), errors);
    }

    private List<byte[]> read(final ItchBytes b)
    {
        return readInto(b, false);
    }

    /** Read every frame; with {@code dirty}, the reused buffer starts full of 0xFF so stale bytes would show. */
    private List<byte[]> readInto(final ItchBytes b, final boolean dirty)
    {
        try
        {
            file = dir.resolve("t.itch50");
            Files.write(file, b.bytes());
            reader = new ItchReader(file, DATE, handler);
            try (ItchReader r = reader)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
                if (dirty)
                {
                    buffer.setMemory(0, buffer.capacity(), (byte)0xFF);
                }
                return ItchFrames.readAll(r, buffer);
            }
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static InstrumentDefinitionDecoder definition(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, InstrumentDefinitionDecoder.TEMPLATE_ID);
        assertEquals(InstrumentDefinitionDecoder.BLOCK_LENGTH + 8, frame.length);
        return new InstrumentDefinitionDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    static TradingStatusDecoder status(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, TradingStatusDecoder.TEMPLATE_ID);
        return new TradingStatusDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    static AddOrderDecoder add(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, AddOrderDecoder.TEMPLATE_ID);
        assertEquals(AddOrderDecoder.BLOCK_LENGTH + 8, frame.length);
        return new AddOrderDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    static OrderExecutedDecoder executed(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, OrderExecutedDecoder.TEMPLATE_ID);
        return new OrderExecutedDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    static OrderCancelledDecoder cancelled(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, OrderCancelledDecoder.TEMPLATE_ID);
        return new OrderCancelledDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    static OrderDeletedDecoder deleted(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, OrderDeletedDecoder.TEMPLATE_ID);
        return new OrderDeletedDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    static OrderReplacedDecoder replaced(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, OrderReplacedDecoder.TEMPLATE_ID);
        return new OrderReplacedDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    static TradePrintDecoder print(final byte[] frame)
    {
        final MessageHeaderDecoder h = header(frame, TradePrintDecoder.TEMPLATE_ID);
        return new TradePrintDecoder().wrap(h.buffer(), 8, h.blockLength(), h.version());
    }

    private static MessageHeaderDecoder header(final byte[] frame, final int templateId)
    {
        final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0);
        assertEquals(templateId, h.templateId());
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, h.schemaId());
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, h.version());
        assertEquals(frame.length - 8, h.blockLength());
        return h;
    }
}
