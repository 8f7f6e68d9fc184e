package io.ringside.engine;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** A {@link System.Logger} that keeps what it is given, one line each as "LEVEL message", for tests to read. */
public final class RecordingLogger implements System.Logger
{
    private final StringBuilder lines = new StringBuilder();

    public String getName()
    {
        return "recording";
    }

    public boolean isLoggable(final Level level)
    {
        return true;
    }

    public synchronized void log(
        final Level level, final ResourceBundle bundle, final String message, final Throwable thrown)
    {
        lines.append(level.getName()).append(' ').append(message).append('\n');
    }

    public synchronized void log(final Level level, final ResourceBundle bundle, final String format,
        final Object... params)
    {
        lines.append(level.getName()).append(' ')
            .append(null == params || 0 == params.length ? format : MessageFormat.format(format, params)).append('\n');
    }

    /** Everything logged so far. */
    public synchronized String text()
    {
        return lines.toString();
    }
}
