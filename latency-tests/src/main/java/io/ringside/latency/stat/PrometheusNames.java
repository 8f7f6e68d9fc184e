package io.ringside.latency.stat;

import java.util.Map;

/**
 * How an engine counter's name becomes a Prometheus series. A name {@code FAMILY.PART} whose family is known becomes
 * one labelled series of that family ({@code rejected.bad_value} is {@code ringside_rejected_total{reason="bad_value"}});
 * the engine's totals of such families ({@code events_in}, {@code rejected}) are left out, as {@code sum()} of the
 * family gives them and exporting both would count everything twice in any sum. A name not known here is still
 * exported, untyped, under its sanitized name, so a counter added to the engine is never silently dropped.
 */
final class PrometheusNames
{
    static final String COUNTER = "counter";
    static final String GAUGE = "gauge";
    static final String UNTYPED = "untyped";

    /** One sample's place: its family (metric name, type, help) and, for a labelled family, its one label. */
    record Series(String metric, String type, String help, String labelName, String labelValue)
    {
    }

    private record Family(String metric, String labelName, String help)
    {
    }

    private record Single(String metric, String type, String help)
    {
    }

    private static final Map<String, Family> FAMILIES = Map.of(
        "events_in", new Family("ringside_events_in_total", "template",
            "Events taken into the ring, by template; sum() is every event."),
        "rejected", new Family("ringside_rejected_total", "reason",
            "Frames refused at ingress, by reason; sum() is every refusal."),
        "handler_errors", new Family("ringside_handler_errors_total", "handler",
            "Exceptions a stage caught and survived, by stage."),
        "outputs_overflow", new Family("ringside_outputs_overflow_total", "output",
            "Outputs an event made beyond the space for them, by kind."),
        "book_grows", new Family("ringside_book_grows_total", "handler",
            "Order books doubled in size, by handler."),
        "snapshots", new Family("ringside_snapshots_total", "outcome",
            "Snapshots, by outcome."));

    private static final Map<String, Single> SINGLES = Map.ofEntries(
        Map.entry("events.undefined_instrument", new Single("ringside_events_undefined_instrument_total", COUNTER,
            "Events accepted for an instrument no definition named.")),
        Map.entry("instruments", new Single("ringside_instruments", GAUGE, "Distinct instruments admitted.")),
        Map.entry("gaps", new Single("ringside_gaps_total", COUNTER, "Jumps in a source's sequence numbers.")),
        Map.entry("gap_missing_events", new Single("ringside_gap_missing_events_total", COUNTER,
            "Events missing in those jumps.")),
        Map.entry("duplicates", new Single("ringside_duplicates_total", COUNTER,
            "Events dropped as repeats of a sequence number already taken.")),
        Map.entry("ring_remaining_capacity", new Single("ringside_ring_remaining_capacity", GAUGE,
            "Free slots in the ring.")),
        Map.entry("alerts", new Single("ringside_alerts_total", COUNTER, "Alerts published.")),
        Map.entry("orders", new Single("ringside_orders_total", COUNTER, "Orders published.")),
        Map.entry("backpressure", new Single("ringside_backpressure_total", COUNTER,
            "Egress offers refused for back-pressure and retried.")),
        Map.entry("undelivered", new Single("ringside_undelivered_total", COUNTER,
            "Outputs given up on, never published.")),
        Map.entry("gc_count", new Single("ringside_gc_count_total", COUNTER, "Garbage collections.")),
        Map.entry("gc_pause_us", new Single("ringside_gc_pause_us_total", COUNTER,
            "Time in garbage collection pauses, microseconds.")),
        Map.entry("heap_after_gc_bytes", new Single("ringside_heap_after_gc_bytes", GAUGE,
            "Heap in use after the latest collection, bytes.")),
        Map.entry("heap_used_bytes", new Single("ringside_heap_used_bytes", GAUGE,
            "Heap in use when last sampled, garbage included, bytes.")),
        Map.entry("snapshot.loaded_events", new Single("ringside_snapshot_loaded_events", GAUGE,
            "Events handled before the snapshot this engine started from.")));

    /** Per source, {@code source.ID.FIELD}: one family per field, the source's id its label. */
    private static final Map<String, Single> SOURCE_FIELDS = Map.of(
        "events", new Single("ringside_source_events_total", COUNTER,
            "Messages taken from a source; rate() of it is the source's events per second."),
        "last_sequence", new Single("ringside_source_last_sequence", GAUGE, "A source's last sequence taken."),
        "last_event_time", new Single("ringside_source_last_event_time_ns", GAUGE,
            "A source's latest event time, epoch ns."),
        "lag_ns", new Single("ringside_source_lag_ns", GAUGE,
            "Wall clock at ingress minus the event time of a source's latest message, ns: large for a replay of "
                + "old data."));

    /** Not a quantity but a hash: exported as a label of a constant 1, as Prometheus exports build versions. */
    static final String OUTPUT_DIGEST = "output_digest";
    static final String OUTPUT_DIGEST_METRIC = "ringside_output_digest_info";
    static final String OUTPUT_DIGEST_HELP = "The running digest of every output published, as the label digest.";

    private PrometheusNames()
    {
    }

    /** True for a total that its family's labelled series add up to, so it is not exported itself. */
    static boolean isFamilyTotal(final String counterName)
    {
        return FAMILIES.containsKey(counterName);
    }

    /** Where the counter of this name goes; not for {@link #isFamilyTotal} names nor {@link #OUTPUT_DIGEST}. */
    static Series of(final String counterName)
    {
        final Single single = SINGLES.get(counterName);
        if (null != single)
        {
            return new Series(single.metric(), single.type(), single.help(), null, null);
        }
        final int dot = counterName.indexOf('.');
        final int lastDot = counterName.lastIndexOf('.');
        if (counterName.startsWith("source.") && lastDot > dot + 1)
        {
            final Single field = SOURCE_FIELDS.get(counterName.substring(lastDot + 1));
            if (null != field)
            {
                return new Series(field.metric(), field.type(), field.help(), "source",
                    counterName.substring(dot + 1, lastDot));
            }
        }
        final Family family = dot > 0 ? FAMILIES.get(counterName.substring(0, dot)) : null;
        if (null != family)
        {
            return new Series(family.metric(), COUNTER, family.help(), family.labelName(),
                counterName.substring(dot + 1));
        }
        return new Series("ringside_" + sanitize(counterName), UNTYPED, "Engine counter " + counterName + ".",
            null, null);
    }

    /** A metric name's characters: [a-zA-Z0-9_], everything else an underscore; lower case, as the rest. */
    static String sanitize(final String name)
    {
        final StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++)
        {
            final char c = Character.toLowerCase(name.charAt(i));
            out.append(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' ? c : '_');
        }
        return out.toString();
    }
}
