package io.ringside.engine;

import io.ringside.codecs.sbe.FraudAlertEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.StrategyOrderEncoder;

import java.util.Locale;

/**
 * The heap the configured sizes need, printed at start so an operator sizes {@code -Xmx} before the day, not after an
 * OutOfMemoryError: the ring and the instrument table are fixed by configuration; books and rule state grow with what
 * the day brings, at the per-instrument and per-order costs measured by {@code MemoryFootprint} (latency-tests) with
 * default settings.
 */
final class EngineMemory
{
    /** Both handlers, retained, for an instrument defined with one order a side and a trade (MemoryFootprint). */
    static final long BYTES_PER_INSTRUMENT = 4_000;
    /** Both handlers, retained, per live order of a busy book (MemoryFootprint). */
    static final long BYTES_PER_LIVE_ORDER = 160;

    private static final int SLOT_OVERHEAD = 3 * 16 + 3 * 24 + 32; // headers of the slot, its buffers and arrays

    private EngineMemory()
    {
    }

    static long ringBytes(final int ringSize)
    {
        final long slot = EngineContext.SLOT_FRAME_CAPACITY
            + RingSlot.MAX_ALERTS * (long)(MessageHeaderEncoder.ENCODED_LENGTH + FraudAlertEncoder.BLOCK_LENGTH)
            + RingSlot.MAX_ORDERS * (long)(MessageHeaderEncoder.ENCODED_LENGTH + StrategyOrderEncoder.BLOCK_LENGTH)
            + SLOT_OVERHEAD;
        return ringSize * slot;
    }

    static String describe(final EngineContext ctx)
    {
        final long ring = ringBytes(ctx.ringSize());
        final long instruments = (long)ctx.maxInstruments() * BYTES_PER_INSTRUMENT;
        final long maxHeap = Runtime.getRuntime().maxMemory();
        return String.format(Locale.ROOT, "ring %s + up to %s for %d instruments (%s each) + %d B per live order; "
            + "heap max %s", mb(ring), mb(instruments), ctx.maxInstruments(), kb(BYTES_PER_INSTRUMENT),
            BYTES_PER_LIVE_ORDER, mb(maxHeap));
    }

    private static String mb(final long bytes)
    {
        return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }

    private static String kb(final long bytes)
    {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
