package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlAckDecoder;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.DeadLetterDecoder;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingStatusDecoder;

/** snake_case names of the schema's templates, for counters, summaries and reports. */
public final class TemplateNames
{
    private static final String[] NAMES = new String[FrameCheck.maxTemplateId() + 1];

    static
    {
        NAMES[InstrumentDefinitionDecoder.TEMPLATE_ID] = "instrument_definition";
        NAMES[TradingStatusDecoder.TEMPLATE_ID] = "trading_status";
        NAMES[AddOrderDecoder.TEMPLATE_ID] = "add_order";
        NAMES[OrderExecutedDecoder.TEMPLATE_ID] = "order_executed";
        NAMES[OrderCancelledDecoder.TEMPLATE_ID] = "order_cancelled";
        NAMES[OrderDeletedDecoder.TEMPLATE_ID] = "order_deleted";
        NAMES[OrderReplacedDecoder.TEMPLATE_ID] = "order_replaced";
        NAMES[TradePrintDecoder.TEMPLATE_ID] = "trade_print";
        NAMES[QuoteDecoder.TEMPLATE_ID] = "quote";
        NAMES[ClientNewOrderDecoder.TEMPLATE_ID] = "client_new_order";
        NAMES[ClientCancelDecoder.TEMPLATE_ID] = "client_cancel";
        NAMES[ClientExecutionDecoder.TEMPLATE_ID] = "client_execution";
        NAMES[FraudAlertDecoder.TEMPLATE_ID] = "fraud_alert";
        NAMES[StrategyOrderDecoder.TEMPLATE_ID] = "strategy_order";
        NAMES[DeadLetterDecoder.TEMPLATE_ID] = "dead_letter";
        NAMES[TimerDecoder.TEMPLATE_ID] = "timer";
        NAMES[ControlCommandDecoder.TEMPLATE_ID] = "control_command";
        NAMES[ControlAckDecoder.TEMPLATE_ID] = "control_ack";
    }

    private TemplateNames()
    {
    }

    /** The template's name, or null when the schema has no such template. */
    public static String name(final int templateId)
    {
        return templateId >= 0 && templateId < NAMES.length ? NAMES[templateId] : null;
    }
}
