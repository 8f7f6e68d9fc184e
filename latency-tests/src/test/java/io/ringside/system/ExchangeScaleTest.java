package io.ringside.system;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.latency.exchange.ExchangeDayGenerator;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.feed.Recordings;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A whole exchange through the real engine in its own JVM with a 256 MB heap: 10,000 instruments in the stock
 * directory, the AAPL hour's order flow spread over them with a Zipf popularity, and client activity planted on one
 * quiet instrument. Every event is processed, nothing refused, no handler fails, and the planted instrument raises
 * exactly its alerts.
 */
final class ExchangeScaleTest
{
    private static final Path AAPL_ITCH = Path.of("..", "..", "shared", "data", "itch", "AAPL_2012-06-21.itch50.gz");
    private static final int SYMBOLS = 10_000;
    private static final int QUIET_LOCATE = 7_777;

    @TempDir
    Path tempDir;

    @Test
    void tenThousandInstrumentsInASmallHeapWithEveryEventProcessedAndThePlantedAlertsExact() throws Exception
    {
        final Path itch = tempDir.resolve("EXCHANGE_2012-06-21.itch50");
        final ExchangeDayGenerator.Result day = ExchangeDayGenerator.write(
            AAPL_ITCH, itch, SYMBOLS, 120_000, 42, ExchangeDayGenerator.DEFAULT_ZIPF, QUIET_LOCATE, "QUIET");
        assertTrue(SYMBOLS - day.symbolsWithoutFlow() > 3_000, "order flow on thousands: " + day.summary());

        // One account floods QUIET with one-share orders 10 ms apart, then one trades with itself.
        final Path activity = tempDir.resolve("quiet-activity.csv");
        final List<String> rows = new ArrayList<>();
        rows.add("time,event,account,instrument,client_order_id,side,price,quantity,buyer,seller,execution_id");
        for (int i = 0; i < 60; i++)
        {
            rows.add(String.format("2012-06-21T10:10:%02d.%03d000000-04:00,new,7401,QUIET,%d,buy,20.00,1,,,",
                i / 100, (i % 100) * 10, i + 1));
        }
        rows.add("2012-06-21T10:20:00.000000000-04:00,execution,,QUIET,,,20.01,100,7601,7601,1");
        Files.write(activity, rows);

        // Merged by time into one recording on one stream, so the engine takes the events in exactly that order.
        final ByteArrayOutputStream feedOutput = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(feedOutput, true, StandardCharsets.UTF_8);
        final Path recording = tempDir.resolve("exchange.rsr");
        Recordings.convert(new FeedContext().files(List.of(itch, activity)).progress(false), recording, out);

        final Path aeronDir = tempDir.resolve("aeron");
        final Path report = tempDir.resolve("report");
        final Process engine = startEngine(aeronDir, report);
        final FeedResult result;
        final List<String> quietAlerts = new ArrayList<>();
        try
        {
            awaitRunning(engine, tempDir.resolve("engine.log"));
            result = new Feed(new FeedContext()
                .aeronDirectoryName(aeronDir.toString())
                .file(recording)
                .pacing(Pacing.max())
                .progress(false)
                .reportDirectory(tempDir.resolve("feed-report"))
                .tap((buffer, offset, length) -> onAlert(buffer, offset, quietAlerts)), out).run();
        }
        finally
        {
            engine.destroy(); // SIGTERM: the engine stops cleanly and writes its counts
        }
        if (!engine.waitFor(60, TimeUnit.SECONDS))
        {
            engine.destroyForcibly();
            fail("the engine did not stop within 60 s of SIGTERM: " + Files.readString(tempDir.resolve("engine.log")));
        }
        final String engineLog = Files.readString(tempDir.resolve("engine.log"));
        // 143: the JVM's status after SIGTERM, once the shutdown hooks (the engine's orderly stop) have run.
        assertTrue(0 == engine.exitValue() || 143 == engine.exitValue(), engine.exitValue() + ": " + engineLog);
        assertTrue(engineLog.contains("counts and histograms written"), engineLog);

        assertEquals(0, result.readErrors(), feedOutput.toString(StandardCharsets.UTF_8));
        assertTrue(result.engineCaughtUp(), feedOutput.toString(StandardCharsets.UTF_8));
        final Properties counts = new Properties();
        try (InputStream in = Files.newInputStream(report.resolve(EngineSummary.COUNTS_FILE)))
        {
            counts.load(in);
        }
        // Every ITCH message but the two system events (S) is an event, and every activity row.
        assertEquals(day.messages() - 2 + rows.size() - 1, result.eventsSent());
        assertEquals(result.eventsSent(), count(counts, "events_in"), engineLog);
        assertEquals(0, count(counts, "rejected"), engineLog);
        assertEquals(SYMBOLS, count(counts, "events_in.instrument_definition"));
        assertEquals(SYMBOLS, count(counts, "instruments"));
        assertEquals(0, count(counts, "events.undefined_instrument"));
        assertEquals(0, count(counts, "handler_errors.surveillance") + count(counts, "handler_errors.strategy") +
            count(counts, "handler_errors.egress") + count(counts, "handler_errors.ingress"), engineLog);
        assertEquals(0, count(counts, "undelivered"));

        final String quiet = " instrument=" + QUIET_LOCATE + " trigger=2/";
        assertEquals(List.of(
            "rule=3 WARNING account=7401 counterparty=null" + quiet + "51@1340287800500000000 observed=51 limit=50" +
                " reference=500000000",
            "rule=5 CRITICAL account=7601 counterparty=7601" + quiet + "61@1340288400000000000 observed=100 limit=0" +
                " reference=0"),
            quietAlerts);
    }

    private static long count(final Properties counts, final String name)
    {
        final String value = counts.getProperty(name);
        assertTrue(null != value, "no count " + name + " in " + counts.keySet());
        return Long.parseLong(value);
    }

    private static void onAlert(final org.agrona.DirectBuffer buffer, final int offset, final List<String> lines)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        if (header.templateId() != FraudAlertDecoder.TEMPLATE_ID)
        {
            return;
        }
        final FraudAlertDecoder alert = new FraudAlertDecoder()
            .wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (alert.instrumentId() == QUIET_LOCATE)
        {
            lines.add("rule=" + alert.ruleId() + " " + alert.severity() + " account=" + account(alert.account()) +
                " counterparty=" + account(alert.counterpartyAccount()) + " instrument=" + alert.instrumentId() +
                " trigger=" + alert.triggerSourceId() + "/" + alert.triggerSequence() + "@" +
                alert.triggerEventTime() + " observed=" + alert.observedValue() + " limit=" + alert.limitValue() +
                " reference=" + alert.referenceValue());
        }
    }

    private static String account(final long account)
    {
        return account == FraudAlertDecoder.accountNullValue() ? "null" : Long.toString(account);
    }

    /** A child JVM on a loaded 2-core machine can take seconds to start: the feed waits for it to say it is up. */
    private static void awaitRunning(final Process engine, final Path log) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(log) || !Files.readString(log).contains("ringside engine running"))
        {
            if (!engine.isAlive() || System.nanoTime() > deadline)
            {
                fail("the engine did not start: " + (Files.exists(log) ? Files.readString(log) : "no output"));
            }
            Thread.sleep(50);
        }
    }

    private Process startEngine(final Path aeronDir, final Path report) throws IOException
    {
        return EngineProcess.start("256m", List.of(
            "--aeron-dir=" + aeronDir,
            "--ring-size=4096",
            "--no-archive",
            "--report-dir=" + report), tempDir.resolve("engine.log"));
    }
}
