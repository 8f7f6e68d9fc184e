package io.ringside.codecs.csv;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ActivityCsvReaderTest
{
    private static final String HEADER =
        "time,event,account,instrument,client_order_id,side,price,quantity,buyer,seller,execution_id\n";

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private boolean carryOn = true;
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location.substring(location.lastIndexOf('/') + 1) + " " + problem);
        return carryOn;
    };

    @Test
    void ordersCancelsAndExecutionsBecomeExactFrames() throws IOException
    {
        final Path file = write("activity.csv", HEADER +
            "1340285400000000000,new,7,AAPL,1001,buy,585.33,100,,,\n" +
            "2012-06-21T13:30:00.000000500Z,CANCEL,7,AAPL,1001,,,,,,\n" +
            "1340285400000001000,execution,,2,,,41.5,25,7,8,\n" +
            "1340285400000002000,execution,,AAPL,,,585.3,10,8,7,555\n" +
            "1340285400000003000,new,9,MSFT,1,s,41.12,3,,,\n");
        try (ActivityCsvReader reader = reader(file))
        {
            assertEquals(List.of(
                "ClientNewOrder t=1340285400000000000 instrument=1 account=7 order=1001 BUY 5853300 x 100",
                "ClientCancel t=1340285400000000500 instrument=1 account=7 order=1001",
                "ClientExecution t=1340285400000001000 instrument=2 id=1 buyer=7 seller=8 4150 x 25",
                "ClientExecution t=1340285400000002000 instrument=1 id=555 buyer=8 seller=7 5853000 x 10",
                "ClientNewOrder t=1340285400000003000 instrument=2 account=9 order=1 SELL 4112 x 3"),
                describeAll(reader));
            assertEquals(List.of(), errors);
            assertEquals(5, reader.eventsRead());
            assertEquals(2, reader.newOrders());
            assertEquals(1, reader.cancels());
            assertEquals(2, reader.executions());
            assertEquals(1.0, reader.progress());
        }
    }

    @Test
    void badRowsAreReportedByFileLineAndKindAndSkipped() throws IOException
    {
        final Path file = write("bad.csv", HEADER +
            "1340285400000000000,new,7,AAPL,1001,buy,585.33,100,,,\n" +
            "1340285400000000001,amend,7,AAPL,1001,buy,585.33,100,,,\n" +
            "1340285400000000002,new,7,TSLA,1002,buy,585.33,100,,,\n" +
            "1340285400000000003,new,7,AAPL,1003,up,585.33,100,,,\n" +
            "1340285400000000004,new,7,AAPL,1004,buy,585.33335,100,,,\n" +
            "1340285400000000005,new,7,AAPL,1005,buy,585.33,0,,,\n" +
            "1340285400000000006,execution,,AAPL,,,585.33,10,,8,\n" +
            "1340285400000000007,cancel,7,AAPL\n" +
            "1340285400000000008,new,7,AAPL,1006,buy,0,100,,,\n" +
            "1340285400000000008,execution,,AAPL,,,-585.33,10,7,8,\n" +
            "1340285400000000008,execution,,AAPL,,,585.33,-10,7,8,\n" +
            "1340285300000000000,cancel,7,AAPL,1001,,,,,,\n" +
            "yesterday,cancel,7,AAPL,1001,,,,,,\n" +
            "1340285400000000010,cancel,7,AAPL,1001,,,,,,\n");
        try (ActivityCsvReader reader = reader(file))
        {
            assertEquals(List.of(
                "ClientNewOrder t=1340285400000000000 instrument=1 account=7 order=1001 BUY 5853300 x 100",
                "ClientCancel t=1340285400000000010 instrument=1 account=7 order=1001"),
                describeAll(reader));
            assertEquals(List.of(
                "unknown_event bad.csv:3 event is 'amend', not new, cancel or execution",
                "unknown_symbol bad.csv:4 instrument 'TSLA' is no symbol the market data defines",
                "malformed_field bad.csv:5 side is 'up', not buy, sell, b or s",
                "too_many_decimals bad.csv:6 price '585.33335' has more than 4 decimals",
                "bad_quantity bad.csv:7 quantity '0' is not above 0",
                "malformed_field bad.csv:8 buyer is '', not a whole number from 0",
                "wrong_column_count bad.csv:9 4 fields; the header has 11",
                "bad_price bad.csv:10 price '0' is not above 0",
                "bad_price bad.csv:11 price '-585.33' is not above 0",
                "bad_quantity bad.csv:12 quantity '-10' is not above 0",
                "time_backwards bad.csv:13 time 1340285300000000000 is before the previous event's " +
                    "1340285400000000000",
                "malformed_field bad.csv:14 time 'yesterday' is neither epoch nanoseconds nor an ISO-8601 time with " +
                    "Z or offset"),
                errors);
            assertEquals(12, reader.errors());
            assertEquals(1, reader.newOrders());
            assertEquals(1, reader.cancels());
            assertEquals(0, reader.executions());
        }
    }

    @Test
    void stopsAtTheFirstBadRowWhenTheHandlerSaysSo() throws IOException
    {
        carryOn = false;
        final Path file = write("stop.csv", HEADER +
            "1340285400000000000,new,7,AAPL,1001,buy,585.33,100,,,\n" +
            "1340285400000000001,amend,7,AAPL,1001,buy,585.33,100,,,\n" +
            "1340285400000000002,cancel,7,AAPL,1001,,,,,,\n");
        try (ActivityCsvReader reader = reader(file))
        {
            assertEquals(1, describeAll(reader).size());
            assertEquals(1, errors.size());
            assertEquals(1, reader.errors());
        }
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRefusedNamingIt() throws IOException
    {
        final Path file = write("short.csv", "time,event,account,instrument,client_order_id,side,price,quantity\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> reader(file));
        assertTrue(ex.getMessage().endsWith("short.csv: the activity header lacks the required columns buyer, " +
            "seller; it has time,event,account,instrument,client_order_id,side,price,quantity"), ex.getMessage());
    }

    @Test
    void detectedFromItsHeaderAndNotTakenForMarketData() throws IOException
    {
        final Path activity = write("a.csv", HEADER);
        final Path market = write("m.csv", "time,symbol,price,quantity\n");
        assertTrue(ActivityCsvReader.looksLikeActivity(activity));
        assertFalse(CsvReader.looksLikeCsv(activity));
        assertFalse(ActivityCsvReader.looksLikeActivity(market));
    }

    @Test
    void listsTheSymbolsItNamesButNotNumericIds() throws IOException
    {
        final Path file = write("s.csv", HEADER +
            "1,new,7,AAPL,1,buy,1,1,,,\n2,new,7,3,2,buy,1,1,,,\n3,new,7,\"MSFT\",3,buy,1,1,,,\n4,cancel,7,AAPL,1,,,,,,\n");
        assertEquals(List.of("AAPL", "MSFT"), ActivityCsvReader.symbols(file));
    }

    @Test
    void steadyStateAllocatesNothingPerRow() throws IOException
    {
        final StringBuilder csv = new StringBuilder(HEADER);
        final String[] instruments = {"AAPL", "MSFT", "2"};
        final long t0 = 1_340_285_400_000_000_000L;
        for (int i = 0; i < 120_000; i++)
        {
            final String time = (i & 1) == 0 ? Long.toString(t0 + i) :
                "2012-06-21T13:30:00." + String.format("%09d", i) + "Z";
            final String instrument = instruments[i % 3];
            switch (i % 3)
            {
                case 0 -> csv.append(time).append(",new,").append(i % 17).append(',').append(instrument).append(',')
                    .append(i).append(i % 2 == 0 ? ",buy," : ",S,").append(40 + i % 50).append(".25,")
                    .append(1 + i % 300).append(",,,\n");
                case 1 -> csv.append(time).append(",cancel,").append(i % 17).append(',').append(instrument)
                    .append(',').append(i - 1).append(",,,,,,\n");
                default -> csv.append(time).append(",execution,,").append(instrument).append(",,,")
                    .append(40 + i % 50).append(".5,").append(1 + i % 9).append(',').append(i % 17).append(',')
                    .append(i % 13).append(i % 6 == 2 ? ",\n" : "," + i + "\n");
            }
        }
        final Path file = write("many.csv", csv.toString());
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        try (ActivityCsvReader reader = reader(file))
        {
            // The JVM allocates a few bytes once per call site when compiled code first falls back or recompiles;
            // a reader that allocated per row would allocate in every window. Steady state: a window of 10,000 rows
            // that allocates nothing must come.
            final List<Long> windows = new ArrayList<>();
            int frames = 0;
            boolean more = true;
            while (more)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                int inWindow = 0;
                while (inWindow < 10_000 && (more = reader.next(buffer, 0) > 0))
                {
                    inWindow++;
                }
                windows.add(threads.getCurrentThreadAllocatedBytes() - before);
                frames += inWindow;
            }
            assertEquals(120_000, frames);
            assertTrue(windows.contains(0L), "bytes allocated per window of 10,000 rows: " + windows);
            assertEquals(40_000, reader.newOrders());
            assertEquals(40_000, reader.cancels());
            assertEquals(40_000, reader.executions());
        }
        assertEquals(List.of(), errors);
    }

    private ActivityCsvReader reader(final Path file)
    {
        // MSFT at 2 decimals, as a definition with priceScale 2 would say; AAPL at the default 4.
        return new ActivityCsvReader(file, Map.of("AAPL", 1, "MSFT", 2), Map.of(2, 2), 4, 0, handler);
    }

    private Path write(final String name, final String content) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }

    static List<String> describeAll(final RecordedEventReader reader)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final List<String> frames = new ArrayList<>();
        int length;
        while ((length = reader.next(buffer, 0)) > 0)
        {
            header.wrap(buffer, 0);
            assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength());
            frames.add(describe(buffer, header));
        }
        return frames;
    }

    private static String describe(final UnsafeBuffer buffer, final MessageHeaderDecoder header)
    {
        final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case ClientNewOrderDecoder.TEMPLATE_ID:
            {
                final ClientNewOrderDecoder d = new ClientNewOrderDecoder()
                    .wrap(buffer, offset, header.blockLength(), header.version());
                return "ClientNewOrder " + envelope(d.envelope()) + " instrument=" + d.instrumentId() + " account=" +
                    d.account() + " order=" + d.clientOrderId() + " " + d.side() + " " + d.price() + " x " +
                    d.quantity();
            }
            case ClientCancelDecoder.TEMPLATE_ID:
            {
                final ClientCancelDecoder d = new ClientCancelDecoder()
                    .wrap(buffer, offset, header.blockLength(), header.version());
                return "ClientCancel " + envelope(d.envelope()) + " instrument=" + d.instrumentId() + " account=" +
                    d.account() + " order=" + d.clientOrderId();
            }
            case ClientExecutionDecoder.TEMPLATE_ID:
            {
                final ClientExecutionDecoder d = new ClientExecutionDecoder()
                    .wrap(buffer, offset, header.blockLength(), header.version());
                return "ClientExecution " + envelope(d.envelope()) + " instrument=" + d.instrumentId() + " id=" +
                    d.executionId() + " buyer=" + d.buyerAccount() + " seller=" + d.sellerAccount() + " " +
                    d.price() + " x " + d.quantity();
            }
            default:
                return "template " + header.templateId();
        }
    }

    /** The reader sets only the event time; the rest must be zero for the publisher to stamp. */
    private static String envelope(final EnvelopeDecoder envelope)
    {
        assertEquals(0, envelope.sequence());
        assertEquals(0, envelope.sourceId());
        assertEquals(0, envelope.sendTime());
        assertEquals(0, envelope.intendedSendTime());
        return "t=" + envelope.eventTime();
    }
}
