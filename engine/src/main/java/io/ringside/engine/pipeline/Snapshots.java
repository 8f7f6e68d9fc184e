package io.ringside.engine.pipeline;

import io.ringside.engine.config.RuntimeSettings;
import org.agrona.MutableDirectBuffer;

import java.util.Map;

/**
 * Where the ring's handlers put a snapshot as its marker passes them: ingress writes the header and publishes the
 * marker, each handler encodes its state, egress completes the header and hands the parts over to be written. A
 * marker is published only when the last snapshot is done with, so each part has one writer at a time.
 */
public interface Snapshots
{
    /** Ingress: a snapshot is being made; no marker until it is written. */
    boolean inProgress();

    /**
     * Ingress, before a marker: wait, at most {@code timeoutNs}, for the snapshot in progress to be written or to fail.
     *
     * @return true when none is in progress and the next can be taken; false when the writer is gone or the time ran
     * out, and the snapshot is to be skipped.
     */
    boolean awaitIdle(long timeoutNs);

    /** Whether there is a writer to write a file: started and not dead. */
    boolean writerAlive();

    /** Whether the last snapshot handed over failed: then a clean stop takes one even with no event since. */
    boolean lastFailed();

    /** Ingress writes the SnapshotHeader here before it publishes the marker. */
    MutableDirectBuffer headerBuffer();

    /** Ingress, before publishing the marker: {@link #headerBuffer()} holds the header, this long. */
    void begin(int headerLength, long eventCount);

    /**
     * Each handler, on the marker, before its state: the configuration keys it has applied by SET (unmodifiable), so a
     * restart from the snapshot comes back with them.
     */
    void settings(RuntimeSettings.Owner owner, Map<String, String> applied);

    /** The surveillance handler encodes its state here, on the marker. */
    MutableDirectBuffer surveillanceBuffer();

    /** What the surveillance handler encoded; -1 while encoding, so a part missing is never written. */
    void surveillanceLength(int surveillanceLength);

    /** The strategy handler encodes its state here, on the marker. */
    MutableDirectBuffer tradingBuffer();

    /** What the strategy handler encoded; -1 while encoding, so a part missing is never written. */
    void tradingLength(int tradingLength);

    /** Egress, on the marker: complete the header with the outputs and hand the parts over to be written. */
    void write(long alertSequence, long orderSequence, long outputDigest);
}
