package io.ringside.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGINT and SIGTERM stop `ringside driver`: it closes the archive and the driver and says so, within a bound. */
final class DriverSignalTest
{
    @TempDir
    Path dir;

    @Test
    void sigintStopsTheDriver() throws Exception
    {
        assertStopsOn("INT", 130);
    }

    @Test
    void sigtermStopsTheDriver() throws Exception
    {
        assertStopsOn("TERM", 143);
    }

    /** 128 + the signal's number: the JVM's exit status once its shutdown (the driver's orderly stop) has run. */
    private void assertStopsOn(final String signal, final int status) throws Exception
    {
        try (RingsideProcesses processes = new RingsideProcesses(dir))
        {
            final Process driver = processes.start("driver", List.of("driver", "--aeron-dir=" + dir.resolve("aeron"),
                "--archive-dir=" + dir.resolve("archive"), "--term-length=64k"));
            processes.awaitLine("driver", driver, "ringside driver running", 15);
            final long signalled = System.nanoTime();
            final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(driver.pid())).start();
            assertTrue(kill.waitFor(5, TimeUnit.SECONDS) && 0 == kill.exitValue(), "kill -" + signal);
            processes.assertExits("driver", driver, status, 15);
            System.out.println("DriverSignalTest: SIG" + signal + " stopped the driver in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled) + " ms");
            final List<String> lines = Files.readAllLines(processes.out("driver"));
            assertEquals("ringside driver stopped", lines.get(lines.size() - 1), processes.output("driver"));
            assertTrue(!Files.exists(dir.resolve("aeron")), "the driver's directory is deleted as it stops");
        }
    }
}
