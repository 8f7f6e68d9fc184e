package io.ringside.cli;

import io.ringside.latency.report.JsonString;
import io.ringside.latency.stat.ErrorLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ringside errors}: what went wrong, from the error logs of the Aeron directory, as Aeron's ErrorStat reads. */
@Command(name = "errors", mixinStandardHelpOptions = true,
    description = {
        "Print the distinct errors recorded in the Aeron directory, each with how often it was seen, when first and "
            + "last, and its stack trace: the media driver's own error log (in its CnC file, as Aeron's ErrorStat "
            + "reads it; an engine with its embedded driver records its handler and agent errors there too) and "
            + "each engine's error log file (ringside-engine-errors-PID.dat, kept after the engine dies).",
        "Exit status: 0 read (with or without errors); 1 nothing to read there, or a file is not an error log; "
            + "2 bad usage."
    })
final class ErrorsCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeron;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text, or json (one object per distinct error). Default: ${DEFAULT-VALUE}.")
    LineFormatOption.Format format;

    public Integer call()
    {
        final Path directory = Path.of(aeron.aeronDir);
        if (Files.exists(directory) && !Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("--aeron-dir: " + directory + " is not a directory");
        }
        final List<ErrorLogs.Log> logs = new ArrayList<>();
        final ErrorLogs.Log driver = ErrorLogs.driver(directory);
        if (null != driver)
        {
            logs.add(driver);
        }
        logs.addAll(ErrorLogs.engines(directory));
        if (logs.isEmpty())
        {
            throw new IllegalStateException("--aeron-dir: no media driver's CnC file and no engine error log in "
                + directory);
        }
        final PrintStream out = System.out;
        for (final ErrorLogs.Log log : logs)
        {
            if (LineFormatOption.Format.JSON == format)
            {
                json(out, log);
            }
            else
            {
                text(out, log);
            }
        }
        out.flush();
        return Ringside.EXIT_OK;
    }

    private static void text(final PrintStream out, final ErrorLogs.Log log)
    {
        out.printf("%s error log %s (pid %d, %s): %d distinct error%s, %d observation%s%n", log.kind(), log.file(),
            log.pid(), log.running() ? "running" : "not running", log.entries().size(),
            1 == log.entries().size() ? "" : "s", log.observations(), 1 == log.observations() ? "" : "s");
        for (final ErrorLogs.Entry entry : log.entries())
        {
            out.printf("  %d observation%s from %s to %s%n", entry.count(), 1 == entry.count() ? "" : "s",
                Instant.ofEpochMilli(entry.firstMs()), Instant.ofEpochMilli(entry.lastMs()));
            for (final String line : entry.text().split("\n"))
            {
                out.println("    " + line);
            }
        }
    }

    private static void json(final PrintStream out, final ErrorLogs.Log log)
    {
        for (final ErrorLogs.Entry entry : log.entries())
        {
            out.println("{\"log\":" + JsonString.quote(log.kind()) + ",\"file\":" + JsonString.quote(
                log.file().toString()) + ",\"pid\":" + log.pid() + ",\"count\":" + entry.count()
                + ",\"first\":" + JsonString.quote(Instant.ofEpochMilli(entry.firstMs()).toString())
                + ",\"last\":" + JsonString.quote(Instant.ofEpochMilli(entry.lastMs()).toString())
                + ",\"error\":" + JsonString.quote(entry.text()) + "}");
        }
    }
}
