package io.ringside.codecs.csv;

import io.ringside.codecs.sbe.Side;
import org.agrona.DirectBuffer;

/**
 * The text parsers the CSV readers share, over a file mapped into a buffer: exact decimals to fixed point, epoch or
 * ISO-8601 times to epoch nanoseconds, sides. Each returns {@link #OK} and leaves the value in {@link #parsed}, or a
 * refusal code the caller turns into a message naming the column. Allocation-free.
 */
final class CsvText
{
    static final int OK = 0;
    static final int MALFORMED = 1;
    static final int TOO_MANY_DECIMALS = 2;
    static final int MAX_DIGITS = 18;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long[] POWERS_OF_TEN = new long[MAX_DIGITS + 1];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final DirectBuffer file;
    /** Value of the last text parsed, when its parser returned OK. */
    long parsed;

    CsvText(final DirectBuffer file)
    {
        this.file = file;
    }

    /**
     * Exact decimal text to fixed point at {@code scale}: [+-]digits[.digits]. Zeros past the scale are dropped
     * (nothing is lost); any other digit past it is TOO_MANY_DECIMALS.
     */
    int decimal(final int start, final int end, final int scale)
    {
        final DirectBuffer file = this.file;
        int i = start;
        boolean negative = false;
        final byte first = file.getByte(i);
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            i++;
        }
        long value = 0;
        int digits = 0;
        int decimals = 0;
        boolean point = false;
        boolean lostDigit = false;
        boolean sawDigit = false;
        for (; i < end; i++)
        {
            final byte b = file.getByte(i);
            if (b >= '0' && b <= '9')
            {
                sawDigit = true;
                if (point)
                {
                    if (decimals == scale)
                    {
                        lostDigit |= b != '0';
                        continue;
                    }
                    decimals++;
                }
                if (++digits > MAX_DIGITS)
                {
                    return MALFORMED;
                }
                value = value * 10 + (b - '0');
            }
            else if (b == '.' && !point)
            {
                point = true;
            }
            else
            {
                return MALFORMED;
            }
        }
        if (!sawDigit)
        {
            return MALFORMED;
        }
        if (lostDigit)
        {
            return TOO_MANY_DECIMALS;
        }
        final int shift = scale - decimals;
        if (digits + shift > MAX_DIGITS)
        {
            return MALFORMED;
        }
        value *= POWERS_OF_TEN[shift];
        parsed = negative ? -value : value;
        return OK;
    }

    /** buy, sell, b or s, any case; null for anything else. */
    Side side(final int start, final int end)
    {
        final int length = end - start;
        final byte first = lower(start);
        if (first == 'b' && (length == 1 || (length == 3 && lower(start + 1) == 'u' && lower(start + 2) == 'y')))
        {
            return Side.BUY;
        }
        if (first == 's' && (length == 1 ||
            (length == 4 && lower(start + 1) == 'e' && lower(start + 2) == 'l' && lower(start + 3) == 'l')))
        {
            return Side.SELL;
        }
        return null;
    }

    byte lower(final int index)
    {
        final byte b = file.getByte(index);
        return b >= 'A' && b <= 'Z' ? (byte)(b + ('a' - 'A')) : b;
    }

    /** Epoch nanoseconds as an integer, or ISO-8601 date-time with Z or an offset, exactly, into {@link #parsed}. */
    int time(final int start, final int end)
    {
        return end - start > 4 && file.getByte(start + 4) == '-' ?
            parseIsoTime(start, end) : parseEpochNanos(start, end);
    }

    /** What is wrong with a time {@link #time} refused, for the error handler. */
    static String timeProblem(final DirectBuffer file, final int start, final int end, final int result)
    {
        return "time '" + file.getStringWithoutLengthAscii(start, end - start) +
            "' is neither epoch nanoseconds nor an ISO-8601 time with Z or offset" +
            (result == TOO_MANY_DECIMALS ? " (finer than a nanosecond)" : "");
    }

    private int parseEpochNanos(final int start, final int end)
    {
        if (start == end || end - start > 19)
        {
            return MALFORMED;
        }
        long value = 0;
        for (int i = start; i < end; i++)
        {
            final byte b = file.getByte(i);
            if (b < '0' || b > '9')
            {
                return MALFORMED;
            }
            value = value * 10 + (b - '0');
        }
        if (value < 0) // 19 digits past Long.MAX_VALUE wrap, at most once
        {
            return MALFORMED;
        }
        parsed = value;
        return OK;
    }

    private int parseIsoTime(final int start, final int end)
    {
        // yyyy-mm-ddThh:mm:ss is 19 characters, the shortest accepted form before the zone.
        if (end - start < 20 ||
            file.getByte(start + 7) != '-' || !(file.getByte(start + 10) == 'T' || file.getByte(start + 10) == ' ' ||
            file.getByte(start + 10) == 't') || file.getByte(start + 13) != ':' || file.getByte(start + 16) != ':')
        {
            return MALFORMED;
        }
        final int year = digits(start, 4);
        final int month = digits(start + 5, 2);
        final int day = digits(start + 8, 2);
        final int hour = digits(start + 11, 2);
        final int minute = digits(start + 14, 2);
        final int second = digits(start + 17, 2);
        if (year < 1900 || year > 2261 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return MALFORMED; // digits() returns -1 on a non-digit, which fails these too
        }

        int i = start + 19;
        long nanos = 0;
        if (file.getByte(i) == '.')
        {
            i++;
            int decimals = 0;
            while (i < end && isDigit(file.getByte(i)))
            {
                if (++decimals > 9)
                {
                    return TOO_MANY_DECIMALS;
                }
                nanos = nanos * 10 + (file.getByte(i) - '0');
                i++;
            }
            if (decimals == 0)
            {
                return MALFORMED;
            }
            nanos *= POWERS_OF_TEN[9 - decimals];
        }

        if (i >= end)
        {
            return MALFORMED; // no zone: local time is ambiguous
        }
        final byte zone = file.getByte(i);
        int offsetSeconds = 0;
        if (zone == 'Z' || zone == 'z')
        {
            if (i + 1 != end)
            {
                return MALFORMED;
            }
        }
        else if (zone == '+' || zone == '-')
        {
            final int length = end - i - 1;
            final int offsetHours = digits(i + 1, 2);
            int offsetMinutes = 0;
            if (length == 5 && file.getByte(i + 3) == ':')
            {
                offsetMinutes = digits(i + 4, 2);
            }
            else if (length == 4)
            {
                offsetMinutes = digits(i + 3, 2);
            }
            else if (length != 2)
            {
                return MALFORMED;
            }
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59)
            {
                return MALFORMED;
            }
            offsetSeconds = (zone == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        }
        else
        {
            return MALFORMED;
        }

        final long epochSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second -
            offsetSeconds;
        parsed = epochSeconds * NANOS_PER_SECOND + nanos;
        return OK;
    }

    /** {@code count} decimal digits at {@code index} as an int, or -1 when any is not a digit. */
    private int digits(final int index, final int count)
    {
        int value = 0;
        for (int i = index; i < index + count; i++)
        {
            final byte b = file.getByte(i);
            if (!isDigit(b))
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    private static int daysInMonth(final int year, final int month)
    {
        switch (month)
        {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), without java.time. */
    private static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = (y >= 0 ? y : y - 399) / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
