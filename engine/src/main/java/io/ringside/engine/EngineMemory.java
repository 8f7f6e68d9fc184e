package io.ringside.engine;

import io.ringside.engine.pipeline.RingSlot;

import java.util.Locale;

/**
 * The heap the configured sizes need, printed at start so an operator sizes {@code -Xmx} before the day, not after an
 * OutOfMemoryError: the ring and the instrument table are fixed by configuration; books and rule state grow with what
 * the day brings, at the per-instrument and per-order costs measured by {@code MemoryFootprint} (latency-tests) with
 * default settings.
 */
final class EngineMemory
{
    /** Both handlers, retained, for an instrument with one order a side and a trade (MemoryFootprint: 3,395 + 2,515). */
    static final long BYTES_PER_ACTIVE_INSTRUMENT = 5_910;
    /** Both handlers, retained, for an instrument defined and never traded (MemoryFootprint: 188 + 194). */
    static final long BYTES_PER_DEFINED_INSTRUMENT = 382;
    /** Both handlers, retained, per live order of a busy book (MemoryFootprint: 90.5 + 90.5). */
    static final long BYTES_PER_LIVE_ORDER = 181;

    private static final int SLOT_OVERHEAD = 3 * 16 + 3 * 24 + 32; // headers of the slot, its buffers and arrays

    private EngineMemory()
    {
    }

    static long ringBytes(final int ringSize)
    {
        final long slot = RingSlot.FRAME_CAPACITY
            + RingSlot.MAX_ALERTS * (long)RingSlot.ALERT_FRAME_LENGTH
            + RingSlot.MAX_ORDERS * (long)RingSlot.ORDER_FRAME_LENGTH
            + SLOT_OVERHEAD;
        return ringSize * slot;
    }

    static String describe(final EngineContext ctx)
    {
        final long ring = ringBytes(ctx.ringSize());
        final long instruments = (long)ctx.maxInstruments() * BYTES_PER_ACTIVE_INSTRUMENT;
        final long maxHeap = Runtime.getRuntime().maxMemory();
        return String.format(Locale.ROOT, "ring %s + up to %s for %d instruments (%s each traded, %d B defined "
            + "only) + %d B per live order; heap max %s%s", mb(ring), mb(instruments), ctx.maxInstruments(),
            kb(BYTES_PER_ACTIVE_INSTRUMENT), BYTES_PER_DEFINED_INSTRUMENT, BYTES_PER_LIVE_ORDER, mb(maxHeap),
            ring + instruments > maxHeap * 0.8 ? " (too small: raise -Xmx, or lower ring-size or max-instruments)" :
            "");
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
