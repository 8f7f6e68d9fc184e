package io.ringside.latency.feed;

import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.metrics.EngineSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped scenario files, planted into the real AAPL hour, through the real engine with the example
 * configuration (docs/ringside.conf): each raises exactly the alerts its README entry promises, at the row it names.
 */
final class ScenariosEngineTest
{
    private static final Path DATA = Path.of("data");
    private static final Path AAPL = DATA.resolve("AAPL_2012-06-21_34200000_37800000_message_50.csv");
    private static final Path SCENARIOS = DATA.resolve("scenarios");
    private static final Path CONFIG = Path.of("..", "docs", "ringside.conf");

    @TempDir
    Path tempDir;

    @Test
    void everyScenarioRaisesExactlyItsAlerts() throws Exception
    {
        final List<Path> files = List.of(
            AAPL,
            SCENARIOS.resolve("fat-finger.csv"),
            SCENARIOS.resolve("oversized-order.csv"),
            SCENARIOS.resolve("spoofing.csv"),
            SCENARIOS.resolve("velocity.csv"),
            SCENARIOS.resolve("wash-trades.csv"));
        // Market data and activity merged by time into one recording, replayed on one stream: the engine then takes
        // them in exactly that order (two live streams have no order between them), so every value below is exact.
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Path recording = tempDir.resolve("aapl-with-scenarios.rsr");
        Recordings.convert(new FeedContext().files(files).progress(false), recording,
            new PrintStream(err, true, StandardCharsets.UTF_8));
        final AlertLines alerts = new AlertLines();
        final FeedResult result;
        final EngineSummary summary;
        try (Engine engine = Engine.launch(new EngineContext()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .reportDirectory(tempDir.resolve("report"))
            .configFile(CONFIG)))
        {
            result = new Feed(new FeedContext()
                .aeronDirectoryName(engine.context().aeronDirectoryName())
                .file(recording)
                .pacing(Pacing.max())
                .progress(false)
                .reportDirectory(tempDir.resolve("report"))
                .tap(alerts), new PrintStream(err, true, StandardCharsets.UTF_8)).run();
            summary = engine.stop();
        }

        assertEquals(0, result.readErrors(), err.toString(StandardCharsets.UTF_8));
        assertTrue(result.engineCaughtUp());
        assertEquals(67, summary.count("events_in.client_new_order"));
        assertEquals(65, summary.count("events_in.client_cancel"));
        assertEquals(4, summary.count("events_in.client_execution"));

        final List<String> planted = new ArrayList<>();
        for (final String line : alerts.lines)
        {
            if (!line.contains("account=null"))
            {
                planted.add(line.substring(line.indexOf(' ') + 1));
            }
        }
        final String aapl = " instrument=1 trigger=";
        assertEquals(List.of(
            // fat-finger.csv: a buy 1.7% through the market (CRITICAL: more than twice the 5 bps band); the order
            // priced at the mid a second later raises nothing.
            "rule=1 CRITICAL account=7301 counterparty=null" + aapl + "2/1@1340286000000000000 observed=170 limit=5" +
                " reference=5862150",
            // oversized-order.csv: 30,000 shares over AAPL's 25,000 (docs/ringside.conf), then 20,000 shares, under
            // it, but 11,714,000 of notional over the 10,000,000 limit.
            "rule=2 WARNING account=7201 counterparty=null" + aapl + "3/1@1340286600000000000 observed=30000" +
                " limit=25000 reference=0",
            "rule=2 WARNING account=7201 counterparty=null" + aapl + "3/3@1340286603000000000 observed=11714000" +
                " limit=10000000 reference=5857000",
            // spoofing.csv: 2,000-share bids on three levels, a sale on the other side, all three bids cancelled:
            // 100% cancelled, three levels (layering: CRITICAL), at the last cancel.
            "rule=4 CRITICAL account=7501 counterparty=7999" + aapl + "4/7@1340287201100000000 observed=100 limit=80" +
                " reference=3",
            // velocity.csv: the 51st order within 1 s (500 ms after the first); the slow cancels raise nothing.
            "rule=3 WARNING account=7401 counterparty=null" + aapl + "5/51@1340287800500000000 observed=51 limit=50" +
                " reference=500000000",
            // wash-trades.csv: two accounts of one beneficial owner (group fund-a, number 1), then one account with
            // itself; accounts of different groups raise nothing.
            "rule=5 WARNING account=7101 counterparty=7102" + aapl + "6/1@1340288400000000000 observed=200 limit=0" +
                " reference=1",
            "rule=5 CRITICAL account=7601 counterparty=7601" + aapl + "6/2@1340288400500000000 observed=100 limit=0" +
                " reference=0"),
            planted);

        // With the market data's own: 7 price-band alerts and 2 quote-stuffing bursts in the AAPL hour.
        assertEquals(8, summary.count("rule.price-band.alerts"));
        assertEquals(2, summary.count("rule.size.alerts"));
        assertEquals(1, summary.count("rule.velocity.alerts"));
        assertEquals(1, summary.count("rule.spoofing.alerts"));
        assertEquals(2, summary.count("rule.wash-trade.alerts"));
        assertEquals(2, summary.count("rule.quote-stuffing.alerts"));
        assertEquals(16, summary.count("alerts"));
    }
}
