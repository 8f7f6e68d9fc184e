package io.ringside.codecs.csv;

import io.ringside.codecs.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class CsvRowTest
{
    private static final String FILE = "time,price,qty,id,side\n" +
        " 2024-03-01T14:30:00Z , 1.25 ,,7,Buy\n" +
        "\r\n" +
        "x,1.255,-1,-3,\n" +
        "1,2\n";

    private final byte[] bytes = FILE.getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer file = new UnsafeBuffer(bytes);
    private final CsvHeader header = new CsvHeader("f.csv", file, bytes.length);
    private final CsvRow row = new CsvRow(file, bytes.length, new CsvText(file), header);

    @Test
    void parsesTheFieldsOfAGoodRow()
    {
        final int lineEnd = row.split(header.rowsStart());
        assertFalse(row.isBlank(header.rowsStart(), lineEnd));
        assertNull(row.checkFieldCount());
        assertNull(row.time(0));
        assertEquals(1_709_303_400_000_000_000L, row.parsed);
        assertNull(row.decimal(1, 2));
        assertEquals(125, row.parsed);
        assertTrue(row.isEmpty(2));
        assertNull(row.optionalDecimal(2, 0, -9));
        assertEquals(-9, row.parsed);
        assertNull(row.wholeNumber(3));
        assertEquals(7, row.parsed);
        assertTrue(row.is(4, "buy"));
        assertEquals(Side.BUY, row.side(4));
        assertEquals("'Buy'", row.quoted(4));

        final int blankStart = lineEnd + 1;
        assertTrue(row.isBlank(blankStart, row.split(blankStart)));
    }

    @Test
    void refusesNamingTheColumn()
    {
        int start = header.rowsStart();
        start = row.split(start) + 1;
        start = row.split(start) + 1;
        final int lineEnd = row.split(start);
        assertNull(row.checkFieldCount());
        assertEquals(CsvRow.MALFORMED_FIELD, row.time(0));
        assertEquals(CsvRow.TOO_MANY_DECIMALS, row.decimal(1, 2));
        assertEquals("price '1.255' has more than 2 decimals", row.problem);
        assertEquals(CsvRow.MALFORMED_FIELD, row.wholeNumber(3));
        assertEquals("id is '-3', not a whole number from 0", row.problem);
        assertEquals(CsvRow.MALFORMED_FIELD, row.decimal(4, 0));
        assertEquals("side is empty", row.problem);

        row.split(lineEnd + 1);
        assertEquals(CsvRow.WRONG_COLUMN_COUNT, row.checkFieldCount());
        assertEquals("2 fields; the header has 5", row.problem);
    }
}
