package io.ringside.engine.metrics;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The engine's presence in the CnC file, for readers outside it ({@code ringside stat}, {@code ringside exporter}):
 * one counter whose key holds the process id and whose value says whether the engine stopped cleanly. How recently
 * it was alive is not written here but read from the heartbeat Aeron's client conductor already keeps for the
 * engine's client (the counter's owner), so no engine thread pays for it.
 *
 * <p>The mark survives the counter being freed: Aeron zeroes a freed counter's key but keeps its label and value
 * until the slot is reused, so a reader can tell a clean stop (value {@link #STOPPED}) from a process the driver
 * timed out (value {@link #RUNNING}). The pid is therefore in the label too, and the engine's name after it.
 */
public final class EngineLiveness implements AutoCloseable
{
    /** Aeron counter type id of the liveness counter, beside {@link EngineCounters#RINGSIDE_COUNTER_TYPE_ID}. */
    public static final int TYPE_ID = 7002;
    public static final String LABEL_PREFIX = "ringside engine: pid=";
    /** Key layout: the engine's pid, then its start time (epoch ms). */
    public static final int PID_KEY_OFFSET = 0;
    public static final int START_TIME_KEY_OFFSET = 8;
    public static final int KEY_LENGTH = 16;

    public static final long RUNNING = 1;
    public static final long STOPPED = 2;

    private final Counter counter;

    public EngineLiveness(final Aeron aeron, final String engineName)
    {
        final long pid = ProcessHandle.current().pid();
        final UnsafeBuffer key = new UnsafeBuffer(new byte[KEY_LENGTH]);
        key.putLong(PID_KEY_OFFSET, pid);
        key.putLong(START_TIME_KEY_OFFSET, System.currentTimeMillis());
        final byte[] label = EngineLabels.label(LABEL_PREFIX + pid, engineName).getBytes(StandardCharsets.US_ASCII);
        counter = aeron.addCounter(TYPE_ID, key, 0, KEY_LENGTH, new UnsafeBuffer(label), 0, label.length);
        counter.setRelease(RUNNING);
    }

    /** Mark the clean stop, the counter kept: whoever closes the client next frees it with the mark in it. */
    public void markStopped()
    {
        if (!counter.isClosed())
        {
            counter.setRelease(STOPPED);
        }
    }

    /** Mark the clean stop, then free the counter; a killed engine never gets here. */
    public void close()
    {
        if (!counter.isClosed())
        {
            counter.setRelease(STOPPED);
            counter.close();
        }
    }
}
