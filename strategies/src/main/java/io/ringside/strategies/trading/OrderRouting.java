package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.OrderSink;
import io.ringside.strategies.book.OrderBook;

import java.util.Arrays;

import static io.ringside.strategies.trading.Trading.MAX_STRATEGY_ID;

/**
 * Where {@link Trading}'s strategies send their orders: through the {@link RiskGate}; when it passes, numbered (client
 * order ids rise by 1 from 1 per strategy, across instruments; every order sent, cancels included, takes one, and a
 * rejected order takes none), out to the {@link OrderSink} of the frame being taken, and into the
 * {@link FillSimulator}, which fills an aggressive order at once and rests the others.
 */
final class OrderRouting implements OrderRouter
{
    private final RiskGate riskGate;
    private final FillSimulator simulator;
    final long[] nextClientOrderId = new long[MAX_STRATEGY_ID + 1];
    final long[] ordersSent = new long[MAX_STRATEGY_ID + 1];
    private OrderSink sink;

    OrderRouting(final RiskGate riskGate, final FillSimulator simulator)
    {
        this.riskGate = riskGate;
        this.simulator = simulator;
        Arrays.fill(nextClientOrderId, 1);
    }

    /** Where the orders go from now: the sink of the frame being taken. */
    void sink(final OrderSink sink)
    {
        this.sink = sink;
    }

    /** Orders the strategy sent, cancels included. */
    long ordersSent(final int strategyId)
    {
        return ordersSent[strategyId];
    }

    long ordersSent()
    {
        long sum = 0;
        for (final long sent : ordersSent)
        {
            sum += sent;
        }
        return sum;
    }

    public long send(
        final int strategyId,
        final InstrumentState instrument,
        final OrderAction action,
        final Side side,
        final long price,
        final long quantity,
        final long originalClientOrderId,
        final long eventTime)
    {
        if (null != riskGate.check(
            strategyId, instrument, action, side, price, quantity, originalClientOrderId, eventTime))
        {
            return REJECTED;
        }
        final long id = nextClientOrderId[strategyId]++;
        ordersSent[strategyId]++;
        sink.onOrder(strategyId, instrument.instrumentId, action, side, price, quantity, id,
            OrderAction.NEW == action ? 0 : originalClientOrderId);

        if (OrderAction.NEW != action)
        {
            simulator.cancel(strategyId, originalClientOrderId);
        }
        if (OrderAction.CANCEL != action)
        {
            final OrderBook book = instrument.book;
            if (FillSimulator.isAggressive(book, side, price))
            {
                simulator.execute(strategyId, instrument.instrumentId, book, side, price, quantity, id);
            }
            else
            {
                simulator.rest(strategyId, instrument.instrumentId, side, price, quantity, id);
            }
        }
        return id;
    }
}
