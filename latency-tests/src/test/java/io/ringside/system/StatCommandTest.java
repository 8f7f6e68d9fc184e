package io.ringside.system;

import io.ringside.cli.CliRun;
import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.ExclusivePublication;
import io.ringside.codecs.TemplateNames;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineLabels;
import io.ringside.engine.metrics.EngineLiveness;
import io.ringside.latency.report.Json;
import io.ringside.latency.stat.StatFormat;
import io.ringside.latency.stat.StatRates;
import io.ringside.latency.stat.StatSample;
import io.ringside.transport.ArchivingDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
            assertEquals("engine", json.get("name"), "its --name");
            assertEquals(List.of(), json.get("other_engines"));
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
            final CliRun text = stat(aeronDir, "--once");
            assertEquals(0, text.exitCode(), text.toString());
            assertTrue(text.out().contains("[engine] live: engine pid " + engine.pid() + ", heartbeat "),
                text.toString());
            assertTrue(text.out().contains(String.format("%,20d  events_in%n", EVENTS)), text.toString());

            // prometheus, every line checked
            final CliRun prometheus = stat(aeronDir, "--once", "--format", "prometheus");
            assertEquals(0, prometheus.exitCode(), prometheus.toString());
            assertExactCounts(ofEngine(parseExposition(prometheus.out()), "engine"), engine.pid(), byTemplate, 1,
                "live");

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
            assertExactCounts(ofEngine(parseExposition(scrape.body()), "engine"), engine.pid(), byTemplate, 1, "live");
            final HttpResponse<String> notFound = get(http, metrics.resolve("/other"));
            assertEquals(404, notFound.statusCode());
            assertEquals(404, get(http, metrics.resolve("/metrics/x")).statusCode());

            stop(engine, "engine");
            final CliRun stopped = stat(aeronDir, "--once");
            assertEquals(3, stopped.exitCode(), stopped.toString());
            assertTrue(stopped.out().contains("not running: no media driver CnC file"), stopped.toString());

            // The exporter keeps answering, and says so.
            final HttpResponse<String> afterStop = get(http, metrics);
            assertEquals(200, afterStop.statusCode(), afterStop.body());
            final Map<String, Double> samples = ofEngine(parseExposition(afterStop.body()), null);
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
        assertEquals(0, stat(embeddedDir, "--once").exitCode());
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        final CliRun gone = awaitStat(embeddedDir, 4, "--once", "--stale-after=1s");
        assertTrue(gone.out().contains("gone: engine pid " + killed.pid() + " last heartbeat"), gone.toString());
        assertTrue(gone.out().contains("no process " + killed.pid()), gone.toString());
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
            assertEquals(3, stat(externalDir, "--once").exitCode(), "a driver without an engine");
            final Process clean = startEngine(externalDir, List.of("--external-driver"), "clean");
            assertEquals(0, stat(externalDir, "--once").exitCode());
            stop(clean, "clean");
            final CliRun stopped = stat(externalDir, "--once");
            assertEquals(3, stopped.exitCode(), stopped.toString());
            assertTrue(stopped.out().contains("stopped: engine pid " + clean.pid() + " stopped cleanly"),
                stopped.toString());

            final Process dead = startEngine(externalDir, List.of("--external-driver"), "dead");
            final CliRun live = stat(externalDir, "--once");
            assertEquals(0, live.exitCode(), live.toString());
            assertTrue(live.out().contains("live: engine pid " + dead.pid()), "the newest engine: " + live);
            dead.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // Until the driver times it out, a heartbeat that stopped; after, counters freed without the clean mark.
            final CliRun timedOut = awaitStat(externalDir, 4, "--once", "--stale-after=1s");
            assertTrue(timedOut.out().contains("gone: engine pid " + dead.pid()), timedOut.toString());
            final CliRun freed = awaitStatOutput(externalDir, "the media driver has since timed it out", "--once");
            assertEquals(4, freed.exitCode(), freed.toString());
        }
    }

    @Test
    void twoEnginesOnOneDriverAreToldApartByName() throws Exception
    {
        final Path root = dir.resolve("shared");
        final Path aeronDir = root.resolve("aeron");
        final List<byte[]> frames = DurableFixture.frames(500);
        try (ArchivingDriver ignored = DurableFixture.launchDriver(root);
            Engine alpha = Engine.launch(sharedDriverEngine(aeronDir, "alpha", 2001));
            Engine beta = Engine.launch(sharedDriverEngine(aeronDir, "beta", 2101));
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString()));
            // One publisher each for the whole test: a source id belongs to the publisher that first used it.
            ExclusivePublication toAlpha = client.addExclusivePublication("aeron:ipc", 2001);
            ExclusivePublication toBeta = client.addExclusivePublication("aeron:ipc", 2101))
        {
            offer(toAlpha, frames.subList(0, 300));
            offer(toBeta, frames.subList(0, 200));

            final Map<String, Object> alphaJson = awaitCounters(aeronDir, "alpha", 300);
            assertEquals(List.of("beta"), alphaJson.get("other_engines"));
            assertEquals(300L, counters(alphaJson).get("source.1.last_sequence"));
            final Map<String, Object> betaJson = awaitCounters(aeronDir, "beta", 200);
            assertEquals(List.of("alpha"), betaJson.get("other_engines"));
            assertEquals(200L, counters(betaJson).get("source.1.last_sequence"));

            // Every counter either engine allocated carries its name, and its Aeron client is named too.
            final Map<String, Set<String>> labelled = new TreeMap<>();
            alpha.aeron().countersReader().forEach((id, typeId, key, label) ->
            {
                if (EngineCounters.RINGSIDE_COUNTER_TYPE_ID == typeId || EngineLiveness.TYPE_ID == typeId)
                {
                    final String name = EngineLabels.engineName(label);
                    assertTrue(label.endsWith(" [" + name + "]"), label);
                    labelled.computeIfAbsent(name, (ignore) -> new TreeSet<>())
                        .add(EngineLabels.withoutName(label).replaceAll("pid=\\d+", "pid"));
                }
            });
            assertEquals(Set.of("alpha", "beta"), labelled.keySet(), labelled.toString());
            assertEquals(labelled.get("alpha"), labelled.get("beta"), "the same counters each");
            assertTrue(labelled.get("alpha").containsAll(List.of("ringside: events_in", "ringside: source.1.lag_ns",
                "ringside engine: pid")), labelled.toString());
            assertEquals("alpha", alpha.aeron().context().clientName());

            final CliRun alphaText = stat(aeronDir, "--once", "--name=alpha");
            assertEquals(0, alphaText.exitCode(), alphaText.toString());
            assertTrue(alphaText.out().contains("[alpha] live: engine pid " + ProcessHandle.current().pid()),
                alphaText.toString());
            assertTrue(alphaText.out().contains("also running on this driver (pick one with --name): beta"),
                alphaText.toString());
            assertTrue(alphaText.out().contains(String.format("%,20d  events_in%n", 300)), alphaText.toString());
            final Map<String, Double> betaSamples = ofEngine(
                parseExposition(stat(aeronDir, "--once", "--name=beta", "--format=prometheus").out()), "beta");
            assertEquals(200.0, betaSamples.entrySet().stream()
                .filter((e) -> e.getKey().startsWith("ringside_events_in_total{")).mapToDouble(Map.Entry::getValue)
                .sum(), betaSamples.toString());

            assertTrue(betaSamples.containsKey("ringside_source_lag_ns{source=\"1\"}"), betaSamples.toString());
            assertEquals(200.0, betaSamples.get("ringside_source_events_total{source=\"1\"}"));

            // Events per second between two samples of one engine, as stat prints them from its second print on.
            final StatSample before = StatSample.read(aeronDir, 3_000, "alpha");
            offer(toAlpha, frames.subList(300, 500));
            awaitCounters(aeronDir, "alpha", 500);
            Thread.sleep(20);
            final StatSample after = StatSample.read(aeronDir, 3_000, "alpha");
            final double perSecond = 200 / ((after.timeMs() - before.timeMs()) / 1000.0);
            assertEquals(Map.of("events_in", perSecond, "source.1.events", perSecond, "source.2147483647.events", 0.0),
                StatRates.of(before, after), "the engine's timers are a source too: none sent here");
            final String text = StatFormat.TEXT.format(after, false, before);
            assertTrue(text.contains(String.format(Locale.ROOT, "%,20.1f  source.1.events/s%n", perSecond)), text);
            assertTrue(text.contains(String.format(Locale.ROOT, "%,20.1f  events_in/s%n", perSecond)), text);
            assertTrue(StatFormat.JSON.format(after, false, before).contains(String.format(Locale.ROOT,
                "\"rates\":{\"events_in\":%.3f,\"source.2147483647.events\":0.000,\"source.1.events\":%.3f}",
                perSecond, perSecond)));
            assertEquals(Map.of(), StatRates.of(null, after), "none from the first sample");
            assertEquals(Map.of(), StatRates.of(before, StatSample.read(aeronDir, 3_000, "beta")), "another engine");

            final CliRun unknown = stat(aeronDir, "--once", "--name=gamma");
            assertEquals(3, unknown.exitCode(), unknown.toString());
            assertTrue(unknown.out().contains("not running: no engine named gamma on the media driver at "),
                unknown.toString());
            final CliRun badName = stat(aeronDir, "--once", "--name=a b");
            assertEquals(2, badName.exitCode(), badName.toString());
            assertTrue(badName.err().contains("name: printable ASCII characters only, no spaces or brackets: 'a b' at 2"),
                badName.toString());

            beta.close();
            final CliRun betaStopped = stat(aeronDir, "--once", "--name=beta");
            assertEquals(3, betaStopped.exitCode(), betaStopped.toString());
            assertTrue(betaStopped.out().contains("[beta] stopped: engine pid"), betaStopped.toString());
            assertEquals(0, stat(aeronDir, "--once", "--name=alpha").exitCode(), "the other one runs on");
        }
    }

    private EngineContext sharedDriverEngine(final Path aeronDir, final String name, final int ingressStreamId)
    {
        final EngineContext ctx = new EngineContext()
            .name(name)
            .aeronDirectoryName(aeronDir.toString())
            .embeddedDriver(false)
            .ringSize(1024)
            .initialOrderCapacity(1024)
            .reportDirectory(dir.resolve("report-" + name));
        ctx.streams().ingressStreamId(ingressStreamId);
        return ctx;
    }

    private Map<String, Object> awaitCounters(final Path aeronDir, final String name, final long events)
        throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            final CliRun run = stat(aeronDir, "--once", "--format=json", "--name=" + name);
            assertEquals(0, run.exitCode(), run.toString());
            final Map<String, Object> json = json(run);
            assertEquals(name, json.get("name"));
            if (counters(json).get("events_in") == events)
            {
                return json;
            }
            if (System.nanoTime() > deadline)
            {
                fail(name + " never took " + events + ": " + json);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aCncFileThatIsNotOneIsAClearErrorAndTheExporterRefusesARemoteAddress() throws Exception
    {
        final Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.write(bad.resolve("cnc.dat"), new byte[100]);
        final CliRun shortFile = stat(bad, "--once");
        assertEquals(1, shortFile.exitCode(), shortFile.toString());
        assertTrue(shortFile.err().contains("is not a media driver's CnC file this build can read: its length, 100 "
            + "bytes"), shortFile.toString());

        Files.write(bad.resolve("cnc.dat"), new byte[64 * 1024]);
        final CliRun zeroes = stat(bad, "--once", "--format=json");
        assertEquals(1, zeroes.exitCode(), zeroes.toString());
        assertTrue(zeroes.err().contains("not initialised"), zeroes.toString());

        final UnsafeBuffer lying = new UnsafeBuffer(new byte[64 * 1024]);
        lying.putInt(CncFileDescriptor.CNC_VERSION_FIELD_OFFSET, CncFileDescriptor.CNC_VERSION);
        lying.putInt(CncFileDescriptor.TO_DRIVER_BUFFER_LENGTH_FIELD_OFFSET, 1 << 30);
        Files.write(bad.resolve("cnc.dat"), lying.byteArray());
        final CliRun lengths = stat(bad, "--once", "--format=prometheus");
        assertEquals(1, lengths.exitCode(), lengths.toString());
        assertTrue(lengths.err().contains("shorter than its buffers' lengths say"), lengths.toString());

        final Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        final CliRun notDirectory = stat(file, "--once");
        assertEquals(1, notDirectory.exitCode(), notDirectory.toString());
        assertTrue(notDirectory.err().contains("is not a directory"), notDirectory.toString());

        final CliRun remote = run("exporter", "--port=0", "--bind=0.0.0.0", "--aeron-dir=" + bad);
        assertEquals(1, remote.exitCode(), remote.toString());
        assertTrue(remote.err().contains("--allow-remote"), remote.toString());
        assertEquals(2, run("exporter", "--aeron-dir=" + bad).exitCode(), "--port is required");
        assertEquals(2, run("stat", "--format=xml").exitCode());
    }

    /**
     * The samples with the engine's label taken off, once checked: every series but the driver's carries
     * {@code engine="NAME"} as its last label; with a null name, none does (no engine found).
     */
    private static Map<String, Double> ofEngine(final Map<String, Double> samples, final String name)
    {
        final Map<String, Double> without = new LinkedHashMap<>();
        final String label = "engine=\"" + name + "\"}";
        samples.forEach((series, value) ->
        {
            if (series.startsWith("ringside_driver_") || null == name)
            {
                assertTrue(!series.contains("engine=\""), series);
                without.put(series, value);
                return;
            }
            assertTrue(series.endsWith(label), "the engine's name on " + series);
            final String rest = series.substring(0, series.length() - label.length());
            without.put(rest.endsWith(",") ? rest.substring(0, rest.length() - 1) + "}" :
                rest.substring(0, rest.length() - 1), value);
        });
        return without;
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
        final List<String> args = new ArrayList<>(List.of("--aeron-dir=" + aeronDir, "--name=" + name,
            "--ring-size=1024", "--report-dir=" + dir.resolve("report-" + name)));
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
            offer(ingress, frames);
        }
    }

    private static void offer(final ExclusivePublication ingress, final List<byte[]> frames)
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

    private Map<String, Object> awaitJson(
        final Path aeronDir, final Predicate<Map<String, Object>> until, final Process engine) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            final CliRun run = stat(aeronDir, "--once", "--format=json");
            assertEquals(0, run.exitCode(), run.toString());
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

    private static CliRun awaitStat(final Path aeronDir, final int exitCode, final String... args) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            final CliRun run = stat(aeronDir, args);
            if (run.exitCode() == exitCode || System.nanoTime() > deadline)
            {
                assertEquals(exitCode, run.exitCode(), run.toString());
                return run;
            }
            Thread.sleep(100);
        }
    }

    private static CliRun awaitStatOutput(final Path aeronDir, final String text, final String... args) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            final CliRun run = stat(aeronDir, args);
            if (run.out().contains(text))
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
    private static Map<String, Object> json(final CliRun run)
    {
        final String line = run.out().trim();
        assertTrue(!line.contains("\n"), "one object on one line: " + run);
        return (Map<String, Object>)Json.parse(line);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> counters(final Map<String, Object> json)
    {
        return (Map<String, Long>)json.get("counters");
    }

    private static HttpResponse<String> get(final HttpClient http, final URI uri) throws IOException,
        InterruptedException
    {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static CliRun stat(final Path aeronDir, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("stat", "--aeron-dir=" + aeronDir));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static CliRun run(final String... args)
    {
        return CliRun.of(args);
    }
}
