package io.ringside.codecs.lobster;

import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: reads every frame of a reader, and renders a frame as one line naming every field it carries. */
final class Frames
{
    private static final MessageHeaderDecoder HEADER = new MessageHeaderDecoder();
    private static final InstrumentDefinitionDecoder DEFINITION = new InstrumentDefinitionDecoder();
    private static final TradingStatusDecoder STATUS = new TradingStatusDecoder();
    private static final AddOrderDecoder ADD = new AddOrderDecoder();
    private static final OrderExecutedDecoder EXECUTED = new OrderExecutedDecoder();
    private static final OrderCancelledDecoder CANCELLED = new OrderCancelledDecoder();
    private static final OrderDeletedDecoder DELETED = new OrderDeletedDecoder();
    private static final TradePrintDecoder PRINT = new TradePrintDecoder();

    private Frames()
    {
    }

    /** Every frame until next returns 0, each copied out of the reader's (reused) buffer. */
    static List<byte[]> readAll(final LobsterReader reader, final UnsafeBuffer buffer)
    {
        final List<byte[]> frames = new ArrayList<>();
        int length;
        while ((length = reader.next(buffer, 0)) > 0)
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(0, frame);
            frames.add(frame);
        }
        return frames;
    }

    static List<String> describeAll(final List<byte[]> frames)
    {
        final List<String> lines = new ArrayList<>();
        for (final byte[] frame : frames)
        {
            lines.add(describe(frame));
        }
        return lines;
    }

    static int templateId(final byte[] frame)
    {
        HEADER.wrap(new UnsafeBuffer(frame), 0);
        return HEADER.templateId();
    }

    static long eventTime(final byte[] frame)
    {
        // The envelope is the first field of every inbound event: eventTime is at body offset 8.
        return new UnsafeBuffer(frame).getLong(MessageHeaderDecoder.ENCODED_LENGTH + 8, MessageHeaderDecoder.BYTE_ORDER);
    }

    /** One line: header, length, the envelope's event time and every field the reader sets. */
    static String describe(final byte[] frame)
    {
        final DirectBuffer buffer = new UnsafeBuffer(frame);
        HEADER.wrap(buffer, 0);
        final int blockLength = HEADER.blockLength();
        final int version = HEADER.version();
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        final String prefix = "len=" + frame.length + " block=" + blockLength + " v" + version + " schema=" +
            HEADER.schemaId() + " ";

        switch (HEADER.templateId())
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                DEFINITION.wrap(buffer, body, blockLength, version);
                return prefix + "InstrumentDefinition t=" + DEFINITION.envelope().eventTime() + " instrument=" +
                    DEFINITION.instrumentId() + " tick=" + DEFINITION.tickSize() + " scale=" + DEFINITION.priceScale() +
                    " symbol=" + DEFINITION.symbol();

            case TradingStatusDecoder.TEMPLATE_ID:
                STATUS.wrap(buffer, body, blockLength, version);
                return prefix + "TradingStatus t=" + STATUS.envelope().eventTime() + " instrument=" +
                    STATUS.instrumentId() + " state=" + STATUS.state();

            case AddOrderDecoder.TEMPLATE_ID:
                ADD.wrap(buffer, body, blockLength, version);
                final byte[] attribution = new byte[4];
                ADD.getAttribution(attribution, 0);
                return prefix + "AddOrder t=" + ADD.envelope().eventTime() + " instrument=" + ADD.instrumentId() +
                    " order=" + ADD.orderId() + " side=" + ADD.side() + " price=" + ADD.price() + " qty=" +
                    ADD.quantity() + " attribution=" + Arrays.toString(attribution);

            case OrderExecutedDecoder.TEMPLATE_ID:
                EXECUTED.wrap(buffer, body, blockLength, version);
                return prefix + "OrderExecuted t=" + EXECUTED.envelope().eventTime() + " instrument=" +
                    EXECUTED.instrumentId() + " order=" + EXECUTED.orderId() + " qty=" + EXECUTED.executedQuantity() +
                    " match=" + EXECUTED.matchId() + " price=" + EXECUTED.price() + " side=" + EXECUTED.side();

            case OrderCancelledDecoder.TEMPLATE_ID:
                CANCELLED.wrap(buffer, body, blockLength, version);
                return prefix + "OrderCancelled t=" + CANCELLED.envelope().eventTime() + " instrument=" +
                    CANCELLED.instrumentId() + " order=" + CANCELLED.orderId() + " qty=" +
                    CANCELLED.cancelledQuantity() + " price=" + CANCELLED.price() + " side=" + CANCELLED.side();

            case OrderDeletedDecoder.TEMPLATE_ID:
                DELETED.wrap(buffer, body, blockLength, version);
                return prefix + "OrderDeleted t=" + DELETED.envelope().eventTime() + " instrument=" +
                    DELETED.instrumentId() + " order=" + DELETED.orderId() + " price=" + DELETED.price() + " qty=" +
                    DELETED.quantity() + " side=" + DELETED.side();

            case TradePrintDecoder.TEMPLATE_ID:
                PRINT.wrap(buffer, body, blockLength, version);
                return prefix + "TradePrint t=" + PRINT.envelope().eventTime() + " instrument=" +
                    PRINT.instrumentId() + " price=" + PRINT.price() + " qty=" + PRINT.quantity() + " match=" +
                    PRINT.matchId() + " kind=" + PRINT.kind() + " aggressor=" + PRINT.aggressorSide();

            default:
                throw new AssertionError("LobsterReader wrote template " + HEADER.templateId());
        }
    }
}
