package io.ringside.codecs.csv;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The header row of a CSV file: the first non-blank line, after a UTF-8 byte order mark, its column names
 * normalised (surrounding spaces and one pair of double quotes stripped, lower case) and found by name.
 */
final class CsvHeader
{
    private static final int HEAD_LENGTH = 8192;

    private final String fileName;
    private final String[] names;
    private final int linesRead;
    private final int rowsStart;

    /**
     * @throws IllegalArgumentException when the file has no non-blank line.
     */
    CsvHeader(final String fileName, final DirectBuffer file, final int fileLength)
    {
        this.fileName = fileName;
        int start = 0;
        if (fileLength >= 3 && file.getByte(0) == (byte)0xEF && file.getByte(1) == (byte)0xBB &&
            file.getByte(2) == (byte)0xBF)
        {
            start = 3; // UTF-8 byte order mark, as spreadsheet exports write
        }
        int lines = 0;
        while (start < fileLength)
        {
            int end = start;
            while (end < fileLength && file.getByte(end) != '\n')
            {
                end++;
            }
            lines++;
            final String line = file.getStringWithoutLengthAscii(start, end - start);
            if (!line.isBlank())
            {
                this.names = names(line);
                this.linesRead = lines;
                this.rowsStart = end + 1;
                return;
            }
            start = end + 1;
        }
        throw new IllegalArgumentException(fileName + " has no header row: it is empty");
    }

    /** Columns the header names. */
    int count()
    {
        return names.length;
    }

    /** The normalised name of a column. */
    String name(final int column)
    {
        return names[column];
    }

    /** Lines up to and including the header's, blank lines before it counted: the line number of its row. */
    int linesRead()
    {
        return linesRead;
    }

    /** Where the line after the header starts. */
    int rowsStart()
    {
        return rowsStart;
    }

    /**
     * @return the index of the column named {@code name}, or -1.
     * @throws IllegalArgumentException when two columns have the name.
     */
    int column(final String name)
    {
        int found = -1;
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(name))
            {
                if (found >= 0)
                {
                    throw new IllegalArgumentException(fileName + ": column " + name + " appears twice in the header");
                }
                found = i;
            }
        }
        return found;
    }

    /**
     * @return the index of the column named {@code name} or {@code alias}, or -1.
     * @throws IllegalArgumentException when both are there, or either twice.
     */
    int column(final String name, final String alias)
    {
        final int byName = column(name);
        final int byAlias = column(alias);
        if (byName >= 0 && byAlias >= 0)
        {
            throw new IllegalArgumentException(fileName + ": the header has both " + name + " and " + alias);
        }
        return byName >= 0 ? byName : byAlias;
    }

    /** The refusal of a header that lacks required columns; {@code header} is what the reader calls it. */
    IllegalArgumentException missing(final String header, final List<String> missing)
    {
        return new IllegalArgumentException(fileName + ": " + header + " lacks the required column" +
            (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; it has " + joined());
    }

    /** The names as one line, for messages. */
    String joined()
    {
        return String.join(",", names);
    }

    /** A line's comma-separated names, normalised. */
    static String[] names(final String line)
    {
        final String[] names = line.split(",", -1);
        for (int i = 0; i < names.length; i++)
        {
            names[i] = normalise(names[i]);
        }
        return names;
    }

    /** A column name as the header lookups compare it: {@link #strip} then lower case. */
    static String normalise(final String name)
    {
        return strip(name).toLowerCase(Locale.ROOT);
    }

    /** Surrounding spaces, then one pair of surrounding double quotes and the spaces inside them, removed. */
    static String strip(final String value)
    {
        String normal = value.strip();
        if (normal.length() >= 2 && normal.startsWith("\"") && normal.endsWith("\""))
        {
            normal = normal.substring(1, normal.length() - 1).strip();
        }
        return normal;
    }

    /** The first 8 KiB of a file, or all of it when shorter: enough to tell its format by its header. */
    static byte[] head(final Path file) throws IOException
    {
        final byte[] head = new byte[HEAD_LENGTH];
        int length = 0;
        try (InputStream in = Files.newInputStream(file))
        {
            int n;
            while (length < head.length && (n = in.read(head, length, head.length - length)) > 0)
            {
                length += n;
            }
        }
        return Arrays.copyOf(head, length);
    }

    /** The text from {@code start} to the next '\n' or the end of {@code head}. */
    static String line(final byte[] head, final int start)
    {
        int end = start;
        while (end < head.length && head[end] != '\n')
        {
            end++;
        }
        // ISO-8859-1 never fails to decode, so a binary file is simply not a match.
        return new String(head, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Check a market-data CSV's columns (-1 for absent), as {@link CsvReader} reads them.
     *
     * @return the type every row has when there is no type column, else 0.
     */
    byte marketType(
        final int timeColumn, final int symbolColumn, final int typeColumn, final int priceColumn,
        final int quantityColumn, final int bidPriceColumn, final int bidQuantityColumn, final int askPriceColumn,
        final int askQuantityColumn)
    {
        final List<String> missing = new ArrayList<>();
        if (timeColumn < 0)
        {
            missing.add("time");
        }
        if (symbolColumn < 0)
        {
            missing.add("symbol");
        }
        if (!missing.isEmpty())
        {
            throw missing("the header", missing);
        }

        final boolean anyTrade = priceColumn >= 0 || quantityColumn >= 0;
        final boolean anyQuote = bidPriceColumn >= 0 || bidQuantityColumn >= 0 || askPriceColumn >= 0 ||
            askQuantityColumn >= 0;
        if (!anyTrade && !anyQuote)
        {
            throw new IllegalArgumentException(fileName + ": the header has neither trade columns (price, quantity) " +
                "nor quote columns (bid_price, bid_quantity, ask_price, ask_quantity): " + joined());
        }
        if (anyTrade)
        {
            if (priceColumn < 0)
            {
                missing.add("price");
            }
            if (quantityColumn < 0)
            {
                missing.add("quantity");
            }
        }
        if (anyQuote)
        {
            if (bidPriceColumn < 0)
            {
                missing.add("bid_price");
            }
            if (bidQuantityColumn < 0)
            {
                missing.add("bid_quantity");
            }
            if (askPriceColumn < 0)
            {
                missing.add("ask_price");
            }
            if (askQuantityColumn < 0)
            {
                missing.add("ask_quantity");
            }
        }
        if (!missing.isEmpty())
        {
            throw missing("the header", missing);
        }
        if (typeColumn >= 0)
        {
            return 0;
        }
        if (anyTrade && anyQuote)
        {
            throw missing("the header", List.of("type"));
        }
        return anyTrade ? CsvReader.TYPE_TRADE : CsvReader.TYPE_QUOTE;
    }
}
