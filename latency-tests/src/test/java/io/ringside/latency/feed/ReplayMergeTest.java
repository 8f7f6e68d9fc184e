package io.ringside.latency.feed;

import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class ReplayMergeTest
{
    /** 2012-06-21 09:30:00 New York, epoch ns. */
    private static final long MIDNIGHT = 1_340_251_200_000_000_000L;
    private static final long T0930 = MIDNIGHT + 34_200_000_000_000L;

    @TempDir
    Path tempDir;

    @Test
    void mergesFilesByEventTimeEachWithItsOwnSourceAndSequence() throws Exception
    {
        final ReplayMerge merge = merge(Long.MIN_VALUE, Long.MAX_VALUE, null, 1);
        assertEquals(List.of(
            // the two definitions come first: both are stamped at midnight
            "source=7 seq=1 template=1 instrument=1 t=midnight",
            "source=8 seq=1 template=1 instrument=2 t=midnight",
            "source=7 seq=2 template=10 instrument=1 t=1000",
            "source=8 seq=2 template=10 instrument=2 t=1500",
            "source=7 seq=3 template=13 instrument=1 t=2000",
            "source=8 seq=3 template=13 instrument=2 t=2000", // equal times: the first file first
            "source=8 seq=4 template=10 instrument=2 t=2500",
            "source=7 seq=4 template=10 instrument=1 t=3000"),
            drain(merge));
        assertEquals(0, merge.readErrors());
        assertEquals(0, merge.filtered());
    }

    @Test
    void selectsATimeSliceAndInstrumentsAndKeepsTheirDefinitions() throws Exception
    {
        final IntHashSet onlySecond = new IntHashSet();
        onlySecond.add(2);
        final ReplayMerge merge = merge(T0930 + 1_500, T0930 + 2_000, onlySecond, 1);
        assertEquals(List.of(
            "source=8 seq=1 template=1 instrument=2 t=midnight",
            "source=8 seq=2 template=10 instrument=2 t=1500",
            "source=8 seq=3 template=13 instrument=2 t=2000"),
            drain(merge));
        assertEquals(3, merge.filtered(), "file 7: definition, add at 1000 and delete at 2000; nothing of file 8");
    }

    @Test
    void loopsWithSequencesThatKeepRising() throws Exception
    {
        final List<String> frames = drain(merge(T0930 + 2_500, Long.MAX_VALUE, null, 3));
        assertEquals(List.of(
            "source=7 seq=1 template=1 instrument=1 t=midnight",
            "source=8 seq=1 template=1 instrument=2 t=midnight",
            "source=8 seq=2 template=10 instrument=2 t=2500",
            "source=7 seq=2 template=10 instrument=1 t=3000",
            "source=7 seq=3 template=1 instrument=1 t=midnight day+1",
            "source=8 seq=3 template=1 instrument=2 t=midnight day+1",
            "source=8 seq=4 template=10 instrument=2 t=2500 day+1",
            "source=7 seq=4 template=10 instrument=1 t=3000 day+1",
            "source=7 seq=5 template=1 instrument=1 t=midnight day+2",
            "source=8 seq=5 template=1 instrument=2 t=midnight day+2",
            "source=8 seq=6 template=10 instrument=2 t=2500 day+2",
            "source=7 seq=6 template=10 instrument=1 t=3000 day+2"),
            frames, "each loop a day later in event time: time keeps rising, the hours stay the same");
    }

    @Test
    void aReplayCanContinueAnEarlierOnesEventTime() throws Exception
    {
        final ReplayMerge first = merge(T0930 + 2_500, Long.MAX_VALUE, null, 1);
        final List<String> firstFrames = drain(first);
        assertEquals("source=7 seq=2 template=10 instrument=1 t=3000", firstFrames.get(firstFrames.size() - 1));
        final long last = first.lastEventTime();
        assertEquals(T0930 + 3_000, last);

        final List<String> next = drain(merge(T0930 + 2_500, Long.MAX_VALUE, null, 2, last + 1));
        assertEquals(List.of(
            "source=7 seq=1 template=1 instrument=1 t=midnight day+1",
            "source=8 seq=1 template=1 instrument=2 t=midnight day+1",
            "source=8 seq=2 template=10 instrument=2 t=2500 day+1",
            "source=7 seq=2 template=10 instrument=1 t=3000 day+1",
            "source=7 seq=3 template=1 instrument=1 t=midnight day+2",
            "source=8 seq=3 template=1 instrument=2 t=midnight day+2",
            "source=8 seq=4 template=10 instrument=2 t=2500 day+2",
            "source=7 seq=4 template=10 instrument=1 t=3000 day+2"),
            next, "whole days later, from the first frame on, loops on top");
    }

    private ReplayMerge merge(final long from, final long to, final IntHashSet instruments, final int loops)
        throws Exception
    {
        return merge(from, to, instruments, loops, Long.MIN_VALUE);
    }

    private ReplayMerge merge(
        final long from, final long to, final IntHashSet instruments, final int loops, final long notBeforeNs)
        throws Exception
    {
        final Path first = tempDir.resolve("AAA_2012-06-21_34200000_57600000_message_1.csv");
        Files.write(first, List.of(
            "34200.000001,1,1,100,1000000,1",
            "34200.000002,3,1,100,1000000,1",
            "34200.000003,1,2,100,1000100,1"));
        final Path second = tempDir.resolve("BBB_2012-06-21_34200000_57600000_message_1.csv");
        Files.write(second, List.of(
            "34200.0000015,1,5,100,2000000,-1",
            "34200.000002,3,5,100,2000000,-1",
            "34200.0000025,1,6,100,2000100,-1"));
        final List<Supplier<RecordedEventReader>> files = new ArrayList<>();
        files.add(() -> new LobsterReader(first, 1, null, null, (kind, where, problem) -> true));
        files.add(() -> new LobsterReader(second, 2, null, null, (kind, where, problem) -> true));
        return new ReplayMerge(files, new boolean[files.size()], 7, from, to, instruments, loops, notBeforeNs);
    }

    private static List<String> drain(final ReplayMerge merge)
    {
        final List<String> frames = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final EnvelopeDecoder envelope = new EnvelopeDecoder();
        while (merge.next(buffer, 0) > 0)
        {
            header.wrap(buffer, 0);
            envelope.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH);
            final int instrumentId = buffer.getInt(MessageHeaderDecoder.ENCODED_LENGTH + EnvelopeDecoder.ENCODED_LENGTH,
                EnvelopeDecoder.BYTE_ORDER);
            final long day = Math.floorDiv(envelope.eventTime() - MIDNIGHT, ReplayMerge.DAY_NS);
            final long t = envelope.eventTime() - day * ReplayMerge.DAY_NS - T0930;
            frames.add("source=" + envelope.sourceId() + " seq=" + envelope.sequence() + " template="
                + header.templateId() + " instrument=" + instrumentId + " t=" + (t < 0 ? "midnight" : Long.toString(t))
                + (day > 0 ? " day+" + day : ""));
        }
        merge.close();
        return frames;
    }
}
