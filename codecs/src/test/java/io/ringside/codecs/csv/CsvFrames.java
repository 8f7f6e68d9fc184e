package io.ringside.codecs.csv;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.QuoteDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/** Test helper: every frame of a reader, each rendered as one line naming every field, envelope included. */
final class CsvFrames
{
    private static final MessageHeaderDecoder HEADER = new MessageHeaderDecoder();
    private static final InstrumentDefinitionDecoder DEFINITION = new InstrumentDefinitionDecoder();
    private static final TradePrintDecoder PRINT = new TradePrintDecoder();
    private static final QuoteDecoder QUOTE = new QuoteDecoder();

    private CsvFrames()
    {
    }

    /** Reads to the end, at a non-zero offset of a buffer dirtied first so stale bytes would show. */
    static List<String> describeAll(final RecordedEventReader reader)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16 + RecordedEventReader.MAX_FRAME_LENGTH]);
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        final List<String> lines = new ArrayList<>();
        int length;
        while ((length = reader.next(buffer, 16)) > 0)
        {
            final int check = FrameCheck.checkInbound(buffer, 16, length);
            if (FrameCheck.OK != check)
            {
                throw new AssertionError("frame " + lines.size() + ": " + FrameCheck.describe(check));
            }
            final byte[] frame = new byte[length];
            buffer.getBytes(16, frame);
            lines.add(describe(frame));
        }
        return lines;
    }

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
                return prefix + "InstrumentDefinition " + envelope(DEFINITION.envelope()) + " instrument=" +
                    DEFINITION.instrumentId() + " tick=" + DEFINITION.tickSize() + " scale=" +
                    DEFINITION.priceScale() + " symbol=" + DEFINITION.symbol();

            case TradePrintDecoder.TEMPLATE_ID:
                PRINT.wrap(buffer, body, blockLength, version);
                return prefix + "TradePrint " + envelope(PRINT.envelope()) + " instrument=" + PRINT.instrumentId() +
                    " price=" + PRINT.price() + " qty=" + PRINT.quantity() + " match=" + PRINT.matchId() + " kind=" +
                    PRINT.kind() + " aggressor=" + PRINT.aggressorSide();

            case QuoteDecoder.TEMPLATE_ID:
                QUOTE.wrap(buffer, body, blockLength, version);
                return prefix + "Quote " + envelope(QUOTE.envelope()) + " instrument=" + QUOTE.instrumentId() +
                    " bid=" + price(QUOTE.bidPrice()) + "x" + QUOTE.bidQuantity() + " ask=" +
                    price(QUOTE.askPrice()) + "x" + QUOTE.askQuantity();

            default:
                throw new AssertionError("CsvReader wrote template " + HEADER.templateId());
        }
    }

    private static String envelope(final EnvelopeDecoder envelope)
    {
        final String rest = envelope.sequence() == 0 && envelope.sendTime() == 0 &&
            envelope.intendedSendTime() == 0 && envelope.sourceId() == 0 ? "" :
            "[seq=" + envelope.sequence() + " send=" + envelope.sendTime() + " intended=" +
            envelope.intendedSendTime() + " source=" + envelope.sourceId() + "]";
        return "t=" + envelope.eventTime() + rest;
    }

    private static String price(final long price)
    {
        return price == QuoteDecoder.bidPriceNullValue() ? "null" : Long.toString(price);
    }
}
