package io.ringside.engine.cluster;

import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.pipeline.Snapshots;
import io.ringside.engine.snapshot.AppliedSettings;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Map;

/**
 * A snapshot of a cluster member's engine, in the engine's own SBE layout (header, surveillance, trading), made in
 * memory on the service thread and handed to the cluster's snapshot. The stages run inline, so by the time the marker
 * has passed egress every part is encoded: nothing is ever in progress between two messages.
 */
final class ClusterSnapshot implements Snapshots
{
    private final ExpandableArrayBuffer header = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer surveillance = new ExpandableArrayBuffer(1 << 16);
    private final ExpandableArrayBuffer trading = new ExpandableArrayBuffer(1 << 16);
    private final ExpandableArrayBuffer whole = new ExpandableArrayBuffer(1 << 17);
    private final SnapshotHeaderEncoder headerEncoder = new SnapshotHeaderEncoder();
    private final AppliedSettings settings = new AppliedSettings();
    private int headerLength;
    private int surveillanceLength;
    private int tradingLength;
    private int length = -1;

    public boolean inProgress()
    {
        return false;
    }

    public boolean awaitIdle(final long timeoutNs)
    {
        return true;
    }

    public boolean writerAlive()
    {
        return true;
    }

    public boolean lastFailed()
    {
        return length < 0;
    }

    public MutableDirectBuffer headerBuffer()
    {
        return header;
    }

    public void begin(final int headerLength, final long eventCount)
    {
        this.headerLength = headerLength;
        settings.clear();
        length = -1;
    }

    public void settings(final RuntimeSettings.Owner owner, final Map<String, String> applied)
    {
        settings.handOver(owner, applied);
    }

    public MutableDirectBuffer surveillanceBuffer()
    {
        return surveillance;
    }

    public void surveillanceLength(final int surveillanceLength)
    {
        this.surveillanceLength = surveillanceLength;
    }

    public MutableDirectBuffer tradingBuffer()
    {
        return trading;
    }

    public void tradingLength(final int tradingLength)
    {
        this.tradingLength = tradingLength;
    }

    public void write(final long alertSequence, final long orderSequence, final long outputDigest)
    {
        if (surveillanceLength < 0 || tradingLength < 0)
        {
            length = -1; // a handler failed to encode: no snapshot rather than one missing a part
            return;
        }
        headerEncoder.wrap(header, MessageHeaderEncoder.ENCODED_LENGTH)
            .alertSequence(alertSequence)
            .orderSequence(orderSequence)
            .outputDigest(outputDigest);
        headerLength = settings.encode(header, headerLength);
        whole.putBytes(0, header, 0, headerLength);
        whole.putBytes(headerLength, surveillance, 0, surveillanceLength);
        whole.putBytes(headerLength + surveillanceLength, trading, 0, tradingLength);
        length = headerLength + surveillanceLength + tradingLength;
    }

    /** The last snapshot made, whole; valid until the next. */
    ExpandableArrayBuffer buffer()
    {
        return whole;
    }

    /** Its length; -1 when a part failed to encode. */
    int length()
    {
        return length;
    }
}
