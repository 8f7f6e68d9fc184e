package io.ringside.latency.demo;

import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
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
 * 50,000 events/s), twice: one replay is one order of events at the engine, so both runs give the same outputs.
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
        final Properties first = run("first");
        final Properties second = run("second");

        assertEquals("16", first.getProperty("alerts"));
        assertEquals("26165", first.getProperty("orders"));
        assertEquals("0", first.getProperty("rejected"));
        assertEquals(first.getProperty("alerts"), second.getProperty("alerts"));
        assertEquals(first.getProperty("orders"), second.getProperty("orders"));
        assertEquals(first.getProperty("output_digest"), second.getProperty("output_digest"));
    }

    private Properties run(final String name) throws IOException
    {
        final Path reportDir = tempDir.resolve(name);
        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(tempDir.resolve(name + "-aeron").toString())
            .reportDirectory(reportDir)
            .configFile(HOME.resolve(Demo.EXAMPLE_CONFIG));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final boolean caughtUp = new Demo(ctx, Demo.bundledFiles(HOME), Demo.DEFAULT_RATE,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        assertTrue(caughtUp, out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        final Properties counts = new Properties();
        try (Reader reader = Files.newBufferedReader(reportDir.resolve(EngineSummary.COUNTS_FILE)))
        {
            counts.load(reader);
        }
        return counts;
    }
}
