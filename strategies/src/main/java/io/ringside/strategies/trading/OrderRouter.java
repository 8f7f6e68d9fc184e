package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;

/** Where a strategy sends an order: through the risk gate, out to the sink, into the fill simulator. */
interface OrderRouter
{
    /** Returned for an order the risk gate rejected; client order ids start at 1. */
    long REJECTED = 0;

    /**
     * @return the order's client order id, or {@link #REJECTED}. Fills of an aggressive order have been reported
     * by the time this returns.
     */
    long send(
        int strategyId,
        InstrumentState instrument,
        OrderAction action,
        Side side,
        long price,
        long quantity,
        long originalClientOrderId,
        long eventTime);
}
