package io.ringside.strategies.trading;

import io.ringside.codecs.FrameCheck;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.TestFrames;

import java.util.ArrayList;
import java.util.List;

import static io.ringside.codecs.sbe.Side.BUY;
import static io.ringside.codecs.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the order-by-order tests of {@link Trading} share: real SBE frames fed one at a time through
 * {@link Trading#onFrame}, every order sent kept as a line of text, the market maker alone with wide risk limits.
 */
abstract class TradingFeed
{
    static final int AAPL = 7;
    static final long TICK = 100;
    static final long INTERVAL = 1_000_000;
    static final long T = 1_340_285_400_000_000_000L;

    final TestFrames frames = new TestFrames();
    final List<String> orders = new ArrayList<>();
    final OrderSink sink = (strategyId, instrumentId, action, side, price, quantity, clientOrderId,
        originalClientOrderId) -> orders.add(strategyId + " " + instrumentId + " " + action + " " + side + " " +
        quantity + "@" + price + " id=" + clientOrderId + " orig=" + originalClientOrderId);
    final TradingConfig config = wideRisk(new TradingConfig());
    /** Made at the first frame, so a test can change {@link #config} before. */
    Trading trading;

    /** The market maker alone, with risk limits that never refuse its orders. */
    static TradingConfig wideRisk(final TradingConfig config)
    {
        config.ofiTaker().enabled(false);
        config.risk().maxOrderQuantity(1_000_000).maxPosition(1_000_000).maxNotional(1_000_000_000)
            .priceCollarBps(10_000);
        return config.maxOrdersPerSecond(100_000).initialOrderCapacityPerBook(16);
    }

    void feed(final int length)
    {
        if (null == trading)
        {
            trading = new Trading(config);
        }
        assertEquals(FrameCheck.OK, trading.onFrame(frames.buffer(), 0, length, sink));
    }

    /** Definition at T, bid 1,000,000 x 300 at T + 1, ask 1,000,900 x 300 at T + 2: quotes 1,000,300 / 1,000,700. */
    void quoteAapl()
    {
        feed(frames.instrumentDefinition(T, AAPL, TICK));
        feed(frames.addOrder(T + 1, AAPL, 1, BUY, 1_000_000, 300));
        feed(frames.addOrder(T + 2, AAPL, 2, SELL, 1_000_900, 300));
        assertEquals(List.of(
            "1 7 NEW BUY 100@1000300 id=1 orig=0",
            "1 7 NEW SELL 100@1000700 id=2 orig=0"),
            orders);
    }
}
