package io.ringside.latency.stat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping's rules, including for counters the engine may gain later. */
final class PrometheusNamesTest
{
    @Test
    void aCounterOfAKnownFamilyIsOneLabelledSeriesOfItAndTheFamilyTotalIsLeftToSum()
    {
        assertEquals(new PrometheusNames.Series("ringside_rejected_total", "counter",
            "Frames refused at ingress, by reason; sum() is every refusal.", "reason", "bad_value"),
            PrometheusNames.of("rejected.bad_value"));
        final PrometheusNames.Series added = PrometheusNames.of("rejected.some_reason_added_later");
        assertEquals("ringside_rejected_total", added.metric());
        assertEquals("some_reason_added_later", added.labelValue());
        assertEquals("template", PrometheusNames.of("events_in.add_order").labelName());
        assertTrue(PrometheusNames.isFamilyTotal("rejected"));
        assertTrue(PrometheusNames.isFamilyTotal("events_in"));
        assertFalse(PrometheusNames.isFamilyTotal("rejected.bad_value"));
    }

    @Test
    void anUnknownCounterIsStillExportedUntypedUnderItsSanitizedName()
    {
        final PrometheusNames.Series unknown = PrometheusNames.of("New-Thing.per second");
        assertEquals("ringside_new_thing_per_second", unknown.metric());
        assertEquals("untyped", unknown.type());
        assertEquals(null, unknown.labelName());
        assertEquals("ringside_instruments", PrometheusNames.of("instruments").metric());
        assertEquals("gauge", PrometheusNames.of("instruments").type());
        assertEquals("ringside_gaps_total", PrometheusNames.of("gaps").metric());
    }

    @Test
    void aSourcesCountersAreOneFamilyPerFieldLabelledWithTheSource()
    {
        assertEquals(new PrometheusNames.Series("ringside_source_events_total", "counter",
            "Messages taken from a source; rate() of it is the source's events per second.", "source", "9000"),
            PrometheusNames.of("source.9000.events"));
        assertEquals(new PrometheusNames.Series("ringside_source_lag_ns", "gauge",
            "Wall clock at ingress minus the event time of a source's latest message, ns: large for a replay of "
                + "old data.", "source", "2147483647"), PrometheusNames.of("source.2147483647.lag_ns"));
        assertEquals("ringside_source_last_sequence", PrometheusNames.of("source.1.last_sequence").metric());
        assertEquals("ringside_source_last_event_time_ns", PrometheusNames.of("source.1.last_event_time").metric());
        // A field this build does not know: exported untyped, as any unknown counter.
        assertEquals("ringside_source_1_other", PrometheusNames.of("source.1.other").metric());
        assertEquals("untyped", PrometheusNames.of("source.1.other").type());
    }
}
