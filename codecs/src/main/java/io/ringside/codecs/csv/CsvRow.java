package io.ringside.codecs.csv;

import io.ringside.codecs.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The CSV line being read: its fields, found in place and trimmed, and their parsing with refusals that name the
 * column, as both CSV readers need before they know what the row means. A parse returns null and leaves its value in
 * {@link #parsed}, or returns the refusal's kind and leaves what is wrong in {@link #problem}. Allocates only to
 * describe a refusal.
 */
final class CsvRow
{
    // Kinds of refusal, as the error handler is told them.
    static final String WRONG_COLUMN_COUNT = "wrong_column_count";
    static final String MALFORMED_FIELD = "malformed_field";
    static final String TOO_MANY_DECIMALS = "too_many_decimals";
    /** A price, or a quantity, that is not above 0: no venue trades or quotes at 0 or below. */
    static final String BAD_PRICE = "bad_price";
    static final String BAD_QUANTITY = "bad_quantity";

    private final UnsafeBuffer file;
    private final int fileLength;
    private final CsvText text;
    private final CsvHeader header;
    private final int[] fieldStart;
    private final int[] fieldEnd;
    /** Fields the last split line had, whether or not the header has that many. */
    private int fields;

    /** Value of the last field parsed, when its parse returned null. */
    long parsed;
    /** What is wrong with the row, once a parse or the reader has refused it. */
    String problem;

    CsvRow(final UnsafeBuffer file, final int fileLength, final CsvText text, final CsvHeader header)
    {
        this.file = file;
        this.fileLength = fileLength;
        this.text = text;
        this.header = header;
        this.fieldStart = new int[header.count()];
        this.fieldEnd = new int[header.count()];
    }

    /**
     * Find the fields of the line starting at {@code lineStart}, trimmed of spaces and one pair of double quotes: as
     * many as the header has, and the count of all.
     *
     * @return the index of the line's '\n', or the file length.
     */
    int split(final int lineStart)
    {
        final UnsafeBuffer file = this.file;
        final int fileLength = this.fileLength;
        final int capacity = fieldStart.length;
        int count = 0;
        int fieldBegin = lineStart;
        int i = lineStart;
        while (true)
        {
            final byte b = i < fileLength ? file.getByte(i) : (byte)'\n';
            if (b == ',' || b == '\n')
            {
                if (count < capacity)
                {
                    trimInto(count, fieldBegin, i);
                }
                count++;
                if (b == '\n')
                {
                    break;
                }
                fieldBegin = i + 1;
            }
            i++;
        }
        fields = count;
        return i;
    }

    /** True when the line from {@code lineStart} to {@code lineEnd} is empty or a lone '\r'. */
    boolean isBlank(final int lineStart, final int lineEnd)
    {
        return lineEnd == lineStart || (lineEnd == lineStart + 1 && file.getByte(lineStart) == '\r');
    }

    /** A new row: null when it has as many fields as the header, else {@link #WRONG_COLUMN_COUNT}. */
    String checkFieldCount()
    {
        problem = null;
        if (fields != header.count())
        {
            problem = fields + " fields; the header has " + header.count();
            return WRONG_COLUMN_COUNT;
        }
        return null;
    }

    int start(final int column)
    {
        return fieldStart[column];
    }

    int end(final int column)
    {
        return fieldEnd[column];
    }

    boolean isEmpty(final int column)
    {
        return fieldStart[column] == fieldEnd[column];
    }

    /** The byte at {@code index}, ASCII letters in lower case. */
    byte lower(final int index)
    {
        return text.lower(index);
    }

    /** True when the field is {@code lowerCase} in any case. */
    boolean is(final int column, final String lowerCase)
    {
        final int start = fieldStart[column];
        if (fieldEnd[column] - start != lowerCase.length())
        {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++)
        {
            if (text.lower(start + i) != lowerCase.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /** The field quoted, for messages. */
    String quoted(final int column)
    {
        return "'" + file.getStringWithoutLengthAscii(fieldStart[column], fieldEnd[column] - fieldStart[column]) + "'";
    }

    /** Epoch nanoseconds, or ISO-8601 with a zone: see {@link CsvText#time}. */
    String time(final int column)
    {
        final int start = fieldStart[column];
        final int end = fieldEnd[column];
        final int result = text.time(start, end);
        parsed = text.parsed;
        if (result != CsvText.OK)
        {
            problem = CsvText.timeProblem(file, start, end, result);
            return MALFORMED_FIELD;
        }
        return null;
    }

    /**
     * The time in {@code column} of the first row from {@code from} on whose time reads, among the next few rows (a
     * look past a jump in time: {@link io.ringside.codecs.recorded.TimeSkew}); Long.MIN_VALUE when there is none.
     * Leaves the split row as it is.
     */
    long nextTime(final int from, final int column)
    {
        int lineStart = from;
        for (int i = 0; i < io.ringside.codecs.recorded.TimeSkew.LOOKAHEAD_RECORDS && lineStart < fileLength; i++)
        {
            int field = 0;
            int fieldBegin = lineStart;
            int at = lineStart;
            long time = Long.MIN_VALUE;
            while (true)
            {
                final byte b = at < fileLength ? file.getByte(at) : (byte)'\n';
                if (b == ',' || b == '\n')
                {
                    if (field == column)
                    {
                        int s = fieldBegin;
                        int e = at;
                        while (s < e && isSpace(file.getByte(s)))
                        {
                            s++;
                        }
                        while (e > s && isSpace(file.getByte(e - 1)))
                        {
                            e--;
                        }
                        if (e - s >= 2 && file.getByte(s) == '"' && file.getByte(e - 1) == '"')
                        {
                            s++;
                            e--;
                        }
                        time = e > s && text.time(s, e) == CsvText.OK ? text.parsed : Long.MIN_VALUE;
                    }
                    if (b == '\n')
                    {
                        break;
                    }
                    field++;
                    fieldBegin = at + 1;
                }
                at++;
            }
            if (time != Long.MIN_VALUE)
            {
                return time;
            }
            lineStart = at + 1;
        }
        return Long.MIN_VALUE;
    }

    /** buy, sell, b or s in any case; null for anything else. Not for an empty field. */
    Side side(final int column)
    {
        return text.side(fieldStart[column], fieldEnd[column]);
    }

    /** A decimal at {@code scale}, exactly; empty is refused. */
    String decimal(final int column, final int scale)
    {
        if (isEmpty(column))
        {
            problem = header.name(column) + " is empty";
            return MALFORMED_FIELD;
        }
        return decimalResult(column, scale);
    }

    /** A decimal at {@code scale}, exactly; empty is {@code emptyValue}. */
    String optionalDecimal(final int column, final int scale, final long emptyValue)
    {
        if (isEmpty(column))
        {
            parsed = emptyValue;
            return null;
        }
        return decimalResult(column, scale);
    }

    /** Refuse the row for the field's value not being above 0, as {@code kind}. */
    String notAboveZero(final int column, final String kind)
    {
        problem = header.name(column) + " " + quoted(column) + " is not above 0";
        return kind;
    }

    /** A whole number from 0. */
    String wholeNumber(final int column)
    {
        if (isEmpty(column) || text.decimal(fieldStart[column], fieldEnd[column], 0) != CsvText.OK || text.parsed < 0)
        {
            problem = header.name(column) + " is " + quoted(column) + ", not a whole number from 0";
            return MALFORMED_FIELD;
        }
        parsed = text.parsed;
        return null;
    }

    private String decimalResult(final int column, final int scale)
    {
        final int result = text.decimal(fieldStart[column], fieldEnd[column], scale);
        parsed = text.parsed;
        if (result == CsvText.OK)
        {
            return null;
        }
        if (result == CsvText.TOO_MANY_DECIMALS)
        {
            problem = header.name(column) + " " + quoted(column) + " has more than " + scale + " decimals";
            return TOO_MANY_DECIMALS;
        }
        problem = header.name(column) + " " + quoted(column) + " is not a decimal number of at most " +
            CsvText.MAX_DIGITS + " digits";
        return MALFORMED_FIELD;
    }

    private void trimInto(final int field, final int begin, final int end)
    {
        int s = begin;
        int e = end;
        while (s < e && isSpace(file.getByte(s)))
        {
            s++;
        }
        while (e > s && isSpace(file.getByte(e - 1)))
        {
            e--;
        }
        if (e - s >= 2 && file.getByte(s) == '"' && file.getByte(e - 1) == '"')
        {
            s++;
            e--;
        }
        fieldStart[field] = s;
        fieldEnd[field] = e;
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
