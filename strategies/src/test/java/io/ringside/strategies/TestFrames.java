package io.ringside.strategies;

import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.ClientCancelEncoder;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandEncoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.OrderReplacedEncoder;
import io.ringside.codecs.sbe.QuoteEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TimerEncoder;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Encodes one inbound frame at a time, with the generated encoders, into a buffer at offset 0. Each method returns
 * the frame's length. Envelopes carry a rising sequence from 1, source 1 and the given event time.
 */
public final class TestFrames
{
    public static final int SOURCE_ID = 1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final TradingStatusEncoder tradingStatus = new TradingStatusEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final OrderExecutedEncoder orderExecuted = new OrderExecutedEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final OrderReplacedEncoder orderReplaced = new OrderReplacedEncoder();
    private final TradePrintEncoder tradePrint = new TradePrintEncoder();
    private final QuoteEncoder quote = new QuoteEncoder();
    private final ClientNewOrderEncoder clientNewOrder = new ClientNewOrderEncoder();
    private final ClientCancelEncoder clientCancel = new ClientCancelEncoder();
    private final ClientExecutionEncoder clientExecution = new ClientExecutionEncoder();
    private final TimerEncoder timer = new TimerEncoder();
    private final ControlCommandEncoder controlCommand = new ControlCommandEncoder();
    private long sequence;

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int timer(final long time)
    {
        timer.wrapAndApplyHeader(buffer, 0, header).instrumentId(0);
        envelope(timer.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + timer.encodedLength();
    }

    /** A command; key may be null (no key). */
    public int controlCommand(
        final long time, final ControlAction action, final int strategyId, final String key, final long value)
    {
        controlCommand.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(0)
            .commandId(++sequence)
            .action(action)
            .strategyId(strategyId)
            .key(null == key ? "" : key)
            .value(Long.toString(value));
        envelope(controlCommand.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + controlCommand.encodedLength();
    }

    public int instrumentDefinition(final long time, final int instrumentId, final long tickSize)
    {
        return instrumentDefinition(time, instrumentId, tickSize, "TEST", 4);
    }

    public int instrumentDefinition(
        final long time, final int instrumentId, final long tickSize, final String symbol, final int priceScale)
    {
        instrumentDefinition.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .tickSize(tickSize)
            .priceScale((short)priceScale)
            .symbol(symbol);
        envelope(instrumentDefinition.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + instrumentDefinition.encodedLength();
    }

    public int tradingStatus(final long time, final int instrumentId, final TradingState state)
    {
        tradingStatus.wrapAndApplyHeader(buffer, 0, header).instrumentId(instrumentId).state(state);
        envelope(tradingStatus.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + tradingStatus.encodedLength();
    }

    public int addOrder(
        final long time, final int instrumentId, final long orderId, final Side side, final long price, final long quantity)
    {
        addOrder.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .side(side)
            .price(price)
            .quantity(quantity)
            .putAttribution((byte)0, (byte)0, (byte)0, (byte)0);
        envelope(addOrder.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + addOrder.encodedLength();
    }

    /**
     * @param price {@link OrderExecutedEncoder#priceNullValue()} for "the order's own price".
     */
    public int orderExecuted(
        final long time,
        final int instrumentId,
        final long orderId,
        final long quantity,
        final long price,
        final Side side)
    {
        orderExecuted.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .executedQuantity(quantity)
            .matchId(++sequence)
            .price(price)
            .side(side);
        envelope(orderExecuted.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderExecuted.encodedLength();
    }

    public int orderCancelled(final long time, final int instrumentId, final long orderId, final long quantity)
    {
        orderCancelled.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .cancelledQuantity(quantity)
            .price(OrderCancelledEncoder.priceNullValue())
            .side(Side.NULL_VAL);
        envelope(orderCancelled.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderCancelled.encodedLength();
    }

    public int orderDeleted(final long time, final int instrumentId, final long orderId)
    {
        orderDeleted.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .price(OrderDeletedEncoder.priceNullValue())
            .quantity(OrderDeletedEncoder.quantityNullValue())
            .side(Side.NULL_VAL);
        envelope(orderDeleted.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderDeleted.encodedLength();
    }

    public int orderReplaced(
        final long time,
        final int instrumentId,
        final long originalOrderId,
        final long newOrderId,
        final long price,
        final long quantity)
    {
        orderReplaced.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .originalOrderId(originalOrderId)
            .newOrderId(newOrderId)
            .price(price)
            .quantity(quantity);
        envelope(orderReplaced.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderReplaced.encodedLength();
    }

    public int tradePrint(final long time, final int instrumentId, final long price, final long quantity)
    {
        tradePrint.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .matchId(++sequence)
            .kind(TradeKind.HIDDEN)
            .aggressorSide(Side.BUY);
        envelope(tradePrint.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + tradePrint.encodedLength();
    }

    public int quote(
        final long time,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        quote.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .bidPrice(bidPrice)
            .bidQuantity(bidQuantity)
            .askPrice(askPrice)
            .askQuantity(askQuantity);
        envelope(quote.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength();
    }

    public int clientNewOrder(
        final long time,
        final int instrumentId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long price,
        final long quantity)
    {
        clientNewOrder.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .account(account)
            .clientOrderId(clientOrderId)
            .side(side)
            .price(price)
            .quantity(quantity);
        envelope(clientNewOrder.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + clientNewOrder.encodedLength();
    }

    public int clientCancel(final long time, final int instrumentId, final long account, final long clientOrderId)
    {
        clientCancel.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .account(account)
            .clientOrderId(clientOrderId);
        envelope(clientCancel.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + clientCancel.encodedLength();
    }

    public int clientExecution(
        final long time,
        final int instrumentId,
        final long buyerAccount,
        final long sellerAccount,
        final long price,
        final long quantity)
    {
        clientExecution.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .executionId(++sequence)
            .buyerAccount(buyerAccount)
            .sellerAccount(sellerAccount)
            .price(price)
            .quantity(quantity);
        envelope(clientExecution.envelope(), time);
        return MessageHeaderEncoder.ENCODED_LENGTH + clientExecution.encodedLength();
    }

    private void envelope(final EnvelopeEncoder envelope, final long time)
    {
        envelope.sequence(++sequence).eventTime(time).sendTime(time).intendedSendTime(time).sourceId(SOURCE_ID);
    }
}
