package io.ringside.codecs.csv;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.TimeSkew;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Both CSV readers: one corrupt time costs its row, and a real gap costs nothing. */
final class CsvTimeSkewTest
{
    /** 2024-03-01T14:30:00Z in ns since the epoch. */
    private static final long T0 = 1_709_303_400_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return true;
    };

    @Test
    void marketDataRowFarAheadThatTheNextRefutesCostsItsRowOnly() throws IOException
    {
        final Path file = write("trades.csv",
            "time,symbol,price,quantity\n" +
            T0 + ",A,1,1\n" +
            (T0 + 1) + ",A,1,2\n" +
            (T0 + 67 * HOUR) + ",B,1,3\n" +   // 4: corrupt; B is not defined by it
            "\n" +
            (T0 + 2) + ",B,1,4\n" +
            (T0 + 5 * HOUR) + ",A,1,5\n" +    // 7: a real gap
            (T0 + 5 * HOUR + 1) + ",A,1,6\n");
        try (CsvReader reader = new CsvReader(file, handler))
        {
            assertEquals(List.of(
                "InstrumentDefinition t=" + T0 + " instrument=1 tick=1 scale=4 symbol=A",
                "TradePrint t=" + T0 + " instrument=1 price=10000 qty=1 match=1 kind=VISIBLE aggressor=NULL_VAL",
                "TradePrint t=" + (T0 + 1) + " instrument=1 price=10000 qty=2 match=2 kind=VISIBLE aggressor=NULL_VAL",
                "InstrumentDefinition t=" + (T0 + 2) + " instrument=2 tick=1 scale=4 symbol=B",
                "TradePrint t=" + (T0 + 2) + " instrument=2 price=10000 qty=4 match=3 kind=VISIBLE aggressor=NULL_VAL",
                "TradePrint t=" + (T0 + 5 * HOUR) + " instrument=1 price=10000 qty=5 match=4 kind=VISIBLE " +
                    "aggressor=NULL_VAL",
                "TradePrint t=" + (T0 + 5 * HOUR + 1) + " instrument=1 price=10000 qty=6 match=5 kind=VISIBLE " +
                    "aggressor=NULL_VAL"),
                CsvFrames.describeAll(reader).stream().map((f) -> f.substring(f.indexOf("schema=7001 ") + 12))
                    .toList());
        }
        assertEquals(List.of("time_skew " + file + ":4 time " + (T0 + 67 * HOUR) + " is more than 1000000000 ns " +
            "after the previous event's " + (T0 + 1) + ", and the next row's " + (T0 + 2) + " is back before it"),
            errors);
    }

    @Test
    void activityRowFarAheadThatTheNextRefutesCostsItsRowOnly() throws IOException
    {
        final String header = "time,event,account,instrument,client_order_id,side,price,quantity,buyer,seller\n";
        final Path file = write("activity.csv", header +
            T0 + ",new,7,1,1,buy,1,100,,\n" +
            (T0 + 67 * HOUR) + ",cancel,7,1,1,,,,,\n" +   // 3: corrupt
            (T0 + 1) + ",cancel,7,1,1,,,,,\n" +
            (T0 + 2 * HOUR) + ",new,7,1,2,buy,1,100,,\n"); // the last row's jump: nothing refutes it
        try (ActivityCsvReader reader = new ActivityCsvReader(file, Map.of(), Map.of(), 4, 0, handler))
        {
            assertEquals(List.of(
                "ClientNewOrder t=" + T0 + " instrument=1 account=7 order=1 BUY 10000 x 100",
                "ClientCancel t=" + (T0 + 1) + " instrument=1 account=7 order=1",
                "ClientNewOrder t=" + (T0 + 2 * HOUR) + " instrument=1 account=7 order=2 BUY 10000 x 100"),
                ActivityCsvReaderTest.describeAll(reader));
            assertEquals(1, reader.cancels());
        }
        assertEquals(List.of("time_skew " + file + ":3 time " + (T0 + 67 * HOUR) + " is more than 1000000000 ns " +
            "after the previous event's " + T0 + ", and the next row's " + (T0 + 1) + " is back before it"), errors);
    }

    @Test
    void aNegativeSkewIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TimeSkew.check(-1));
        assertEquals("the maximum event-time skew must be >= 0: -1 ns", ex.getMessage());
    }

    private Path write(final String name, final String content) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }
}
