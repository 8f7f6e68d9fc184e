package io.ringside.transport;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A UDP channel whose endpoint or interface is a wildcard address (0.0.0.0, ::) listens on every interface of the
 * host: any machine that reaches one can send it events. Allowed (a lab network may want it), and said once, at start.
 */
public final class WildcardEndpoints
{
    private WildcardEndpoints()
    {
    }

    /** One line on {@code err} for each channel of these streams on a wildcard address; returns how many. */
    public static int warn(final String who, final List<ArchivingDriver.Stream> streams, final PrintStream err)
    {
        final Set<String> channels = new LinkedHashSet<>();
        for (final ArchivingDriver.Stream stream : streams)
        {
            channels.add(stream.channel());
        }
        int warned = 0;
        for (final String channel : channels)
        {
            final String address = wildcard(channel);
            if (null != address)
            {
                err.println(who + ": warning: " + channel + " is on the wildcard address " + address + ", every "
                    + "interface of this host: any machine that reaches one can send to it; give the address of the "
                    + "interface it is meant for");
                warned++;
            }
        }
        return warned;
    }

    /** The wildcard host of a UDP channel's endpoint or interface; null when it has none. */
    static String wildcard(final String channel)
    {
        final ChannelUri uri;
        try
        {
            uri = ChannelUri.parse(channel);
        }
        catch (final RuntimeException ex)
        {
            return null; // a channel Aeron cannot parse is refused where it is used, with Aeron's own message
        }
        if (!uri.isUdp())
        {
            return null;
        }
        for (final String key : new String[]{ CommonContext.ENDPOINT_PARAM_NAME, CommonContext.INTERFACE_PARAM_NAME })
        {
            final String value = uri.get(key);
            if (null != value)
            {
                final String host = host(value);
                if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("::0") ||
                    host.equals("[::0]"))
                {
                    return host;
                }
            }
        }
        return null;
    }

    /** {@code host:port}, {@code [v6]:port} or {@code host/prefix}: the host. */
    private static String host(final String value)
    {
        if (value.startsWith("["))
        {
            final int close = value.indexOf(']');
            return close > 0 ? value.substring(0, close + 1) : value;
        }
        final int slash = value.indexOf('/');
        final String address = slash >= 0 ? value.substring(0, slash) : value;
        final int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }
}
