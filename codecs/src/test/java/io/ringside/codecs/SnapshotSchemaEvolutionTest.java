package io.ringside.codecs;

import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The snapshot schema's one change so far: version 2 added SnapshotHeader.takenAtEventTime at the end of its root
 * block. A header written by the version 1 codec (generated from the test copy of that schema) reads with the
 * version 2 decoder, the new field as its null and the groups after it intact; a version 2 header reads with the
 * version 1 decoder, which skips the field it does not know through the block length.
 */
final class SnapshotSchemaEvolutionTest
{
    @Test
    void version1HeaderReadsWithTheVersion2Decoder()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final io.ringside.codecs.snapshot.v1.SnapshotHeaderEncoder v1 =
            new io.ringside.codecs.snapshot.v1.SnapshotHeaderEncoder().wrapAndApplyHeader(
                buffer, 0, new io.ringside.codecs.snapshot.v1.MessageHeaderEncoder())
                .eventCount(5000).alertSequence(3).orderSequence(700).outputDigest(0x1234L);
        v1.positionsCount(1).next().streamId(1100).recordingId(0).recordingStartTimestamp(99).position(4096);
        v1.sourcesCount(2).next().sourceId(1).lastSequence(5000).next().sourceId(2).lastSequence(7);
        final int length = io.ringside.codecs.snapshot.v1.MessageHeaderEncoder.ENCODED_LENGTH + v1.encodedLength();

        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        assertEquals(1, header.version());
        assertEquals(SnapshotHeaderDecoder.BLOCK_LENGTH - Long.BYTES, header.blockLength());
        final SnapshotHeaderDecoder decoder = new SnapshotHeaderDecoder().wrap(
            buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(5000, decoder.eventCount());
        assertEquals(0x1234L, decoder.outputDigest());
        assertEquals(SnapshotHeaderDecoder.takenAtEventTimeNullValue(), decoder.takenAtEventTime());
        final SnapshotHeaderDecoder.PositionsDecoder positions = decoder.positions();
        assertEquals(1, positions.count());
        assertEquals(4096, positions.next().position());
        final SnapshotHeaderDecoder.SourcesDecoder sources = decoder.sources();
        assertEquals(2, sources.count());
        assertEquals(5000, sources.next().lastSequence());
        assertEquals(7, sources.next().lastSequence());
        assertEquals(length, decoder.limit());
    }

    @Test
    void version2HeaderReadsWithTheVersion1Decoder()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final SnapshotHeaderEncoder v2 = new SnapshotHeaderEncoder().wrapAndApplyHeader(
            buffer, 0, new io.ringside.codecs.snapshot.MessageHeaderEncoder())
            .eventCount(10).alertSequence(1).orderSequence(2).outputDigest(3).takenAtEventTime(1_340_286_000L);
        v2.positionsCount(0);
        v2.sourcesCount(1).next().sourceId(1).lastSequence(10);

        final io.ringside.codecs.snapshot.v1.MessageHeaderDecoder header =
            new io.ringside.codecs.snapshot.v1.MessageHeaderDecoder().wrap(buffer, 0);
        final io.ringside.codecs.snapshot.v1.SnapshotHeaderDecoder v1 =
            new io.ringside.codecs.snapshot.v1.SnapshotHeaderDecoder().wrap(
                buffer, io.ringside.codecs.snapshot.v1.MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
        assertEquals(10, v1.eventCount());
        assertEquals(0, v1.positions().count());
        assertEquals(10, v1.sources().next().lastSequence());
    }
}
