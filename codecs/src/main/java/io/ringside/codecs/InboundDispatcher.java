package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes an inbound frame into its template's flyweight and hands it to a listener. One per thread: the decoders are
 * reused for every frame, so dispatching allocates nothing.
 */
public final class InboundDispatcher
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final InstrumentDefinitionDecoder instrumentDefinition = new InstrumentDefinitionDecoder();
    private final TradingStatusDecoder tradingStatus = new TradingStatusDecoder();
    private final AddOrderDecoder addOrder = new AddOrderDecoder();
    private final OrderExecutedDecoder orderExecuted = new OrderExecutedDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final OrderDeletedDecoder orderDeleted = new OrderDeletedDecoder();
    private final OrderReplacedDecoder orderReplaced = new OrderReplacedDecoder();
    private final TradePrintDecoder tradePrint = new TradePrintDecoder();
    private final QuoteDecoder quote = new QuoteDecoder();
    private final ClientNewOrderDecoder clientNewOrder = new ClientNewOrderDecoder();
    private final ClientCancelDecoder clientCancel = new ClientCancelDecoder();
    private final ClientExecutionDecoder clientExecution = new ClientExecutionDecoder();
    private final TimerDecoder timer = new TimerDecoder();
    private final ControlCommandDecoder controlCommand = new ControlCommandDecoder();

    /**
     * Check the frame and, when it is a readable inbound event, dispatch it.
     *
     * @return {@link FrameCheck#OK} when dispatched, otherwise the {@link FrameCheck} reason it was not.
     */
    public int dispatch(final DirectBuffer buffer, final int offset, final int length, final InboundListener listener)
    {
        final int result = FrameCheck.checkInbound(buffer, offset, length);
        if (result != FrameCheck.OK)
        {
            return result;
        }

        header.wrap(buffer, offset);
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;

        switch (header.templateId())
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID ->
                listener.onInstrumentDefinition(instrumentDefinition.wrap(buffer, bodyOffset, blockLength, version));
            case TradingStatusDecoder.TEMPLATE_ID ->
                listener.onTradingStatus(tradingStatus.wrap(buffer, bodyOffset, blockLength, version));
            case AddOrderDecoder.TEMPLATE_ID ->
                listener.onAddOrder(addOrder.wrap(buffer, bodyOffset, blockLength, version));
            case OrderExecutedDecoder.TEMPLATE_ID ->
                listener.onOrderExecuted(orderExecuted.wrap(buffer, bodyOffset, blockLength, version));
            case OrderCancelledDecoder.TEMPLATE_ID ->
                listener.onOrderCancelled(orderCancelled.wrap(buffer, bodyOffset, blockLength, version));
            case OrderDeletedDecoder.TEMPLATE_ID ->
                listener.onOrderDeleted(orderDeleted.wrap(buffer, bodyOffset, blockLength, version));
            case OrderReplacedDecoder.TEMPLATE_ID ->
                listener.onOrderReplaced(orderReplaced.wrap(buffer, bodyOffset, blockLength, version));
            case TradePrintDecoder.TEMPLATE_ID ->
                listener.onTradePrint(tradePrint.wrap(buffer, bodyOffset, blockLength, version));
            case QuoteDecoder.TEMPLATE_ID ->
                listener.onQuote(quote.wrap(buffer, bodyOffset, blockLength, version));
            case ClientNewOrderDecoder.TEMPLATE_ID ->
                listener.onClientNewOrder(clientNewOrder.wrap(buffer, bodyOffset, blockLength, version));
            case ClientCancelDecoder.TEMPLATE_ID ->
                listener.onClientCancel(clientCancel.wrap(buffer, bodyOffset, blockLength, version));
            case ClientExecutionDecoder.TEMPLATE_ID ->
                listener.onClientExecution(clientExecution.wrap(buffer, bodyOffset, blockLength, version));
            case TimerDecoder.TEMPLATE_ID -> listener.onTimer(timer.wrap(buffer, bodyOffset, blockLength, version));
            case ControlCommandDecoder.TEMPLATE_ID ->
                listener.onControlCommand(controlCommand.wrap(buffer, bodyOffset, blockLength, version));
            default ->
            {
                return FrameCheck.NOT_INBOUND; // unreachable: checkInbound admits only the templates above
            }
        }
        return FrameCheck.OK;
    }
}
