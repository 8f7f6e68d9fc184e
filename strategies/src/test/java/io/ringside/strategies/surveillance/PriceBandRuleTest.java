package io.ringside.strategies.surveillance;

import io.ringside.strategies.AlertSink;
import io.ringside.strategies.book.OrderBook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PriceBandRule} against a real {@link OrderBook}. With bid 999,900 and ask 1,000,100 the mid is 1,000,000 and
 * one basis point is 100 price units, so a price's deviation in bps is |price - 1,000,000| / 100, rounded down.
 */
final class PriceBandRuleTest
{
    private static final int INSTRUMENT = 7;
    private static final long ACCOUNT = 1001;
    private static final long COUNTERPARTY = 2002;
    private static final long BID = 999_900;
    private static final long ASK = 1_000_100;
    private static final long MID = 1_000_000;

    private final OrderBook book = new OrderBook(INSTRUMENT, 16);
    private final List<String> alerts = new ArrayList<>();
    private final AlertSink sink = (ruleId, severity, account, counterpartyAccount, instrumentId, observed, limit,
        reference) -> alerts.add("rule=" + ruleId + " " + severity + " account=" + account + "/" +
        counterpartyAccount + " instrument=" + instrumentId + " observed=" + observed + " limit=" + limit +
        " reference=" + reference);
    private final PriceBandRule rule = new PriceBandRule(5);

    @Test
    void shouldNotFireWithinOrExactlyAtTheBand()
    {
        twoSided(BID, ASK);

        assertFalse(judge(MID));
        assertFalse(judge(BID));
        assertFalse(judge(ASK));
        assertFalse(judge(MID + 500)); // exactly 5 bps
        assertFalse(judge(MID - 500));
        assertFalse(judge(MID + 599)); // 5.99 bps, rounded down to the band
        assertFalse(judge(MID - 599));

        assertEquals(List.of(), alerts);
        assertEquals(7, rule.evaluated());
        assertEquals(0, rule.fired());
    }

    @Test
    void shouldFireWarningFromOneBasisPointAboveTheBandToTwiceTheBand()
    {
        twoSided(BID, ASK);

        assertTrue(judge(MID + 600)); // 6 bps: the first whole bp above the band
        assertTrue(judge(MID - 600));
        assertTrue(judge(MID + 1_000)); // exactly twice the band
        assertTrue(judge(MID - 1_099)); // 10.99 bps, rounded down to twice the band

        assertEquals(List.of(
            "rule=1 WARNING account=1001/2002 instrument=7 observed=6 limit=5 reference=1000000",
            "rule=1 WARNING account=1001/2002 instrument=7 observed=6 limit=5 reference=1000000",
            "rule=1 WARNING account=1001/2002 instrument=7 observed=10 limit=5 reference=1000000",
            "rule=1 WARNING account=1001/2002 instrument=7 observed=10 limit=5 reference=1000000"),
            alerts);
        assertEquals(4, rule.evaluated());
        assertEquals(4, rule.fired());
    }

    @Test
    void shouldFireCriticalBeyondTwiceTheBand()
    {
        twoSided(BID, ASK);

        assertTrue(judge(MID + 1_100)); // 11 bps
        assertTrue(judge(MID - 1_100));
        assertTrue(judge(MID + 123_456)); // 1,234.56 bps
        assertTrue(judge(1)); // far below: 9,999.99 bps

        assertEquals(List.of(
            "rule=1 CRITICAL account=1001/2002 instrument=7 observed=11 limit=5 reference=1000000",
            "rule=1 CRITICAL account=1001/2002 instrument=7 observed=11 limit=5 reference=1000000",
            "rule=1 CRITICAL account=1001/2002 instrument=7 observed=1234 limit=5 reference=1000000",
            "rule=1 CRITICAL account=1001/2002 instrument=7 observed=9999 limit=5 reference=1000000"),
            alerts);
        assertEquals(4, rule.fired());
    }

    @Test
    void shouldMeasureAgainstTwiceTheMidAndReportTheMidRoundedDown()
    {
        // bid + ask = 2,000,001: the mid 1,000,000.5 is reported as 1,000,000, but deviation uses the exact mid.
        twoSided(999_901, ASK);

        // |2 x 1,000,601 - 2,000,001| x 10,000 / 2,000,001 = 12,010,000 / 2,000,001 = 6.0049... -> 6
        assertTrue(judge(1_000_601));
        // |2 x 1,000,600 - 2,000,001| x 10,000 / 2,000,001 = 11,990,000 / 2,000,001 = 5.9949... -> 5: no alert,
        // where rounding the mid down first would have measured 6 bps
        assertFalse(judge(1_000_600));
        // 22,010,000 / 2,000,001 = 11.0049... -> 11
        assertTrue(judge(1_001_101));
        // 21,990,000 / 2,000,001 = 10.9949... -> 10
        assertTrue(judge(1_001_100));
        // below the mid: |2 x 999,399 - 2,000,001| = 1,203 -> 6.0149... -> 6
        assertTrue(judge(999_399));

        assertEquals(List.of(
            "rule=1 WARNING account=1001/2002 instrument=7 observed=6 limit=5 reference=1000000",
            "rule=1 CRITICAL account=1001/2002 instrument=7 observed=11 limit=5 reference=1000000",
            "rule=1 WARNING account=1001/2002 instrument=7 observed=10 limit=5 reference=1000000",
            "rule=1 WARNING account=1001/2002 instrument=7 observed=6 limit=5 reference=1000000"),
            alerts);
        assertEquals(5, rule.evaluated());
        assertEquals(4, rule.fired());
    }

    @Test
    void shouldPassAccountsAndInstrumentThroughAsGiven()
    {
        twoSided(BID, ASK);

        assertTrue(rule.onExecution(book, 99, MID + 700, AlertSink.NO_ACCOUNT, AlertSink.NO_ACCOUNT, sink));
        assertTrue(rule.onExecution(book, INSTRUMENT, MID - 700, 0, -5, sink));

        assertEquals(List.of(
            "rule=1 WARNING account=" + Long.MIN_VALUE + "/" + Long.MIN_VALUE +
                " instrument=99 observed=7 limit=5 reference=1000000",
            "rule=1 WARNING account=0/-5 instrument=7 observed=7 limit=5 reference=1000000"),
            alerts);
    }

    @Test
    void shouldUseTheBandItWasGiven()
    {
        final PriceBandRule oneBps = new PriceBandRule(1);
        twoSided(BID, ASK);

        assertEquals(1, oneBps.bandBps());
        assertFalse(oneBps.onExecution(book, INSTRUMENT, MID + 199, ACCOUNT, COUNTERPARTY, sink));
        assertTrue(oneBps.onExecution(book, INSTRUMENT, MID + 200, ACCOUNT, COUNTERPARTY, sink));
        assertTrue(oneBps.onExecution(book, INSTRUMENT, MID + 300, ACCOUNT, COUNTERPARTY, sink));

        assertEquals(List.of(
            "rule=1 WARNING account=1001/2002 instrument=7 observed=2 limit=1 reference=1000000",
            "rule=1 CRITICAL account=1001/2002 instrument=7 observed=3 limit=1 reference=1000000"),
            alerts);
        assertEquals(3, oneBps.evaluated());
        assertEquals(2, oneBps.fired());
    }

    @Test
    void shouldNotJudgeAgainstAnEmptyBook()
    {
        assertFalse(judge(MID + 50_000));

        assertEquals(List.of(), alerts);
        assertEquals(0, rule.evaluated());
        assertEquals(0, rule.fired());
    }

    @Test
    void shouldNotJudgeAgainstAOneSidedBook()
    {
        assertTrue(book.add(1, BUY, BID, 100));
        assertFalse(judge(MID + 50_000));

        assertTrue(book.delete(1, OrderBook.NULL_PRICE, OrderBook.NULL_QUANTITY, null));
        assertTrue(book.add(2, SELL, ASK, 100));
        assertFalse(judge(MID + 50_000));

        assertEquals(List.of(), alerts);
        assertEquals(0, rule.evaluated());
        assertEquals(0, rule.fired());
    }

    @Test
    void shouldNotJudgeAgainstALockedOrCrossedBook()
    {
        twoSided(MID, MID);
        assertFalse(judge(MID + 50_000));

        assertTrue(book.add(3, BUY, MID + 100, 100)); // bid above ask
        assertFalse(judge(MID + 50_000));

        assertEquals(List.of(), alerts);
        assertEquals(0, rule.evaluated());
        assertEquals(0, rule.fired());

        // uncrossed again, it is judged
        assertTrue(book.delete(3, OrderBook.NULL_PRICE, OrderBook.NULL_QUANTITY, null));
        assertTrue(book.add(4, SELL, MID + 200, 100));
        assertTrue(book.delete(2, OrderBook.NULL_PRICE, OrderBook.NULL_QUANTITY, null));
        assertFalse(judge(MID + 100)); // mid 1,000,100: 0 bps
        assertEquals(1, rule.evaluated());
    }

    @Test
    void shouldNotJudgeWithoutABook()
    {
        assertFalse(rule.onExecution(null, INSTRUMENT, MID + 50_000, ACCOUNT, COUNTERPARTY, sink));

        assertEquals(List.of(), alerts);
        assertEquals(0, rule.evaluated());
        assertEquals(0, rule.fired());
    }

    @Test
    void shouldCountEvaluatedAndFiredExactly()
    {
        assertFalse(judge(MID + 50_000)); // empty: not evaluated
        twoSided(BID, ASK);
        assertFalse(judge(MID)); // evaluated, quiet
        assertTrue(judge(MID + 600)); // evaluated, fires
        assertFalse(judge(MID + 500)); // evaluated, quiet
        assertTrue(judge(MID - 5_000)); // evaluated, fires
        assertFalse(rule.onExecution(null, INSTRUMENT, MID + 50_000, ACCOUNT, COUNTERPARTY, sink)); // not evaluated

        assertEquals(4, rule.evaluated());
        assertEquals(2, rule.fired());
        assertEquals(2, alerts.size());
    }

    @Test
    void shouldRejectABandThatIsNotPositive()
    {
        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new PriceBandRule(0));
        assertEquals("price-band-bps must be > 0: 0", zero.getMessage());

        final IllegalArgumentException negative =
            assertThrows(IllegalArgumentException.class, () -> new PriceBandRule(-3));
        assertEquals("price-band-bps must be > 0: -3", negative.getMessage());

        assertEquals(1, new PriceBandRule(1).bandBps());
    }

    private void twoSided(final long bid, final long ask)
    {
        assertTrue(book.add(1, BUY, bid, 100));
        assertTrue(book.add(2, SELL, ask, 100));
    }

    private boolean judge(final long price)
    {
        return rule.onExecution(book, INSTRUMENT, price, ACCOUNT, COUNTERPARTY, sink);
    }
}
