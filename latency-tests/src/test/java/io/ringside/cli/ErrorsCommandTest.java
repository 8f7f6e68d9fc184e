package io.ringside.cli;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineErrors;
import io.ringside.engine.pipeline.HandlerFailures;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler's failures, through the engine's own failure path, end up in the engine's error log file and in its
 * embedded driver's CnC error log, where Aeron's ErrorStat reads them as well as {@code ringside errors}; a corrupt
 * error log is refused with its name, never a hang or a stack trace.
 */
final class ErrorsCommandTest
{
    @TempDir
    Path tempDir;

    @Test
    void aHandlersFailuresAreInBothLogsWithTheirCount() throws IOException
    {
        final Path aeronDir = tempDir.resolve("aeron");
        try (Engine engine = Engine.launch(new EngineContext()
            .aeronDirectoryName(aeronDir.toString())
            .reportDirectory(tempDir.resolve("report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024)))
        {
            // The engine's own failure path, as a handler's thread takes it: three times the same defect.
            final HandlerFailures failures = new HandlerFailures("strategy", engine.counters().strategyErrors(),
                engine.counters(), null, new AtomicReference<>(), engine.errors());
            final ArithmeticException defect = new ArithmeticException("a rule divided by zero");
            for (int i = 0; i < 3; i++)
            {
                failures.handleEventException(defect, i, null);
            }
            failures.handleOnStartException(new IllegalStateException("a handler could not start"));

            final CliRun text = CliRun.of("errors", "--aeron-dir", aeronDir.toString());
            assertEquals(0, text.exitCode(), text.toString());
            final String pid = Long.toString(ProcessHandle.current().pid());
            assertTrue(text.out().contains("driver error log " + aeronDir.resolve("cnc.dat") + " (pid " + pid
                + ", running): 2 distinct errors, 4 observations"), text.toString());
            assertTrue(text.out().contains("engine error log " + EngineErrors.fileFor(aeronDir,
                ProcessHandle.current().pid()) + " (pid " + pid + ", running): 2 distinct errors, 4 observations"),
                text.toString());
            assertTrue(text.out().contains("  3 observations from "), text.toString());
            assertTrue(text.out().contains("    java.lang.ArithmeticException: a rule divided by zero"),
                text.toString());

            final CliRun json = CliRun.of("errors", "--aeron-dir", aeronDir.toString(), "--format", "json");
            assertEquals(0, json.exitCode(), json.toString());
            assertEquals(4, json.out().split("\n").length, json.toString());
            assertTrue(json.out().startsWith("{\"log\":\"driver\",\"file\":"), json.toString());
            assertTrue(json.out().contains(",\"count\":3,\"first\":\""), json.toString());

            // As Aeron's ErrorStat reads the driver's log.
            final MappedByteBuffer cnc = IoUtil.mapExistingFile(aeronDir.resolve(CncFileDescriptor.CNC_FILE).toFile(),
                "cnc");
            try
            {
                final ByteArrayOutputStream errorStat = new ByteArrayOutputStream();
                final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
                final int distinct = CommonContext.printErrorLog(
                    CncFileDescriptor.createErrorLogBuffer(cnc, metaData),
                    new PrintStream(errorStat, true, StandardCharsets.UTF_8));
                assertEquals(2, distinct);
                final String printed = errorStat.toString(StandardCharsets.UTF_8);
                assertTrue(printed.contains("3 observations from ") &&
                    printed.contains("java.lang.ArithmeticException: a rule divided by zero"), printed);
            }
            finally
            {
                IoUtil.unmap(cnc);
            }
            assertEquals(3, engine.counters().get("handler_errors.strategy.ArithmeticException"));
        }
    }

    @Test
    void aCorruptErrorLogIsRefusedByName() throws IOException
    {
        final Path garbage = tempDir.resolve(EngineErrors.FILE_PREFIX + "1" + EngineErrors.FILE_SUFFIX);
        Files.writeString(garbage, "not an error log, just words");
        final CliRun notALog = CliRun.of("errors", "--aeron-dir", tempDir.toString());
        assertEquals(1, notALog.exitCode(), notALog.toString());
        assertEquals("ringside errors: error: " + garbage + " is not an error log this build can read: it is 28 bytes, "
            + "shorter than its header" + System.lineSeparator(), notALog.err());

        // A well-formed header over a record whose length lies: a reader trusting it would loop or read out of bounds.
        final ByteBuffer file = ByteBuffer.allocate(EngineErrors.HEADER_LENGTH + 64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        file.put(EngineErrors.MAGIC).putInt(EngineErrors.VERSION_OFFSET, EngineErrors.VERSION)
            .putInt(EngineErrors.LOG_LENGTH_OFFSET, 64 * 1024).putLong(EngineErrors.PID_OFFSET, 1);
        file.putInt(EngineErrors.HEADER_LENGTH, -4);
        Files.write(garbage, file.array());
        final CliRun lying = CliRun.of("errors", "--aeron-dir", tempDir.toString());
        assertEquals(1, lying.exitCode(), lying.toString());
        assertTrue(lying.err().endsWith("the error record at 0 has a length of -4" + System.lineSeparator()),
            lying.toString());

        final CliRun nothing = CliRun.of("errors", "--aeron-dir", tempDir.resolve("none").toString());
        assertEquals(1, nothing.exitCode(), nothing.toString());
        assertTrue(nothing.err().contains("no media driver's CnC file and no engine error log"), nothing.toString());
    }
}
