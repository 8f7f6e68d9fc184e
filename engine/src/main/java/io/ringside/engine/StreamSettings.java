package io.ringside.engine;

import io.aeron.ChannelUri;
import io.ringside.transport.ArchivingDriver;

import java.util.List;

/**
 * Every stream the engine reads and writes: market data and client activity in, alerts and orders out. Part of an
 * {@link EngineContext}, checked when it concludes.
 */
public final class StreamSettings
{
    public static final String DEFAULT_CHANNEL = "aeron:ipc";
    public static final int DEFAULT_INGRESS_STREAM_ID = 1001;
    public static final int DEFAULT_ALERT_STREAM_ID = 1002;
    public static final int DEFAULT_ORDER_STREAM_ID = 1003;
    /** Client trading activity (orders, cancels, executions) has its own stream beside market data. */
    public static final int DEFAULT_ACTIVITY_STREAM_ID = 1004;
    public static final int DEFAULT_DEAD_LETTER_STREAM_ID = 1005;
    /** Operators' commands and the engine's own timers, on the ingress channel: an input like the others. */
    public static final int DEFAULT_CONTROL_STREAM_ID = 1006;
    /** What became of each command, on the egress channel. */
    public static final int DEFAULT_CONTROL_RESPONSE_STREAM_ID = 1007;

    private String ingressChannel = DEFAULT_CHANNEL;
    private int ingressStreamId = DEFAULT_INGRESS_STREAM_ID;
    /** Null until concluded: then the ingress channel unless set. */
    private String activityChannel;
    private int activityStreamId = DEFAULT_ACTIVITY_STREAM_ID;
    private String egressChannel = DEFAULT_CHANNEL;
    private int alertStreamId = DEFAULT_ALERT_STREAM_ID;
    private int orderStreamId = DEFAULT_ORDER_STREAM_ID;
    private int deadLetterStreamId = DEFAULT_DEAD_LETTER_STREAM_ID;
    private int controlStreamId = DEFAULT_CONTROL_STREAM_ID;
    private int controlResponseStreamId = DEFAULT_CONTROL_RESPONSE_STREAM_ID;

    /**
     * Fill the activity channel when unset and check that every stream is one of its own.
     *
     * @throws IllegalArgumentException naming the first bad setting.
     */
    void conclude()
    {
        checkChannel("ingress-channel", ingressChannel);
        checkChannel("egress-channel", egressChannel);
        checkStreamId("ingress-stream", ingressStreamId);
        checkStreamId("alert-stream", alertStreamId);
        checkStreamId("order-stream", orderStreamId);
        if (null == activityChannel)
        {
            activityChannel = ingressChannel;
        }
        checkChannel("activity-channel", activityChannel);
        checkStreamId("activity-stream", activityStreamId);
        if (activityChannel.equals(ingressChannel) && activityStreamId == ingressStreamId)
        {
            throw new IllegalArgumentException("activity-stream: must differ from ingress-stream (" + ingressStreamId +
                ") on the same channel, client activity has its own stream");
        }
        if (activityChannel.equals(egressChannel) &&
            (activityStreamId == alertStreamId || activityStreamId == orderStreamId))
        {
            throw new IllegalArgumentException(
                "activity-stream: " + activityStreamId + " is also an egress stream on the same channel");
        }
        if (alertStreamId == orderStreamId)
        {
            throw new IllegalArgumentException("order-stream: must differ from alert-stream (" + alertStreamId +
                "), alerts and orders have their own streams");
        }
        if (ingressChannel.equals(egressChannel) &&
            (ingressStreamId == alertStreamId || ingressStreamId == orderStreamId))
        {
            throw new IllegalArgumentException(
                "ingress-stream: " + ingressStreamId + " is also an egress stream on the same channel");
        }
        checkStreamId("dead-letter-stream", deadLetterStreamId);
        checkStreamId("control-stream", controlStreamId);
        checkStreamId("control-response-stream", controlResponseStreamId);
        final java.util.Set<String> streams = new java.util.HashSet<>();
        for (final ArchivingDriver.Stream stream : allStreams())
        {
            if (!streams.add(stream.channel() + " " + stream.streamId()))
            {
                throw new IllegalArgumentException("stream " + stream.streamId() + " on " + stream.channel() +
                    " is given to two of the engine's streams; each needs its own");
            }
        }
        if (deadLetterStreamId == alertStreamId || deadLetterStreamId == orderStreamId ||
            (egressChannel.equals(ingressChannel) && deadLetterStreamId == ingressStreamId) ||
            (egressChannel.equals(activityChannel) && deadLetterStreamId == activityStreamId))
        {
            throw new IllegalArgumentException("dead-letter-stream: " + deadLetterStreamId +
                " is already another stream of the engine on the egress channel");
        }
    }

    /**
     * The engine's ingress streams: what the archive records and, in durable mode, what the engine replays. A new
     * ingress stream is added here and nowhere else.
     */
    public List<ArchivingDriver.Stream> ingressStreams()
    {
        return List.of(
            new ArchivingDriver.Stream(ingressChannel, ingressStreamId),
            new ArchivingDriver.Stream(activityChannel, activityStreamId),
            controlStream());
    }

    /** Commands and timers: on the ingress channel, recorded and replayed like the other inputs. */
    public ArchivingDriver.Stream controlStream()
    {
        return new ArchivingDriver.Stream(ingressChannel, controlStreamId);
    }

    public ArchivingDriver.Stream controlResponseStream()
    {
        return new ArchivingDriver.Stream(egressChannel, controlResponseStreamId);
    }

    public int controlStreamId()
    {
        return controlStreamId;
    }

    public StreamSettings controlStreamId(final int controlStreamId)
    {
        this.controlStreamId = controlStreamId;
        return this;
    }

    public int controlResponseStreamId()
    {
        return controlResponseStreamId;
    }

    public StreamSettings controlResponseStreamId(final int controlResponseStreamId)
    {
        this.controlResponseStreamId = controlResponseStreamId;
        return this;
    }

    private List<ArchivingDriver.Stream> allStreams()
    {
        return List.of(
            new ArchivingDriver.Stream(ingressChannel, ingressStreamId),
            new ArchivingDriver.Stream(activityChannel, activityStreamId),
            controlStream(),
            new ArchivingDriver.Stream(egressChannel, alertStreamId),
            new ArchivingDriver.Stream(egressChannel, orderStreamId),
            deadLetterStream(),
            controlResponseStream());
    }

    /** The engine's egress streams, recorded so a restarted engine knows what it already published. */
    public List<ArchivingDriver.Stream> egressStreams()
    {
        return List.of(
            new ArchivingDriver.Stream(egressChannel, alertStreamId),
            new ArchivingDriver.Stream(egressChannel, orderStreamId));
    }

    /** Where the engine publishes what it refused or failed on, on the egress channel; recorded with the rest. */
    public ArchivingDriver.Stream deadLetterStream()
    {
        return new ArchivingDriver.Stream(egressChannel, deadLetterStreamId);
    }

    public int deadLetterStreamId()
    {
        return deadLetterStreamId;
    }

    public StreamSettings deadLetterStreamId(final int deadLetterStreamId)
    {
        this.deadLetterStreamId = deadLetterStreamId;
        return this;
    }

    public String ingressChannel()
    {
        return ingressChannel;
    }

    public StreamSettings ingressChannel(final String ingressChannel)
    {
        this.ingressChannel = ingressChannel;
        return this;
    }

    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    public StreamSettings ingressStreamId(final int ingressStreamId)
    {
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    /** Where client trading activity arrives; the ingress channel unless set. */
    public String activityChannel()
    {
        return activityChannel;
    }

    public StreamSettings activityChannel(final String activityChannel)
    {
        this.activityChannel = activityChannel;
        return this;
    }

    public int activityStreamId()
    {
        return activityStreamId;
    }

    public StreamSettings activityStreamId(final int activityStreamId)
    {
        this.activityStreamId = activityStreamId;
        return this;
    }

    public String egressChannel()
    {
        return egressChannel;
    }

    public StreamSettings egressChannel(final String egressChannel)
    {
        this.egressChannel = egressChannel;
        return this;
    }

    public int alertStreamId()
    {
        return alertStreamId;
    }

    public StreamSettings alertStreamId(final int alertStreamId)
    {
        this.alertStreamId = alertStreamId;
        return this;
    }

    public int orderStreamId()
    {
        return orderStreamId;
    }

    public StreamSettings orderStreamId(final int orderStreamId)
    {
        this.orderStreamId = orderStreamId;
        return this;
    }

    private static void checkChannel(final String setting, final String channel)
    {
        try
        {
            final ChannelUri uri = ChannelUri.parse(channel);
            if (!uri.isIpc() && !uri.isUdp())
            {
                throw new IllegalArgumentException(
                    setting + ": expected an aeron:ipc or aeron:udp channel: " + channel);
            }
            if (uri.isUdp() && null == uri.get("endpoint") && null == uri.get("control"))
            {
                throw new IllegalArgumentException(setting + ": a udp channel needs endpoint=host:port: " + channel);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw ex.getMessage() != null && ex.getMessage().startsWith(setting) ? ex : new IllegalArgumentException(
                setting + ": not an Aeron channel: " + channel + " (" + ex.getMessage() + ")");
        }
    }

    static void checkStreamId(final String setting, final int streamId)
    {
        if (streamId == 0)
        {
            throw new IllegalArgumentException(setting + ": stream id 0 is reserved");
        }
    }
}
