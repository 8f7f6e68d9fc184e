package io.ringside.codecs.lobster;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads the LOBSTER samples in shared/data/lobster. Expected counts come from the files themselves:
 * {@code cut -d, -f2 FILE | sort | uniq -c}.
 */
final class LobsterRealDataTest
{
    private static final String AAPL_50 = "AAPL_2012-06-21_34200000_37800000_message_50.csv";
    private static final String AMZN_1 = "AMZN_2012-06-21_34200000_57600000_message_1.csv";

    private final List<String> errors = new ArrayList<>();
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return true;
    };

    @Test
    void aaplFiftyLevelsDay()
    {
        final Path file = lobsterFile(AAPL_50);
        final Summary first = read(file, 1);

        // 44256 type 1, 469 type 2, 41004 type 3, 4067 type 4, 2201 type 5: 91997 lines, no header.
        assertEquals(1, first.countByTemplate[InstrumentDefinitionDecoder.TEMPLATE_ID]);
        assertEquals(44256, first.countByTemplate[AddOrderDecoder.TEMPLATE_ID]);
        assertEquals(469, first.countByTemplate[OrderCancelledDecoder.TEMPLATE_ID]);
        assertEquals(41004, first.countByTemplate[OrderDeletedDecoder.TEMPLATE_ID]);
        assertEquals(4067, first.countByTemplate[OrderExecutedDecoder.TEMPLATE_ID]);
        assertEquals(2201, first.countByTemplate[TradePrintDecoder.TEMPLATE_ID]);
        assertEquals(91998, first.frames);
        assertEquals(91998, first.eventsRead);
        assertEquals(0, first.errors);
        assertEquals(List.of(), errors);
        assertEquals(1.0, first.progress);
        assertEquals(1_340_251_200_000_000_000L, first.firstEventTime);
        assertEquals(1_340_251_200_000_000_000L + 34_200_004_241_176L, first.secondEventTime);

        final Summary second = read(file, 1);
        assertEquals(first.frames, second.frames);
        assertEquals(first.bytes, second.bytes);
        assertEquals(first.crc, second.crc);
    }

    @Test
    void amznWithHeaderAndCrlf()
    {
        final Path file = lobsterFile(AMZN_1);
        final Summary summary = read(file, 2);

        // 57516 lines: the header, then 27845 type 1, 16 type 2, 18235 type 3, 8974 type 4, 2445 type 5.
        assertEquals(1, summary.countByTemplate[InstrumentDefinitionDecoder.TEMPLATE_ID]);
        assertEquals(27845, summary.countByTemplate[AddOrderDecoder.TEMPLATE_ID]);
        assertEquals(16, summary.countByTemplate[OrderCancelledDecoder.TEMPLATE_ID]);
        assertEquals(18235, summary.countByTemplate[OrderDeletedDecoder.TEMPLATE_ID]);
        assertEquals(8974, summary.countByTemplate[OrderExecutedDecoder.TEMPLATE_ID]);
        assertEquals(2445, summary.countByTemplate[TradePrintDecoder.TEMPLATE_ID]);
        assertEquals(57516, summary.frames);
        assertEquals(57516, summary.eventsRead);
        assertEquals(0, summary.errors);
        assertEquals(List.of(), errors);
        assertEquals(1.0, summary.progress);
        assertEquals(1_340_251_200_000_000_000L + 34_200_017_460_000L, summary.secondEventTime);
    }

    private Summary read(final Path file, final int instrumentId)
    {
        final Summary summary = new Summary();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final byte[] frame = new byte[RecordedEventReader.MAX_FRAME_LENGTH];
        final CRC32 crc = new CRC32();
        long previousEventTime = Long.MIN_VALUE;

        try (LobsterReader reader = new LobsterReader(file, instrumentId, null, null, handler))
        {
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                final int result = FrameCheck.checkInbound(buffer, 0, length);
                if (FrameCheck.OK != result)
                {
                    fail("frame " + summary.frames + " of " + file + ": " + FrameCheck.describe(result));
                }
                final int templateId = FrameCheck.templateId(buffer, 0);
                summary.countByTemplate[templateId]++;

                buffer.getBytes(0, frame, 0, length);
                final long eventTime = Frames.eventTime(frame);
                if (eventTime < previousEventTime)
                {
                    fail("frame " + summary.frames + " of " + file + " goes back in time: " + eventTime + " < " +
                        previousEventTime);
                }
                previousEventTime = eventTime;
                if (0 == summary.frames)
                {
                    summary.firstEventTime = eventTime;
                }
                else if (1 == summary.frames)
                {
                    summary.secondEventTime = eventTime;
                }

                crc.update(frame, 0, length);
                summary.bytes += length;
                summary.frames++;
            }
            summary.eventsRead = reader.eventsRead();
            summary.errors = reader.errors();
            summary.progress = reader.progress();
        }
        summary.crc = crc.getValue();
        return summary;
    }

    /** shared/data/lobster/NAME, found by walking up from the working directory. */
    private static Path lobsterFile(final String name)
    {
        final Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; null != dir; dir = dir.getParent())
        {
            final Path data = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(data))
            {
                final Path file = data.resolve("lobster").resolve(name);
                assertTrue(Files.isRegularFile(file), "LOBSTER sample missing: " + file);
                return file;
            }
        }
        fail("no shared/data directory in " + start + " or any parent: the LOBSTER samples are required");
        return null;
    }

    private static final class Summary
    {
        final long[] countByTemplate = new long[FrameCheck.maxTemplateId() + 1];
        long frames;
        long bytes;
        long crc;
        long eventsRead;
        long errors;
        double progress;
        long firstEventTime;
        long secondEventTime;
    }
}
