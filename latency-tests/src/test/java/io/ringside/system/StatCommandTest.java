package io.ringside.system;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.ExclusivePublication;
import io.ringside.cli.Ringside;
import io.ringside.codecs.TemplateNames;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.latency.report.Json;
import io.ringside.transport.ArchivingDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * `ringside stat` and `ringside exporter` against real engines in processes of their own: a live engine's counters
 * after a known feed, exactly, in every format and over HTTP; and the exit status of an engine stopped cleanly and of
 * one killed with SIGKILL, on its own embedded driver and on a driver of its own.
 */
final class StatCommandTest
{
    private static final int EVENTS = 3_000;
    private static final Pattern SAMPLE = Pattern.compile(
        "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*})? (\\S+)");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @Test
    void liveEngineCountsExactlyInEveryFormatAndOverHttpThenACleanStopIsStopped() throws Exception
    {
        final Path aeronDir = dir.resolve("aeron");
        final Process engine = startEngine(aeronDir, List.of("--no-archive"), "engine");
        Process exporter = null;
        try
        {
            final List<byte[]> frames = DurableFixture.frames(EVENTS);
            final Map<String, Long> byTemplate = new TreeMap<>();
            for (final byte[] frame : frames)
            {
                final int templateId = new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0).templateId();
                byTemplate.merge(TemplateNames.name(templateId), 1L, Long::sum);
            }
            publish(aeronDir, frames);
            final Map<String, Object> json = awaitJson(aeronDir,
                (object) -> counters(object).get("events_in") == EVENTS, engine);

            // json: one object, the liveness fields and the counts.
            assertEquals("live", json.get("state"), json.toString());
            assertEquals(0L, json.get("exit_code"));
            assertEquals(engine.pid(), json.get("pid"));
            assertEquals(engine.pid(), json.get("driver_pid"), "the engine embeds its driver");
            final long age = (Long)json.get("heartbeat_age_ms");
            assertTrue(age >= 0 && age <= 3_000, "heartbeat age " + age);
            final Map<String, Long> counters = counters(json);
            assertEquals(EVENTS, counters.get("events_in"));
            assertEquals(0L, counters.get("rejected"));
            assertEquals(0L, counters.get("duplicates"));
            assertEquals(0L, counters.get("gaps"));
            assertEquals(1L, counters.get("instruments"), "the bundled data is one instrument");
            byTemplate.forEach((template, count) ->
                assertEquals(count, counters.get("events_in." + template), template));

            // text
            final Run text = stat(aeronDir, "--once");
            assertEquals(0, text.exitCode, text.toString());
            assertTrue(text.out.contains("live: engine pid " + engine.pid() + ", heartbeat "), text.toString());
            assertTrue(text.out.contains(String.format("%,20d  events_in%n", EVENTS)), text.toString());

            // prometheus, every line checked
            final Run prometheus = stat(aeronDir, "--once", "--format", "prometheus");
            assertEquals(0, prometheus.exitCode, prometheus.toString());
            assertExactCounts(parseExposition(prometheus.out), engine.pid(), byTemplate, 1, "live");

            // the exporter, scraped as Prometheus would
            exporter = EngineProcess.ringside("64m", List.of("exporter", "--port=0", "--aeron-dir=" + aeronDir),
                dir.resolve("exporter.log"));
            final URI metrics = URI.create(awaitLine(exporter, dir.resolve("exporter.log"), "http://")
                .replaceAll(".*(http://\\S+).*", "$1"));
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            final HttpResponse<String> scrape = get(http, metrics);
            assertEquals(200, scrape.statusCode(), scrape.body());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                scrape.headers().firstValue("Content-Type").orElse(""));
            assertExactCounts(parseExposition(scrape.body()), engine.pid(), byTemplate, 1, "live");
            final HttpResponse<String> notFound = get(http, metrics.resolve("/other"));
            assertEquals(404, notFound.statusCode());
            assertEquals(404, get(http, metrics.resolve("/metrics/x")).statusCode());

            stop(engine, "engine");
            final Run stopped = stat(aeronDir, "--once");
            assertEquals(3, stopped.exitCode, stopped.toString());
            assertTrue(stopped.out.contains("not running: no media driver CnC file"), stopped.toString());

            // The exporter keeps answering, and says so.
            final HttpResponse<String> afterStop = get(http, metrics);
            assertEquals(200, afterStop.statusCode(), afterStop.body());
            final Map<String, Double> samples = parseExposition(afterStop.body());
            assertEquals(0.0, samples.get("ringside_engine_up"));
            assertEquals(1.0, samples.get("ringside_engine_state{state=\"stopped\"}"));
            assertTrue(samples.keySet().stream().noneMatch((name) -> name.startsWith("ringside_events_in_total")),
                "no counts of a stopped engine: " + samples.keySet());

            exporter.destroy(); // SIGTERM
            assertTrue(exporter.waitFor(30, TimeUnit.SECONDS), "the exporter stopped on SIGTERM");
            final String exporterLog = Files.readString(dir.resolve("exporter.log"));
            assertTrue(0 == exporter.exitValue() || 143 == exporter.exitValue(), exporter.exitValue() + exporterLog);
            assertTrue(exporterLog.contains("ringside exporter: stopped"), exporterLog);
        }
        finally
        {
            engine.destroyForcibly();
            if (null != exporter)
            {
                exporter.destroyForcibly();
            }
        }
    }

    @Test
    void aKilledEngineIsGoneAndACleanStopIsStoppedOnEitherDriver() throws Exception
    {
        // Its own embedded driver: SIGKILL leaves the CnC file and the counters, with a heartbeat that stops.
        final Path embeddedDir = dir.resolve("embedded");
        final Process killed = startEngine(embeddedDir, List.of("--no-archive"), "killed");
        assertEquals(0, stat(embeddedDir, "--once").exitCode);
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        final Run gone = awaitStat(embeddedDir, 4, "--once", "--stale-after=1s");
        assertTrue(gone.out.contains("gone: engine pid " + killed.pid() + " last heartbeat"), gone.toString());
        assertTrue(gone.out.contains("no process " + killed.pid()), gone.toString());
        final Map<String, Object> goneJson = json(stat(embeddedDir, "--once", "--stale-after=1s", "--format=json"));
        assertEquals("gone", goneJson.get("state"));
        assertEquals(4L, goneJson.get("exit_code"));
        assertEquals(killed.pid(), goneJson.get("pid"));
        assertTrue((Long)goneJson.get("heartbeat_age_ms") > 1_000, goneJson.toString());
        assertEquals(0L, counters(goneJson).get("events_in"), "a killed engine's last counts are still shown");

        // A driver of its own (times out dead clients after 1.5 s): a clean stop is marked, a kill is not.
        final Path externalRoot = dir.resolve("external");
        final Path externalDir = externalRoot.resolve("aeron");
        try (ArchivingDriver ignored = DurableFixture.launchDriver(externalRoot))
        {
            assertEquals(3, stat(externalDir, "--once").exitCode, "a driver without an engine");
            final Process clean = startEngine(externalDir, List.of("--external-driver"), "clean");
            assertEquals(0, stat(externalDir, "--once").exitCode);
            stop(clean, "clean");
            final Run stopped = stat(externalDir, "--once");
            assertEquals(3, stopped.exitCode, stopped.toString());
            assertTrue(stopped.out.contains("stopped: engine pid " + clean.pid() + " stopped cleanly"), stopped.toString());

            final Process dead = startEngine(externalDir, List.of("--external-driver"), "dead");
            final Run live = stat(externalDir, "--once");
            assertEquals(0, live.exitCode, live.toString());
            assertTrue(live.out.contains("live: engine pid " + dead.pid()), "the newest engine: " + live);
            dead.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // Until the driver times it out, a heartbeat that stopped; after, counters freed without the clean mark.
            final Run timedOut = awaitStat(externalDir, 4, "--once", "--stale-after=1s");
            assertTrue(timedOut.out.contains("gone: engine pid " + dead.pid()), timedOut.toString());
            final Run freed = awaitStatOutput(externalDir, "the media driver has since timed it out", "--once");
            assertEquals(4, freed.exitCode, freed.toString());
        }
    }

    @Test
    void aCncFileThatIsNotOneIsAClearErrorAndTheExporterRefusesARemoteAddress() throws Exception
    {
        final Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.write(bad.resolve("cnc.dat"), new byte[100]);
        final Run shortFile = stat(bad, "--once");
        assertEquals(1, shortFile.exitCode, shortFile.toString());
        assertTrue(shortFile.err.contains("is not a media driver's CnC file this build can read: its length, 100 "
            + "bytes"), shortFile.toString());

        Files.write(bad.resolve("cnc.dat"), new byte[64 * 1024]);
        final Run zeroes = stat(bad, "--once", "--format=json");
        assertEquals(1, zeroes.exitCode, zeroes.toString());
        assertTrue(zeroes.err.contains("not initialised"), zeroes.toString());

        final UnsafeBuffer lying = new UnsafeBuffer(new byte[64 * 1024]);
        lying.putInt(CncFileDescriptor.CNC_VERSION_FIELD_OFFSET, CncFileDescriptor.CNC_VERSION);
        lying.putInt(CncFileDescriptor.TO_DRIVER_BUFFER_LENGTH_FIELD_OFFSET, 1 << 30);
        Files.write(bad.resolve("cnc.dat"), lying.byteArray());
        final Run lengths = stat(bad, "--once", "--format=prometheus");
        assertEquals(1, lengths.exitCode, lengths.toString());
        assertTrue(lengths.err.contains("shorter than its buffers' lengths say"), lengths.toString());

        final Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        final Run notDirectory = stat(file, "--once");
        assertEquals(1, notDirectory.exitCode, notDirectory.toString());
        assertTrue(notDirectory.err.contains("is not a directory"), notDirectory.toString());

        final Run remote = run("exporter", "--port=0", "--bind=0.0.0.0", "--aeron-dir=" + bad);
        assertEquals(1, remote.exitCode, remote.toString());
        assertTrue(remote.err.contains("--allow-remote"), remote.toString());
        assertEquals(2, run("exporter", "--aeron-dir=" + bad).exitCode, "--port is required");
        assertEquals(2, run("stat", "--format=xml").exitCode);
    }

    /** Every line of the exposition well formed, each family's HELP and TYPE once before its samples, no repeats. */
    private static Map<String, Double> parseExposition(final String text)
    {
        final Map<String, Double> samples = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final Set<String> helps = new HashSet<>();
        final Set<String> finishedFamilies = new HashSet<>();
        String currentFamily = null;
        assertTrue(text.endsWith("\n"), "ends with a line feed");
        for (final String line : text.split("\n"))
        {
            final Matcher comment = COMMENT.matcher(line);
            if (comment.matches())
            {
                final String name = comment.group(2);
                if ("HELP".equals(comment.group(1)))
                {
                    assertTrue(helps.add(name), "one HELP for " + name);
                }
                else
                {
                    assertTrue(Set.of("counter", "gauge", "untyped").contains(comment.group(3)), line);
                    assertTrue(null == types.put(name, comment.group(3)), "one TYPE for " + name);
                    if ("counter".equals(comment.group(3)))
                    {
                        assertTrue(name.endsWith("_total"), "a counter's name ends _total: " + name);
                    }
                }
                continue;
            }
            final Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a sample: '" + line + "'");
            final String family = sample.group(1);
            assertTrue(types.containsKey(family), "TYPE before the samples of " + family);
            if (!family.equals(currentFamily))
            {
                assertTrue(null == currentFamily || finishedFamilies.add(currentFamily), "samples together");
                assertTrue(!finishedFamilies.contains(family), family + "'s samples are together");
                currentFamily = family;
            }
            final String series = family + (null == sample.group(2) ? "" : sample.group(2));
            assertTrue(null == samples.put(series, Double.parseDouble(sample.group(3))), "one " + series);
        }
        return samples;
    }

    private static void assertExactCounts(
        final Map<String, Double> samples, final long pid, final Map<String, Long> byTemplate, final int up,
        final String state)
    {
        assertEquals((double)up, samples.get("ringside_engine_up"));
        assertEquals(1.0, samples.get("ringside_engine_state{state=\"" + state + "\"}"));
        assertEquals(2L, samples.entrySet().stream().filter((e) -> e.getKey().startsWith("ringside_engine_state{"))
            .filter((e) -> e.getValue() == 0.0).count());
        assertEquals((double)pid, samples.get("ringside_engine_pid"));
        assertTrue(samples.get("ringside_engine_heartbeat_age_seconds") <= 3.0, samples.toString());
        double events = 0;
        for (final Map.Entry<String, Double> sample : samples.entrySet())
        {
            if (sample.getKey().startsWith("ringside_events_in_total{"))
            {
                events += sample.getValue();
            }
        }
        assertEquals(EVENTS, events, "sum(ringside_events_in_total)");
        byTemplate.forEach((template, count) -> assertEquals((double)count,
            samples.get("ringside_events_in_total{template=\"" + template + "\"}"), template));
        assertEquals(0.0, samples.get("ringside_events_in_total{template=\"client_cancel\"}"));
        assertEquals(0.0, samples.get("ringside_rejected_total{reason=\"bad_value\"}"));
        assertEquals(0.0, samples.get("ringside_rejected_total{reason=\"instrument_limit\"}"));
        assertEquals(0.0, samples.get("ringside_duplicates_total"));
        assertEquals(0.0, samples.get("ringside_handler_errors_total{handler=\"strategy\"}"));
        assertEquals(1.0, samples.get("ringside_instruments"));
        assertTrue(samples.get("ringside_ring_remaining_capacity") > 0);
        assertTrue(!samples.containsKey("ringside_events_in") && !samples.containsKey("ringside_rejected_total"),
            "the totals are sum() of their families, not series of their own");
        assertEquals(1, samples.keySet().stream().filter((s) -> s.startsWith("ringside_output_digest_info{digest=\""))
            .count(), samples.keySet().toString());
    }

    private Process startEngine(final Path aeronDir, final List<String> extra, final String name) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of(
            "--aeron-dir=" + aeronDir, "--ring-size=1024", "--report-dir=" + dir.resolve("report-" + name)));
        args.addAll(extra);
        final Path log = dir.resolve(name + ".log");
        final Process engine = EngineProcess.start("256m", args, log);
        awaitLine(engine, log, "ringside engine running");
        return engine;
    }

    private static void stop(final Process process, final String name) throws Exception
    {
        process.destroy(); // SIGTERM: an orderly stop
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " stopped on SIGTERM");
        assertTrue(0 == process.exitValue() || 143 == process.exitValue(), name + " exit " + process.exitValue());
    }

    /** A child JVM on a loaded 2-core machine can take seconds to start: wait for it to say it is up. */
    private static String awaitLine(final Process process, final Path log, final String text) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            if (Files.exists(log))
            {
                for (final String line : Files.readAllLines(log))
                {
                    if (line.contains(text))
                    {
                        return line;
                    }
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline)
            {
                fail("no '" + text + "' from the process: " + (Files.exists(log) ? Files.readString(log) : "no output"));
            }
            Thread.sleep(50);
        }
    }

    private static void publish(final Path aeronDir, final List<byte[]> frames)
    {
        try (Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString()));
            ExclusivePublication ingress = client.addExclusivePublication("aeron:ipc", 1001))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (final byte[] frame : frames)
            {
                buffer.wrap(frame);
                while (ingress.offer(buffer, 0, frame.length) < 0)
                {
                    if (System.nanoTime() > deadline)
                    {
                        fail("ingress offer: " + ExclusivePublication.errorString(ingress.offer(buffer, 0, 0)));
                    }
                    LockSupport.parkNanos(50_000);
                }
            }
        }
    }

    private Map<String, Object> awaitJson(
        final Path aeronDir, final Predicate<Map<String, Object>> until, final Process engine) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            final Run run = stat(aeronDir, "--once", "--format=json");
            assertEquals(0, run.exitCode, run.toString());
            final Map<String, Object> json = json(run);
            if (until.test(json))
            {
                return json;
            }
            if (System.nanoTime() > deadline || !engine.isAlive())
            {
                fail("the engine never got there: " + json + "\n" + Files.readString(dir.resolve("engine.log")));
            }
            Thread.sleep(50);
        }
    }

    private static Run awaitStat(final Path aeronDir, final int exitCode, final String... args) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            final Run run = stat(aeronDir, args);
            if (run.exitCode == exitCode || System.nanoTime() > deadline)
            {
                assertEquals(exitCode, run.exitCode, run.toString());
                return run;
            }
            Thread.sleep(100);
        }
    }

    private static Run awaitStatOutput(final Path aeronDir, final String text, final String... args) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            final Run run = stat(aeronDir, args);
            if (run.out.contains(text))
            {
                return run;
            }
            if (System.nanoTime() > deadline)
            {
                fail("no '" + text + "': " + run);
            }
            Thread.sleep(100);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(final Run run)
    {
        final String line = run.out.trim();
        assertTrue(!line.contains("\n"), "one object on one line: " + run);
        return (Map<String, Object>)Json.parse(line);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> counters(final Map<String, Object> json)
    {
        return (Map<String, Long>)json.get("counters");
    }

    private static HttpResponse<String> get(final HttpClient http, final URI uri) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static Run stat(final Path aeronDir, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("stat", "--aeron-dir=" + aeronDir));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** The command line in this process, System.out and System.err captured. */
    private static Run run(final String... args)
    {
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            exitCode = Ringside.execute(args);
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
