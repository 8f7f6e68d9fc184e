package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingStatusDecoder;

/**
 * Receives inbound events from an {@link InboundDispatcher}, already wrapped in their decoders. Each decoder is a
 * flyweight valid only during the call. Implement what you need; the rest are ignored.
 */
public interface InboundListener
{
    default void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
    {
    }

    default void onTradingStatus(final TradingStatusDecoder event)
    {
    }

    default void onAddOrder(final AddOrderDecoder event)
    {
    }

    default void onOrderExecuted(final OrderExecutedDecoder event)
    {
    }

    default void onOrderCancelled(final OrderCancelledDecoder event)
    {
    }

    default void onOrderDeleted(final OrderDeletedDecoder event)
    {
    }

    default void onOrderReplaced(final OrderReplacedDecoder event)
    {
    }

    default void onTradePrint(final TradePrintDecoder event)
    {
    }

    default void onQuote(final QuoteDecoder event)
    {
    }

    default void onClientNewOrder(final ClientNewOrderDecoder event)
    {
    }

    default void onClientCancel(final ClientCancelDecoder event)
    {
    }

    default void onClientExecution(final ClientExecutionDecoder event)
    {
    }

    /** Time passing while the inputs are silent; its envelope's event time is the time now. */
    default void onTimer(final TimerDecoder event)
    {
    }

    default void onControlCommand(final ControlCommandDecoder event)
    {
    }
}
