package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.TradingStateDecoder;
import io.ringside.codecs.snapshot.TradingStateEncoder;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.book.OrderBook;

import java.util.Arrays;

/**
 * The pre-trade checks every strategy order passes before it leaves, each limit inclusive (an order that reaches a
 * limit exactly passes): the strategy's kill switch, then the instrument's {@link RiskLimits} (order quantity, price
 * collar around the mid, worst-case position, worst-case notional), then the strategy's order rate over the last
 * second of event time. The first check that fails rejects the order and is counted for the strategy.
 * <p>
 * Cancels always pass, kill switch included: they only take risk away, and a strategy that has been stopped must
 * still be able to withdraw its quotes. They do not count towards the order rate either.
 * <p>
 * The worst-case position counts every open order of the strategy on the order's side as filled, this order
 * included and, for a replace, the order it replaces left out: {@code position + open buys + quantity} for a buy,
 * {@code open sells + quantity - position} for a sell. Notional is that quantity times the order's price.
 */
public final class RiskGate
{
    static final long ONE_SECOND_NS = 1_000_000_000L;
    private static final long BPS = 10_000;

    private final FillSimulator simulator;
    private final int maxOrdersPerSecond;
    private final long[][] rejections;
    private final long[] passed;
    // Per strategy, the event times of its last maxOrdersPerSecond accepted orders, oldest at the head.
    private final long[][] orderTimes;
    private final int[] orderTimesHead;
    private final int[] orderTimesCount;
    // Per strategy: one strategy can be stopped alone; the configured kill switch and trip() stop them all.
    private final boolean[] killSwitch;

    RiskGate(final TradingConfig config, final FillSimulator simulator, final int maxStrategyId)
    {
        this.simulator = simulator;
        this.maxOrdersPerSecond = config.maxOrdersPerSecond();
        this.killSwitch = new boolean[maxStrategyId + 1];
        Arrays.fill(killSwitch, config.killSwitch());
        rejections = new long[maxStrategyId + 1][RiskReject.count()];
        passed = new long[maxStrategyId + 1];
        orderTimes = new long[maxStrategyId + 1][maxOrdersPerSecond];
        orderTimesHead = new int[maxStrategyId + 1];
        orderTimesCount = new int[maxStrategyId + 1];
    }

    /** Stop all trading: every order but a cancel is rejected from now on, whichever strategy sends it. */
    public void trip()
    {
        Arrays.fill(killSwitch, true);
    }

    /** Let every strategy's orders through again after {@link #trip()} or a configured kill switch. */
    public void reset()
    {
        Arrays.fill(killSwitch, false);
    }

    /** @return true when every strategy's kill switch is on. */
    public boolean isTripped()
    {
        for (int strategyId = 1; strategyId < killSwitch.length; strategyId++)
        {
            if (!killSwitch[strategyId])
            {
                return false;
            }
        }
        return true;
    }

    /** Stop one strategy: its orders but cancels are rejected from now on. */
    public void trip(final int strategyId)
    {
        killSwitch[strategyId] = true;
    }

    public void reset(final int strategyId)
    {
        killSwitch[strategyId] = false;
    }

    public boolean isTripped(final int strategyId)
    {
        return killSwitch[strategyId];
    }

    /** Orders the strategy sent that passed every check, cancels excepted. */
    public long passed(final int strategyId)
    {
        return passed[strategyId];
    }

    public long rejected(final int strategyId, final RiskReject reason)
    {
        return rejections[strategyId][reason.ordinal()];
    }

    public long rejected(final int strategyId)
    {
        long sum = 0;
        for (final long count : rejections[strategyId])
        {
            sum += count;
        }
        return sum;
    }

    /**
     * @return null when the order may leave, else why not (counted).
     */
    RiskReject check(
        final int strategyId,
        final InstrumentState instrument,
        final OrderAction action,
        final Side side,
        final long price,
        final long quantity,
        final long originalClientOrderId,
        final long eventTime)
    {
        if (OrderAction.CANCEL == action)
        {
            return null;
        }
        final RiskReject reject = firstFailing(strategyId, instrument, action, side, price, quantity,
            originalClientOrderId, eventTime);
        if (null != reject)
        {
            rejections[strategyId][reject.ordinal()]++;
            return reject;
        }
        passed[strategyId]++;
        recordOrderTime(strategyId, eventTime);
        return null;
    }

    private RiskReject firstFailing(
        final int strategyId,
        final InstrumentState instrument,
        final OrderAction action,
        final Side side,
        final long price,
        final long quantity,
        final long originalClientOrderId,
        final long eventTime)
    {
        if (killSwitch[strategyId])
        {
            return RiskReject.KILL_SWITCH;
        }
        final RiskLimits limits = instrument.limits;
        if (quantity > limits.maxOrderQuantity())
        {
            return RiskReject.MAX_ORDER_QUANTITY;
        }

        final OrderBook book = instrument.book;
        if (null == book || !book.isTwoSided())
        {
            return RiskReject.PRICE_COLLAR;
        }
        final long twiceMid = book.bestBidPrice() + book.bestAskPrice();
        if (Math.abs(2 * price - twiceMid) * BPS > limits.priceCollarBps() * twiceMid)
        {
            return RiskReject.PRICE_COLLAR;
        }

        final long except = OrderAction.REPLACE == action ? originalClientOrderId : 0;
        final long open = simulator.openQuantity(strategyId, instrument.instrumentId, side, except);
        final long position = simulator.position(strategyId, instrument.instrumentId);
        final long worst = Side.BUY == side ? position + open + quantity : open + quantity - position;
        if (worst > limits.maxPosition())
        {
            return RiskReject.MAX_POSITION;
        }
        final long scale = instrument.scaleFactor;
        final long notionalLimit = limits.maxNotional() > Long.MAX_VALUE / scale ?
            Long.MAX_VALUE : limits.maxNotional() * scale;
        if (worst > 0 && worst * price > notionalLimit)
        {
            return RiskReject.MAX_NOTIONAL;
        }

        if (orderTimesCount[strategyId] == maxOrdersPerSecond &&
            eventTime - orderTimes[strategyId][orderTimesHead[strategyId]] < ONE_SECOND_NS)
        {
            return RiskReject.ORDER_RATE;
        }
        return null;
    }

    private void recordOrderTime(final int strategyId, final long eventTime)
    {
        final long[] times = orderTimes[strategyId];
        if (orderTimesCount[strategyId] < maxOrdersPerSecond)
        {
            times[(orderTimesHead[strategyId] + orderTimesCount[strategyId]++) % maxOrdersPerSecond] = eventTime;
        }
        else
        {
            final int head = orderTimesHead[strategyId];
            times[head] = eventTime;
            orderTimesHead[strategyId] = head + 1 == maxOrdersPerSecond ? 0 : head + 1;
        }
    }

    /** One strategy's counts and rate window, as the strategies group's entry (its other fields are Trading's). */
    void encode(final int strategyId, final TradingStateEncoder.StrategiesEncoder strategy)
    {
        strategy.killSwitch(StateMessages.bool(killSwitch[strategyId]))
            .passed(passed[strategyId])
            .orderTimesHead(orderTimesHead[strategyId])
            .orderTimesFilled(orderTimesCount[strategyId]);
        final long[] counts = rejections[strategyId];
        final TradingStateEncoder.StrategiesEncoder.RejectionsEncoder rejected = strategy.rejectionsCount(counts.length);
        for (final long count : counts)
        {
            rejected.next().rejected(count);
        }
        final long[] times = orderTimes[strategyId];
        final TradingStateEncoder.StrategiesEncoder.OrderTimesEncoder window = strategy.orderTimesCount(times.length);
        for (final long time : times)
        {
            window.next().time(time);
        }
    }

    /**
     * @param configuredKillSwitch the kill switch of a snapshot older than the runtime one (schema version 5), which
     *                             carries none: the configuration's, as restores did before.
     */
    void restore(
        final int strategyId, final TradingStateDecoder.StrategiesDecoder strategy, final boolean configuredKillSwitch)
    {
        final short killed = strategy.killSwitch();
        killSwitch[strategyId] = TradingStateDecoder.StrategiesDecoder.killSwitchNullValue() == killed ?
            configuredKillSwitch : StateMessages.bool(killed);
        passed[strategyId] = strategy.passed();
        final long[] counts = rejections[strategyId];
        final TradingStateDecoder.StrategiesDecoder.RejectionsDecoder rejected = strategy.rejections();
        if (rejected.count() != counts.length)
        {
            throw new IllegalStateException("snapshot has " + rejected.count() + " risk reject reasons, this engine "
                + counts.length);
        }
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = rejected.next().rejected();
        }
        final long[] times = orderTimes[strategyId];
        final TradingStateDecoder.StrategiesDecoder.OrderTimesDecoder window = strategy.orderTimes();
        if (window.count() != times.length)
        {
            throw new IllegalStateException("snapshot rate window holds " + window.count()
                + " orders, max-orders-per-second here is " + times.length);
        }
        for (int i = 0; i < times.length; i++)
        {
            times[i] = window.next().time();
        }
        orderTimesHead[strategyId] = strategy.orderTimesHead();
        orderTimesCount[strategyId] = strategy.orderTimesFilled();
    }
}
