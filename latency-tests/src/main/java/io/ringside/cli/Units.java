package io.ringside.cli;

import org.agrona.SystemUtil;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes and durations written as Aeron writes them in its own properties ({@code 16m}, {@code 64k}; {@code 5s},
 * {@code 500us}, {@code 10ms}), read by Agrona's own parsers so an operator's habits carry over.
 */
final class Units
{
    private Units()
    {
    }

    /** Bytes: a number, optionally followed by k, m or g (powers of 1024). */
    static final class Size implements ITypeConverter<Long>
    {
        public Long convert(final String value)
        {
            try
            {
                return SystemUtil.parseSize("size", value);
            }
            catch (final RuntimeException ex)
            {
                throw new TypeConversionException(
                    "'" + value + "' is not a size: bytes, optionally with k, m or g (64k, 16m, 1g)");
            }
        }
    }

    /** Bytes that must fit an int, as Aeron's term and segment lengths do. */
    static final class IntSize implements ITypeConverter<Integer>
    {
        public Integer convert(final String value)
        {
            final long size = new Size().convert(value);
            if (size > Integer.MAX_VALUE)
            {
                throw new TypeConversionException("'" + value + "' is too large: at most 1g");
            }
            return (int)size;
        }
    }

    /** Nanoseconds: a number with a unit, s, ms, us or ns (a bare number is ns, as in Aeron). */
    static final class Duration implements ITypeConverter<Long>
    {
        public Long convert(final String value)
        {
            try
            {
                return SystemUtil.parseDuration("duration", value);
            }
            catch (final RuntimeException ex)
            {
                throw new TypeConversionException(
                    "'" + value + "' is not a duration: a number with s, ms, us or ns (5s, 10ms, 500us)");
            }
        }
    }
}
