package io.ringside.codecs.csv;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

final class CsvReaderTest
{
    /** 2024-03-01T14:30:00Z in ns since the epoch. */
    private static final long T0 = 1_709_303_400_000_000_000L;
    private static final String DEF = "len=65 block=57 v2 schema=7001 InstrumentDefinition ";
    private static final String TRADE = "len=74 block=66 v2 schema=7001 TradePrint ";
    private static final String QUOTE = "len=80 block=72 v2 schema=7001 Quote ";

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private boolean carryOn = true;
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return carryOn;
    };

    @Test
    void tradesAndQuotesBecomeExactFrames() throws IOException
    {
        final Path file = write("mixed.csv",
            "time,symbol,type,price,quantity,side,trade_id,bid_price,bid_quantity,ask_price,ask_quantity\n" +
            "1709303400000000000,AAPL,trade,585.33,100,buy,9001,,,,\n" +
            "1709303400000000500,AAPL,quote,,,,,585.32,300,585.34,200\n" +
            "1709303400000001000,MSFT,trade,410.1,5,S,9002,,,,\n" +
            "1709303400000001000,AAPL,QUOTE,,,,,585.3301,1,585.35,2\n");

        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                DEF + "t=" + T0 + " instrument=1 tick=1 scale=4 symbol=AAPL",
                TRADE + "t=" + T0 + " instrument=1 price=5853300 qty=100 match=9001 kind=VISIBLE aggressor=BUY",
                QUOTE + "t=" + (T0 + 500) + " instrument=1 bid=5853200x300 ask=5853400x200",
                DEF + "t=" + (T0 + 1000) + " instrument=2 tick=1 scale=4 symbol=MSFT",
                TRADE + "t=" + (T0 + 1000) + " instrument=2 price=4101000 qty=5 match=9002 kind=VISIBLE aggressor=SELL",
                QUOTE + "t=" + (T0 + 1000) + " instrument=1 bid=5853301x1 ask=5853500x2"),
                CsvFrames.describeAll(reader));
            assertEquals(6, reader.eventsRead());
            assertEquals(0, reader.errors());
            assertEquals(1.0, reader.progress());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void everyFieldThroughTheGeneratedDecoders() throws IOException
    {
        final Path file = write("one.csv",
            "time,symbol,price,size,side,trade_id\n" +
            "2024-03-01T14:30:00.123456789Z,ETH-USDT,3412.5,7,b,77\n");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(InstrumentDefinitionDecoder.BLOCK_LENGTH + 8, reader.next(buffer, 0));
            final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder()
                .wrapAndApplyHeader(buffer, 0, new io.ringside.codecs.sbe.MessageHeaderDecoder());
            assertEquals(0, definition.envelope().sequence());
            assertEquals(T0 + 123_456_789L, definition.envelope().eventTime());
            assertEquals(0, definition.envelope().sendTime());
            assertEquals(0, definition.envelope().intendedSendTime());
            assertEquals(0, definition.envelope().sourceId());
            assertEquals(1, definition.instrumentId());
            assertEquals(1, definition.tickSize());
            assertEquals(4, definition.priceScale());
            assertEquals("ETH-USDT", definition.symbol());

            assertEquals(TradePrintDecoder.BLOCK_LENGTH + 8, reader.next(buffer, 0));
            final TradePrintDecoder print = new TradePrintDecoder()
                .wrapAndApplyHeader(buffer, 0, new io.ringside.codecs.sbe.MessageHeaderDecoder());
            assertEquals(0, print.envelope().sequence());
            assertEquals(T0 + 123_456_789L, print.envelope().eventTime());
            assertEquals(0, print.envelope().sendTime());
            assertEquals(0, print.envelope().intendedSendTime());
            assertEquals(0, print.envelope().sourceId());
            assertEquals(1, print.instrumentId());
            assertEquals(34_125_000L, print.price());
            assertEquals(7, print.quantity());
            assertEquals(77, print.matchId());
            assertEquals(io.ringside.codecs.sbe.TradeKind.VISIBLE, print.kind());
            assertEquals(io.ringside.codecs.sbe.Side.BUY, print.aggressorSide());

            assertEquals(0, reader.next(buffer, 0));
            assertEquals(0, reader.next(buffer, 0));
        }
    }

    @Test
    void isoAndEpochTimesExactToTheNanosecond() throws IOException
    {
        final String[] times =
        {
            "2024-02-29T23:59:59Z",
            "1709303400000000000",
            "2024-03-01T20:00:00.000000001+05:30",
            "2024-03-01T14:30:00.123456789Z",
            "2024-03-01T09:30:00.5-05:00",
            "2024-03-01 14:30:00.6+0000",
            "2024-03-01T14:30:00.7000+00",
            "2024-03-01t14:30:00.8z",
            "2024-12-31T23:00:00-01:00",
        };
        final long[] expected =
        {
            1_709_251_199_000_000_000L,
            T0,
            T0 + 1,
            T0 + 123_456_789L,
            T0 + 500_000_000L,
            T0 + 600_000_000L,
            T0 + 700_000_000L,
            T0 + 800_000_000L,
            1_735_689_600_000_000_000L,
        };
        final StringBuilder csv = new StringBuilder("symbol,price,quantity,time\n");
        for (final String time : times)
        {
            csv.append("X,1,1,").append(time).append('\n');
        }

        final List<String> frames;
        try (CsvReader reader = new CsvReader(write("times.csv", csv.toString()), handler))
        {
            frames = CsvFrames.describeAll(reader);
        }
        assertEquals(List.of(), errors);
        assertEquals(times.length + 1, frames.size());
        for (int i = 0; i < times.length; i++)
        {
            assertEquals(TRADE + "t=" + expected[i] + " instrument=1 price=10000 qty=1 match=" + (i + 1) +
                " kind=VISIBLE aggressor=NULL_VAL", frames.get(i + 1), times[i]);
            if (times[i].contains("T"))
            {
                // The same instant as java.time reads it, where java.time reads the form.
                final var instant = OffsetDateTime.parse(times[i].replace("+0000", "+00:00")).toInstant();
                assertEquals(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), expected[i], times[i]);
            }
        }
    }

    @Test
    void columnOrderCaseQuotesAndUnknownColumnsDoNotMatter() throws IOException
    {
        final Path plain = write("plain.csv",
            "time,symbol,price,quantity,side,trade_id\n" +
            "1709303400000000000,BTC,1.5,3,sell,1\n" +
            "1709303400000000001,ETH,2.25,4,,2\n");
        final Path shuffled = write("shuffled.csv",
            "\uFEFF\"Trade_ID\", Venue ,SIDE,Quantity,Symbol,PRICE,Time\r\n" +
            "1,X,sell,3,\"BTC\",1.5,1709303400000000000\r\n" +
            "\r\n" +
            "2, Y , ,4,ETH, 2.25 ,1709303400000000001"); // blank line skipped, no newline at the end

        final List<String> expected = List.of(
            DEF + "t=" + T0 + " instrument=1 tick=1 scale=4 symbol=BTC",
            TRADE + "t=" + T0 + " instrument=1 price=15000 qty=3 match=1 kind=VISIBLE aggressor=SELL",
            DEF + "t=" + (T0 + 1) + " instrument=2 tick=1 scale=4 symbol=ETH",
            TRADE + "t=" + (T0 + 1) + " instrument=2 price=22500 qty=4 match=2 kind=VISIBLE aggressor=NULL_VAL");
        try (CsvReader reader = new CsvReader(plain, handler))
        {
            assertEquals(expected, CsvFrames.describeAll(reader));
        }
        try (CsvReader reader = new CsvReader(shuffled, handler))
        {
            assertEquals(expected, CsvFrames.describeAll(reader));
            assertEquals(1.0, reader.progress());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void emptyOptionalFields() throws IOException
    {
        final Path trades = write("trades.csv",
            "time,symbol,price,quantity,side,trade_id\n" +
            "1709303400000000000,A,10,1,,\n" +
            "1709303400000000001,A,10,2,buy,500\n" +
            "1709303400000000002,A,10,3,,\n");
        try (CsvReader reader = new CsvReader(trades, handler))
        {
            assertEquals(List.of(
                DEF + "t=" + T0 + " instrument=1 tick=1 scale=4 symbol=A",
                TRADE + "t=" + T0 + " instrument=1 price=100000 qty=1 match=1 kind=VISIBLE aggressor=NULL_VAL",
                TRADE + "t=" + (T0 + 1) + " instrument=1 price=100000 qty=2 match=500 kind=VISIBLE aggressor=BUY",
                TRADE + "t=" + (T0 + 2) + " instrument=1 price=100000 qty=3 match=3 kind=VISIBLE aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader));
        }

        final Path quotes = write("quotes.csv",
            "time,symbol,bid_price,bid_quantity,ask_price,ask_quantity\n" +
            "1709303400000000000,A,,,10.01,5\n" +
            "1709303400000000001,A,9.99,7,,\n" +
            "1709303400000000002,A,,,,\n" +
            "1709303400000000003,A,-0.5,1,0,2\n");
        try (CsvReader reader = new CsvReader(quotes, handler))
        {
            assertEquals(List.of(
                DEF + "t=" + T0 + " instrument=1 tick=1 scale=4 symbol=A",
                QUOTE + "t=" + T0 + " instrument=1 bid=nullx0 ask=100100x5",
                QUOTE + "t=" + (T0 + 1) + " instrument=1 bid=99900x7 ask=nullx0",
                QUOTE + "t=" + (T0 + 2) + " instrument=1 bid=nullx0 ask=nullx0"),
                CsvFrames.describeAll(reader));
            // No venue quotes at or below 0: a negative bid is refused, not passed on.
            assertEquals(List.of("bad_price " + quotes + ":5 bid_price '-0.5' is not above 0"), errors);
        }
    }

    @Test
    void symbolsGetIdsInOrderOfFirstAppearanceEachDefinedJustBeforeItsFirstEvent() throws IOException
    {
        final Path file = write("symbols.csv",
            "time,symbol,price,quantity\n" +
            "1,ZZZ,1,1\n" +
            "2,AAA,1,1\n" +
            "3,ZZZ,1,1\n" +
            "4,LONGSYMBOL-PERP,1,1\n" +
            "5,LONGSYMBOL-SPOT,1,1\n" +
            "6,AAA,1,1\n");
        final String trade = " price=10000 qty=1 match=";
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                DEF + "t=1 instrument=1 tick=1 scale=4 symbol=ZZZ",
                TRADE + "t=1 instrument=1" + trade + "1 kind=VISIBLE aggressor=NULL_VAL",
                DEF + "t=2 instrument=2 tick=1 scale=4 symbol=AAA",
                TRADE + "t=2 instrument=2" + trade + "2 kind=VISIBLE aggressor=NULL_VAL",
                TRADE + "t=3 instrument=1" + trade + "3 kind=VISIBLE aggressor=NULL_VAL",
                // Past 8 characters the definition's symbol is cut; the ids still tell the two apart.
                DEF + "t=4 instrument=3 tick=1 scale=4 symbol=LONGSYMB",
                TRADE + "t=4 instrument=3" + trade + "4 kind=VISIBLE aggressor=NULL_VAL",
                DEF + "t=5 instrument=4 tick=1 scale=4 symbol=LONGSYMB",
                TRADE + "t=5 instrument=4" + trade + "5 kind=VISIBLE aggressor=NULL_VAL",
                TRADE + "t=6 instrument=2" + trade + "6 kind=VISIBLE aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader));
            assertEquals(10, reader.eventsRead());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void givenInstrumentIdsAreUsedAndOtherSymbolsRefused() throws IOException
    {
        final Path file = write("symbols.csv",
            "time,symbol,price,quantity\n" +
            "1,MSFT,1,1\n" +
            "2,GOOG,1,1\n" +
            "3,AAPL,1,1\n");
        try (CsvReader reader = new CsvReader(file, 2, 0, Map.of("AAPL", 42, "MSFT", 7), handler))
        {
            assertEquals(List.of(
                DEF + "t=1 instrument=7 tick=1 scale=2 symbol=MSFT",
                TRADE + "t=1 instrument=7 price=100 qty=1 match=1 kind=VISIBLE aggressor=NULL_VAL",
                DEF + "t=3 instrument=42 tick=1 scale=2 symbol=AAPL",
                TRADE + "t=3 instrument=42 price=100 qty=1 match=2 kind=VISIBLE aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader));
            assertEquals(1, reader.errors());
        }
        assertEquals(List.of("unknown_symbol " + dir.resolve("symbols.csv") + ":3 symbol GOOG is not in the given " +
            "instrument ids"), errors);
    }

    @Test
    void cryptoAtScaleEight() throws IOException
    {
        final Path file = write("crypto.csv",
            "time,symbol,type,price,quantity,side,bid_price,bid_quantity,ask_price,ask_quantity\n" +
            "2024-03-01T14:30:00.000001Z,SHIB-USD,trade,0.00012345,1500000.5,s,,,,\n" +
            "2024-03-01T14:30:00.000002Z,BTC-USDT,quote,,,,61234.5,0.00100000,61234.51,2.5\n" +
            "2024-03-01T14:30:00.000003Z,BTC-USDT,trade,61234.51000000,0.00000001,buy,,,,\n");
        try (CsvReader reader = new CsvReader(file, 8, 8, null, handler))
        {
            assertEquals(List.of(
                DEF + "t=" + (T0 + 1000) + " instrument=1 tick=1 scale=8 symbol=SHIB-USD",
                TRADE + "t=" + (T0 + 1000) + " instrument=1 price=12345 qty=150000050000000 match=1 kind=VISIBLE " +
                    "aggressor=SELL",
                DEF + "t=" + (T0 + 2000) + " instrument=2 tick=1 scale=8 symbol=BTC-USDT",
                QUOTE + "t=" + (T0 + 2000) + " instrument=2 bid=6123450000000x100000 ask=6123451000000x250000000",
                TRADE + "t=" + (T0 + 3000) + " instrument=2 price=6123451000000 qty=1 match=2 kind=VISIBLE " +
                    "aggressor=BUY"),
                CsvFrames.describeAll(reader));
            assertEquals(8, reader.priceScale());
            assertEquals(8, reader.quantityScale());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void tooManyDecimalsIsRefusedNeverRounded() throws IOException
    {
        final Path file = write("decimals.csv",
            "time,symbol,price,quantity\n" +
            "1,A,1.23456,1\n" +      // a 5th decimal at price scale 4
            "2,A,1.23450000,10.0\n" + // zeros past the scale lose nothing: accepted
            "3,A,1.2345,10.5\n" +     // half a share at quantity scale 0
            "4,A,0.00001,1\n");
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                DEF + "t=2 instrument=1 tick=1 scale=4 symbol=A",
                TRADE + "t=2 instrument=1 price=12345 qty=10 match=1 kind=VISIBLE aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader));
            assertEquals(3, reader.errors());
        }
        final String at = "too_many_decimals " + dir.resolve("decimals.csv") + ":";
        assertEquals(List.of(
            at + "2 price '1.23456' has more than 4 decimals",
            at + "4 quantity '10.5' has more than 0 decimals",
            at + "5 price '0.00001' has more than 4 decimals"), errors);
    }

    @Test
    void decimalFormsAcceptedExactly() throws IOException
    {
        final Path file = write("forms.csv",
            "time,symbol,price,quantity\n" +
            "1,A,+1.5,007\n" +
            "2,A,.25,1.\n" +
            "3,A,-0.0001,0\n" +
            "4,A,99999999999999.9999,999999999999999999\n"); // 18 digits each: the most a long holds exactly
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                DEF + "t=1 instrument=1 tick=1 scale=4 symbol=A",
                TRADE + "t=1 instrument=1 price=15000 qty=7 match=1 kind=VISIBLE aggressor=NULL_VAL",
                TRADE + "t=2 instrument=1 price=2500 qty=1 match=2 kind=VISIBLE aggressor=NULL_VAL",
                TRADE + "t=4 instrument=1 price=999999999999999999 qty=999999999999999999 match=3 kind=VISIBLE " +
                    "aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader));
        }
        // "-0.0001" reads exactly as -1 at scale 4, and is then refused: no trade prints at a price below 0.
        assertEquals(List.of("bad_price " + dir.resolve("forms.csv") + ":4 price '-0.0001' is not above 0"), errors);
    }

    @Test
    void pricesAndQuantitiesNotAboveZeroCostTheirRowOnly() throws IOException
    {
        final Path file = write("zero.csv",
            "time,symbol,type,price,quantity,bid_price,bid_quantity,ask_price,ask_quantity\n" +
            "1,A,trade,1,1,,,,\n" +
            "2,A,trade,0,1,,,,\n" +      // 3: price 0
            "3,A,trade,-1,1,,,,\n" +     // 4: price below 0
            "4,A,trade,1,0,,,,\n" +      // 5: quantity 0
            "5,A,trade,1,-0.0,,,,\n" +   // 6: -0 is 0
            "6,A,quote,,,0,1,2,1\n" +    // 7: bid price 0
            "7,A,quote,,,1,1,-2,1\n" +   // 8: ask price below 0
            "8,A,quote,,,1,0,2,1\n" +    // 9: a priced side of no quantity
            "9,A,quote,,,1,1,2,\n" +     // 10: the same, left empty
            "10,A,quote,,,,-1,2,1\n" +   // 11: an empty side of negative quantity
            "11,A,quote,,0,,,2,1\n" +    // an empty side of quantity 0: accepted
            "12,A,trade,2,3,,,,\n");
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                DEF + "t=1 instrument=1 tick=1 scale=4 symbol=A",
                TRADE + "t=1 instrument=1 price=10000 qty=1 match=1 kind=VISIBLE aggressor=NULL_VAL",
                QUOTE + "t=11 instrument=1 bid=nullx0 ask=20000x1",
                TRADE + "t=12 instrument=1 price=20000 qty=3 match=2 kind=VISIBLE aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader));
            assertEquals(9, reader.errors());
        }
        final String at = dir.resolve("zero.csv") + ":";
        assertEquals(List.of(
            "bad_price " + at + "3 price '0' is not above 0",
            "bad_price " + at + "4 price '-1' is not above 0",
            "bad_quantity " + at + "5 quantity '0' is not above 0",
            "bad_quantity " + at + "6 quantity '-0.0' is not above 0",
            "bad_price " + at + "7 bid_price '0' is not above 0",
            "bad_price " + at + "8 ask_price '-2' is not above 0",
            "bad_quantity " + at + "9 bid_quantity '0' is not above 0",
            "bad_quantity " + at + "10 ask_quantity '' is not above 0",
            "bad_quantity " + at + "11 bid_quantity '-1' is not above 0"), errors);
    }

    @Test
    void aHeaderOnlyFileHasNoEvents() throws IOException
    {
        try (CsvReader reader = new CsvReader(write("header.csv", "time,symbol,price,quantity\n"), handler))
        {
            assertEquals(List.of(), CsvFrames.describeAll(reader));
            assertEquals(0, reader.eventsRead());
            assertEquals(1.0, reader.progress());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void everyErrorKindIsReportedWithItsLineAndLaterRowsStillCome() throws IOException
    {
        final Path file = write("errors.csv",
            "time,symbol,type,price,quantity,side,trade_id,bid_price,bid_quantity,ask_price,ask_quantity\n" +
            "10,A,trade,1,1,,,,,,\n" +
            "11,A,trade,1,1,,,,\n" +                  // 3: too few columns
            "12,A,trade,1,1,,,,,,,\n" +               // 4: too many
            "13x,A,trade,1,1,,,,,,\n" +               // 5: time
            "2024-03-01T14:30:00Z,A,trade,1,1,,,,,,\n" + // 6: ISO without error, far in the future: accepted
            "2024-03-01T14:30:00,A,trade,1,1,,,,,,\n" +  // 7: no zone
            "2024-02-30T14:30:00Z,A,trade,1,1,,,,,,\n" + // 8: no such day
            "2024-03-01T14:30:00.0000000001Z,A,trade,1,1,,,,,,\n" + // 9: finer than a ns
            "1709303400000000001,A,trade,1.2.3,1,,,,,,\n" + // 10: price
            "1709303400000000002,A,trade,,1,,,,,,\n" +      // 11: empty price
            "1709303400000000003,A,trade,1,1e3,,,,,,\n" +   // 12: quantity
            "1709303400000000004,A,trade,1,1,up,,,,,\n" +   // 13: side
            "1709303400000000005,A,trade,1,1,,x7,,,,\n" +   // 14: trade_id
            "1709303400000000006,A,print,1,1,,,,,,\n" +     // 15: type
            "1709303400000000007,A,,1,1,,,,,,\n" +          // 16: empty type
            "1709303400000000008,A,trade,1,-1,,,,,,\n" +    // 17: negative quantity
            "1709303400000000009,A,quote,,,,,1,-2,2,1\n" +  // 18: negative bid quantity
            "1709303400000000010,A,quote,,,,,1,2,x,1\n" +   // 19: ask price
            "1709303400000000011,,trade,1,1,,,,,,\n" +      // 20: empty symbol
            "1709303399999999999,B,trade,1,1,,,,,,\n" +     // 21: backwards
            "1709303400000000012,A,trade,1,1234567890123456,,,,,,\n" + // 22: 16 digits fine at scale 0
            "1709303400000000013,A,trade,123456789012345,1,,,,,,\n" + // 23: 15 + 4 decimals > 18 digits
            "1709303400000000014,A,quote,,,,,1,1,2,1\n");
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                DEF + "t=10 instrument=1 tick=1 scale=4 symbol=A",
                TRADE + "t=10 instrument=1 price=10000 qty=1 match=1 kind=VISIBLE aggressor=NULL_VAL",
                TRADE + "t=" + T0 + " instrument=1 price=10000 qty=1 match=2 kind=VISIBLE aggressor=NULL_VAL",
                TRADE + "t=" + (T0 + 12) + " instrument=1 price=10000 qty=1234567890123456 match=3 kind=VISIBLE " +
                    "aggressor=NULL_VAL",
                QUOTE + "t=" + (T0 + 14) + " instrument=1 bid=10000x1 ask=20000x1"),
                CsvFrames.describeAll(reader));
            assertEquals(19, reader.errors());
            assertEquals(5, reader.eventsRead());
        }
        final String at = dir.resolve("errors.csv") + ":";
        final String notTime = "' is neither epoch nanoseconds nor an ISO-8601 time with Z or offset";
        assertEquals(List.of(
            "wrong_column_count " + at + "3 9 fields; the header has 11",
            "wrong_column_count " + at + "4 12 fields; the header has 11",
            "malformed_field " + at + "5 time '13x" + notTime,
            "malformed_field " + at + "7 time '2024-03-01T14:30:00" + notTime,
            "malformed_field " + at + "8 time '2024-02-30T14:30:00Z" + notTime,
            "malformed_field " + at + "9 time '2024-03-01T14:30:00.0000000001Z" + notTime + " (finer than a nanosecond)",
            "malformed_field " + at + "10 price '1.2.3' is not a decimal number of at most 18 digits",
            "malformed_field " + at + "11 price is empty",
            "malformed_field " + at + "12 quantity '1e3' is not a decimal number of at most 18 digits",
            "malformed_field " + at + "13 side is 'up', not buy, sell, b or s",
            "malformed_field " + at + "14 trade_id is 'x7', not a whole number from 0",
            "unknown_type " + at + "15 type is 'print', not trade or quote",
            "unknown_type " + at + "16 type is '', not trade or quote",
            "bad_quantity " + at + "17 quantity '-1' is not above 0",
            "bad_quantity " + at + "18 bid_quantity '-2' is not above 0",
            "malformed_field " + at + "19 ask_price 'x' is not a decimal number of at most 18 digits",
            "malformed_field " + at + "20 symbol is empty",
            "time_backwards " + at + "21 time 1709303399999999999 is before the previous event's 1709303400000000000",
            "malformed_field " + at + "23 price '123456789012345' is not a decimal number of at most 18 digits"),
            errors);
    }

    @Test
    void handlerSayingFalseStopsTheRead() throws IOException
    {
        final Path file = write("stop.csv",
            "time,symbol,price,quantity\n" +
            "1,A,1,1\n" +
            "2,A,oops,1\n" +
            "3,A,1,1\n");
        carryOn = false;
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                DEF + "t=1 instrument=1 tick=1 scale=4 symbol=A",
                TRADE + "t=1 instrument=1 price=10000 qty=1 match=1 kind=VISIBLE aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader));
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            assertEquals(0, reader.next(buffer, 0)); // stays stopped
            assertEquals(1, reader.errors());
            assertEquals(2, reader.eventsRead());
        }
        assertEquals(List.of("malformed_field " + dir.resolve("stop.csv") + ":3 price 'oops' is not a decimal " +
            "number of at most 18 digits"), errors);
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRefusedNamingIt() throws IOException
    {
        assertRefused("time", "when,symbol,price,quantity\n1,A,1,1\n");
        assertRefused("symbol", "time,ticker,price,quantity\n1,A,1,1\n");
        assertRefused("time, symbol", "price,quantity\n");
        assertRefused("quantity", "time,symbol,price\n");
        assertRefused("price", "time,symbol,size\n");
        assertRefused("ask_price, ask_quantity", "time,symbol,bid_price,bid_quantity\n");
        assertRefused("type", "time,symbol,price,quantity,bid_price,bid_quantity,ask_price,ask_quantity\n");

        final Path neither = write("neither.csv", "time,symbol,venue\n");
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> new CsvReader(neither, handler));
        assertEquals(neither + ": the header has neither trade columns (price, quantity) nor quote columns " +
            "(bid_price, bid_quantity, ask_price, ask_quantity): time,symbol,venue", ex.getMessage());

        final Path empty = write("empty.csv", "\n\n");
        assertEquals(empty + " has no header row: it is empty", assertThrows(
            IllegalArgumentException.class, () -> new CsvReader(empty, handler)).getMessage());
        final Path twice = write("twice.csv", "time,symbol,price,quantity,Time\n");
        assertEquals(twice + ": column time appears twice in the header", assertThrows(
            IllegalArgumentException.class, () -> new CsvReader(twice, handler)).getMessage());
    }

    @Test
    void aTypeColumnWithOnlyOneKindOfColumnsRefusesTheOtherKindPerRow() throws IOException
    {
        final Path file = write("typed.csv",
            "time,symbol,type,price,quantity\n" +
            "1,A,quote,1,1\n" +
            "2,A,trade,1,1\n");
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(2, CsvFrames.describeAll(reader).size());
        }
        assertEquals(List.of("unknown_type " + file + ":2 type quote, but the header lacks bid_price, bid_quantity, " +
            "ask_price or ask_quantity"), errors);
    }

    @Test
    void looksLikeCsvWantsTimeAndSymbolInTheFirstLine() throws IOException
    {
        assertTrue(CsvReader.looksLikeCsv(write("a.csv", "time,symbol,price,quantity\n1,A,1,1\n")));
        assertTrue(CsvReader.looksLikeCsv(write("b.csv", "\"Symbol\" , Bid_Price,TIME\r\n")));
        assertFalse(CsvReader.looksLikeCsv(write("c.csv", "timestamp,symbol,price\n")));
        assertFalse(CsvReader.looksLikeCsv(write("d.csv", "")));
        assertFalse(CsvReader.looksLikeCsv(sharedData("lobster", "AAPL_2012-06-21_34200000_57600000_message_10.csv")));
        assertFalse(CsvReader.looksLikeCsv(sharedData("lobster", "AMZN_2012-06-21_34200000_57600000_message_1.csv")));
    }

    @Test
    void steadyStateAllocatesNothingPerRow() throws IOException
    {
        final StringBuilder csv = new StringBuilder("time,symbol,type,price,quantity,side,trade_id,bid_price," +
            "bid_quantity,ask_price,ask_quantity\n");
        final String[] symbols = {"BTC-USDT", "ETH-USDT", "SOL-USDT"};
        for (int i = 0; i < 60_000; i++)
        {
            final String symbol = symbols[i % 3];
            final String time = (i & 1) == 0 ? Long.toString(T0 + i) :
                "2024-03-01T14:30:00." + String.format("%09d", i) + "Z";
            if (i % 4 == 0)
            {
                csv.append(time).append(',').append(symbol).append(",trade,").append(100 + i % 50).append(".25,")
                    .append(1 + i % 7).append(i % 8 == 0 ? ",buy," : ",,").append(i).append(",,,,\n");
            }
            else
            {
                csv.append(time).append(',').append(symbol).append(",quote,,,,,").append(100 + i % 50)
                    .append(".2,5,").append(100 + i % 50).append(".3,6\n");
            }
        }
        final Path file = write("many.csv", csv.toString());
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        try (CsvReader reader = new CsvReader(file, handler))
        {
            for (int i = 0; i < 10_000; i++)
            {
                assertTrue(reader.next(buffer, 0) > 0); // every symbol seen, the code warmed
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            int frames = 0;
            while (reader.next(buffer, 0) > 0)
            {
                frames++;
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(60_003 - 10_000, frames);
            // Nothing per row: any allocation of the reader's would be at least 16 bytes a row. What the JVM itself
            // allocates on this thread while C2 deoptimizes and recompiles the reader is a few hundred bytes once
            // (measured outside JUnit: 0 in the interpreter and with C1 only; 96 to 872 bytes in some runs while C2
            // settles, whatever the number of rows), so the bound is one byte a row, not zero.
            assertTrue(allocated < frames, "bytes allocated reading " + frames + " rows: " + allocated);
        }
        assertEquals(List.of(), errors);
    }

    private void assertRefused(final String columns, final String csv) throws IOException
    {
        final Path file = write("refused.csv", csv);
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> new CsvReader(file, handler));
        final String header = csv.substring(0, csv.indexOf('\n'));
        assertEquals(file + ": the header lacks the required column" + (columns.contains(",") ? "s " : " ") +
            columns + "; it has " + header, ex.getMessage());
    }

    private Path write(final String name, final String content) throws IOException
    {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    /** shared/data/SUBDIR/NAME, found by walking up from the working directory. */
    static Path sharedData(final String subdir, final String name)
    {
        final Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; null != dir; dir = dir.getParent())
        {
            final Path data = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(data))
            {
                final Path file = data.resolve(subdir).resolve(name);
                assertTrue(Files.isRegularFile(file), "shared data file missing: " + file);
                return file;
            }
        }
        fail("no shared/data directory in " + start + " or any parent: the real data samples are required");
        return null;
    }

    static
    {
        // Referenced so a schema change that renumbers them breaks this test's expectations loudly.
        assertEquals(15, TradePrintDecoder.TEMPLATE_ID);
        assertEquals(16, QuoteDecoder.TEMPLATE_ID);
    }
}
