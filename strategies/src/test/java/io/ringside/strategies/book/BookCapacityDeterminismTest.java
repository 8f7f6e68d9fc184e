package io.ringside.strategies.book;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.book.RecordedFeed.Frames;
import io.ringside.strategies.surveillance.SpoofingRule;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.surveillance.VelocityRule;
import io.ringside.strategies.surveillance.WashTradeRule;
import io.ringside.strategies.trading.RiskReject;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An initial capacity is sizing, never a limit: the same input through the same Trading and Surveillance configuration
 * gives the same orders, alerts, counters, final books and snapshot bytes whatever the books' initial order capacity
 * (1 to 65,536), a symbol's own reserved capacity, the instrument tables' expected size, or surveillance's expected
 * accounts and orders; and a state restored into handlers sized otherwise goes on as the original.
 * <p>
 * Inputs: the AAPL hour (LOBSTER level 50) alone; and that hour merged by event time with the AMZN day (level 1) as a
 * second instrument, with a seeded client order flow on the recorded prices (so the velocity, spoofing and wash-trade
 * tables fill and grow) and Timers in the silences (so the stale-feed rule and the market maker's withdrawal run).
 */
final class BookCapacityDeterminismTest
{
    private static final String AAPL_HOUR = "AAPL_2012-06-21_34200000_37800000_message_50.csv";
    private static final String AMZN_DAY = "AMZN_2012-06-21_34200000_57600000_message_1.csv";
    private static final int AAPL = 1;
    private static final int AMZN = 2;
    private static final int[] ORDER_CAPACITIES = { 1, 16, 1024, 65536 };
    private static final long TIMER_NS = 100_000_000;
    private static final int MAX_TIMERS_PER_GAP = 20;
    private static final long STALE_NS = 500_000_000;
    private static final long CLIENT_FLOW_SEED = 20120621;

    /** How the books and tables start: nothing here may change an output. */
    record Sizing(
        int orderCapacity, int expectedInstruments, int aaplCapacity, int expectedAccounts, int expectedOrders)
    {
        BookSizing books(final BookSizing sizing)
        {
            sizing.initialOrderCapacity(orderCapacity).expectedInstruments(expectedInstruments);
            if (aaplCapacity > 0)
            {
                sizing.initialOrderCapacity("AAPL", aaplCapacity);
            }
            return sizing;
        }
    }

    record Run(Sizing sizing, List<String> orders, List<String> alerts, String state, byte[] snapshot, long grows)
    {
    }

    private static final Sizing SMALLEST = new Sizing(1, 1, 0, 1, 1);
    private static final Sizing LARGEST = new Sizing(65536, 4096, 0, 4096, 65536);
    // AAPL's books reserved at its definition, the others from 1
    private static final Sizing RESERVED = new Sizing(1, 1, 1 << 16, 1, 1);
    private static final List<Sizing> SIZINGS = sizings();

    private static Frames mixed;

    @Test
    void theAaplHourGivesTheSameOutputsWhateverTheInitialCapacities()
    {
        assertAllIdentical(RecordedFeed.lobster(AAPL_HOUR, AAPL), new int[]{ AAPL }, false);
    }

    @Test
    void twoInstrumentsClientFlowAndTimersGiveTheSameOutputsWhateverTheInitialCapacities()
    {
        final Run reference = assertAllIdentical(mixed(), new int[]{ AAPL, AMZN }, true);
        for (final int rule : new int[]{ VelocityRule.RULE_ID, SpoofingRule.RULE_ID, WashTradeRule.RULE_ID })
        {
            assertTrue(reference.alerts().stream().anyMatch((alert) -> alert.contains(" rule=" + rule + " ")),
                "rule " + rule + " fired on the client flow");
        }
    }

    @Test
    void aRestoreIntoHandlersSizedOtherwiseGoesOnAsTheOriginal()
    {
        final Frames frames = mixed();
        final int[] instrumentIds = { AAPL, AMZN };
        final Run reference = run(frames, SMALLEST, instrumentIds, true);
        for (final int at : new int[]{ frames.count() / 7, frames.count() / 2 })
        {
            for (final Sizing[] pair :
                new Sizing[][]{ { LARGEST, SMALLEST }, { SMALLEST, LARGEST }, { SMALLEST, RESERVED } })
            {
                final Handlers before = new Handlers(pair[0], true);
                final Outputs outputs = new Outputs();
                before.feed(frames, 0, at, outputs);
                final Handlers after = new Handlers(pair[1], true);
                after.restore(before.snapshot());
                assertArrayEquals(before.snapshot(), after.snapshot(), "re-encoded at " + at);
                after.feed(frames, at, frames.count(), outputs);
                assertSameRun(reference, after.end(outputs, instrumentIds),
                    "taken at frame " + at + " with " + pair[0] + ", restored into " + pair[1]);
            }
        }
    }

    private static Run assertAllIdentical(final Frames frames, final int[] instrumentIds, final boolean timed)
    {
        final Run reference = run(frames, SIZINGS.get(0), instrumentIds, timed);
        assertTrue(reference.orders().size() > 100, "orders: " + reference.orders().size());
        assertTrue(reference.alerts().size() > 2, "alerts: " + reference.alerts().size());
        assertTrue(reference.grows() > 0, "books of capacity 1 grew: " + reference.grows());
        for (int i = 1; i < SIZINGS.size(); i++)
        {
            final Run run = run(frames, SIZINGS.get(i), instrumentIds, timed);
            assertSameRun(reference, run, run.sizing() + " against " + reference.sizing());
        }
        return reference;
    }

    private static void assertSameRun(final Run expected, final Run actual, final String what)
    {
        assertSameList(expected.orders(), actual.orders(), "orders, " + what);
        assertSameList(expected.alerts(), actual.alerts(), "alerts, " + what);
        assertEquals(expected.state(), actual.state(), "final state, " + what);
        assertArrayEquals(expected.snapshot(), actual.snapshot(), "snapshot bytes, " + what);
    }

    private static List<Sizing> sizings()
    {
        final List<Sizing> sizings = new ArrayList<>();
        for (final int capacity : ORDER_CAPACITIES)
        {
            sizings.add(new Sizing(capacity, BookSizing.DEFAULT_EXPECTED_INSTRUMENTS, 0, 1024, 4096));
        }
        sizings.add(SMALLEST);
        sizings.add(LARGEST);
        sizings.add(RESERVED);
        return sizings;
    }

    private static synchronized Frames mixed()
    {
        if (null == mixed)
        {
            final Frames market = RecordedFeed.merge(
                RecordedFeed.lobster(AAPL_HOUR, AAPL), RecordedFeed.lobster(AMZN_DAY, AMZN));
            mixed = RecordedFeed.withTimers(
                RecordedFeed.withClientFlow(market, CLIENT_FLOW_SEED), TIMER_NS, MAX_TIMERS_PER_GAP);
        }
        return mixed;
    }

    private static Run run(final Frames frames, final Sizing sizing, final int[] instrumentIds, final boolean timed)
    {
        final Handlers handlers = new Handlers(sizing, timed);
        final Outputs outputs = new Outputs();
        handlers.feed(frames, 0, frames.count(), outputs);
        return handlers.end(outputs, instrumentIds);
    }

    /** One Surveillance and one Trading, configured alike but for their sizing. */
    private static final class Handlers
    {
        final Sizing sizing;
        final Surveillance surveillance;
        final Trading trading;

        Handlers(final Sizing sizing, final boolean timed)
        {
            this.sizing = sizing;
            final SurveillanceConfig surveillanceConfig = new SurveillanceConfig()
                .expectedAccounts(sizing.expectedAccounts())
                .expectedOrders(sizing.expectedOrders());
            final TradingConfig tradingConfig = new TradingConfig();
            if (timed)
            {
                surveillanceConfig.staleFeed().staleAfterNs(STALE_NS);
                tradingConfig.marketMaker().staleAfterNs(STALE_NS);
            }
            surveillance = new Surveillance(surveillanceConfig, sizing.books(new BookSizing()));
            sizing.books(tradingConfig.books());
            trading = new Trading(tradingConfig);
        }

        void feed(final Frames frames, final int from, final int to, final Outputs outputs)
        {
            for (int i = from; i < to; i++)
            {
                outputs.frame = i;
                assertEquals(FrameCheck.OK,
                    surveillance.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], outputs));
                assertEquals(FrameCheck.OK,
                    trading.onFrame(frames.buffer(), frames.offsets()[i], frames.lengths()[i], outputs));
            }
        }

        byte[] snapshot()
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
            final int surveillanceLength = surveillance.encodeState(buffer, 0);
            final int length = surveillanceLength + trading.encodeState(buffer, surveillanceLength);
            final byte[] snapshot = new byte[length];
            buffer.getBytes(0, snapshot);
            return snapshot;
        }

        // As the engine's snapshot loader: both states, then the configured symbols' books get their room.
        void restore(final byte[] snapshot)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(snapshot);
            final int end = surveillance.restoreState(buffer, 0, snapshot.length);
            assertEquals(snapshot.length, trading.restoreState(buffer, end, snapshot.length));
            trading.reserveConfiguredBooks(surveillance.books());
        }

        Run end(final Outputs outputs, final int[] instrumentIds)
        {
            final StringBuilder state = new StringBuilder();
            describe(trading, state);
            for (final int instrumentId : instrumentIds)
            {
                describe("trading", trading.book(instrumentId), state);
                describe("surveillance", surveillance.book(instrumentId), state);
            }
            for (int rule = 1; rule <= Surveillance.RULE_COUNT; rule++)
            {
                state.append("rule ").append(rule).append(" alerts ").append(surveillance.alerts(rule)).append('\n');
            }
            return new Run(sizing, outputs.orders, outputs.alerts, state.toString(), snapshot(),
                trading.bookGrows() + surveillance.bookGrows());
        }
    }

    private static void describe(final Trading trading, final StringBuilder text)
    {
        for (final int id : Trading.STRATEGY_IDS)
        {
            text.append(Trading.strategyName(id))
                .append(": sent ").append(trading.ordersSent(id))
                .append(", rejected ").append(trading.ordersRejected(id));
            for (final RiskReject reason : RiskReject.values())
            {
                text.append(' ').append(reason.key()).append('=').append(trading.ordersRejected(id, reason));
            }
            text.append(", fills ").append(trading.fills(id))
                .append(", filled ").append(trading.filledQuantity(id))
                .append(", position ").append(trading.position(id))
                .append(", realised ").append(trading.realisedPnl(id))
                .append(", unrealised ").append(trading.unrealisedPnl(id))
                .append('\n');
        }
    }

    private static void describe(final String owner, final OrderBook book, final StringBuilder text)
    {
        text.append(owner).append(" book ").append(book.instrumentId())
            .append(": orders ").append(book.orderCount())
            .append(", best ").append(book.bestBidQuantity()).append('@').append(book.bestBidPrice())
            .append(" / ").append(book.bestAskQuantity()).append('@').append(book.bestAskPrice())
            .append(", duplicate ").append(book.duplicateOrderIds())
            .append(", unknown ").append(book.unknownOrderEvents())
            .append(", untracked ").append(book.untrackedOrderEvents())
            .append(", invalid ").append(book.invalidEvents())
            .append('\n');
        for (final Side side : new Side[]{ Side.BUY, Side.SELL })
        {
            text.append("  ").append(side).append(' ').append(book.levelCount(side)).append(" levels:");
            for (int depth = 0; depth < book.levelCount(side); depth++)
            {
                final long price = book.levelPrice(side, depth);
                text.append(' ').append(book.levelQuantity(side, depth)).append('@').append(price)
                    .append('(').append(book.untrackedQuantityAt(side, price)).append(')');
            }
            text.append('\n');
        }
    }

    // The first difference, not two lists of tens of thousands of lines.
    private static void assertSameList(final List<String> expected, final List<String> actual, final String what)
    {
        final int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++)
        {
            if (!expected.get(i).equals(actual.get(i)))
            {
                fail(what + ": " + expected.size() + " vs " + actual.size() + ", first difference at " + i +
                    ": expected <" + expected.get(i) + "> but was <" + actual.get(i) + ">");
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": count (same up to " + common + ")");
        assertEquals(digest(expected), digest(actual), what);
    }

    private static String digest(final List<String> lines)
    {
        try
        {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (final String line : lines)
            {
                sha.update(line.getBytes(StandardCharsets.US_ASCII));
                sha.update((byte)'\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Every field of every order and alert, with the frame that caused it. */
    private static final class Outputs implements AlertSink, OrderSink
    {
        final List<String> alerts = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        int frame;

        public void onAlert(
            final int ruleId,
            final Severity severity,
            final long account,
            final long counterpartyAccount,
            final int instrumentId,
            final long observedValue,
            final long limitValue,
            final long referenceValue)
        {
            alerts.add(frame + " rule=" + ruleId + " " + severity + " account=" + account + "/" + counterpartyAccount +
                " instrument=" + instrumentId + " observed=" + observedValue + " limit=" + limitValue +
                " reference=" + referenceValue);
        }

        public void onOrder(
            final int strategyId,
            final int instrumentId,
            final OrderAction action,
            final Side side,
            final long price,
            final long quantity,
            final long clientOrderId,
            final long originalClientOrderId)
        {
            orders.add(frame + " strategy=" + strategyId + " instrument=" + instrumentId + " " + action + " " + side +
                " " + quantity + "@" + price + " id=" + clientOrderId + " orig=" + originalClientOrderId);
        }
    }
}
