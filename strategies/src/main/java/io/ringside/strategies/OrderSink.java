package io.ringside.strategies;

import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;

/** Where trading strategies put the orders they send. The host stamps what triggered them. */
@FunctionalInterface
public interface OrderSink
{
    void onOrder(
        int strategyId,
        int instrumentId,
        OrderAction action,
        Side side,
        long price,
        long quantity,
        long clientOrderId,
        long originalClientOrderId);
}
