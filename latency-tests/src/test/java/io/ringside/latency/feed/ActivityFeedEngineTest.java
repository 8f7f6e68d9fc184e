package io.ringside.latency.feed;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.OutputDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client activity end to end, and the output digest: LOBSTER market file + activity CSV -> Feed (market data on the
 * ingress stream, activity on the activity stream, as a separate gateway would send it) -> embedded media driver ->
 * engine. Nothing is mocked.
 * <p>
 * Aeron orders each stream, not the two against each other: which of an activity event and a market event the
 * engine's ingress takes first is not fixed when both are waiting. Every exact assertion here is therefore about an
 * order that is fixed: activity that no rule judges against the book is merged with market data in one replay; the
 * orders and executions the price band judges against the book come in a second replay, which starts only after the engine has taken every event
 * of the first (the feed waits for that before it returns).
 */
final class ActivityFeedEngineTest
{
    /** 2012-06-21 09:30 America/New_York (13:30Z), in epoch ns. */
    private static final long T = 1_340_285_400_000_000_000L;
    private static final long MS = 1_000_000L;

    /** FeedEngineTest's ten market events: their alert and orders are known exactly. */
    private static final String[] MARKET =
    {
        "34200.000000001,1,1,100,1000000,1",
        "34200.000000002,1,2,100,1001000,-1",
        "34200.000000003,4,1,50,1000000,1",
        "34200.002000000,5,0,10,1002000,-1",
        "34200.003000000,1,3,100,1000500,1",
        "34200.003000500,3,3,100,1000500,1",
        "34200.010000000,2,2,40,1001000,-1",
        "34200.011000000,7,0,0,-1,-1",
        "34200.012000000,4,2,60,1001000,-1",
        "34200.013000000,1,4,100,1001000,-1",
    };

    private static final String HEADER =
        "time,event,account,instrument,client_order_id,side,price,quantity,buyer,seller,execution_id";

    /**
     * Orders and cancels, by symbol, between the market events; none moves the book. The orders are priced at 100.05,
     * at most 5 bps (not more) from every price the band could take as its reference wherever among the market events
     * the engine takes them (no book, bid 100.00, ask 100.10, mid 100.05, last trade 100.00), so no verdict depends on
     * that order.
     */
    private static final String[] ORDERS_AND_CANCELS =
    {
        HEADER,
        (T + MS) + ",new,7,TEST,1,buy,100.05,200,,,",
        "2012-06-21T13:30:00.0015Z,new,8,TEST,2,sell,100.05,100,,,",
        (T + 2_500_000) + ",cancel,7,TEST,1,,,,,,",
    };

    /**
     * Executions against the book the market events leave: bid 50 at 100.0000, ask 100 at 100.1000, mid 100.0500.
     * The band is 5 bps: 100.05 is 0 bps off, 100.10 is 4.99 (a near miss), 100.20 is 14.99 (CRITICAL, over twice the
     * band), 99.98 is 6.99 (WARNING); the new order at 120.00 is 1994 bps off (CRITICAL: the band judges orders too).
     * By instrument id, as a replay without market data has no symbols.
     */
    private static final String[] EXECUTIONS =
    {
        HEADER,
        (T + 19 * MS) + ",new,7,1,3,buy,100.01,50,,,",                  // 3.99 bps: a near miss for an order
        (T + 20 * MS) + ",execution,,1,,,100.05,10,7,8,1",
        (T + 21 * MS) + ",execution,,1,,,100.10,20,7,8,",
        (T + 22 * MS) + ",execution,,1,,,100.20,30,9,7,77",
        (T + 23 * MS) + ",new,9,1,4,buy,120.00,10,,,",
        (T + 24 * MS) + ",execution,,1,,,99.98,5,8,9,78",
    };

    @TempDir
    Path tempDir;

    private int runs;

    @Test
    void activityIsCountedByTypeAndTheBandJudgesClientOrdersAndExecutionsExactly() throws Exception
    {
        final Path market = write("TEST_2012-06-21_34200000_57600000_message_1.csv", MARKET);
        final Path ordersAndCancels = write("orders.csv", ORDERS_AND_CANCELS);
        final Path executions = write("executions.csv", EXECUTIONS);
        final Path runDir = newRunDir();
        final AlertLines alerts = new AlertLines();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final FeedResult first;
        final FeedResult second;
        final EngineSummary summary;
        try (Engine engine = launchEngine(runDir))
        {
            first = new Feed(feedContext(engine, runDir, alerts).activityStream(true)
                .files(List.of(market, ordersAndCancels)),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
            assertEquals(0, engine.counters().get("events_in.client_execution"));
            second = new Feed(feedContext(engine, runDir, alerts).activityStream(true)
                .files(List.of(executions)).sourceId(10),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
            summary = engine.stop();
        }

        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(14, first.eventsSent(), "definition, 10 market events, 3 activity events");
        assertEquals(6, second.eventsSent());
        assertEquals(0, first.readErrors() + second.readErrors());
        assertTrue(first.engineCaughtUp() && second.engineCaughtUp());

        assertEquals(20, summary.count("events_in"));
        assertEquals(4, summary.count("events_in.client_new_order"));
        assertEquals(1, summary.count("events_in.client_cancel"));
        assertEquals(4, summary.count("events_in.client_execution"));
        assertEquals(1, summary.count("events_in.instrument_definition"));
        assertEquals(0, summary.count("rejected"));
        assertEquals(0, summary.count("gaps"));
        assertEquals(0, summary.count("duplicates"));
        assertNull(summary.firstHandlerError());

        // The hidden print's alert from the market data, then the two client executions and the order outside the band: for an execution the
        // account is the buyer, the counterparty the seller; the trigger is the activity file's source and row.
        assertEquals(List.of(
            "#1 rule=1 CRITICAL account=null counterparty=null instrument=1 trigger=1/5@" + (T + 2 * MS) +
                " observed=14 limit=5 reference=1000500",
            "#2 rule=1 CRITICAL account=9 counterparty=7 instrument=1 trigger=10/4@" + (T + 22 * MS) +
                " observed=14 limit=5 reference=1000500",
            "#3 rule=1 CRITICAL account=9 counterparty=null instrument=1 trigger=10/5@" + (T + 23 * MS) +
                " observed=1994 limit=5 reference=1000500",
            "#4 rule=1 WARNING account=8 counterparty=9 instrument=1 trigger=10/6@" + (T + 24 * MS) +
                " observed=6 limit=5 reference=1000500"),
            alerts.lines);
        assertEquals(4, summary.count("alerts"));
        assertEquals(10, summary.count("orders"), "the market maker's ten orders of FeedEngineTest, unchanged");
    }

    @Test
    void theSameInputGivesTheSameDigestAndADifferentInputADifferentOne() throws Exception
    {
        // One file, one stream: the order at the ring is the file's, so the digest must repeat exactly.
        final Path input = write("TEST_2012-06-21_34200000_57600000_message_1.csv", MARKET);
        final String[] changed = MARKET.clone();
        changed[3] = "34200.002000000,5,0,10,1003000,-1"; // the hidden print further out: a different alert
        final Path other = write("OTHER_2012-06-21_34200000_57600000_message_1.csv", changed);

        final EngineSummary first = run(input);
        final EngineSummary second = run(input);
        final EngineSummary different = run(other);

        assertEquals(11, first.count("alerts") + first.count("orders"), "FeedEngineTest's alert and ten orders");
        assertNotEquals(OutputDigest.empty(), first.outputDigest());
        assertEquals(first.outputDigest(), second.outputDigest());
        assertEquals(first.count("alerts") + first.count("orders"), different.count("alerts") + different.count("orders"));
        assertNotEquals(first.outputDigest(), different.outputDigest());

        // As written for report: hex in engine-counts.properties, and a string in summary.json.
        final Path reportDir = tempDir.resolve("run-1").resolve("report");
        final Properties counts = new Properties();
        try (Reader reader = Files.newBufferedReader(reportDir.resolve(EngineSummary.COUNTS_FILE)))
        {
            counts.load(reader);
        }
        assertEquals(OutputDigest.format(first.outputDigest()), counts.getProperty("output_digest"));
        final String json = io.ringside.latency.report.Report.read(reportDir).toJson();
        assertTrue(json.contains("  \"output_digest\": \"" + OutputDigest.format(first.outputDigest()) + "\",\n"), json);
    }

    @Test
    void aSymbolNoMarketFileDefinesStopsTheFeedNamingIt() throws Exception
    {
        final Path market = write("TEST_2012-06-21_34200000_57600000_message_1.csv", MARKET);
        final Path activity = write("activity.csv", new String[] {HEADER, T + ",new,7,MSFT,1,buy,1,1,,,"});
        final FeedContext ctx = new FeedContext().files(List.of(market, activity)).progress(false);
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Feed.merge(ctx.conclude(), (kind, location, problem) -> true));
        assertEquals("FILE: the activity names symbol MSFT that no market-data file of this replay defines; give the " +
            "instrument id instead, or add the market data", ex.getMessage());
    }

    private EngineSummary run(final Path input) throws Exception
    {
        final Path runDir = newRunDir();
        final EngineSummary summary;
        try (Engine engine = launchEngine(runDir))
        {
            final FeedResult result = new Feed(feedContext(engine, runDir, null).file(input),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
            assertTrue(result.engineCaughtUp());
            summary = engine.stop();
        }
        summary.writeTo(runDir.resolve("report"));
        return summary;
    }

    private Engine launchEngine(final Path runDir)
    {
        return Engine.launch(new EngineContext()
            .aeronDirectoryName(runDir.resolve("aeron").toString())
            .reportDirectory(runDir.resolve("report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024)
            .initialOrderCapacity(1024));
    }

    private static FeedContext feedContext(final Engine engine, final Path runDir, final EgressListener.Tap tap)
    {
        return new FeedContext()
            .aeronDirectoryName(engine.context().aeronDirectoryName())
            .pacing(Pacing.max())
            .progress(false)
            .reportDirectory(runDir.resolve("report"))
            .tap(tap);
    }

    private Path newRunDir() throws Exception
    {
        return Files.createDirectories(tempDir.resolve("run-" + (++runs)));
    }

    private Path write(final String name, final String[] lines) throws Exception
    {
        return Files.write(tempDir.resolve(name), List.of(lines));
    }
}
