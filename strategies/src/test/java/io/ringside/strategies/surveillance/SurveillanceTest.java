package io.ringside.strategies.surveillance;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.TestFrames;
import io.ringside.strategies.book.OrderBook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real SBE frames through {@link Surveillance#onFrame}. The book is bid 999,000 (order 1) and ask 1,001,000 (order 2),
 * so the mid is 1,000,000, one basis point is 100 price units and a trade at either touch is 10 bps from the mid:
 * with a 5 bps band, a WARNING.
 */
final class SurveillanceTest
{
    private static final int AAPL = 7;
    private static final int MSFT = 8;
    private static final long BID = 999_000;
    private static final long ASK = 1_001_000;
    private static final long MID = 1_000_000;
    private static final long T0 = 1_340_285_400_000_000_000L;
    private static final long NULL_PRICE = OrderExecutedEncoder.priceNullValue();
    private static final String NO_ACCOUNTS = "account=" + Long.MIN_VALUE + "/" + Long.MIN_VALUE;

    private final TestFrames frames = new TestFrames();
    private final Surveillance surveillance = new Surveillance(SurveillanceConfig.priceBandOnly(5), 16);
    private final List<String> alerts = new ArrayList<>();
    private final AlertSink sink = (ruleId, severity, account, counterpartyAccount, instrumentId, observed, limit,
        reference) -> alerts.add("rule=" + ruleId + " " + severity + " account=" + account + "/" +
        counterpartyAccount + " instrument=" + instrumentId + " observed=" + observed + " limit=" + limit +
        " reference=" + reference);
    private long time = T0;

    @Test
    void shouldJudgeAnExecutionAgainstTheBookBeforeItEmptiesASide()
    {
        book(AAPL);

        // all of the only ask: after it the book is one-sided and could not be judged
        feed(frames.orderExecuted(++time, AAPL, 2, 100, ASK, SELL));

        assertEquals(List.of("rule=1 WARNING " + NO_ACCOUNTS + " instrument=7 observed=10 limit=5 reference=1000000"),
            alerts);
        assertEquals(1, surveillance.priceBandRule().evaluated());
        // and the event was applied after
        final OrderBook book = surveillance.book(AAPL);
        assertFalse(book.containsOrder(2));
        assertEquals(0, book.levelCount(SELL));
        assertEquals(BID, book.bestBidPrice());
    }

    @Test
    void shouldJudgeAnExecutionAgainstTheBookBeforeItMovesTheMid()
    {
        book(AAPL);
        // a second, wider ask: once order 2 is gone the mid is (999,000 + 1,020,000) / 2 = 1,009,500
        feed(frames.addOrder(++time, AAPL, 3, SELL, 1_020_000, 100));
        // and a bid close to the ask: before, the mid is (1,000,900 + 1,001,000) / 2 = 1,000,950
        feed(frames.addOrder(++time, AAPL, 4, BUY, 1_000_900, 100));

        // at 1,000,900: 0.49 bps from the mid before (no alert); 9 bps from the mid after order 4 has gone
        feed(frames.orderExecuted(++time, AAPL, 4, 100, 1_000_900, BUY));
        assertEquals(List.of(), alerts);

        // now the mid is 1,000,000 and the ask touch is 10 bps from it; from the mid after, 1,009,500, it is 84 bps
        feed(frames.orderExecuted(++time, AAPL, 2, 100, ASK, SELL));

        assertEquals(List.of("rule=1 WARNING " + NO_ACCOUNTS + " instrument=7 observed=10 limit=5 reference=1000000"),
            alerts);
        assertEquals(2, surveillance.priceBandRule().evaluated());
        assertEquals(1_020_000, surveillance.book(AAPL).bestAskPrice());
    }

    @Test
    void shouldTakeTheRestingOrdersPriceWhenTheExecutionHasNone()
    {
        book(AAPL);

        feed(frames.orderExecuted(++time, AAPL, 1, 40, NULL_PRICE, Side.NULL_VAL));

        assertEquals(List.of("rule=1 WARNING " + NO_ACCOUNTS + " instrument=7 observed=10 limit=5 reference=1000000"),
            alerts);
        assertEquals(60, surveillance.book(AAPL).orderQuantity(1));
    }

    @Test
    void shouldTakeTheExecutionsOwnPriceWhenItHasOne()
    {
        book(AAPL);

        // order 2 rests at 1,001,000 (10 bps) but traded at 1,000,100 (1 bps)
        feed(frames.orderExecuted(++time, AAPL, 2, 40, 1_000_100, SELL));
        // order 1 rests at 999,000 (10 bps) but traded at 998,800 (12 bps)
        feed(frames.orderExecuted(++time, AAPL, 1, 40, 998_800, BUY));

        assertEquals(List.of("rule=1 CRITICAL " + NO_ACCOUNTS + " instrument=7 observed=12 limit=5 reference=1000000"),
            alerts);
        assertEquals(2, surveillance.priceBandRule().evaluated());
    }

    @Test
    void shouldNotJudgeAPricelessExecutionOfAnOrderTheBookDoesNotTrack()
    {
        book(AAPL);

        feed(frames.orderExecuted(++time, AAPL, 99, 40, NULL_PRICE, SELL));
        feed(frames.orderExecuted(++time, MSFT, 99, 40, NULL_PRICE, SELL));

        assertEquals(List.of(), alerts);
        assertEquals(0, surveillance.priceBandRule().evaluated());
    }

    @Test
    void shouldJudgeTradePrintsWithoutChangingTheBook()
    {
        book(AAPL);

        feed(frames.tradePrint(++time, AAPL, MID + 400, 50)); // 4 bps
        feed(frames.tradePrint(++time, AAPL, MID + 1_200, 50)); // 12 bps
        feed(frames.tradePrint(++time, AAPL, MID - 700, 50)); // 7 bps

        assertEquals(List.of(
            "rule=1 CRITICAL " + NO_ACCOUNTS + " instrument=7 observed=12 limit=5 reference=1000000",
            "rule=1 WARNING " + NO_ACCOUNTS + " instrument=7 observed=7 limit=5 reference=1000000"),
            alerts);
        assertEquals(3, surveillance.priceBandRule().evaluated());
        final OrderBook book = surveillance.book(AAPL);
        assertEquals(BID, book.bestBidPrice());
        assertEquals(100, book.bestBidQuantity());
        assertEquals(ASK, book.bestAskPrice());
        assertEquals(100, book.bestAskQuantity());
    }

    @Test
    void shouldJudgeClientExecutionsWithBuyerAsAccountAndSellerAsCounterparty()
    {
        book(AAPL);

        feed(frames.clientExecution(++time, AAPL, 1001, 2002, MID - 1_200, 10)); // 12 bps
        feed(frames.clientExecution(++time, AAPL, 3003, 4004, MID + 300, 10)); // 3 bps
        feed(frames.clientExecution(++time, AAPL, 5005, 6006, MID + 600, 10)); // 6 bps

        assertEquals(List.of(
            "rule=1 CRITICAL account=1001/2002 instrument=7 observed=12 limit=5 reference=1000000",
            "rule=1 WARNING account=5005/6006 instrument=7 observed=6 limit=5 reference=1000000"),
            alerts);
        assertEquals(3, surveillance.priceBandRule().evaluated());
        assertEquals(2, surveillance.priceBandRule().fired());
    }

    @Test
    void shouldNotJudgeExecutionsForAnInstrumentWithNeitherABookNorATrade()
    {
        book(AAPL);

        feed(frames.clientExecution(++time, MSFT, 1001, 2002, 1, 10));
        feed(frames.clientNewOrder(++time, MSFT, 1001, 7, BUY, 1, 10));
        feed(frames.tradePrint(++time, MSFT, 1, 50));

        assertEquals(List.of(), alerts);
        assertEquals(0, surveillance.priceBandRule().evaluated());
        assertNull(surveillance.book(MSFT));
    }

    @Test
    void shouldJudgeAgainstTheLastMarketTradeWhenTheBookIsEmptyOrOneSided()
    {
        feed(frames.tradePrint(++time, MSFT, 300_000, 50)); // nothing to judge it against: sets the last trade
        feed(frames.clientExecution(++time, MSFT, 1001, 2002, 300_150, 10)); // 5 bps from the last trade
        feed(frames.clientNewOrder(++time, MSFT, 1001, 7, BUY, 300_180, 10)); // 6 bps
        // client executions are judged, but are not the market's last trade
        feed(frames.clientExecution(++time, MSFT, 3003, 4004, 310_000, 10)); // 333 bps
        feed(frames.clientExecution(++time, MSFT, 3003, 4004, 300_000, 10)); // still 0 bps from 300,000
        // a bid only: one-sided, so the last trade is still the reference
        feed(frames.addOrder(++time, MSFT, 1, BUY, 290_000, 100));
        feed(frames.clientNewOrder(++time, MSFT, 1001, 8, SELL, 299_000, 10)); // 33 bps from 300,000
        // two-sided again: the mid, 295,000, is the reference
        feed(frames.addOrder(++time, MSFT, 2, SELL, 300_000, 100));
        feed(frames.clientNewOrder(++time, MSFT, 1001, 9, SELL, 295_100, 10)); // 3 bps

        assertEquals(List.of(
            "rule=1 WARNING account=1001/" + Long.MIN_VALUE + " instrument=8 observed=6 limit=5 reference=300000",
            "rule=1 CRITICAL account=3003/4004 instrument=8 observed=333 limit=5 reference=300000",
            "rule=1 CRITICAL account=1001/" + Long.MIN_VALUE + " instrument=8 observed=33 limit=5 reference=300000"),
            alerts);
        assertEquals(6, surveillance.priceBandRule().evaluated());
        assertEquals(3, surveillance.priceBandRule().fired());
        assertEquals(3, surveillance.alerts(PriceBandRule.RULE_ID));
        assertEquals(6, surveillance.evaluated(PriceBandRule.RULE_ID));
    }

    @Test
    void shouldJudgeEachInstrumentAgainstItsOwnBook()
    {
        book(AAPL);
        feed(frames.addOrder(++time, MSFT, 1, BUY, 299_900, 100));
        feed(frames.addOrder(++time, MSFT, 2, SELL, 300_100, 100));

        feed(frames.tradePrint(++time, MSFT, 300_210, 5)); // 7 bps from MSFT's mid, 300,000
        feed(frames.tradePrint(++time, AAPL, 300_210, 5)); // 6,997.9 bps from AAPL's mid, 1,000,000

        assertEquals(List.of(
            "rule=1 WARNING " + NO_ACCOUNTS + " instrument=8 observed=7 limit=5 reference=300000",
            "rule=1 CRITICAL " + NO_ACCOUNTS + " instrument=7 observed=6997 limit=5 reference=1000000"),
            alerts);
    }

    @Test
    void shouldJudgeClientOrdersButNeverAlertOnEventsWithoutAPriceToJudge()
    {
        feed(frames.instrumentDefinition(++time, AAPL, 100));
        book(AAPL);
        final long wild = 5 * MID;

        feed(frames.tradingStatus(++time, AAPL, TradingState.HALTED));
        feed(frames.addOrder(++time, AAPL, 3, SELL, wild, 100));
        feed(frames.addOrder(++time, AAPL, 4, BUY, 1, 100));
        feed(frames.orderCancelled(++time, AAPL, 3, 10));
        feed(frames.orderReplaced(++time, AAPL, 3, 5, wild + 100, 80));
        feed(frames.orderDeleted(++time, AAPL, 5));
        feed(frames.quote(++time, AAPL, 1, 10, wild, 10));
        feed(frames.clientNewOrder(++time, AAPL, 1001, 1, BUY, wild, 100)); // a fat finger: 40,000 bps off the mid
        feed(frames.clientCancel(++time, AAPL, 1001, 1));
        feed(frames.tradingStatus(++time, AAPL, TradingState.TRADING));

        assertEquals(List.of("rule=1 CRITICAL account=1001/" + Long.MIN_VALUE +
            " instrument=7 observed=40000 limit=5 reference=1000000"), alerts);
        assertEquals(1, surveillance.priceBandRule().evaluated());
        assertEquals(1, surveillance.priceBandRule().fired());
        // the order events were applied to the book
        final OrderBook book = surveillance.book(AAPL);
        assertEquals(3, book.orderCount());
        assertEquals(2, book.levelCount(BUY));
        assertEquals(1, book.levelCount(SELL));
    }

    @Test
    void shouldEmptyABookWhenItsInstrumentIsDefinedAgainForANewSession()
    {
        book(AAPL);
        assertEquals(2, surveillance.book(AAPL).orderCount());

        feed(frames.instrumentDefinition(++time, AAPL, 100));

        final OrderBook book = surveillance.book(AAPL);
        assertEquals(0, book.orderCount());
        assertEquals(0, book.levelCount(BUY));
        assertEquals(0, book.levelCount(SELL));
        assertEquals(OrderBook.NULL_PRICE, book.bestBidPrice());
        book(AAPL); // the same order ids rest again in the new session
        assertEquals(2, surveillance.book(AAPL).orderCount());
        assertEquals(0, book.duplicateOrderIds());
    }

    @Test
    void shouldRefuseAFrameOfAnUnknownTemplateWithoutJudgingIt()
    {
        book(AAPL);

        // a client execution 12 bps off that would alert, but under a template id this build does not know
        final int length = frames.clientExecution(++time, AAPL, 1001, 2002, MID - 1_200, 10);
        frames.buffer().putShort(MessageHeaderEncoder.templateIdEncodingOffset(), (short)63,
            MessageHeaderEncoder.BYTE_ORDER);
        assertEquals(FrameCheck.UNKNOWN_TEMPLATE, surveillance.onFrame(frames.buffer(), 0, length, sink));

        // and truncated
        final int executionLength = frames.clientExecution(++time, AAPL, 1001, 2002, MID - 1_200, 10);
        assertEquals(MessageHeaderEncoder.ENCODED_LENGTH + ClientExecutionEncoder.BLOCK_LENGTH, executionLength);
        assertEquals(FrameCheck.TRUNCATED, surveillance.onFrame(frames.buffer(), 0, executionLength - 1, sink));

        // an engine output is not an inbound event
        final int alertLength = MessageHeaderEncoder.ENCODED_LENGTH + FraudAlertEncoder.BLOCK_LENGTH;
        new FraudAlertEncoder().wrapAndApplyHeader(frames.buffer(), 0, new MessageHeaderEncoder()).ruleId(1);
        assertEquals(FrameCheck.NOT_INBOUND, surveillance.onFrame(frames.buffer(), 0, alertLength, sink));

        assertEquals(List.of(), alerts);
        assertEquals(0, surveillance.priceBandRule().evaluated());

        // the same execution, whole, is judged
        feed(frames.clientExecution(++time, AAPL, 1001, 2002, MID - 1_200, 10));
        assertEquals(List.of("rule=1 CRITICAL account=1001/2002 instrument=7 observed=12 limit=5 reference=1000000"),
            alerts);
    }

    @Test
    void shouldRaiseAlertsOnTheSinkGivenWithTheFrame()
    {
        book(AAPL);
        final List<String> other = new ArrayList<>();

        assertEquals(FrameCheck.OK, surveillance.onFrame(frames.buffer(), 0,
            frames.tradePrint(++time, AAPL, MID + 1_200, 50),
            (ruleId, severity, account, counterpartyAccount, instrumentId, observed, limit, reference) ->
                other.add(severity + " " + observed)));
        feed(frames.tradePrint(++time, AAPL, MID + 700, 50));

        assertEquals(List.of("CRITICAL 12"), other);
        assertEquals(List.of("rule=1 WARNING " + NO_ACCOUNTS + " instrument=7 observed=7 limit=5 reference=1000000"),
            alerts);
    }

    @Test
    void shouldExposeItsRuleAndBooks()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        final Surveillance own = new Surveillance(config, 16);

        assertSame(config, own.config());
        assertTrue(config.isConcluded());
        assertEquals(5, own.priceBandRule().bandBps());
        assertNull(own.book(AAPL));
        assertEquals(FrameCheck.OK, own.onFrame(frames.buffer(), 0, frames.addOrder(++time, AAPL, 1, BUY, BID, 5), sink));
        assertEquals(BID, own.book(AAPL).bestBidPrice());
        assertNull(own.book(MSFT));
    }

    @Test
    void shouldRunEveryRuleThatAppliesInTheOrderOfTheirIds()
    {
        final SurveillanceConfig config = new SurveillanceConfig();
        config.size().maxQuantity(100);
        config.velocity().maxMessages(1);
        config.spoofing().minCancelPercent(50);
        final Surveillance all = new Surveillance(config, 16);
        final List<String> raised = new ArrayList<>();
        final AlertSink recorder = (ruleId, severity, account, counterpartyAccount, instrumentId, observed, limit,
            reference) -> raised.add(ruleId + ":" + account);
        all.onFrame(frames.buffer(), 0, frames.addOrder(++time, AAPL, 1, BUY, BID, 100), recorder);
        all.onFrame(frames.buffer(), 0, frames.addOrder(++time, AAPL, 2, SELL, ASK, 100), recorder);

        // a fat-fingered, huge order, the account's second message: price band, size and velocity, in that order
        all.onFrame(frames.buffer(), 0, frames.clientNewOrder(++time, AAPL, 1001, 1, BUY, MID, 10), recorder);
        all.onFrame(frames.buffer(), 0, frames.clientNewOrder(++time, AAPL, 1001, 2, BUY, MID * 2, 1_000), recorder);
        assertEquals(List.of("1:1001", "2:1001", "3:1001"), raised);

        // it trades with itself on the other side of its large bids: price band, spoofing (not yet: nothing
        // cancelled), wash trade
        raised.clear();
        all.onFrame(frames.buffer(), 0, frames.clientExecution(++time, AAPL, 1001, 1001, MID * 2, 10), recorder);
        assertEquals(List.of("1:1001", "5:1001"), raised);

        // and cancels the large bid: velocity has not re-armed, spoofing completes
        raised.clear();
        all.onFrame(frames.buffer(), 0, frames.clientCancel(++time, AAPL, 1001, 2), recorder);
        assertEquals(List.of("4:1001"), raised);

        for (int ruleId = 1; ruleId <= Surveillance.RULE_COUNT; ruleId++)
        {
            assertEquals(ruleId >= 6 ? 0 : ruleId == 1 ? 2 : 1, all.alerts(ruleId), Surveillance.ruleName(ruleId));
        }
        assertEquals(2, all.evaluated(QuoteStuffingRule.RULE_ID));
        assertEquals(4, all.evaluated(VelocityRule.RULE_ID) + all.evaluated(WashTradeRule.RULE_ID));
    }

    private void book(final int instrumentId)
    {
        feed(frames.addOrder(++time, instrumentId, 1, BUY, BID, 100));
        feed(frames.addOrder(++time, instrumentId, 2, SELL, ASK, 100));
        assertEquals(List.of(), alerts);
    }

    private void feed(final int length)
    {
        assertEquals(FrameCheck.OK, surveillance.onFrame(frames.buffer(), 0, length, sink));
    }
}
