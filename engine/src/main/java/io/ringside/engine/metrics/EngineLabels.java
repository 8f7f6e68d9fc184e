package io.ringside.engine.metrics;

import org.agrona.concurrent.status.CountersReader;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An engine's name and how it goes into its counters' labels: {@code ringside: events_in [NAME]}. Several engines may
 * share one media driver; each labels every counter it allocates with its name, so AeronStat, {@code ringside stat}
 * and the exporter tell them apart. The name goes last, in brackets, so a reader that looks for a counter by what it
 * counts takes the label without its last bracketed part (and a label from an engine before names, without one, is
 * read the same).
 */
public final class EngineLabels
{
    /** Short enough that the longest counter name and the name fit in Aeron's label with room to spare. */
    public static final int MAX_NAME_LENGTH = 64;
    private static final String NAME_OPEN = " [";
    private static final char NAME_CLOSE = ']';

    private EngineLabels()
    {
    }

    /** {@code ringside-HOST-PID}: unique on a host, so two engines started alike on one driver differ anyway. */
    public static String defaultName()
    {
        final String prefix = "ringside-";
        final String pid = "-" + ProcessHandle.current().pid();
        String host = sanitize(hostName());
        final int room = MAX_NAME_LENGTH - prefix.length() - pid.length();
        if (host.length() > room)
        {
            host = host.substring(0, room);
        }
        return prefix + host + pid;
    }

    /**
     * @throws IllegalArgumentException unless {@code name} is 1 to {@link #MAX_NAME_LENGTH} printable ASCII characters
     *                                  without spaces or brackets (which would make its labels ambiguous).
     */
    public static void checkName(final String name)
    {
        if (null == name || name.isEmpty() || name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("name: must be 1 to " + MAX_NAME_LENGTH + " characters: " +
                (null == name ? "none" : "'" + name + "' has " + name.length()));
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c <= ' ' || c > '~' || '[' == c || ']' == c)
            {
                throw new IllegalArgumentException("name: printable ASCII characters only, no spaces or brackets: '" +
                    name.replaceAll("[^\\x20-\\x7e]", "?") + "' at " + (i + 1));
            }
        }
    }

    /** {@code what} labelled with the engine's name, shortened from the end of {@code what} should it not fit. */
    public static String label(final String what, final String engineName)
    {
        final String suffix = NAME_OPEN + engineName + NAME_CLOSE;
        final int room = CountersReader.MAX_LABEL_LENGTH - suffix.length();
        return (what.length() > room ? what.substring(0, room) : what) + suffix;
    }

    /** The engine's name a label carries; empty when it carries none. */
    public static String engineName(final String label)
    {
        final int open = nameStart(label);
        return open < 0 ? "" : label.substring(open + NAME_OPEN.length(), label.length() - 1);
    }

    /** The label without the engine's name: what the counter is, as engines wrote it before they had names. */
    public static String withoutName(final String label)
    {
        final int open = nameStart(label);
        return open < 0 ? label : label.substring(0, open);
    }

    private static int nameStart(final String label)
    {
        return label.isEmpty() || NAME_CLOSE != label.charAt(label.length() - 1) ? -1 : label.lastIndexOf(NAME_OPEN);
    }

    private static String hostName()
    {
        try
        {
            final String host = InetAddress.getLocalHost().getHostName();
            final int dot = host.indexOf('.');
            return dot > 0 ? host.substring(0, dot) : host;
        }
        catch (final UnknownHostException | SecurityException ex)
        {
            return "localhost";
        }
    }

    private static String sanitize(final String host)
    {
        final StringBuilder out = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            out.append(c > ' ' && c <= '~' && '[' != c && ']' != c ? c : '_');
        }
        return out.isEmpty() ? "localhost" : out.toString();
    }
}
