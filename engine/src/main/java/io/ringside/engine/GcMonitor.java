package io.ringside.engine;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.aeron.Counter;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the JVM's garbage collections from its own GC notifications into two engine counters, so a benchmark (or
 * anyone with AeronStat) can tell how many collections, and how long, fell inside a measured phase.
 */
final class GcMonitor implements NotificationListener, AutoCloseable
{
    private final Counter collections;
    private final Counter pauseMicros;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private volatile long fromUptimeMs = Long.MAX_VALUE;

    GcMonitor(final Counter collections, final Counter pauseMicros)
    {
        this.collections = collections;
        this.pauseMicros = pauseMicros;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (collector instanceof NotificationEmitter emitter)
            {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    public void handleNotification(final Notification notification, final Object handback)
    {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType()))
        {
            final GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData)notification.getUserData());
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

    /** Count the collections that start from now on (the engine is running); none before. */
    void startCounting()
    {
        fromUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
    }

    public void close()
    {
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
