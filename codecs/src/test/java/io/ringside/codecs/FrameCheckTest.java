package io.ringside.codecs;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientCancelEncoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientExecutionEncoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.ClientNewOrderEncoder;
import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlCommandEncoder;
import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderCancelledEncoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderDeletedEncoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderExecutedEncoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.OrderReplacedEncoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.QuoteEncoder;
import io.ringside.codecs.sbe.Severity;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
import io.ringside.codecs.sbe.TradeKind;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradePrintEncoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.codecs.sbe.TradingStatusEncoder;
import io.ringside.codecs.sbe.TimerDecoder;
import io.ringside.codecs.sbe.TimerEncoder;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

final class FrameCheckTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int CAPACITY = 256;
    private static final int[] INBOUND_TEMPLATES = { 1, 2, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22 };

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY]);
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final RecordingListener listener = new RecordingListener();

    @Test
    void shortFrameForEveryLengthBelowHeader()
    {
        final int length = encode(AddOrderDecoder.TEMPLATE_ID, 0);
        assertEquals(77, length);
        for (int shortLength = 0; shortLength < HEADER; shortLength++)
        {
            assertEquals(FrameCheck.SHORT_FRAME, FrameCheck.check(buffer, 0, shortLength), "length " + shortLength);
            assertEquals(FrameCheck.SHORT_FRAME, FrameCheck.checkInbound(buffer, 0, shortLength));
            assertEquals(FrameCheck.SHORT_FRAME, dispatcher.dispatch(buffer, 0, shortLength, listener));
        }
        assertEquals(List.of(), listener.calls);
    }

    @Test
    void unknownSchema()
    {
        final int length = encode(AddOrderDecoder.TEMPLATE_ID, 0);
        buffer.putShort(4, (short)7002, LE);

        assertRefused(FrameCheck.UNKNOWN_SCHEMA, length);
    }

    @ParameterizedTest
    @ValueSource(ints = { 99, 9, 0, 63, 64, 65535 })
    void unknownTemplate(final int templateId)
    {
        final int length = encode(AddOrderDecoder.TEMPLATE_ID, 0);
        buffer.putShort(2, (short)templateId, LE);

        assertRefused(FrameCheck.UNKNOWN_TEMPLATE, length);
    }

    @Test
    void badBlockLengthWhenAddOrderBlockIsShorterThanVersion1()
    {
        final int length = encode(AddOrderDecoder.TEMPLATE_ID, 0);
        buffer.putShort(0, (short)64, LE);
        buffer.putShort(6, (short)1, LE);

        assertRefused(FrameCheck.BAD_BLOCK_LENGTH, length);
    }

    @Test
    void badBlockLengthWhenVersion2AddOrderHasVersion1Block()
    {
        // A version-2 header makes the decoder read attribution at 65..68, so a 65-byte block would be over-read.
        final int length = encode(AddOrderDecoder.TEMPLATE_ID, 0);
        buffer.putShort(0, (short)65, LE);

        assertRefused(FrameCheck.BAD_BLOCK_LENGTH, length);

        buffer.putShort(6, (short)1, LE);
        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, 0, HEADER + 65));
        assertEquals(FrameCheck.OK, dispatcher.dispatch(buffer, 0, HEADER + 65, listener));
        assertEquals(List.of("onAddOrder:1010"), listener.calls);
    }

    @Test
    void badBlockLengthForOtherTemplates()
    {
        final int length = encode(TradePrintDecoder.TEMPLATE_ID, 0);
        buffer.putShort(0, (short)65, LE);

        assertRefused(FrameCheck.BAD_BLOCK_LENGTH, length);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 30, 31, 50, 51 })
    void truncatedWhenOneByteShort(final int templateId)
    {
        final int length = encode(templateId, 0);

        assertEquals(FrameCheck.TRUNCATED, FrameCheck.check(buffer, 0, length - 1));
        assertEquals(FrameCheck.TRUNCATED, FrameCheck.checkInbound(buffer, 0, length - 1));
        assertEquals(FrameCheck.TRUNCATED, dispatcher.dispatch(buffer, 0, length - 1, listener));
        assertEquals(List.of(), listener.calls);
    }

    @ParameterizedTest
    @ValueSource(ints = { 30, 31 })
    void engineOutputsAreReadableButNotInbound(final int templateId)
    {
        final int length = encode(templateId, 0);

        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, 0, length));
        assertEquals(FrameCheck.NOT_INBOUND, FrameCheck.checkInbound(buffer, 0, length));
        assertEquals(FrameCheck.NOT_INBOUND, dispatcher.dispatch(buffer, 0, length, listener));
        assertEquals(false, FrameCheck.isInbound(templateId));
        assertEquals(List.of(), listener.calls);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 50, 51 })
    void everyInboundTemplateIsOkAndDispatchedToItsCallback(final int templateId)
    {
        final int offset = 24;
        final int length = encode(templateId, offset);

        assertEquals(HEADER + blockLength(templateId, 2), length);
        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, offset, length));
        assertEquals(FrameCheck.OK, FrameCheck.checkInbound(buffer, offset, length));
        assertEquals(templateId, FrameCheck.templateId(buffer, offset));
        assertEquals(true, FrameCheck.isInbound(templateId));
        // A longer region (more frames following) is fine too.
        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, offset, CAPACITY - offset));

        assertEquals(FrameCheck.OK, dispatcher.dispatch(buffer, offset, length, listener));
        assertEquals(List.of(expectedCall(templateId)), listener.calls);
    }

    @Test
    void anEnumValueTheSchemaDoesNotDefineIsRefusedAtTheDoorAndAnOptionalOnesNullIsNot()
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final AddOrderEncoder add = new AddOrderEncoder().wrapAndApplyHeader(buffer, 0, header).price(1).quantity(1);
        final int addLength = HEADER + add.encodedLength();
        buffer.putByte(HEADER + AddOrderDecoder.sideEncodingOffset(), (byte)2);
        assertEquals(FrameCheck.BAD_VALUE, FrameCheck.checkInbound(buffer, 0, addLength));
        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, 0, addLength), "framing alone is fine");
        buffer.putByte(HEADER + AddOrderDecoder.sideEncodingOffset(), (byte)1);
        assertEquals(FrameCheck.OK, FrameCheck.checkInbound(buffer, 0, addLength));

        final OrderExecutedEncoder executed = new OrderExecutedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .executedQuantity(1).price(OrderExecutedEncoder.priceNullValue());
        final int executedLength = HEADER + executed.encodedLength();
        buffer.putByte(HEADER + OrderExecutedDecoder.sideEncodingOffset(), (byte)0xFF); // optional: null
        assertEquals(FrameCheck.OK, FrameCheck.checkInbound(buffer, 0, executedLength));
        buffer.putByte(HEADER + OrderExecutedDecoder.sideEncodingOffset(), (byte)7);
        assertEquals(FrameCheck.BAD_VALUE, FrameCheck.checkInbound(buffer, 0, executedLength));
        assertEquals("bad_value", FrameCheck.name(FrameCheck.BAD_VALUE));
    }

    @Test
    void aPriceOrQuantityThatCannotBeIsRefusedAtTheDoorAndAnOptionalOnesNullIsNot()
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final AddOrderEncoder add = new AddOrderEncoder().wrapAndApplyHeader(buffer, 0, header).price(1).quantity(1);
        final int addLength = HEADER + add.encodedLength();
        assertEquals(FrameCheck.OK, FrameCheck.checkInbound(buffer, 0, addLength));
        add.price(0);
        assertEquals(FrameCheck.BAD_PRICE, FrameCheck.checkInbound(buffer, 0, addLength));
        add.price(-1_000_000);
        assertEquals(FrameCheck.BAD_PRICE, FrameCheck.checkInbound(buffer, 0, addLength));
        assertEquals(FrameCheck.OK, FrameCheck.check(buffer, 0, addLength), "framing alone is fine");
        add.price(1).quantity(0);
        assertEquals(FrameCheck.BAD_QUANTITY, FrameCheck.checkInbound(buffer, 0, addLength));
        add.quantity(Long.MIN_VALUE); // not optional: its null is no quantity
        assertEquals(FrameCheck.BAD_QUANTITY, FrameCheck.checkInbound(buffer, 0, addLength));

        final OrderDeletedEncoder deleted = new OrderDeletedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .price(OrderDeletedEncoder.priceNullValue()).quantity(OrderDeletedEncoder.quantityNullValue())
            .side(Side.NULL_VAL);
        final int deletedLength = HEADER + deleted.encodedLength();
        assertEquals(FrameCheck.OK, FrameCheck.checkInbound(buffer, 0, deletedLength), "both optional, both null");
        deleted.quantity(-5);
        assertEquals(FrameCheck.BAD_QUANTITY, FrameCheck.checkInbound(buffer, 0, deletedLength));
        deleted.quantity(5).price(-5);
        assertEquals(FrameCheck.BAD_PRICE, FrameCheck.checkInbound(buffer, 0, deletedLength));

        final QuoteEncoder quote = new QuoteEncoder().wrapAndApplyHeader(buffer, 0, header)
            .bidPrice(QuoteEncoder.bidPriceNullValue()).bidQuantity(0).askPrice(100).askQuantity(3);
        final int quoteLength = HEADER + quote.encodedLength();
        assertEquals(FrameCheck.OK, FrameCheck.checkInbound(buffer, 0, quoteLength), "an empty side shows 0");
        quote.askQuantity(-3);
        assertEquals(FrameCheck.BAD_QUANTITY, FrameCheck.checkInbound(buffer, 0, quoteLength));

        final InstrumentDefinitionEncoder definition =
            new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header).tickSize(0);
        assertEquals(FrameCheck.BAD_PRICE, FrameCheck.checkInbound(buffer, 0, HEADER + definition.encodedLength()));
        assertEquals("bad_price", FrameCheck.name(FrameCheck.BAD_PRICE));
        assertEquals("bad_quantity", FrameCheck.name(FrameCheck.BAD_QUANTITY));
    }

    @Test
    void fuzzedFramesAreDispatchedOrRefusedWithTheRightCode()
    {
        final int frames = 100_000;
        final Random random = new Random(0x5EED_7001L);
        final byte[] noise = new byte[CAPACITY];
        final int[] knownTemplates = { 1, 2, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 30, 31, 40, 41, 50, 51, 0, 9, 63, 64, 99 };
        final int[] resultCounts = new int[FrameCheck.RESULT_COUNT];
        final BoundsReadingListener reader = new BoundsReadingListener();

        for (int i = 0; i < frames; i++)
        {
            random.nextBytes(noise);
            buffer.putBytes(0, noise);

            final int length;
            if (random.nextBoolean())
            {
                final int templateId = knownTemplates[random.nextInt(knownTemplates.length)];
                final int nominal = blockLength(templateId, 2);
                final int blockLength = Math.max(0, (nominal > 0 ? nominal : 60) + random.nextInt(17) - 8);
                final int version = random.nextInt(5);
                final int schemaId = random.nextInt(20) == 0 ? 7002 : 7001;
                length = Math.max(0, Math.min(200, HEADER + blockLength + random.nextInt(7) - 3));
                final int offset = CAPACITY - length;
                if (length >= HEADER)
                {
                    buffer.putShort(offset, (short)blockLength, LE);
                    buffer.putShort(offset + 2, (short)templateId, LE);
                    buffer.putShort(offset + 4, (short)schemaId, LE);
                    buffer.putShort(offset + 6, (short)version, LE);
                }
            }
            else
            {
                length = random.nextInt(201);
            }

            // The frame ends at the buffer's end: any read past it throws IndexOutOfBoundsException.
            final int offset = CAPACITY - length;
            final int expected = expectedResult(offset, length);
            reader.calls = 0;
            reader.templateId = -1;
            final int result;
            try
            {
                result = dispatcher.dispatch(buffer, offset, length, reader);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("frame " + i + " threw: " + describe(offset, length), ex);
            }

            if (result != expected)
            {
                fail("frame " + i + ": expected " + FrameCheck.name(expected) + " got " + FrameCheck.name(result) +
                    ": " + describe(offset, length));
            }
            if (result == FrameCheck.OK)
            {
                final int templateId = FrameCheck.templateId(buffer, offset);
                assertTrue(FrameCheck.isInbound(templateId));
                assertTrue(length >= HEADER + (buffer.getShort(offset, LE) & 0xFFFF));
                assertEquals(1, reader.calls, "frame " + i);
                assertEquals(templateId, reader.templateId, "frame " + i);
            }
            else
            {
                assertEquals(0, reader.calls, "frame " + i);
            }
            resultCounts[result]++;
        }

        int total = 0;
        for (int result = 0; result < FrameCheck.RESULT_COUNT; result++)
        {
            if (result != FrameCheck.OVERSIZED)
            {
                assertTrue(resultCounts[result] > 0, "fuzzing never produced " + FrameCheck.name(result));
            }
            total += resultCounts[result];
        }
        assertEquals(0, resultCounts[FrameCheck.OVERSIZED]);
        assertEquals(frames, total);
    }

    private void assertRefused(final int expected, final int length)
    {
        assertEquals(expected, FrameCheck.check(buffer, 0, length));
        assertEquals(expected, FrameCheck.checkInbound(buffer, 0, length));
        assertEquals(expected, dispatcher.dispatch(buffer, 0, length, listener));
        assertEquals(List.of(), listener.calls);
    }

    /** Independent oracle: what the frame at offset should get, from the schema's block lengths written out. */
    private int expectedResult(final int offset, final int length)
    {
        if (length < HEADER)
        {
            return FrameCheck.SHORT_FRAME;
        }
        if ((buffer.getShort(offset + 4, LE) & 0xFFFF) != 7001)
        {
            return FrameCheck.UNKNOWN_SCHEMA;
        }
        final int templateId = buffer.getShort(offset + 2, LE) & 0xFFFF;
        final int version = buffer.getShort(offset + 6, LE) & 0xFFFF;
        final int required = blockLength(templateId, version);
        if (required < 0)
        {
            return FrameCheck.UNKNOWN_TEMPLATE;
        }
        final int blockLength = buffer.getShort(offset, LE) & 0xFFFF;
        if (blockLength < required)
        {
            return FrameCheck.BAD_BLOCK_LENGTH;
        }
        if (length < HEADER + blockLength)
        {
            return FrameCheck.TRUNCATED;
        }
        if (templateId == 30 || templateId == 31 || templateId == 40 || templateId == 41)
        {
            return FrameCheck.NOT_INBOUND;
        }
        for (final int[] field : ENUM_FIELDS)
        {
            if (field[0] == templateId)
            {
                final int value = buffer.getByte(offset + HEADER + field[1]) & 0xFF;
                if (value > field[2] && !(1 == field[3] && 0xFF == value))
                {
                    return FrameCheck.BAD_VALUE;
                }
            }
        }
        for (final int[] field : NUMBER_FIELDS)
        {
            if (field[0] == templateId)
            {
                final long value = buffer.getLong(offset + HEADER + field[1], LE);
                final boolean isNull = Long.MIN_VALUE == value;
                final boolean ok;
                switch (field[2])
                {
                    case PRICE: ok = value > 0; break;
                    case OPTIONAL_PRICE: ok = value > 0 || isNull; break;
                    case QUANTITY: ok = value > 0; break;
                    case OPTIONAL_QUANTITY: ok = value > 0 || isNull; break;
                    default: ok = value >= 0; break;
                }
                if (!ok)
                {
                    return field[2] <= OPTIONAL_PRICE ? FrameCheck.BAD_PRICE : FrameCheck.BAD_QUANTITY;
                }
            }
        }
        return FrameCheck.OK;
    }

    /**
     * Inbound enum fields, from the schema: {template, offset in the block, largest defined value, 1 if optional (its
     * null, 255, is allowed)}. TradingStatus.state, AddOrder.side, OrderExecuted/Cancelled/Deleted.side,
     * TradePrint.kind and aggressorSide, ClientNewOrder.side.
     */
    private static final int[][] ENUM_FIELDS =
    {
        { 2, 40, 3, 0 }, { 10, 48, 1, 0 }, { 11, 72, 1, 1 }, { 12, 64, 1, 1 }, { 13, 64, 1, 1 },
        { 15, 64, 2, 0 }, { 15, 65, 1, 1 }, { 20, 56, 1, 0 }, { 51, 48, 5, 0 }
    };

    private static final int PRICE = 0;
    private static final int OPTIONAL_PRICE = 1;
    private static final int QUANTITY = 2;
    private static final int OPTIONAL_QUANTITY = 3;
    private static final int QUANTITY_OR_ZERO = 4;

    /** {template id, offset of an int64 in the block, what it must hold}, written out from the schema. */
    private static final int[][] NUMBER_FIELDS =
    {
        { 1, 40, PRICE },
        { 10, 49, PRICE }, { 10, 57, QUANTITY },
        { 11, 48, QUANTITY }, { 11, 64, OPTIONAL_PRICE },
        { 12, 48, QUANTITY }, { 12, 56, OPTIONAL_PRICE },
        { 13, 48, OPTIONAL_PRICE }, { 13, 56, OPTIONAL_QUANTITY },
        { 14, 56, PRICE }, { 14, 64, QUANTITY },
        { 15, 40, PRICE }, { 15, 48, QUANTITY },
        { 16, 40, OPTIONAL_PRICE }, { 16, 48, QUANTITY_OR_ZERO }, { 16, 56, OPTIONAL_PRICE },
        { 16, 64, QUANTITY_OR_ZERO },
        { 20, 57, PRICE }, { 20, 65, QUANTITY },
        { 22, 64, PRICE }, { 22, 72, QUANTITY }
    };

    /** Root block length of a template as a decoder of the given acting version reads it; -1 if unknown. */
    private static int blockLength(final int templateId, final int version)
    {
        switch (templateId)
        {
            case 1: return 57;
            case 2: return 41;
            case 10: return version >= 2 ? 69 : 65;
            case 11: return 73;
            case 12: return 65;
            case 13: return 65;
            case 14: return 72;
            case 15: return 66;
            case 16: return 72;
            case 20: return 73;
            case 21: return 56;
            case 22: return 80;
            case 30: return 85;
            case 31: return 78;
            case 40: return 49;
            case 41: return 22;
            case 50: return 40;
            case 51: return 149;
            default: return -1;
        }
    }

    private String describe(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return "length " + length + " bytes " + BitUtil.toHex(bytes);
    }

    private static String expectedCall(final int templateId)
    {
        switch (templateId)
        {
            case 1: return "onInstrumentDefinition:AAPL";
            case 2: return "onTradingStatus:TRADING";
            case 10: return "onAddOrder:1010";
            case 11: return "onOrderExecuted:1011";
            case 12: return "onOrderCancelled:1012";
            case 13: return "onOrderDeleted:1013";
            case 14: return "onOrderReplaced:1014";
            case 15: return "onTradePrint:1015";
            case 16: return "onQuote:1016";
            case 20: return "onClientNewOrder:1020";
            case 21: return "onClientCancel:1021";
            case 22: return "onClientExecution:1022";
            case 50: return "onTimer:1050";
            case 51: return "onControlCommand:1051";
            default: throw new IllegalArgumentException("not inbound: " + templateId);
        }
    }

    /** Encode a full, valid frame of the template at offset, with a distinguishing field; returns its length. */
    private int encode(final int templateId, final int offset)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int block;
        switch (templateId)
        {
            case 1:
                final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
                definition.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(1).eventTime(100);
                definition.instrumentId(7).tickSize(100).priceScale((short)4).symbol("AAPL");
                block = definition.encodedLength();
                break;
            case 2:
                final TradingStatusEncoder status = new TradingStatusEncoder();
                status.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(2);
                status.instrumentId(7).state(TradingState.TRADING);
                block = status.encodedLength();
                break;
            case 10:
                final AddOrderEncoder add = new AddOrderEncoder();
                add.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(3);
                add.instrumentId(7).orderId(1010).side(Side.BUY).price(5853300).quantity(18).attribution("NSDQ");
                block = add.encodedLength();
                break;
            case 11:
                final OrderExecutedEncoder executed = new OrderExecutedEncoder();
                executed.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(4);
                executed.instrumentId(7).orderId(1010).executedQuantity(5).matchId(1011).price(5853300).side(Side.BUY);
                block = executed.encodedLength();
                break;
            case 12:
                final OrderCancelledEncoder cancelled = new OrderCancelledEncoder();
                cancelled.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(5);
                cancelled.instrumentId(7).orderId(1010).cancelledQuantity(1012).price(5853300).side(Side.BUY);
                block = cancelled.encodedLength();
                break;
            case 13:
                final OrderDeletedEncoder deleted = new OrderDeletedEncoder();
                deleted.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(6);
                deleted.instrumentId(7).orderId(1013).price(5853300).quantity(13).side(Side.SELL);
                block = deleted.encodedLength();
                break;
            case 14:
                final OrderReplacedEncoder replaced = new OrderReplacedEncoder();
                replaced.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(7);
                replaced.instrumentId(7).originalOrderId(1013).newOrderId(1014).price(5853400).quantity(14);
                block = replaced.encodedLength();
                break;
            case 15:
                final TradePrintEncoder print = new TradePrintEncoder();
                print.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(8);
                print.instrumentId(7).price(5853300).quantity(100).matchId(1015).kind(TradeKind.HIDDEN)
                    .aggressorSide(Side.SELL);
                block = print.encodedLength();
                break;
            case 16:
                final QuoteEncoder quote = new QuoteEncoder();
                quote.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(9);
                quote.instrumentId(7).bidPrice(1016).bidQuantity(1).askPrice(1017).askQuantity(2);
                block = quote.encodedLength();
                break;
            case 20:
                final ClientNewOrderEncoder newOrder = new ClientNewOrderEncoder();
                newOrder.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(10);
                newOrder.instrumentId(7).account(55).clientOrderId(1020).side(Side.BUY).price(5853300).quantity(1);
                block = newOrder.encodedLength();
                break;
            case 21:
                final ClientCancelEncoder cancel = new ClientCancelEncoder();
                cancel.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(11);
                cancel.instrumentId(7).account(55).clientOrderId(1021);
                block = cancel.encodedLength();
                break;
            case 22:
                final ClientExecutionEncoder execution = new ClientExecutionEncoder();
                execution.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(12);
                execution.instrumentId(7).executionId(1022).buyerAccount(55).sellerAccount(56).price(5853300)
                    .quantity(1);
                block = execution.encodedLength();
                break;
            case 50:
                final TimerEncoder timer = new TimerEncoder();
                timer.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(1050);
                block = timer.encodedLength();
                break;
            case 51:
                final ControlCommandEncoder command = new ControlCommandEncoder();
                command.wrapAndApplyHeader(buffer, offset, header).envelope().sequence(13);
                command.commandId(1051).action(ControlAction.SET).strategyId(0).key("risk.max-position").value("1500");
                block = command.encodedLength();
                break;
            case 30:
                final FraudAlertEncoder alert = new FraudAlertEncoder();
                alert.wrapAndApplyHeader(buffer, offset, header);
                alert.outputSequence(1).ruleId(3).severity(Severity.WARNING).account(55).counterpartyAccount(56)
                    .instrumentId(7).triggerSourceId(1).triggerSequence(9).triggerEventTime(100)
                    .triggerIntendedSendTime(200).observedValue(10).limitValue(5).referenceValue(1);
                block = alert.encodedLength();
                break;
            case 31:
                final StrategyOrderEncoder strategyOrder = new StrategyOrderEncoder();
                strategyOrder.wrapAndApplyHeader(buffer, offset, header);
                strategyOrder.outputSequence(1).strategyId(2).instrumentId(7).action(OrderAction.NEW).side(Side.BUY)
                    .price(5853300).quantity(1).clientOrderId(77).originalClientOrderId(0).triggerSourceId(1)
                    .triggerSequence(9).triggerEventTime(100).triggerIntendedSendTime(200);
                block = strategyOrder.encodedLength();
                break;
            default:
                throw new IllegalArgumentException("no such template: " + templateId);
        }
        return HEADER + block;
    }

    private static final class RecordingListener implements InboundListener
    {
        final List<String> calls = new ArrayList<>();

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
        {
            calls.add("onInstrumentDefinition:" + event.symbol());
        }

        public void onTradingStatus(final TradingStatusDecoder event)
        {
            calls.add("onTradingStatus:" + event.state());
        }

        public void onAddOrder(final AddOrderDecoder event)
        {
            calls.add("onAddOrder:" + event.orderId());
        }

        public void onOrderExecuted(final OrderExecutedDecoder event)
        {
            calls.add("onOrderExecuted:" + event.matchId());
        }

        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            calls.add("onOrderCancelled:" + event.cancelledQuantity());
        }

        public void onOrderDeleted(final OrderDeletedDecoder event)
        {
            calls.add("onOrderDeleted:" + event.orderId());
        }

        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            calls.add("onOrderReplaced:" + event.newOrderId());
        }

        public void onTradePrint(final TradePrintDecoder event)
        {
            calls.add("onTradePrint:" + event.matchId());
        }

        public void onQuote(final QuoteDecoder event)
        {
            calls.add("onQuote:" + event.bidPrice());
        }

        public void onClientNewOrder(final ClientNewOrderDecoder event)
        {
            calls.add("onClientNewOrder:" + event.clientOrderId());
        }

        public void onClientCancel(final ClientCancelDecoder event)
        {
            calls.add("onClientCancel:" + event.clientOrderId());
        }

        public void onClientExecution(final ClientExecutionDecoder event)
        {
            calls.add("onClientExecution:" + event.executionId());
        }

        public void onTimer(final TimerDecoder event)
        {
            calls.add("onTimer:" + event.envelope().sequence());
        }

        public void onControlCommand(final ControlCommandDecoder event)
        {
            calls.add("onControlCommand:" + event.commandId());
        }
    }

    /**
     * Reads the first and the last field of every event it is given (raw, so random enum bytes do not throw): a
     * decoder reading past the frame hits the end of the buffer and throws.
     */
    private static final class BoundsReadingListener implements InboundListener
    {
        private final byte[] symbol = new byte[8];
        private final byte[] attribution = new byte[4];
        int calls;
        int templateId;
        long sink;

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder event)
        {
            seen(1, event.envelope().sequence() + event.getSymbol(symbol, 0));
        }

        public void onTradingStatus(final TradingStatusDecoder event)
        {
            seen(2, event.envelope().sequence() + event.stateRaw());
        }

        public void onAddOrder(final AddOrderDecoder event)
        {
            seen(10, event.envelope().sequence() + event.quantity() + event.getAttribution(attribution, 0) +
                event.attribution(3));
        }

        public void onOrderExecuted(final OrderExecutedDecoder event)
        {
            seen(11, event.envelope().sequence() + event.sideRaw());
        }

        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            seen(12, event.envelope().sequence() + event.sideRaw());
        }

        public void onOrderDeleted(final OrderDeletedDecoder event)
        {
            seen(13, event.envelope().sequence() + event.sideRaw());
        }

        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            seen(14, event.envelope().sequence() + event.quantity());
        }

        public void onTradePrint(final TradePrintDecoder event)
        {
            seen(15, event.envelope().sequence() + event.aggressorSideRaw());
        }

        public void onQuote(final QuoteDecoder event)
        {
            seen(16, event.envelope().sequence() + event.askQuantity());
        }

        public void onClientNewOrder(final ClientNewOrderDecoder event)
        {
            seen(20, event.envelope().sequence() + event.quantity());
        }

        public void onClientCancel(final ClientCancelDecoder event)
        {
            seen(21, event.envelope().sequence() + event.clientOrderId());
        }

        public void onClientExecution(final ClientExecutionDecoder event)
        {
            seen(22, event.envelope().sequence() + event.quantity());
        }

        public void onTimer(final TimerDecoder event)
        {
            seen(50, event.envelope().sequence() + event.instrumentId());
        }

        public void onControlCommand(final ControlCommandDecoder event)
        {
            seen(51, event.envelope().sequence() + event.actionRaw() + event.value(31));
        }

        private void seen(final int templateId, final long value)
        {
            calls++;
            this.templateId = templateId;
            sink += value;
        }
    }
}
