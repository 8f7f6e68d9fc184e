package io.ringside.latency.deadletters;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.InboundDispatcher;
import io.ringside.codecs.InboundListener;
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
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The fields of a dead letter's message past its envelope (which the letter already names), as the schema's decoders
 * print them: {@code instrumentId=1|orderId=7|side=BUY|price=5853300|quantity=100|attribution=}.
 */
final class FrameFields implements InboundListener
{
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private String text;

    /** The message's fields, or null when it is not a readable inbound event. */
    String of(final byte[] frame)
    {
        text = null;
        try
        {
            return FrameCheck.OK == dispatcher.dispatch(new UnsafeBuffer(frame), 0, frame.length, this) ? text : null;
        }
        catch (final RuntimeException ex)
        {
            return null; // a value the frame checks let through that a decoder still will not print: unreadable
        }
    }

    private void print(final Object decoder)
    {
        final String whole = decoder.toString();
        final int body = whole.indexOf("):");
        String fields = body < 0 ? whole : whole.substring(body + 2);
        if (fields.startsWith("envelope=("))
        {
            final int envelopeEnd = fields.indexOf(')');
            fields = envelopeEnd < 0 ? fields : fields.substring(Math.min(fields.length(), envelopeEnd + 2));
        }
        text = fields;
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
    {
        print(event);
    }

    public void onTradingStatus(final TradingStatusDecoder event)
    {
        print(event);
    }

    public void onAddOrder(final AddOrderDecoder event)
    {
        print(event);
    }

    public void onOrderExecuted(final OrderExecutedDecoder event)
    {
        print(event);
    }

    public void onOrderCancelled(final OrderCancelledDecoder event)
    {
        print(event);
    }

    public void onOrderDeleted(final OrderDeletedDecoder event)
    {
        print(event);
    }

    public void onOrderReplaced(final OrderReplacedDecoder event)
    {
        print(event);
    }

    public void onTradePrint(final TradePrintDecoder event)
    {
        print(event);
    }

    public void onQuote(final QuoteDecoder event)
    {
        print(event);
    }

    public void onClientNewOrder(final ClientNewOrderDecoder event)
    {
        print(event);
    }

    public void onClientCancel(final ClientCancelDecoder event)
    {
        print(event);
    }

    public void onClientExecution(final ClientExecutionDecoder event)
    {
        print(event);
    }

    public void onTimer(final TimerDecoder event)
    {
        print(event);
    }

    public void onControlCommand(final ControlCommandDecoder event)
    {
        print(event);
    }
}
