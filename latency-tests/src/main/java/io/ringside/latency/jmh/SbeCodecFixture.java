package io.ringside.latency.jmh;

import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import java.nio.charset.StandardCharsets;

/**
 * What the SBE codec benchmarks share: buffers, header codecs, field values and the Envelope. Each family's
 * benchmark ({@link SbeOrderCodecBenchmark}, {@link SbeMarketCodecBenchmark}, {@link SbeClientCodecBenchmark},
 * {@link SbeOutputCodecBenchmark}) has an {@code encodeX} and a {@code decodeX} per template of its family.
 * <p>
 * {@code encodeX} writes the header and every field, the Envelope composite included, into a direct
 * {@link UnsafeBuffer}; the envelope's sequence rises by 1 per call, as a publisher's would. {@code decodeX} reads the
 * header, wraps the decoder with the header's blockLength and version, as a receiver of any schema version does, and
 * sums every field (enums as their raw value, char arrays byte by byte) into a long. The frames decoded are encoded
 * once in {@link #encodeFrames()} by the encode methods themselves.
 */
public abstract class SbeCodecFixture
{
    /** Room for any one frame: the largest, FraudAlert, is 8 + 85 bytes. */
    static final int SLOT_LENGTH = 128;
    static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    /** Where encode writes, at offset 0. */
    final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(SLOT_LENGTH, 64));
    /** One encoded frame of each template of the family, at {@code template * SLOT_LENGTH}, for decode. */
    final UnsafeBuffer frames;
    final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final int templates;

    // Field values: instance fields, so the JIT reads them rather than folding constants into the stores.
    final byte[] symbol = "AAPL    ".getBytes(StandardCharsets.US_ASCII);
    final byte[] attribution = "MSCO".getBytes(StandardCharsets.US_ASCII);
    final byte[] charScratch = new byte[8];
    long sequence;
    long eventTime = 1_340_285_400_004_000_000L;
    long sendTime = 123_456_789_000L;
    long intendedSendTime = 123_456_788_500L;
    int sourceId = 3;
    int instrumentId = 1;
    long orderId = 16_113_575L;
    long otherOrderId = 16_113_576L;
    long price = 5_853_300L;
    long otherPrice = 5_853_400L;
    long quantity = 100;
    long otherQuantity = 18;
    long matchId = 4_242L;
    long account = 1_001L;
    long otherAccount = 2_002L;
    long clientOrderId = 77_001L;
    int ruleId = 5;
    int strategyId = 2;
    long observedValue = 5_990_000L;
    long limitValue = 5_950_000L;

    SbeCodecFixture(final int templates)
    {
        this.templates = templates;
        frames = new UnsafeBuffer(BufferUtil.allocateDirectAligned(templates * SLOT_LENGTH, 64));
    }

    @Setup(Level.Trial)
    public void encodeFrames()
    {
        for (int template = 0; template < templates; template++)
        {
            final int length = encode(template);
            frames.putBytes(template * SLOT_LENGTH, buffer, 0, length);
        }
        sequence = 0;
    }

    /** Encode the family's template number {@code template} into {@link #buffer}: the frame's length. */
    protected abstract int encode(int template);

    final void envelope(final EnvelopeEncoder envelope)
    {
        envelope
            .sequence(++sequence)
            .eventTime(eventTime)
            .sendTime(sendTime)
            .intendedSendTime(intendedSendTime)
            .sourceId(sourceId);
    }

    /** Wraps the header of the template's frame and returns the frame's offset. */
    final int header(final int template)
    {
        final int offset = template * SLOT_LENGTH;
        headerDecoder.wrap(frames, offset);
        return offset;
    }

    /** The envelope's fields and the header's template id, summed. */
    final long envelope(final EnvelopeDecoder envelope)
    {
        return headerDecoder.templateId() +
            envelope.sequence() +
            envelope.eventTime() +
            envelope.sendTime() +
            envelope.intendedSendTime() +
            envelope.sourceId();
    }

    /** The bytes just copied into the scratch array, summed. */
    final long chars(final int length)
    {
        long sum = length;
        for (int i = 0; i < length; i++)
        {
            sum += charScratch[i];
        }
        return sum;
    }
}
