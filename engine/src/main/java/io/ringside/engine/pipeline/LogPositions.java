package io.ringside.engine.pipeline;

import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;

/** Where ingress has read the log to: what a snapshot records, so a replay resumes just after it. */
public interface LogPositions
{
    /**
     * From the ingress thread: per stream, the recording and the position just after the last whole message handed
     * to the handler, which is where a replay resumes with the next one.
     */
    void encodePositions(SnapshotHeaderEncoder header);
}
