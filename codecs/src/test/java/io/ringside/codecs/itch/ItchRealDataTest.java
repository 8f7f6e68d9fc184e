package io.ringside.codecs.itch;

import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads the ITCH files in shared/data/itch. Expected values were read from the bytes with xxd, and the counts are
 * those of shared/data/README.md.
 */
final class ItchRealDataTest
{
    /** 2012-06-21T00:00-04:00 in ns since the epoch. */
    private static final long AAPL_MIDNIGHT = 1_340_251_200_000_000_000L;

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final ReadErrorHandler handler = (kind, location, problem) ->
    {
        errors.add(kind + " " + location + " " + problem);
        return true;
    };

    @Test
    void nasdaqSessionHead() throws IOException
    {
        final Path file = itchFile("nasdaq_session_head.itch50");
        assertTrue(ItchReader.looksLikeItch(file));

        // First message, from `xxd`: 000c | 53 | 0000 | 0000 | 0a11ea0e8c43 | 4f: S, stock locate 0,
        // tracking number 0, timestamp 11,072,057,543,747 ns (03:04:32.057543747), event code 'O' (start of messages).
        final byte[] head = Files.readAllBytes(file);
        final UnsafeBuffer bytes = new UnsafeBuffer(head);
        assertEquals(12, ItchMessages.messageLength(bytes, 0));
        assertEquals('S', ItchMessages.type(bytes, 2));
        assertEquals(0, ItchMessages.stockLocate(bytes, 2));
        assertEquals(0, ItchMessages.trackingNumber(bytes, 2));
        assertEquals(11_072_057_543_747L, ItchMessages.timestamp(bytes, 2));
        assertEquals('O', head[2 + 11]);

        // The file name carries no date; any date serves for the counts. Midnight of 2024-03-15 in New York.
        final LocalDate date = ItchReaderTest.DATE;
        final long midnight = ItchReaderTest.MIDNIGHT;
        try (ItchReader reader = new ItchReader(file, date, handler))
        {
            final List<byte[]> frames = ItchFrames.readAll(reader);
            assertEquals(1000, reader.messagesRead());
            assertEquals(1, reader.messagesByType('S'));
            assertEquals(993, reader.messagesByType('R'));
            assertEquals(3, reader.messagesByType('H'));
            assertEquals(3, reader.messagesByType('Y'));
            assertEquals(996, frames.size());
            assertEquals(996, reader.eventsProduced());
            assertEquals(0, reader.errors());
            assertEquals(1.0, reader.progress());
            assertEquals(40_874, head.length);

            int definitions = 0;
            int statuses = 0;
            for (final byte[] frame : frames)
            {
                final int template = new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0).templateId();
                definitions += template == InstrumentDefinitionDecoder.TEMPLATE_ID ? 1 : 0;
                statuses += template == TradingStatusDecoder.TEMPLATE_ID ? 1 : 0;
            }
            assertEquals(993, definitions);
            assertEquals(3, statuses);

            // Second message, at byte 14: 0027 | 52 | 0001 | 0000 | 0a53a2887058 | "A       " ...: R, locate 1,
            // timestamp 11,354,325,413,976 ns, stock "A" (Agilent).
            assertEquals(39, ItchMessages.messageLength(bytes, 14));
            assertEquals(0, ItchMessages.trackingNumber(bytes, 16));
            final InstrumentDefinitionDecoder first = ItchReaderTest.definition(frames.get(0));
            assertEquals(1, first.instrumentId());
            assertEquals("A", first.symbol());
            assertEquals(midnight + 11_354_325_413_976L, first.envelope().eventTime());
            assertEquals(4, first.priceScale());
            assertEquals(100, first.tickSize());
            // Third message, at byte 55: R, locate 2, "AA".
            final InstrumentDefinitionDecoder second = ItchReaderTest.definition(frames.get(1));
            assertEquals(2, second.instrumentId());
            assertEquals("AA", second.symbol());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void aaplHourGzip() throws IOException
    {
        final Path file = itchFile("AAPL_2012-06-21.itch50.gz");
        assertTrue(ItchReader.looksLikeItch(file));
        final Summary first = read(file, 0);

        assertEquals(4, first.byType['S']);
        assertEquals(1, first.byType['R']);
        assertEquals(1, first.byType['H']);
        assertEquals(44_336, first.byType['A']);
        assertEquals(469, first.byType['X']);
        assertEquals(41_004, first.byType['D']);
        assertEquals(4_067, first.byType['E']);
        assertEquals(2_201, first.byType['P']);
        for (final char type : ItchMessages.TYPES.toCharArray())
        {
            if ("SRHAXDEP".indexOf(type) < 0)
            {
                assertEquals(0, first.byType[type], "type " + type);
            }
        }
        assertEquals(92_083, first.messages);
        assertEquals(92_079, first.frames); // every message but the 4 S
        assertEquals(92_079, first.events);
        assertEquals(1, first.byTemplate[InstrumentDefinitionDecoder.TEMPLATE_ID]);
        assertEquals(1, first.byTemplate[TradingStatusDecoder.TEMPLATE_ID]);
        assertEquals(44_336, first.byTemplate[AddOrderDecoder.TEMPLATE_ID]);
        assertEquals(469, first.byTemplate[OrderCancelledDecoder.TEMPLATE_ID]);
        assertEquals(41_004, first.byTemplate[OrderDeletedDecoder.TEMPLATE_ID]);
        assertEquals(4_067, first.byTemplate[OrderExecutedDecoder.TEMPLATE_ID]);
        assertEquals(2_201, first.byTemplate[TradePrintDecoder.TEMPLATE_ID]);
        assertEquals(0, first.errors);
        assertEquals(List.of(), errors);
        assertTrue(first.timesNonDecreasing, "event times go backwards");
        assertEquals(1.0, first.progress);
        // CRC-32 of every frame's bytes, as the generated SBE encoders wrote them before the reader took to writing
        // its frames with one capacity check each: the hour's frames must stay byte for byte the same.
        assertEquals(880_742_531L, first.crc);

        // From `zcat | xxd`: the R at byte 14 (locate 7, timestamp 0x1f1acf1a9fac = 09:30:00.004239276, "AAPL    "),
        // the H at byte 55 ('T'), the first A at byte 96: ref 0xd4631c, 'S', 100 shares, price 0x0059ab14.
        final InstrumentDefinitionDecoder r = ItchReaderTest.definition(first.firstFrames.get(0));
        assertEquals(7, r.instrumentId());
        assertEquals("AAPL", r.symbol());
        assertEquals(AAPL_MIDNIGHT + 34_200_004_239_276L, r.envelope().eventTime());
        final TradingStatusDecoder h = ItchReaderTest.status(first.firstFrames.get(1));
        assertEquals(TradingState.TRADING, h.state());
        assertEquals(AAPL_MIDNIGHT + 34_200_004_239_376L, h.envelope().eventTime());
        final AddOrderDecoder a = ItchReaderTest.add(first.firstFrames.get(2));
        assertEquals(7, a.instrumentId());
        assertEquals(13_919_004L, a.orderId());
        assertEquals(Side.SELL, a.side());
        assertEquals(100, a.quantity());
        assertEquals(5_876_500, a.price());
        assertEquals(AAPL_MIDNIGHT + 34_200_004_240_176L, a.envelope().eventTime());

        final Summary second = read(file, 0);
        assertEquals(first.frames, second.frames);
        assertEquals(first.bytes, second.bytes);
        assertEquals(first.crc, second.crc);

        // The same hour decompressed to a plain file, mapped in the default window and in windows of 70,000 bytes
        // (40 remaps, messages split across window ends), and streamed through a small gzip buffer: the same frames.
        final Path plain = dir.resolve("AAPL_2012-06-21.itch50");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file)))
        {
            Files.copy(in, plain);
        }
        assertEquals(2_793_158, Files.size(plain));
        for (final Summary other : new Summary[] {read(plain, 0), read(plain, 70_000), read(file, 70_000)})
        {
            assertEquals(first.frames, other.frames);
            assertEquals(first.bytes, other.bytes);
            assertEquals(first.crc, other.crc);
            assertEquals(first.messages, other.messages);
            assertEquals(0, other.errors);
            assertEquals(1.0, other.progress);
        }
        assertEquals(List.of(), errors);
    }

    private static final class Summary
    {
        final long[] byType = new long[128];
        final long[] byTemplate = new long[64];
        final List<byte[]> firstFrames = new ArrayList<>();
        long messages;
        long frames;
        long events;
        long bytes;
        long errors;
        long crc;
        double progress;
        boolean timesNonDecreasing = true;
    }

    private Summary read(final Path file, final int window)
    {
        final Summary s = new Summary();
        final CRC32 crc = new CRC32();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        long lastTime = Long.MIN_VALUE;
        try (ItchReader reader = new ItchReader(file, null, handler, window))
        {
            int length;
            while ((length = reader.next(buffer, 0)) > 0)
            {
                s.frames++;
                s.bytes += length;
                crc.update(buffer.byteArray(), 0, length);
                s.byTemplate[header.wrap(buffer, 0).templateId()]++;
                final long time = buffer.getLong(MessageHeaderDecoder.ENCODED_LENGTH + 8, MessageHeaderDecoder.BYTE_ORDER);
                if (time < lastTime)
                {
                    s.timesNonDecreasing = false;
                }
                lastTime = time;
                if (s.firstFrames.size() < 3)
                {
                    final byte[] frame = new byte[length];
                    buffer.getBytes(0, frame);
                    s.firstFrames.add(frame);
                }
            }
            for (final char type : ItchMessages.TYPES.toCharArray())
            {
                s.byType[type] = reader.messagesByType(type);
            }
            s.messages = reader.messagesRead();
            s.events = reader.eventsProduced();
            s.errors = reader.errors();
            s.progress = reader.progress();
        }
        s.crc = crc.getValue();
        return s;
    }

    /** shared/data/itch/NAME, found by walking up from the working directory. */
    static Path itchFile(final String name)
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir)
        {
            final Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate))
            {
                final Path file = candidate.resolve("itch").resolve(name);
                if (!Files.exists(file))
                {
                    fail("missing " + file + " (see shared/data/README.md)");
                }
                return file;
            }
            dir = dir.getParent();
        }
        return fail("no shared/data directory in " + Path.of("").toAbsolutePath() + " or any parent: the real ITCH files " +
            "are expected at ../shared/data/itch beside the project (or higher up)");
    }
}
