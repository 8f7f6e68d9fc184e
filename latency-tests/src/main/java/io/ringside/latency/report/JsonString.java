package io.ringside.latency.report;

import java.util.Locale;

/** A JSON string literal, for the files and pages written by hand here (summary.json, the pages' data blocks). */
public final class JsonString
{
    private JsonString()
    {
    }

    public static String quote(final String value)
    {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : value.toCharArray())
        {
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int)c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
