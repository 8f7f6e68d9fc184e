package io.ringside.engine.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.aeron.Counter;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the JVM's garbage collections from its own GC notifications into two engine counters, so a benchmark (or
 * anyone with AeronStat) can tell how many collections, and how long, fell inside a measured phase. Two gauges say
 * how much heap the engine holds, read from another process while it runs: the heap in use, sampled by whoever calls
 * {@link #sampleHeap()} (the latency log's thread, never the hot path), and the heap left in use by the latest
 * collection, which is closer to what the engine's state retains.
 */
public final class GcMonitor implements NotificationListener, AutoCloseable
{
    private boolean closed;
    private final Counter collections;
    private final Counter pauseMicros;
    private final Counter heapAfterGcBytes;
    private final Counter heapUsedBytes;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    /** A GC notification's usage after GC covers every pool, metaspace and code cache too: only these count. */
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private volatile long fromUptimeMs = Long.MAX_VALUE;

    public GcMonitor(
        final Counter collections, final Counter pauseMicros, final Counter heapAfterGcBytes, final Counter heapUsedBytes)
    {
        this.collections = collections;
        this.pauseMicros = pauseMicros;
        this.heapAfterGcBytes = heapAfterGcBytes;
        this.heapUsedBytes = heapUsedBytes;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP)
            {
                heapPools.add(pool.getName());
            }
        }
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (collector instanceof NotificationEmitter emitter)
            {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    // The JVM's notification thread may be inside this when the engine closes and its counters' memory goes: closing
    // waits for it, under the one lock, and after that nothing is written. Never the hot path.
    public synchronized void handleNotification(final Notification notification, final Object handback)
    {
        if (!closed &&
            GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType()))
        {
            final GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData)notification.getUserData());
            // A gauge, not a count: every collection sets it, those of start-up too.
            heapAfterGcBytes.setRelease(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()));
            // Notifications arrive late, on their own thread: judge a collection by when it started, so the
            // collections of start-up (class loading, the pre-allocated ring) are not counted against the run.
            if (info.getGcInfo().getStartTime() < fromUptimeMs)
            {
                return;
            }
            collections.increment();
            pauseMicros.getAndAdd(info.getGcInfo().getDuration() * 1000L);
        }
    }

    private long heapUsed(final Map<String, MemoryUsage> usageByPool)
    {
        long used = 0;
        for (final Map.Entry<String, MemoryUsage> pool : usageByPool.entrySet())
        {
            if (heapPools.contains(pool.getKey()))
            {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    /** Set the heap-in-use gauge; it allocates (a MemoryUsage), so never from a handler's thread. */
    public synchronized void sampleHeap()
    {
        if (!closed)
        {
            heapUsedBytes.setRelease(memory.getHeapMemoryUsage().getUsed());
        }
    }

    /** Count the collections that start from now on (the engine is running); none before. */
    public void startCounting()
    {
        fromUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
    }

    public synchronized void close()
    {
        closed = true;
        for (final NotificationEmitter emitter : emitters)
        {
            try
            {
                emitter.removeNotificationListener(this);
            }
            catch (final ListenerNotFoundException ignore)
            {
                // already gone
            }
        }
    }
}
