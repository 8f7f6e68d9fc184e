package io.ringside.engine;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.Stages;
import io.ringside.engine.pipeline.HandlerGraph;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path, real parts only: LOBSTER file -> SBE frames -> Aeron IPC -> embedded media driver -> ingress agent
 * -> Disruptor ring -> surveillance and market maker -> egress -> Aeron IPC -> the test's subscribers.
 */
final class EngineEndToEndTest
{
    /** 2012-06-21 00:00 America/New_York, in epoch ns. */
    private static final long MIDNIGHT = 1_340_251_200_000_000_000L;
    private static final long SECONDS_0930 = 34_200_000_000_000L;

    // Ten LOBSTER events of instrument 1, tick 100 (one cent at price scale 4). Defaults: price band 5 bps; market
    // maker 2 ticks either side of the microprice (rounded to the tick), re-quoting on a 1-tick move at most once per
    // ms of event time; its quotes fill when a trade prints through them. The imbalance taker never reaches its
    // 6000 bps threshold here (the furthest is -3333 after seq 4).
    private static final String[] LINES =
    {
        "34200.000000001,1,1,100,1000000,1",   // seq 2  add bid 100 @ 100.00
        "34200.000000002,1,2,100,1001000,-1",  // seq 3  add ask 100 @ 100.10 -> two-sided: quote 100.03 / 100.07
        "34200.000000003,4,1,50,1000000,1",    // seq 4  execute 50 of the bid at 100.00: 4.99 bps from the mid, no alert;
                                               //        prints through our bid: 50 filled; 1 ns after quoting, no move
        "34200.002000000,5,0,10,1002000,-1",   // seq 5  hidden print at 100.20: 14.99 bps from mid 100.05 -> CRITICAL;
                                               //        10 of our ask filled; microprice 100.03: re-quote 100.01 / 100.05
        "34200.003000000,1,3,100,1000500,1",   // seq 6  add bid @ 100.05: microprice 100.08 -> 100.06 / 100.10
        "34200.003000500,3,3,100,1000500,1",   // seq 7  delete it: targets move back, but only 0.5 us since the quote
        "34200.010000000,2,2,40,1001000,-1",   // seq 8  cancel 40 of the ask: bid 50 @ 100.00, ask 60 @ 100.10,
                                               //        microprice 100.05: 7 ms later, re-quote to 100.03 / 100.07
        "34200.011000000,7,0,0,-1,-1",         // seq 9  halt: cancel both quotes
        "34200.012000000,4,2,60,1001000,-1",   // seq 10 execute the ask's last 60 at the touch: no alert; halted
        "34200.013000000,1,4,100,1001000,-1",  // seq 12 (11 never sent: a gap) add ask; halted, nothing out
    };

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @CsvSource({ "disruptor,single", "disruptor,compact", "disruptor,shared", "blocking-queue,shared" })
    void alertsAndOrdersAreExactAndABadFrameMidStreamIsCountedAndSkipped(final String pipeline, final String profile)
        throws Exception
    {
        final Path file = tempDir.resolve("TEST_2012-06-21_34200000_57600000_message_1.csv");
        Files.write(file, List.of(LINES));
        final List<UnsafeBuffer> frames = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        try (LobsterReader reader = new LobsterReader(file, 1, null, null, (kind, where, problem) -> false))
        {
            int length;
            UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            while ((length = reader.next(buffer, 0)) > 0)
            {
                frames.add(buffer);
                lengths.add(length);
                buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            }
        }
        assertEquals(11, frames.size(), "instrument definition + 10 events");

        final EngineContext ctx = new EngineContext()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .reportDirectory(tempDir.resolve("report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024)
            .initialOrderCapacity(1024)
            .profile(profile)
            .pipeline(pipeline);
        // Single and compact without an archive: the ingress thread runs the media driver (INVOKER), covered too.
        ctx.durableLog().archive(EngineContext.PROFILE_SHARED.equals(profile));
        try (EngineHarness harness = new EngineHarness(ctx))
        {
            for (int i = 0; i < 5; i++) // definition and the first four events: sequences 1..5
            {
                harness.send(frames.get(i), lengths.get(i), i + 1);
            }

            // Garbage from another protocol, then an AddOrder cut short: both refused, the stream goes on.
            final UnsafeBuffer garbage = new UnsafeBuffer(new byte[40]);
            garbage.setMemory(0, 40, (byte)0xFF);
            harness.sendRaw(garbage, 40);
            final int truncatedLength = MessageHeaderEncoder.ENCODED_LENGTH + AddOrderEncoder.BLOCK_LENGTH - 10;
            final UnsafeBuffer truncated = new UnsafeBuffer(new byte[truncatedLength]);
            truncated.putBytes(0, frames.get(1), 0, truncatedLength);
            harness.sendRaw(truncated, truncatedLength);

            for (int i = 5; i < 10; i++) // sequences 6..10
            {
                harness.send(frames.get(i), lengths.get(i), i + 1);
            }
            harness.send(frames.get(4), lengths.get(4), 5); // the hidden print again: a duplicate, must not alert twice
            harness.send(frames.get(10), lengths.get(10), 12); // sequence 11 is missing

            final EngineCounters counters = harness.engine.counters();
            harness.await("engine accounts for every frame", () ->
                counters.get("events_in") + counters.get("rejected") + counters.get("duplicates") == 14);
            harness.await("all outputs", () -> harness.alerts.size() == 1 && harness.orders.size() == 10);
            final EngineSummary summary = harness.engine.stop();
            harness.drainEgress();

            final long t = MIDNIGHT + SECONDS_0930;
            final List<String> expectedOrders = List.of(
                "#1 strategy=1 instrument=1 NEW BUY 100@1000300 id=1 orig=0 trigger=1/3@" + (t + 2),
                "#2 strategy=1 instrument=1 NEW SELL 100@1000700 id=2 orig=0 trigger=1/3@" + (t + 2),
                "#3 strategy=1 instrument=1 REPLACE BUY 100@1000100 id=3 orig=1 trigger=1/5@" + (t + 2_000_000),
                "#4 strategy=1 instrument=1 REPLACE SELL 100@1000500 id=4 orig=2 trigger=1/5@" + (t + 2_000_000),
                "#5 strategy=1 instrument=1 REPLACE BUY 100@1000600 id=5 orig=3 trigger=1/6@" + (t + 3_000_000),
                "#6 strategy=1 instrument=1 REPLACE SELL 100@1001000 id=6 orig=4 trigger=1/6@" + (t + 3_000_000),
                "#7 strategy=1 instrument=1 REPLACE BUY 100@1000300 id=7 orig=5 trigger=1/8@" + (t + 10_000_000),
                "#8 strategy=1 instrument=1 REPLACE SELL 100@1000700 id=8 orig=6 trigger=1/8@" + (t + 10_000_000),
                "#9 strategy=1 instrument=1 CANCEL BUY 0@1000300 id=9 orig=7 trigger=1/9@" + (t + 11_000_000),
                "#10 strategy=1 instrument=1 CANCEL SELL 0@1000700 id=10 orig=8 trigger=1/9@" + (t + 11_000_000));
            if (HandlerGraph.DISRUPTOR.equals(pipeline))
            {
                assertEquals(expectedOrders, harness.orders);
            }
            else
            {
                // The baseline's egress may take two adjacent events in either order, so their outputs' numbers may
                // swap: the same orders, in some order, numbered 1 to 10.
                assertEquals(withoutOutputSequence(expectedOrders), withoutOutputSequence(harness.orders));
            }
            assertEquals(List.of(
                "#1 rule=1 CRITICAL account=none counterparty=none instrument=1 trigger=1/5@" + (t + 2_000_000)
                    + " observed=14 limit=5 reference=1000500"),
                harness.alerts);
            assertEquals(11, summary.count("events_in"));
            assertEquals(1, summary.count("events_in.instrument_definition"));
            assertEquals(4, summary.count("events_in.add_order"));
            assertEquals(2, summary.count("events_in.order_executed"));
            assertEquals(1, summary.count("events_in.order_cancelled"));
            assertEquals(1, summary.count("events_in.order_deleted"));
            assertEquals(1, summary.count("events_in.trade_print"));
            assertEquals(1, summary.count("events_in.trading_status"));
            assertEquals(2, summary.count("rejected"));
            assertEquals(1, summary.count("rejected.unknown_schema"));
            assertEquals(1, summary.count("rejected.truncated"));
            assertEquals(1, summary.count("duplicates"));
            assertEquals(1, summary.count("gaps"));
            assertEquals(1, summary.count("gap_missing_events"));
            assertEquals(1, summary.count("alerts"));
            assertEquals(10, summary.count("orders"));
            assertEquals(10, summary.count("strategy.market-maker.orders"));
            assertEquals(0, summary.count("strategy.market-maker.rejected"));
            assertEquals(2, summary.count("strategy.market-maker.fills"));
            assertEquals(60, summary.count("strategy.market-maker.filled-quantity"));
            assertEquals(40, summary.count("strategy.market-maker.position"));
            // 10 sold at 100.07 against 10 of the 50 bought at 100.03: 0.40 realised; 40 left marked at 100.05
            assertEquals(4_000, summary.count("strategy.market-maker.realised-pnl"));
            assertEquals(8_000, summary.count("strategy.market-maker.unrealised-pnl"));
            assertEquals(0, summary.count("strategy.ofi-taker.orders"));
            assertEquals(0, summary.count("strategy.ofi-taker.fills"));

            // The same, live, as counters other processes read while the engine runs (exact once it has stopped).
            assertEquals(1, summary.count("alerts.price-band"));
            assertEquals(0, summary.count("alerts.size") + summary.count("alerts.velocity") +
                summary.count("alerts.spoofing") + summary.count("alerts.wash-trade") +
                summary.count("alerts.quote-stuffing"));
            assertEquals(10, summary.count("orders.market-maker"));
            assertEquals(0, summary.count("orders.ofi-taker"));
            assertEquals(2, summary.count("fills.market-maker"));
            assertEquals(40, summary.count("position.market-maker"));
            assertEquals(4_000, summary.count("realised_pnl.market-maker"));
            assertEquals(0, summary.count("position.ofi-taker"));
            assertEquals(11, summary.count("source.1.events"), "the garbage and the cut frame have no source");
            assertEquals(12, summary.count("source.1.last_sequence"));
            assertEquals(t + 13_000_000, summary.count("source.1.last_event_time"), "the add at 34200.013");
            assertEquals(0, summary.count("ring_lag.surveillance") + summary.count("ring_lag.strategy") +
                summary.count("ring_lag.egress"), "drained");
            assertEquals(0, summary.count("undelivered"));
            assertEquals(0, summary.count("handler_errors.surveillance") + summary.count("handler_errors.strategy")
                + summary.count("handler_errors.egress") + summary.count("handler_errors.ingress"));
            assertNull(summary.firstHandlerError());
            assertTrue(summary.drained());
            assertEquals(11, summary.histograms().get(Stages.TRANSPORT).getTotalCount());
            assertEquals(11, summary.histograms().get(Stages.SERVICE_STRATEGY).getTotalCount());
            assertEquals(5, summary.histograms().get(Stages.SERVICE_EGRESS).getTotalCount(), "sequences 3, 5, 6, 8, 9 had outputs");
        }
    }

    private static List<String> withoutOutputSequence(final List<String> outputs)
    {
        final List<String> stripped = new ArrayList<>();
        final List<String> numbers = new ArrayList<>();
        for (final String output : outputs)
        {
            numbers.add(output.substring(0, output.indexOf(' ')));
            stripped.add(output.substring(output.indexOf(' ') + 1));
        }
        stripped.sort(null);
        numbers.sort(null);
        stripped.addAll(numbers);
        return stripped;
    }
}
