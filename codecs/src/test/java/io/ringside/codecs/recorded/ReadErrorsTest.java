package io.ringside.codecs.recorded;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ReadErrorsTest
{
    @Test
    void locatesByLineOrByteCountsAndPassesOnTheHandlersAnswer()
    {
        final List<String> told = new ArrayList<>();
        final ReadErrors errors = new ReadErrors(Path.of("data", "a.csv"), (kind, where, problem) ->
        {
            told.add(kind + " " + where + " " + problem);
            return !kind.equals("stop");
        });

        assertTrue(errors.atLine("malformed_line", 7, "no time"));
        assertFalse(errors.atByte("stop", 5_000_000_000L, "enough"));
        assertEquals(2, errors.count());
        assertEquals(List.of(
            "malformed_line " + Path.of("data", "a.csv") + ":7 no time",
            "stop " + Path.of("data", "a.csv") + "@5000000000 enough"), told);

        errors.reset();
        assertEquals(0, errors.count());
    }
}
