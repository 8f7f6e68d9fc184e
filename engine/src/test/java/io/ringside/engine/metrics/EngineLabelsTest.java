package io.ringside.engine.metrics;

import io.ringside.engine.EngineContext;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class EngineLabelsTest
{
    @Test
    void aLabelCarriesTheNameLastAndReadsBackWithAndWithoutIt()
    {
        final String label = EngineLabels.label("ringside: source.7.last_sequence", "desk-a.1");
        assertEquals("ringside: source.7.last_sequence [desk-a.1]", label);
        assertEquals("desk-a.1", EngineLabels.engineName(label));
        assertEquals("ringside: source.7.last_sequence", EngineLabels.withoutName(label));
        // A label from an engine before names: no name, read as it is.
        assertEquals("", EngineLabels.engineName("ringside: events_in"));
        assertEquals("ringside: events_in", EngineLabels.withoutName("ringside: events_in"));
        assertEquals("", EngineLabels.engineName(""));
    }

    @Test
    void aLabelTooLongForAeronLosesTheEndOfWhatItCountsNeverTheName()
    {
        final String name = "n".repeat(EngineLabels.MAX_NAME_LENGTH);
        final String label = EngineLabels.label("ringside: handler_errors.egress." + "X".repeat(400), name);
        assertEquals(CountersReader.MAX_LABEL_LENGTH, label.length());
        assertEquals(name, EngineLabels.engineName(label));
        assertTrue(EngineLabels.withoutName(label).startsWith("ringside: handler_errors.egress.XXX"), label);
    }

    @Test
    void theDefaultNameIsHostAndPidAndABadNameIsRefusedNamingTheSetting()
    {
        final String pid = Long.toString(ProcessHandle.current().pid());
        final String name = EngineLabels.defaultName();
        assertTrue(name.startsWith("ringside-") && name.endsWith("-" + pid), name);
        assertTrue(name.length() <= EngineLabels.MAX_NAME_LENGTH, name);
        EngineLabels.checkName(name);

        final EngineContext ctx = new EngineContext().name(null);
        assertEquals(name, ctx.conclude().name());

        assertEquals("name: must be 1 to 64 characters: '' has 0", assertThrows(IllegalArgumentException.class,
            () -> new EngineContext().name("").conclude()).getMessage());
        assertEquals("name: must be 1 to 64 characters: '" + "x".repeat(65) + "' has 65", assertThrows(
            IllegalArgumentException.class, () -> EngineLabels.checkName("x".repeat(65))).getMessage());
        assertEquals("name: printable ASCII characters only, no spaces or brackets: 'a b' at 2", assertThrows(
            IllegalArgumentException.class, () -> EngineLabels.checkName("a b")).getMessage());
        assertEquals("name: printable ASCII characters only, no spaces or brackets: 'a]' at 2", assertThrows(
            IllegalArgumentException.class, () -> EngineLabels.checkName("a]")).getMessage());
        assertEquals("name: printable ASCII characters only, no spaces or brackets: 'a?' at 2", assertThrows(
            IllegalArgumentException.class, () -> EngineLabels.checkName("a\n")).getMessage());
        EngineLabels.checkName("x".repeat(64));
        EngineLabels.checkName("desk-a_1.prod~!");
    }
}
