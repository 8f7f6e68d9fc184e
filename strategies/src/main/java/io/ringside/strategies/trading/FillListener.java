package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.Side;

/** Told of each simulated fill of a strategy's order. */
@FunctionalInterface
interface FillListener
{
    /**
     * @param remaining what is left of the order after this fill; 0 when it is done, and always 0 for an aggressive
     *                  order, whose unfilled rest is dropped.
     */
    void onFill(int strategyId, int instrumentId, long clientOrderId, Side side, long price, long quantity, long remaining);
}
