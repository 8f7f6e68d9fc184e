package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ControlAckDecoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.DeadLetterDecoder;
import io.ringside.codecs.sbe.FraudAlertDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderDecoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import org.agrona.DirectBuffer;

/**
 * Checks that a frame is a message of Ringside's schema that this build can read, without decoding it.
 * <p>
 * Reads any schema version: an older message's block is shorter (fields added since read as null), a newer one's is
 * longer (the extra fields are skipped). What it refuses is a frame that cannot be read safely: shorter than its own
 * header says, another schema, a template this build does not know, or a block shorter than that template's block
 * at the header's version (the first version's block for older versions; the whole current block for the current
 * version and later, because the decoder then reads every field it knows).
 */
public final class FrameCheck
{
    public static final int OK = 0;
    public static final int SHORT_FRAME = 1;
    public static final int UNKNOWN_SCHEMA = 2;
    public static final int UNKNOWN_TEMPLATE = 3;
    public static final int BAD_BLOCK_LENGTH = 4;
    public static final int TRUNCATED = 5;
    public static final int NOT_INBOUND = 6;
    public static final int OVERSIZED = 7;
    public static final int BAD_VALUE = 8;
    public static final int BAD_PRICE = 9;
    public static final int BAD_QUANTITY = 10;

    /** Number of result codes, for arrays indexed by them. */
    public static final int RESULT_COUNT = 11;

    private static final String[] NAMES =
    {
        "ok", "short_frame", "unknown_schema", "unknown_template", "bad_block_length", "truncated",
        "not_inbound", "oversized", "bad_value", "bad_price", "bad_quantity"
    };

    private static final String[] DESCRIPTIONS =
    {
        "ok",
        "frame shorter than the 8-byte SBE message header",
        "schema id is not Ringside's (" + MessageHeaderDecoder.SCHEMA_ID + ")",
        "template id unknown to this build",
        "block length shorter than the template's block at the header's version",
        "frame shorter than header plus block length",
        "an engine output, not an inbound event",
        "frame longer than the ring slot",
        "an enum field holds a value its type does not define",
        "a price is zero or negative",
        "a quantity is negative, or zero where the message means some quantity"
    };

    /** Smallest root block each template has had in any schema version, indexed by template id; 0 = unknown. */
    private static final int[] MIN_BLOCK_LENGTH = new int[64];
    /** Root block of each template at this build's schema version, indexed by template id. */
    private static final int[] BLOCK_LENGTH = new int[64];
    private static final boolean[] INBOUND = new boolean[64];
    /** Per inbound template, its enum fields as {offset in the block, largest valid value, 1 if optional}. */
    private static final int[][] ENUM_FIELDS = new int[64][];
    private static final int NULL_UINT8 = 0xFF;

    // What a number field must hold. Prices are positive: the schema's instruments are equities and their options,
    // where a zero or negative price is a corrupt or hostile frame (a venue listing negative-price spreads would need
    // its own kind). An optional field may also hold its null.
    private static final int PRICE = 0;
    private static final int OPTIONAL_PRICE = 1;
    private static final int QUANTITY = 2;
    private static final int OPTIONAL_QUANTITY = 3;
    /** A quote side with nothing on it shows quantity 0. */
    private static final int QUANTITY_OR_ZERO = 4;
    /** Per inbound template, its price and quantity fields as {offset in the block, kind}. */
    private static final int[][] NUMBER_FIELDS = new int[64][];
    private static final long NULL_INT64 = Long.MIN_VALUE;

    static
    {
        inbound(InstrumentDefinitionDecoder.TEMPLATE_ID, InstrumentDefinitionDecoder.BLOCK_LENGTH);
        inbound(TradingStatusDecoder.TEMPLATE_ID, TradingStatusDecoder.BLOCK_LENGTH);
        inbound(AddOrderDecoder.TEMPLATE_ID, AddOrderDecoder.attributionEncodingOffset()); // v1 ended before attribution
        BLOCK_LENGTH[AddOrderDecoder.TEMPLATE_ID] = AddOrderDecoder.BLOCK_LENGTH;
        inbound(OrderExecutedDecoder.TEMPLATE_ID, OrderExecutedDecoder.BLOCK_LENGTH);
        inbound(OrderCancelledDecoder.TEMPLATE_ID, OrderCancelledDecoder.BLOCK_LENGTH);
        inbound(OrderDeletedDecoder.TEMPLATE_ID, OrderDeletedDecoder.BLOCK_LENGTH);
        inbound(OrderReplacedDecoder.TEMPLATE_ID, OrderReplacedDecoder.BLOCK_LENGTH);
        inbound(TradePrintDecoder.TEMPLATE_ID, TradePrintDecoder.BLOCK_LENGTH);
        inbound(QuoteDecoder.TEMPLATE_ID, QuoteDecoder.BLOCK_LENGTH);
        inbound(ClientNewOrderDecoder.TEMPLATE_ID, ClientNewOrderDecoder.BLOCK_LENGTH);
        inbound(ClientCancelDecoder.TEMPLATE_ID, ClientCancelDecoder.BLOCK_LENGTH);
        inbound(ClientExecutionDecoder.TEMPLATE_ID, ClientExecutionDecoder.BLOCK_LENGTH);
        inbound(TimerDecoder.TEMPLATE_ID, TimerDecoder.BLOCK_LENGTH);
        inbound(ControlCommandDecoder.TEMPLATE_ID, ControlCommandDecoder.BLOCK_LENGTH);
        // Decoders throw on an enum value outside the schema: such a frame is refused at the door, not in a handler.
        enums(TradingStatusDecoder.TEMPLATE_ID, TradingStatusDecoder.stateEncodingOffset(), TradingState.PAUSED.value(), 0);
        enums(AddOrderDecoder.TEMPLATE_ID, AddOrderDecoder.sideEncodingOffset(), Side.SELL.value(), 0);
        enums(OrderExecutedDecoder.TEMPLATE_ID, OrderExecutedDecoder.sideEncodingOffset(), Side.SELL.value(), 1);
        enums(OrderCancelledDecoder.TEMPLATE_ID, OrderCancelledDecoder.sideEncodingOffset(), Side.SELL.value(), 1);
        enums(OrderDeletedDecoder.TEMPLATE_ID, OrderDeletedDecoder.sideEncodingOffset(), Side.SELL.value(), 1);
        ENUM_FIELDS[TradePrintDecoder.TEMPLATE_ID] = new int[]{
            TradePrintDecoder.kindEncodingOffset(), TradeKind.CROSS.value(), 0,
            TradePrintDecoder.aggressorSideEncodingOffset(), Side.SELL.value(), 1 };
        enums(ClientNewOrderDecoder.TEMPLATE_ID, ClientNewOrderDecoder.sideEncodingOffset(), Side.SELL.value(), 0);
        enums(ControlCommandDecoder.TEMPLATE_ID, ControlCommandDecoder.actionEncodingOffset(),
            ControlAction.STRATEGY_DISABLE.value(), 0);
        numbers(InstrumentDefinitionDecoder.TEMPLATE_ID, InstrumentDefinitionDecoder.tickSizeEncodingOffset(), PRICE);
        numbers(AddOrderDecoder.TEMPLATE_ID,
            AddOrderDecoder.priceEncodingOffset(), PRICE, AddOrderDecoder.quantityEncodingOffset(), QUANTITY);
        numbers(OrderExecutedDecoder.TEMPLATE_ID,
            OrderExecutedDecoder.executedQuantityEncodingOffset(), QUANTITY,
            OrderExecutedDecoder.priceEncodingOffset(), OPTIONAL_PRICE);
        numbers(OrderCancelledDecoder.TEMPLATE_ID,
            OrderCancelledDecoder.cancelledQuantityEncodingOffset(), QUANTITY,
            OrderCancelledDecoder.priceEncodingOffset(), OPTIONAL_PRICE);
        numbers(OrderDeletedDecoder.TEMPLATE_ID,
            OrderDeletedDecoder.priceEncodingOffset(), OPTIONAL_PRICE,
            OrderDeletedDecoder.quantityEncodingOffset(), OPTIONAL_QUANTITY);
        numbers(OrderReplacedDecoder.TEMPLATE_ID,
            OrderReplacedDecoder.priceEncodingOffset(), PRICE, OrderReplacedDecoder.quantityEncodingOffset(), QUANTITY);
        numbers(TradePrintDecoder.TEMPLATE_ID,
            TradePrintDecoder.priceEncodingOffset(), PRICE, TradePrintDecoder.quantityEncodingOffset(), QUANTITY);
        numbers(QuoteDecoder.TEMPLATE_ID,
            QuoteDecoder.bidPriceEncodingOffset(), OPTIONAL_PRICE,
            QuoteDecoder.bidQuantityEncodingOffset(), QUANTITY_OR_ZERO,
            QuoteDecoder.askPriceEncodingOffset(), OPTIONAL_PRICE,
            QuoteDecoder.askQuantityEncodingOffset(), QUANTITY_OR_ZERO);
        numbers(ClientNewOrderDecoder.TEMPLATE_ID,
            ClientNewOrderDecoder.priceEncodingOffset(), PRICE, ClientNewOrderDecoder.quantityEncodingOffset(), QUANTITY);
        numbers(ClientExecutionDecoder.TEMPLATE_ID,
            ClientExecutionDecoder.priceEncodingOffset(), PRICE,
            ClientExecutionDecoder.quantityEncodingOffset(), QUANTITY);
        MIN_BLOCK_LENGTH[FraudAlertDecoder.TEMPLATE_ID] = FraudAlertDecoder.BLOCK_LENGTH;
        MIN_BLOCK_LENGTH[DeadLetterDecoder.TEMPLATE_ID] = DeadLetterDecoder.BLOCK_LENGTH;
        MIN_BLOCK_LENGTH[ControlAckDecoder.TEMPLATE_ID] = ControlAckDecoder.BLOCK_LENGTH;
        MIN_BLOCK_LENGTH[StrategyOrderDecoder.TEMPLATE_ID] = StrategyOrderDecoder.BLOCK_LENGTH;
        for (int templateId = 0; templateId < BLOCK_LENGTH.length; templateId++)
        {
            if (0 == BLOCK_LENGTH[templateId])
            {
                BLOCK_LENGTH[templateId] = MIN_BLOCK_LENGTH[templateId]; // unchanged since its first version
            }
        }
    }

    private FrameCheck()
    {
    }

    private static void enums(final int templateId, final int offset, final int largest, final int optional)
    {
        ENUM_FIELDS[templateId] = new int[]{ offset, largest, optional };
    }

    private static void numbers(final int templateId, final int... offsetsAndKinds)
    {
        NUMBER_FIELDS[templateId] = offsetsAndKinds;
    }

    private static void inbound(final int templateId, final int minBlockLength)
    {
        MIN_BLOCK_LENGTH[templateId] = minBlockLength;
        INBOUND[templateId] = true;
    }

    /**
     * Check a frame of any Ringside message, inbound or output.
     *
     * @return {@link #OK} or the reason it cannot be read.
     */
    public static int check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return SHORT_FRAME;
        }
        if (buffer.getShort(offset + MessageHeaderDecoder.schemaIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER)
            != (short)MessageHeaderDecoder.SCHEMA_ID)
        {
            return UNKNOWN_SCHEMA;
        }
        final int templateId = buffer.getShort(
            offset + MessageHeaderDecoder.templateIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        if (templateId >= MIN_BLOCK_LENGTH.length || MIN_BLOCK_LENGTH[templateId] == 0)
        {
            return UNKNOWN_TEMPLATE;
        }
        final int blockLength = buffer.getShort(
            offset + MessageHeaderDecoder.blockLengthEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        final int version = buffer.getShort(
            offset + MessageHeaderDecoder.versionEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        // A decoder acting at the current version or later reads every field this build knows: the whole block.
        final int minBlockLength = version >= MessageHeaderDecoder.SCHEMA_VERSION ?
            BLOCK_LENGTH[templateId] : MIN_BLOCK_LENGTH[templateId];
        if (blockLength < minBlockLength)
        {
            return BAD_BLOCK_LENGTH;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            return TRUNCATED;
        }
        return OK;
    }

    /** As {@link #check} and, in addition, refuses engine outputs: what the engine's ingress accepts. */
    public static int checkInbound(final DirectBuffer buffer, final int offset, final int length)
    {
        final int result = check(buffer, offset, length);
        if (result != OK)
        {
            return result;
        }
        final int templateId = templateId(buffer, offset);
        if (!INBOUND[templateId])
        {
            return NOT_INBOUND;
        }
        final int[] fields = ENUM_FIELDS[templateId];
        if (null != fields)
        {
            for (int i = 0; i < fields.length; i += 3)
            {
                final int value = buffer.getByte(offset + MessageHeaderDecoder.ENCODED_LENGTH + fields[i]) & 0xFF;
                if (value > fields[i + 1] && !(1 == fields[i + 2] && NULL_UINT8 == value))
                {
                    return BAD_VALUE;
                }
            }
        }
        final int[] numbers = NUMBER_FIELDS[templateId];
        if (null != numbers)
        {
            for (int i = 0; i < numbers.length; i += 2)
            {
                final long value = buffer.getLong(
                    offset + MessageHeaderDecoder.ENCODED_LENGTH + numbers[i], MessageHeaderDecoder.BYTE_ORDER);
                final int problem = checkNumber(numbers[i + 1], value);
                if (OK != problem)
                {
                    return problem;
                }
            }
        }
        return OK;
    }

    private static int checkNumber(final int kind, final long value)
    {
        switch (kind)
        {
            case PRICE:
                return value > 0 ? OK : BAD_PRICE;
            case OPTIONAL_PRICE:
                return value > 0 || NULL_INT64 == value ? OK : BAD_PRICE;
            case QUANTITY:
                return value > 0 ? OK : BAD_QUANTITY;
            case OPTIONAL_QUANTITY:
                return value > 0 || NULL_INT64 == value ? OK : BAD_QUANTITY;
            default:
                return value >= 0 ? OK : BAD_QUANTITY;
        }
    }

    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER)
            & 0xFFFF;
    }

    /** Largest template id in the schema, for arrays indexed by template id. */
    public static int maxTemplateId()
    {
        return MIN_BLOCK_LENGTH.length - 1;
    }

    public static boolean isInbound(final int templateId)
    {
        return templateId >= 0 && templateId < INBOUND.length && INBOUND[templateId];
    }

    /** Short snake_case name of a result, for counters and summaries. */
    public static String name(final int result)
    {
        return NAMES[result];
    }

    public static String describe(final int result)
    {
        return DESCRIPTIONS[result];
    }
}
