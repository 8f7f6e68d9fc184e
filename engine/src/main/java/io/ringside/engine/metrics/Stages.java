package io.ringside.engine.metrics;

/**
 * Names of the latency stages, as they appear in summaries, .hgrm files and summary.json. All in ns, on the
 * monotonic clock of the host.
 */
public final class Stages
{
    /** Send (stamped by the feed as it offers) to engine receive. */
    public static final String TRANSPORT = "transport";
    /** Engine receive to the surveillance handler starting on the event. */
    public static final String QUEUE_SURVEILLANCE = "queue.surveillance";
    /** Surveillance handler time on the event. */
    public static final String SERVICE_SURVEILLANCE = "service.surveillance";
    /** Engine receive to the strategy handler starting on the event. */
    public static final String QUEUE_STRATEGY = "queue.strategy";
    /** Strategy handler time on the event. */
    public static final String SERVICE_STRATEGY = "service.strategy";
    /** Egress handler time publishing an event's outputs (events with outputs only). */
    public static final String SERVICE_EGRESS = "service.egress";
    /** Intended send time of the triggering event to its output received by a listener on egress. */
    public static final String END_TO_END = "end_to_end";
    /**
     * Intended send time of the triggering event to its output going onto the egress stream: the publisher's stamp in
     * the frame's reserved value. End to end less the delivery.
     */
    public static final String PUBLISHED = "published";
    /** Output onto the egress stream (the publisher's stamp) to received by the listener: the listener's polling. */
    public static final String DELIVERY = "delivery";
    /** Feed's actual send time minus its intended send time. */
    public static final String PACING_ERROR = "pacing_error";

    /** The order stages are reported in. */
    public static final String[] ALL =
    {
        TRANSPORT, QUEUE_SURVEILLANCE, SERVICE_SURVEILLANCE, QUEUE_STRATEGY, SERVICE_STRATEGY, SERVICE_EGRESS,
        END_TO_END, PUBLISHED, DELIVERY, PACING_ERROR
    };

    private Stages()
    {
    }
}
