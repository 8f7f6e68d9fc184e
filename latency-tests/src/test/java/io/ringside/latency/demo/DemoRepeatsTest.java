package io.ringside.latency.demo;

import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Stages;
import io.ringside.latency.report.PacingCheck;
import io.ringside.latency.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo, as {@code ringside demo} runs it (the bundled AAPL hour, the scenario files, the example configuration,
 * 50,000 events/s), twice: with its warm-up pass and without. One replay is one order of events at the engine, and the
 * warm-up runs on an engine of its own, so both measured passes give the same outputs.
 */
final class DemoRepeatsTest
{
    /** The project directory, from this module's. */
    private static final Path HOME = Path.of("..");

    @TempDir
    Path tempDir;

    @Test
    void theDemoGivesTheSameOutputsEveryRun() throws IOException
    {
        final Properties first = run("first", Demo.DEFAULT_WARMUP_PASSES);
        final Properties second = run("second", 0);

        assertEquals("16", first.getProperty("alerts"));
        assertEquals("26165", first.getProperty("orders"));
        assertEquals("0", first.getProperty("rejected"));
        assertEquals(first.getProperty("alerts"), second.getProperty("alerts"));
        assertEquals(first.getProperty("orders"), second.getProperty("orders"));
        assertEquals(first.getProperty("output_digest"), second.getProperty("output_digest"));
    }

    private Properties run(final String name, final int warmupPasses) throws IOException
    {
        final Path reportDir = tempDir.resolve(name);
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(tempDir.resolve(name + "-aeron").toString())
            .reportDirectory(reportDir)
            .configFile(HOME.resolve(Demo.EXAMPLE_CONFIG));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final boolean caughtUp = new Demo(ctx, Demo.bundledFiles(HOME), Demo.DEFAULT_RATE, warmupPasses,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        final String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(caughtUp, printed);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(warmupPasses > 0, printed.contains("warm-up pass 1 of 1: a separate engine fed the same data, "
            + "not measured and its outputs not counted: "), printed);
        assertEquals(warmupPasses > 0, printed.contains("measured pass: a fresh engine, feeding "), printed);
        assertEquals(warmupPasses == 0, printed.contains("measured pass (no warm-up: mostly JIT compilation)"));
        // The banner is the last line, and says what the measured pass's own pacing error says.
        final PacingCheck.Verdict pacing = PacingCheck.of(Report.read(reportDir).histograms()
            .get(Stages.PACING_ERROR), PacingCheck.DEFAULT_BOUND_MICROS);
        final String[] lines = printed.strip().split("\\R");
        final String banner = lines[lines.length - 1];
        assertTrue(pacing.valid() ? banner.startsWith("valid run: the feed kept to its schedule (pacing error p99 ") :
            banner.equals("*** INVALID RUN: " + pacing.reason() + "; end to end holds the feed's lateness too ***"),
            banner);
        final Properties counts = new Properties();
        try (Reader reader = Files.newBufferedReader(reportDir.resolve(EngineSummary.COUNTS_FILE)))
        {
            counts.load(reader);
        }
        return counts;
    }
}
