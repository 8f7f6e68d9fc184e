package io.ringside.codecs.csv;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class CsvHeaderTest
{
    @Test
    void findsTheFirstNonBlankLineAfterAByteOrderMarkAndNormalisesItsNames()
    {
        final String text = "\uFEFF\n  \r\n Time ,\"SYMBOL\",\" Bid_Size \",extra\n1,A,2,3\n";
        final CsvHeader header = header(text);

        assertEquals(4, header.count());
        assertEquals("bid_size", header.name(2));
        assertEquals("time,symbol,bid_size,extra", header.joined());
        assertEquals(3, header.linesRead());
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals('1', bytes[header.rowsStart()]);

        assertEquals(0, header.column("time"));
        assertEquals(-1, header.column("price"));
        assertEquals(2, header.column("bid_quantity", "bid_size"));
    }

    @Test
    void refusesAnEmptyFileTwiceNamedColumnsAndAColumnWithItsAlias()
    {
        assertEquals("f.csv has no header row: it is empty",
            assertThrows(IllegalArgumentException.class, () -> header(" \n\r\n")).getMessage());
        assertEquals("f.csv: column time appears twice in the header",
            assertThrows(IllegalArgumentException.class, () -> header("time,TIME\n").column("time")).getMessage());
        assertEquals("f.csv: the header has both quantity and size", assertThrows(IllegalArgumentException.class,
            () -> header("quantity,size\n").column("quantity", "size")).getMessage());
        assertEquals("f.csv: the header lacks the required columns time, symbol; it has price",
            header("price\n").missing("the header", List.of("time", "symbol")).getMessage());
    }

    @Test
    void stripsOnePairOfQuotesAndTheSpacesInside()
    {
        assertEquals("a b", CsvHeader.strip("  \" a b \"  "));
        assertEquals("\"x\"", CsvHeader.strip("\"\"x\"\""));
        assertArrayEquals(new String[]{"time", "", "symbol"}, CsvHeader.names("TIME,,\"Symbol\""));
        assertEquals("time,symbol", CsvHeader.line("time,symbol\nrest".getBytes(StandardCharsets.US_ASCII), 0));
    }

    private static CsvHeader header(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new CsvHeader("f.csv", new UnsafeBuffer(bytes), bytes.length);
    }
}
