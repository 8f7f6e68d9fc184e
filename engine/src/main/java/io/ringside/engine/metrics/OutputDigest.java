package io.ringside.engine.metrics;

import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.StrategyOrderEncoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * A 64-bit running hash of every output frame the engine publishes, in the order it publishes them: two runs that
 * publish the same outputs in the same order end with the same value, whatever their timing.
 * <p>
 * Every byte of a frame goes in (header, output sequence, rule or strategy, every value, the trigger's source,
 * sequence and event time) except the trigger's intended send time: that is the sender's monotonic clock when it
 * meant to send the trigger, copied for latency measurement, and differs between runs of the same input. The frame's
 * length goes in first, so the boundaries between frames count. Not cryptographic: it tells runs apart, it does not
 * resist a forger. Mixing is word-wise (8 bytes at a time, then the tail), allocation-free; single writer.
 */
public final class OutputDigest
{
    /** Name of the count that carries the digest in the engine's counters, summary and engine-counts.properties. */
    public static final String COUNTER_NAME = "output_digest";

    public static final int ALERT_INTENDED_SEND_TIME_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + FraudAlertEncoder.triggerIntendedSendTimeEncodingOffset();
    public static final int ORDER_INTENDED_SEND_TIME_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + StrategyOrderEncoder.triggerIntendedSendTimeEncodingOffset();
    private static final int EXCLUDED_LENGTH = Long.BYTES;

    private static final long SEED = 0x52696E6773696465L; // "Ringside"
    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;

    private long hash = SEED;

    /** Digest of the empty output: what a run that published nothing reports. */
    public static long empty()
    {
        return SEED;
    }

    /** Add one frame, leaving out the 8 bytes at {@code excludedOffset} (relative to {@code offset}). */
    public void update(final DirectBuffer buffer, final int offset, final int length, final int excludedOffset)
    {
        long h = mix(hash, length);
        h = mixRange(h, buffer, offset, excludedOffset);
        final int after = excludedOffset + EXCLUDED_LENGTH;
        h = mixRange(h, buffer, offset + after, length - after);
        hash = h;
    }

    public long value()
    {
        return hash;
    }

    /** Continue from a digest's value, as a snapshot recorded it: the hash is the whole state. */
    public void restore(final long value)
    {
        hash = value;
    }

    /** Back to the empty digest. */
    public void reset()
    {
        hash = SEED;
    }

    /** Hex as the summary prints it: 16 digits, zero padded. */
    public static String format(final long digest)
    {
        final String hex = Long.toHexString(digest);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static long mixRange(final long seed, final DirectBuffer buffer, final int offset, final int length)
    {
        long h = seed;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = mix(h, buffer.getLong(offset + i, ByteOrder.LITTLE_ENDIAN));
        }
        long tail = 0;
        int shift = 0;
        for (; i < length; i++, shift += 8)
        {
            tail |= (buffer.getByte(offset + i) & 0xFFL) << shift;
        }
        return 0 == shift ? h : mix(h, tail ^ ((long)shift << 56)); // tail length goes in, so 0x00 != nothing
    }

    private static long mix(final long h, final long word)
    {
        long k = word * PRIME_2;
        k = Long.rotateLeft(k, 31) * PRIME_1;
        return Long.rotateLeft(h ^ k, 27) * PRIME_1 + 0x85EBCA77C2B2AE63L;
    }
}
