package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlAckDecoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.DeadLetterDecoder;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * Any frame of the wire schema as one line of text ({@code name=value ...}) or JSON, for the operator's tools
 * ({@code ringside tail}, {@code ringside dump}, the dead letters). Field names are the schema's. The bytes are
 * hostile: a frame this build cannot read, or whose lengths do not add up, is written as {@code unreadable} with the
 * reason, never an exception, and no length read from the frame is trusted before it is checked against the frame.
 * Control path only: it allocates.
 */
public final class FrameText
{
    private static final int MAX_NESTING = 1;

    private final boolean json;
    private final StringBuilder line = new StringBuilder(256);
    private boolean first = true;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    /**
     * @param json true for one JSON object per line, false for {@code name=value} text.
     */
    public FrameText(final boolean json)
    {
        this.json = json;
    }

    /** Start a new line; the fields given before {@link #frame} come first (an offset, a stream). */
    public FrameText begin()
    {
        line.setLength(0);
        first = true;
        if (json)
        {
            line.append('{');
        }
        return this;
    }

    /** The line so far, closed. */
    public String end()
    {
        if (json)
        {
            line.append('}');
        }
        return line.toString();
    }

    public FrameText field(final String name, final long value)
    {
        name(name).append(value);
        return this;
    }

    public FrameText field(final String name, final String value)
    {
        final StringBuilder out = name(name);
        if (null == value)
        {
            out.append("null");
        }
        else if (json)
        {
            jsonString(out, value);
        }
        else
        {
            textValue(out, value);
        }
        return this;
    }

    /** One frame's fields, or {@code unreadable=REASON} when it cannot be read. */
    public FrameText frame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 0 || offset < 0 || (long)offset + length > buffer.capacity())
        {
            return unreadable("truncated", "frame of " + length + " bytes at " + offset + " is outside the buffer");
        }
        return frame(new UnsafeBuffer(buffer, offset, length), 0);
    }

    /** A one-line description of a frame, for a caller that wants the text alone. */
    public String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        return begin().frame(buffer, offset, length).end();
    }

    private FrameText frame(final UnsafeBuffer view, final int depth)
    {
        final int length = view.capacity();
        final int check = FrameCheck.check(view, 0, length);
        if (FrameCheck.OK != check)
        {
            return unreadable(FrameCheck.name(check), FrameCheck.describe(check) + " (" + length + "-byte frame)");
        }
        header.wrap(view, 0);
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        final int mark = line.length();
        final boolean wasFirst = first;
        field("template", TemplateNames.name(templateId));
        try
        {
            fields(view, templateId, body, blockLength, version, depth);
        }
        catch (final RuntimeException ex)
        {
            // A field the check could not vouch for: throw away what was written of this frame and say so.
            line.setLength(mark);
            first = wasFirst;
            return unreadable("bad_field", TemplateNames.name(templateId) + ": " + ex.getClass().getSimpleName()
                + (null == ex.getMessage() ? "" : " " + ex.getMessage()));
        }
        return this;
    }

    private FrameText unreadable(final String reason, final String detail)
    {
        field("template", (String)null);
        field("unreadable", reason);
        field("detail", detail);
        return this;
    }

    private void fields(
        final UnsafeBuffer b, final int templateId, final int o, final int blockLength, final int version, final int depth)
    {
        switch (templateId)
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID ->
            {
                final InstrumentDefinitionDecoder d = new InstrumentDefinitionDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("tickSize", d.tickSize());
                field("priceScale", d.priceScale());
                field("symbol", printable(d.symbol()));
            }
            case TradingStatusDecoder.TEMPLATE_ID ->
            {
                final TradingStatusDecoder d = new TradingStatusDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                enumField("state", d.stateRaw(), (v) -> TradingState.get((short)v).name());
            }
            case AddOrderDecoder.TEMPLATE_ID ->
            {
                final AddOrderDecoder d = new AddOrderDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("orderId", d.orderId());
                enumField("side", d.sideRaw(), FrameText::side);
                field("price", d.price());
                field("quantity", d.quantity());
                final String attribution = printable(d.attribution());
                field("attribution", attribution.isEmpty() ? null : attribution);
            }
            case OrderExecutedDecoder.TEMPLATE_ID ->
            {
                final OrderExecutedDecoder d = new OrderExecutedDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("orderId", d.orderId());
                field("executedQuantity", d.executedQuantity());
                field("matchId", d.matchId());
                optional("price", d.price(), OrderExecutedDecoder.priceNullValue());
                enumField("side", d.sideRaw(), FrameText::side);
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                final OrderCancelledDecoder d = new OrderCancelledDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("orderId", d.orderId());
                field("cancelledQuantity", d.cancelledQuantity());
                optional("price", d.price(), OrderCancelledDecoder.priceNullValue());
                enumField("side", d.sideRaw(), FrameText::side);
            }
            case OrderDeletedDecoder.TEMPLATE_ID ->
            {
                final OrderDeletedDecoder d = new OrderDeletedDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("orderId", d.orderId());
                optional("price", d.price(), OrderDeletedDecoder.priceNullValue());
                optional("quantity", d.quantity(), OrderDeletedDecoder.quantityNullValue());
                enumField("side", d.sideRaw(), FrameText::side);
            }
            case OrderReplacedDecoder.TEMPLATE_ID ->
            {
                final OrderReplacedDecoder d = new OrderReplacedDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("originalOrderId", d.originalOrderId());
                field("newOrderId", d.newOrderId());
                field("price", d.price());
                field("quantity", d.quantity());
            }
            case TradePrintDecoder.TEMPLATE_ID ->
            {
                final TradePrintDecoder d = new TradePrintDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("price", d.price());
                field("quantity", d.quantity());
                field("matchId", d.matchId());
                enumField("kind", d.kindRaw(), (v) -> TradeKind.get((short)v).name());
                enumField("aggressorSide", d.aggressorSideRaw(), FrameText::side);
            }
            case QuoteDecoder.TEMPLATE_ID ->
            {
                final QuoteDecoder d = new QuoteDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                optional("bidPrice", d.bidPrice(), QuoteDecoder.bidPriceNullValue());
                field("bidQuantity", d.bidQuantity());
                optional("askPrice", d.askPrice(), QuoteDecoder.askPriceNullValue());
                field("askQuantity", d.askQuantity());
            }
            case ClientNewOrderDecoder.TEMPLATE_ID ->
            {
                final ClientNewOrderDecoder d = new ClientNewOrderDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("account", d.account());
                field("clientOrderId", d.clientOrderId());
                enumField("side", d.sideRaw(), FrameText::side);
                field("price", d.price());
                field("quantity", d.quantity());
            }
            case ClientCancelDecoder.TEMPLATE_ID ->
            {
                final ClientCancelDecoder d = new ClientCancelDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("account", d.account());
                field("clientOrderId", d.clientOrderId());
            }
            case ClientExecutionDecoder.TEMPLATE_ID ->
            {
                final ClientExecutionDecoder d = new ClientExecutionDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("executionId", d.executionId());
                field("buyerAccount", d.buyerAccount());
                field("sellerAccount", d.sellerAccount());
                field("price", d.price());
                field("quantity", d.quantity());
            }
            case TimerDecoder.TEMPLATE_ID ->
            {
                final TimerDecoder d = new TimerDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
            }
            case ControlCommandDecoder.TEMPLATE_ID ->
            {
                final ControlCommandDecoder d = new ControlCommandDecoder().wrap(b, o, blockLength, version);
                envelope(d.envelope());
                field("instrumentId", d.instrumentId());
                field("commandId", d.commandId());
                enumField("action", d.actionRaw(), (v) -> ControlAction.get((short)v).name());
                field("strategyId", d.strategyId());
                field("key", printable(d.key()));
                field("value", printable(d.value()));
            }
            case FraudAlertDecoder.TEMPLATE_ID ->
            {
                final FraudAlertDecoder d = new FraudAlertDecoder().wrap(b, o, blockLength, version);
                field("outputSequence", d.outputSequence());
                field("ruleId", d.ruleId());
                enumField("severity", d.severityRaw(), (v) -> Severity.get((short)v).name());
                optional("account", d.account(), FraudAlertDecoder.accountNullValue());
                optional("counterpartyAccount", d.counterpartyAccount(), FraudAlertDecoder.counterpartyAccountNullValue());
                field("instrumentId", d.instrumentId());
                field("triggerSourceId", d.triggerSourceId());
                field("triggerSequence", d.triggerSequence());
                field("triggerEventTime", d.triggerEventTime());
                field("triggerIntendedSendTime", d.triggerIntendedSendTime());
                field("observedValue", d.observedValue());
                field("limitValue", d.limitValue());
                field("referenceValue", d.referenceValue());
            }
            case StrategyOrderDecoder.TEMPLATE_ID ->
            {
                final StrategyOrderDecoder d = new StrategyOrderDecoder().wrap(b, o, blockLength, version);
                field("outputSequence", d.outputSequence());
                field("strategyId", d.strategyId());
                field("instrumentId", d.instrumentId());
                enumField("action", d.actionRaw(), (v) -> OrderAction.get((short)v).name());
                enumField("side", d.sideRaw(), FrameText::side);
                field("price", d.price());
                field("quantity", d.quantity());
                field("clientOrderId", d.clientOrderId());
                field("originalClientOrderId", d.originalClientOrderId());
                field("triggerSourceId", d.triggerSourceId());
                field("triggerSequence", d.triggerSequence());
                field("triggerEventTime", d.triggerEventTime());
                field("triggerIntendedSendTime", d.triggerIntendedSendTime());
            }
            case ControlAckDecoder.TEMPLATE_ID ->
            {
                final ControlAckDecoder d = new ControlAckDecoder().wrap(b, o, blockLength, version);
                field("commandId", d.commandId());
                field("sourceId", d.sourceId());
                field("sequence", d.sequence());
                enumField("action", d.actionRaw(), (v) -> ControlAction.get((short)v).name());
                enumField("result", d.resultRaw(), (v) -> ControlResult.get((short)v).name());
            }
            case DeadLetterDecoder.TEMPLATE_ID -> deadLetter(b, o, blockLength, version, depth);
            default -> field("unreadable", "no_text"); // a template FrameCheck knows and this class does not yet
        }
    }

    private void deadLetter(final UnsafeBuffer b, final int o, final int blockLength, final int version, final int depth)
    {
        final DeadLetterDecoder d = new DeadLetterDecoder().wrap(b, o, blockLength, version);
        field("deadLetterSequence", d.deadLetterSequence());
        field("stage", d.stage());
        field("reason", d.reason());
        field("sourceId", d.sourceId());
        field("sequence", d.sequence());
        field("eventTime", d.eventTime());
        field("publisher", d.publisher());
        field("logPosition", d.logPosition());
        field("templateId", d.templateId());
        // Variable-length parts: each length is checked against what is left of the frame before anything is read.
        int at = o + blockLength;
        final String detail = varString(b, at);
        if (null == detail)
        {
            throw new IllegalStateException("detail length runs past the frame");
        }
        field("detail", printable(detail));
        at += DeadLetterDecoder.detailHeaderLength() + (int)(b.getInt(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL);
        if (b.capacity() - at < DeadLetterDecoder.frameHeaderLength())
        {
            throw new IllegalStateException("frame length runs past the frame");
        }
        final long frameLength = b.getInt(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        final int frameOffset = at + DeadLetterDecoder.frameHeaderLength();
        if (frameLength > b.capacity() - frameOffset)
        {
            throw new IllegalStateException("frame length " + frameLength + " runs past the frame");
        }
        field("frameLength", frameLength);
        if (depth < MAX_NESTING && frameLength > 0)
        {
            // The refused message itself, decoded as far as it can be: often it is the reason it was refused.
            if (json)
            {
                name("frame").append('{');
                first = true;
            }
            else
            {
                name("frame").append('(');
                first = true;
            }
            frame(new UnsafeBuffer(b, frameOffset, (int)frameLength), depth + 1);
            line.append(json ? '}' : ')');
            first = false;
        }
    }

    /** The var string at {@code at}, or null when its length runs past the buffer. */
    private static String varString(final UnsafeBuffer b, final int at)
    {
        if (b.capacity() - at < 4)
        {
            return null;
        }
        final long length = b.getInt(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        if (length > b.capacity() - at - 4)
        {
            return null;
        }
        final byte[] bytes = new byte[(int)length];
        b.getBytes(at + 4, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void envelope(final EnvelopeDecoder envelope)
    {
        field("sourceId", envelope.sourceId());
        field("sequence", envelope.sequence());
        field("eventTime", envelope.eventTime());
        field("sendTime", envelope.sendTime());
        field("intendedSendTime", envelope.intendedSendTime());
    }

    private void optional(final String name, final long value, final long nullValue)
    {
        if (value == nullValue)
        {
            field(name, (String)null);
        }
        else
        {
            field(name, value);
        }
    }

    /** An enum by name; null for its null value; the raw number when the schema defines no such value. */
    private void enumField(final String name, final short raw, final IntFunction<String> names)
    {
        final String text;
        if (0xFF == (raw & 0xFF))
        {
            text = null;
        }
        else
        {
            String known;
            try
            {
                known = names.apply(raw);
            }
            catch (final IllegalArgumentException ex)
            {
                known = null;
            }
            if (null == known)
            {
                field(name, raw);
                return;
            }
            text = known;
        }
        field(name, text);
    }

    private static String side(final int raw)
    {
        return Side.get((short)raw).name();
    }

    private StringBuilder name(final String name)
    {
        if (!first)
        {
            line.append(json ? "," : " ");
        }
        first = false;
        if (json)
        {
            line.append('"').append(name).append("\":");
        }
        else
        {
            line.append(name).append('=');
        }
        return line;
    }

    /** Control characters and non-ASCII bytes from a hostile frame shown as '?', so a line stays one line. */
    private static String printable(final String value)
    {
        final StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    private static void textValue(final StringBuilder out, final String value)
    {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++)
        {
            final char c = value.charAt(i);
            plain = c > 0x20 && c < 0x7F && c != '"' && c != '=';
        }
        if (plain)
        {
            out.append(value);
        }
        else
        {
            jsonString(out, value);
        }
    }

    private static void jsonString(final StringBuilder out, final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
