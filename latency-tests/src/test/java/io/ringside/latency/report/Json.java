package io.ringside.latency.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, minimal JSON parser for the tests: objects (as insertion-ordered maps, duplicate keys refused), arrays,
 * strings, numbers (as Long when integral, else Double), true, false, null. Anything else is an error.
 */
public final class Json
{
    private final String text;
    private int position;

    private Json(final String text)
    {
        this.text = text;
    }

    public static Object parse(final String text)
    {
        final Json json = new Json(text);
        final Object value = json.value();
        json.whitespace();
        if (json.position != text.length())
        {
            throw json.error("trailing characters");
        }
        return value;
    }

    private Object value()
    {
        whitespace();
        if (position >= text.length())
        {
            throw error("unexpected end");
        }
        final char c = text.charAt(position);
        return switch (c)
        {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        expect('{');
        whitespace();
        if (peek() == '}')
        {
            position++;
            return object;
        }
        while (true)
        {
            whitespace();
            final String key = string();
            whitespace();
            expect(':');
            final Object value = value();
            if (object.containsKey(key))
            {
                throw error("duplicate key " + key);
            }
            object.put(key, value);
            whitespace();
            if (peek() == ',')
            {
                position++;
                continue;
            }
            expect('}');
            return object;
        }
    }

    private List<Object> array()
    {
        final List<Object> array = new ArrayList<>();
        expect('[');
        whitespace();
        if (peek() == ']')
        {
            position++;
            return array;
        }
        while (true)
        {
            array.add(value());
            whitespace();
            if (peek() == ',')
            {
                position++;
                continue;
            }
            expect(']');
            return array;
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            if (position >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(position++);
            if (c == '"')
            {
                return out.toString();
            }
            if (c < 0x20)
            {
                throw error("raw control character in a string");
            }
            if (c != '\\')
            {
                out.append(c);
                continue;
            }
            final char escaped = text.charAt(position++);
            switch (escaped)
            {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' ->
                {
                    out.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                }
                default -> throw error("bad escape \\" + escaped);
            }
        }
    }

    private Object number()
    {
        final int start = position;
        if (peek() == '-')
        {
            position++;
        }
        final int digits = position;
        while (position < text.length() && Character.isDigit(text.charAt(position)))
        {
            position++;
        }
        if (position == digits || (text.charAt(digits) == '0' && position - digits > 1))
        {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek() == '.')
        {
            integral = false;
            position++;
            final int fraction = position;
            while (position < text.length() && Character.isDigit(text.charAt(position)))
            {
                position++;
            }
            if (position == fraction)
            {
                throw error("bad number");
            }
        }
        if (peek() == 'e' || peek() == 'E')
        {
            integral = false;
            position++;
            if (peek() == '+' || peek() == '-')
            {
                position++;
            }
            final int exponent = position;
            while (position < text.length() && Character.isDigit(text.charAt(position)))
            {
                position++;
            }
            if (position == exponent)
            {
                throw error("bad number");
            }
        }
        final String number = text.substring(start, position);
        return integral ? (Object)Long.parseLong(number) : (Object)Double.parseDouble(number);
    }

    private Object literal(final String literal, final Object value)
    {
        if (!text.startsWith(literal, position))
        {
            throw error("unknown literal");
        }
        position += literal.length();
        return value;
    }

    private void whitespace()
    {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
    }

    private char peek()
    {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private IllegalArgumentException error(final String problem)
    {
        return new IllegalArgumentException("invalid JSON at " + position + ": " + problem + " in:\n" + text);
    }
}
