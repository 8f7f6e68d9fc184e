package io.ringside.latency.feed;

import io.ringside.cli.GenerateCommand;
import io.ringside.cli.Ringside;
import io.ringside.codecs.itch.ItchMessages;
import io.ringside.codecs.itch.ItchReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.AddOrderDecoder;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.codecs.sbe.OrderCancelledDecoder;
import io.ringside.codecs.sbe.OrderDeletedDecoder;
import io.ringside.codecs.sbe.OrderExecutedDecoder;
import io.ringside.codecs.sbe.OrderReplacedDecoder;
import io.ringside.codecs.sbe.TradePrintDecoder;
import io.ringside.codecs.sbe.TradingState;
import io.ringside.codecs.sbe.TradingStatusDecoder;
import io.ringside.latency.exchange.ExchangeDayGenerator;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The generator on the real AAPL hour of shared/data, its output read back with the project's own ItchReader. The
 * source's counts are those of shared/data/README.md: 92,083 messages, of which S 4, R 1, H 1 are the source's own
 * bookkeeping and the other 92,077 (A 44,336, X 469, D 41,004, E 4,067, P 2,201) its order flow.
 */
final class ExchangeDayGeneratorTest
{
    private static final LocalDate DATE = LocalDate.of(2012, 6, 21);
    private static final long FLOW_PER_HOUR = 92_077;
    private static final long ADDS_PER_HOUR = 44_336;
    /** The AAPL file's first timestamp (its S 'O'): 09:30:00.004239176. */
    private static final long FIRST_TIMESTAMP = 34_200_004_239_176L;
    /** Its last (S 'C'): the span of a loop is last - first + 1. */
    private static final long LAST_TIMESTAMP = 37_799_837_449_053L;

    @TempDir
    Path dir;

    private static Path aapl()
    {
        return FeedEngineTest.sharedData().resolve("itch").resolve("AAPL_2012-06-21.itch50.gz");
    }

    private static long target(final int symbols, final long flow)
    {
        return ExchangeDayGenerator.SYSTEM_EVENTS + 2L * symbols + flow;
    }

    @Test
    void spreadsTheAaplHourOverTwoThousandSymbols() throws IOException
    {
        final int symbols = 2000;
        final Path file = dir.resolve("day.itch50");
        final ExchangeDayGenerator.Result result =
            ExchangeDayGenerator.write(aapl(), file, symbols, target(symbols, FLOW_PER_HOUR), 7);

        assertEquals(target(symbols, FLOW_PER_HOUR), result.messages());
        assertEquals(1, result.loops());
        assertEquals(Files.size(file), result.bytes());
        assertEquals(2, result.messages('S'));
        assertEquals(symbols, result.messages('R'));
        assertEquals(symbols, result.messages('H'));
        assertEquals(ADDS_PER_HOUR, result.messages('A'));
        assertEquals(469, result.messages('X'));
        assertEquals(41_004, result.messages('D'));
        assertEquals(4_067, result.messages('E'));
        assertEquals(2_201, result.messages('P'));

        final Day day = Day.read(file, symbols);
        assertEquals(0, day.readErrors, day.errors::toString);
        assertEquals(result.messages(), day.messagesRead);
        for (final char type : ItchMessages.TYPES.toCharArray())
        {
            assertEquals(result.messages(type), day.messagesByType[type], "type " + type);
        }
        assertEquals(symbols, day.definitions);
        for (int locate = 1; locate <= symbols; locate++)
        {
            assertEquals(ExchangeDayGenerator.symbol(locate), day.symbols[locate]);
        }
        assertEquals(symbols, day.trading);
        assertEquals(ADDS_PER_HOUR, day.orderRefs.size());
        assertArrayEquals(result.flowMessagesByLocate(), day.flowByInstrument);

        // One loop fits the day: the source's own timestamps, unchanged.
        assertEquals(FIRST_TIMESTAMP, result.firstTimestamp());
        assertEquals(FIRST_TIMESTAMP, day.firstTimestamp);
        assertEquals(result.lastTimestamp(), day.lastTimestamp);

        // Skewed: the busiest symbol carries far more than the median one.
        final long[] flow = Arrays.copyOfRange(day.flowByInstrument, 1, symbols + 1);
        Arrays.sort(flow);
        final long median = flow[symbols / 2];
        final long busiest = flow[symbols - 1];
        assertEquals(result.busiestMessages(), busiest);
        assertEquals(result.quietestMessages(), flow[0]);
        assertTrue(busiest > 20 * Math.max(1, median), "busiest " + busiest + ", median " + median);
        assertTrue(busiest > 0.05 * (FLOW_PER_HOUR), "busiest " + busiest);
        assertTrue(result.symbolsWithoutFlow() < symbols / 4, result.toString());
    }

    @Test
    void theFlowIsTheSourcesWithOnlyLocateAndStockRewritten() throws IOException
    {
        final int symbols = 50;
        final Path file = dir.resolve("day.itch50");
        ExchangeDayGenerator.write(aapl(), file, symbols, target(symbols, FLOW_PER_HOUR), 11);

        final List<byte[]> source = messages(aapl());
        final List<byte[]> generated = messages(file);
        assertEquals(92_083, source.size());
        assertEquals(target(symbols, FLOW_PER_HOUR), generated.size());
        int g = 1 + 2 * symbols;
        for (final byte[] message : source)
        {
            final char type = (char)message[0];
            if ("SRH".indexOf(type) >= 0)
            {
                continue;
            }
            final byte[] copy = generated.get(g++);
            final int locate = ((copy[1] & 0xFF) << 8) | (copy[2] & 0xFF);
            assertTrue(locate >= 1 && locate <= symbols);
            final byte[] expected = message.clone();
            expected[1] = copy[1];
            expected[2] = copy[2];
            if (type == 'A' || type == 'P')
            {
                final int stock = type == 'A' ? ItchMessages.ADD_STOCK : ItchMessages.TRADE_STOCK;
                final byte[] name = (ExchangeDayGenerator.symbol(locate) + "    ").getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(name, 0, expected, stock, ItchMessages.STOCK_LENGTH);
            }
            assertArrayEquals(expected, copy, "message " + g);
        }
        assertEquals('C', generated.get(g)[ItchMessages.SYSTEM_EVENT_CODE]);
        assertEquals(generated.size(), g + 1);
    }

    @Test
    void startDirectoryAndTradingActionComeFirst() throws IOException
    {
        final int symbols = 30;
        final Path file = dir.resolve("day.itch50");
        ExchangeDayGenerator.write(aapl(), file, symbols, target(symbols, 1000), 3);

        final List<byte[]> generated = messages(file);
        assertEquals('S', generated.get(0)[0]);
        assertEquals('O', generated.get(0)[ItchMessages.SYSTEM_EVENT_CODE]);
        for (int locate = 1; locate <= symbols; locate++)
        {
            final byte[] r = generated.get(locate);
            final byte[] h = generated.get(symbols + locate);
            assertEquals('R', r[0]);
            assertEquals(locate, ItchMessages.stockLocate(new UnsafeBuffer(r), 0));
            assertEquals('H', h[0]);
            assertEquals(locate, ItchMessages.stockLocate(new UnsafeBuffer(h), 0));
            assertEquals('T', h[ItchMessages.ACTION_STATE]);
        }
        final byte[] last = generated.get(generated.size() - 1);
        assertEquals('S', last[0]);
        assertEquals('C', last[ItchMessages.SYSTEM_EVENT_CODE]);

        // The directory's reference data is a real common stock's: AAPL's R in NASDAQ's session file, from the
        // market category to the inverse indicator.
        final byte[] realAapl = messages(FeedEngineTest.sharedData().resolve("itch").resolve("nasdaq_session_head.itch50"))
            .stream()
            .filter((m) -> m[0] == 'R' && new String(m, ItchMessages.DIRECTORY_STOCK, 8).equals("AAPL    "))
            .findFirst()
            .orElseThrow();
        assertArrayEquals(
            Arrays.copyOfRange(realAapl, ItchMessages.DIRECTORY_MARKET_CATEGORY, realAapl.length),
            Arrays.copyOfRange(generated.get(1), ItchMessages.DIRECTORY_MARKET_CATEGORY, realAapl.length));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException
    {
        final long target = target(1000, 20_000);
        final Path first = dir.resolve("first.itch50");
        final Path second = dir.resolve("second.itch50");
        final Path other = dir.resolve("other.itch50");
        ExchangeDayGenerator.write(aapl(), first, 1000, target, 42);
        ExchangeDayGenerator.write(aapl(), second, 1000, target, 42);
        ExchangeDayGenerator.write(aapl(), other, 1000, target, 43);
        assertEquals(-1, Files.mismatch(first, second));
        assertNotEquals(-1, Files.mismatch(first, other));
        assertEquals(Files.size(first), Files.size(other));
    }

    @Test
    void twoLoopsKeepOrderReferencesUniqueAndTimeRising() throws IOException
    {
        final int symbols = 500;
        final Path file = dir.resolve("two-hours.itch50.gz");
        final ExchangeDayGenerator.Result result =
            ExchangeDayGenerator.write(aapl(), file, symbols, target(symbols, 2 * FLOW_PER_HOUR), 5);
        assertEquals(2, result.loops());
        assertTrue(result.bytes() > Files.size(file), "gzip output");
        try (InputStream in = Files.newInputStream(file))
        {
            assertEquals(0x1f, in.read());
            assertEquals(0x8b, in.read());
        }

        final Day day = Day.read(file, symbols);
        assertEquals(0, day.readErrors, day.errors::toString);
        assertEquals(result.messages(), day.messagesRead);
        assertEquals(2 * ADDS_PER_HOUR, day.messagesByType['A']);
        assertEquals(2 * ADDS_PER_HOUR, day.orderRefs.size());
        assertArrayEquals(result.flowMessagesByLocate(), day.flowByInstrument);
        // Two hours fit before 16:00: the second loop is the first one hour (one span) later.
        final long span = LAST_TIMESTAMP - FIRST_TIMESTAMP + 1;
        assertEquals(FIRST_TIMESTAMP, day.firstTimestamp);
        assertEquals(result.lastTimestamp(), day.lastTimestamp);
        assertTrue(day.lastTimestamp > FIRST_TIMESTAMP + span && day.lastTimestamp <= LAST_TIMESTAMP + span,
            "last " + day.lastTimestamp);
    }

    @Test
    void manyLoopsAreFittedBeforeTheCloseAndTheLastIsCutShort() throws IOException
    {
        final int symbols = 100;
        final long flow = 9 * FLOW_PER_HOUR + FLOW_PER_HOUR / 2;
        final Path file = dir.resolve("squeezed.itch50");
        final ExchangeDayGenerator.Result result =
            ExchangeDayGenerator.write(aapl(), file, symbols, target(symbols, flow), 9);
        assertEquals(10, result.loops());
        assertEquals(target(symbols, flow), result.messages());

        final Day day = Day.read(file, symbols);
        assertEquals(0, day.readErrors, day.errors::toString);
        assertEquals(result.messages(), day.messagesRead);
        assertEquals(day.messagesByType['A'], day.orderRefs.size());
        assertTrue(day.lastTimestamp <= ExchangeDayGenerator.MARKET_CLOSE, "last " + day.lastTimestamp);
        // Ten hours squeezed into 09:30-16:00, the tenth loop half done: well past 15:00.
        assertTrue(day.lastTimestamp > 15 * ExchangeDayGenerator.NANOS_PER_HOUR, "last " + day.lastTimestamp);
    }

    @Test
    void theQuietLocateHasItsDirectoryEntryAndNoFlow() throws IOException
    {
        final int symbols = 300;
        final Path file = dir.resolve("quiet.itch50");
        final ExchangeDayGenerator.Result result = ExchangeDayGenerator.write(
            aapl(), file, symbols, target(symbols, FLOW_PER_HOUR), 1, ExchangeDayGenerator.DEFAULT_ZIPF, 17, "QUIET");
        assertEquals(17, result.quietLocate());
        assertEquals(0, result.flowMessagesByLocate()[17]);
        assertNotEquals(17, result.quietestLocate());

        final Day day = Day.read(file, symbols);
        assertEquals(0, day.readErrors, day.errors::toString);
        assertEquals("QUIET", day.symbols[17]);
        assertEquals(ExchangeDayGenerator.symbol(18), day.symbols[18]);
        assertEquals(0, day.flowByInstrument[17]);
        assertEquals(FLOW_PER_HOUR, Arrays.stream(day.flowByInstrument).sum());

        assertThrows(IllegalArgumentException.class, () -> ExchangeDayGenerator.write(
            aapl(), dir.resolve("clash.itch50"), symbols, target(symbols, 1), 1, 1.0, 17, "AAAB"));
    }

    @Test
    void badArguments()
    {
        final Path out = dir.resolve("out.itch50");
        assertThrows(IllegalArgumentException.class, () -> ExchangeDayGenerator.write(aapl(), out, 0, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> ExchangeDayGenerator.write(aapl(), out, 65_536, 1L << 20, 1));
        final IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
            () -> ExchangeDayGenerator.write(aapl(), out, 100, 201, 1));
        assertTrue(tooFew.getMessage().contains("202"), tooFew.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> ExchangeDayGenerator.write(aapl(), out, 100, 1000, 1, -1.0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> ExchangeDayGenerator.write(aapl(), aapl(), 100, 1000, 1));
        assertFalse(Files.exists(out));
    }

    @Test
    void generateOnTheCommandLine() throws IOException
    {
        final Path file = dir.resolve("cli_2012-06-21.itch50");
        final String home = System.getProperty("ringside.home");
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int exit;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8))
        {
            // The default source is ../shared/data/... from the project directory, as bin/ringside sets it.
            System.setProperty("ringside.home", FeedEngineTest.sharedData().getParent().resolveSibling("project").toString());
            System.setOut(capture);
            exit = Ringside.execute("generate", "--symbols", "100", "--messages", "10k", "--seed", "3", "--out",
                file.toString());
        }
        finally
        {
            System.setOut(stdout);
            if (null != home)
            {
                System.setProperty("ringside.home", home);
            }
            else
            {
                System.clearProperty("ringside.home");
            }
        }
        final String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        assertEquals(10_000, messages(file).size());
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("generated " + file + " in "), out);
        assertTrue(out.contains("10,000 messages (100 symbols, 1 loops"), out);

        final Path same = dir.resolve("api.itch50");
        ExchangeDayGenerator.write(aapl(), same, 100, 10_000, 3);
        assertEquals(-1, Files.mismatch(file, same), "the command line writes what the API writes");

        assertEquals(2, Ringside.execute("generate", "--messages", "ten", "--out", file.toString()));
        assertEquals(2, Ringside.execute("generate", "--symbols", "100"));
    }

    @Test
    void messageCounts()
    {
        final GenerateCommand.MessageCount count = new GenerateCommand.MessageCount();
        assertEquals(50_000_000L, count.convert("50m"));
        assertEquals(10_000L, count.convert("10K"));
        assertEquals(2_000_000_000L, count.convert("2g"));
        assertEquals(1_234_567L, count.convert("1,234,567"));
        assertEquals(1_000_000L, count.convert("1_000_000"));
        assertThrows(CommandLine.TypeConversionException.class, () -> count.convert("1.5m"));
        assertThrows(CommandLine.TypeConversionException.class, () -> count.convert("m"));
        assertThrows(CommandLine.TypeConversionException.class, () -> count.convert("99999999999g"));
    }

    // ---- Hostile sources: a clear error naming the file and the offset, no output left behind, no hang.

    @Test
    void truncatedSource() throws IOException
    {
        final byte[] plain = decompressed();
        final Path source = dir.resolve("cut.itch50");
        Files.write(source, Arrays.copyOf(plain, 1_000_000));
        final String message = refused(source, IllegalArgumentException.class);
        assertTrue(message.contains("truncated"), message);
    }

    @Test
    void truncatedGzipSource() throws IOException
    {
        final byte[] gz = Files.readAllBytes(aapl());
        final Path source = dir.resolve("cut.itch50.gz");
        Files.write(source, Arrays.copyOf(gz, gz.length / 2));
        refused(source, UncheckedIOException.class);
    }

    @Test
    void notItch() throws IOException
    {
        final byte[] plain = decompressed();
        // The 4th message (S 'Q', at byte 14 + 41 + 27 = 82): its type byte changed to one ITCH does not have.
        plain[82 + 2] = 'z';
        final Path source = dir.resolve("bad-type.itch50");
        Files.write(source, plain);
        final String message = refused(source, IllegalArgumentException.class);
        assertTrue(message.endsWith("@82: type 0x7a is not an ITCH 5.0 message type " +
            "(is the file ITCH 5.0 with 2-byte length prefixes?)"), message);
    }

    @Test
    void timeGoingBackwards() throws IOException
    {
        final byte[] plain = decompressed();
        // The 6th message (the second A, at byte 82 + 14 + 38): timestamp 0.
        Arrays.fill(plain, 134 + 2 + ItchMessages.TIMESTAMP, 134 + 2 + ItchMessages.TIMESTAMP + 6, (byte)0);
        final Path source = dir.resolve("backwards.itch50");
        Files.write(source, plain);
        final String message = refused(source, IllegalArgumentException.class);
        assertTrue(message.contains("@134: type 'A' timestamp 0"), message);
    }

    @Test
    void orderNeverAdded() throws IOException
    {
        final byte[] plain = decompressed();
        // The 5th message, the first A (at byte 96), becomes a D of the same order: a delete of an order never added.
        final byte[] d = new byte[2 + 19];
        d[1] = 19;
        System.arraycopy(plain, 96 + 2, d, 2, 19);
        d[2] = 'D';
        final byte[] changed = new byte[plain.length - 38 + d.length];
        System.arraycopy(plain, 0, changed, 0, 96);
        System.arraycopy(d, 0, changed, 96, d.length);
        System.arraycopy(plain, 96 + 38, changed, 96 + d.length, plain.length - 96 - 38);
        final Path source = dir.resolve("orphan.itch50");
        Files.write(source, changed);
        final String message = refused(source, IllegalArgumentException.class);
        assertTrue(message.contains("@96: 'D' names order reference"), message);
    }

    @Test
    void emptyAndGarbageSources() throws IOException
    {
        final Path empty = dir.resolve("empty.itch50");
        Files.write(empty, new byte[0]);
        assertTrue(refused(empty, IllegalArgumentException.class).contains("no messages"));
        final Path garbage = dir.resolve("garbage.itch50");
        Files.write(garbage, new byte[]{ (byte)0xFF, (byte)0xFF, 'A', 1, 2, 3 });
        assertTrue(refused(garbage, IllegalArgumentException.class).contains("@0: the file ends"));
    }

    private String refused(final Path source, final Class<? extends RuntimeException> kind)
    {
        final Path out = dir.resolve("refused.itch50");
        final RuntimeException ex = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(kind, () -> ExchangeDayGenerator.write(source, out, 100, target(100, 1000), 1)));
        assertTrue(ex.getMessage().contains(source.toString()), ex.getMessage());
        assertFalse(Files.exists(out), "no output after a refused source");
        return ex.getMessage();
    }

    private static byte[] decompressed() throws IOException
    {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(aapl())))
        {
            return in.readAllBytes();
        }
    }

    /** Every message of an ITCH file (gzip or plain), without its length prefix. */
    private static List<byte[]> messages(final Path file) throws IOException
    {
        final byte[] bytes;
        try (InputStream in = Files.newInputStream(file))
        {
            bytes = file.toString().endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final List<byte[]> messages = new ArrayList<>();
        for (int p = 0; p < bytes.length; )
        {
            final int length = ItchMessages.messageLength(buffer, p);
            messages.add(Arrays.copyOfRange(bytes, p + 2, p + 2 + length));
            p += 2 + length;
        }
        return messages;
    }

    /** What ItchReader makes of a generated file, checked as it is read. */
    private static final class Day
    {
        final List<String> errors = new ArrayList<>();
        final long[] messagesByType = new long[128];
        final String[] symbols;
        final long[] flowByInstrument;
        final LongHashSet orderRefs = new LongHashSet();
        long readErrors;
        long messagesRead;
        int definitions;
        int trading;
        long firstTimestamp = -1;
        long lastTimestamp;

        private Day(final int symbolCount)
        {
            symbols = new String[symbolCount + 1];
            flowByInstrument = new long[symbolCount + 1];
        }

        static Day read(final Path file, final int symbolCount)
        {
            final Day day = new Day(symbolCount);
            final long midnight = DATE.atStartOfDay(ItchReader.NASDAQ_ZONE).toEpochSecond() * 1_000_000_000L;
            final Long2LongHashMap alive = new Long2LongHashMap(0);
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
            final TradingStatusDecoder status = new TradingStatusDecoder();
            final AddOrderDecoder add = new AddOrderDecoder();
            final OrderExecutedDecoder executed = new OrderExecutedDecoder();
            final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
            final OrderDeletedDecoder deleted = new OrderDeletedDecoder();
            final OrderReplacedDecoder replaced = new OrderReplacedDecoder();
            final TradePrintDecoder trade = new TradePrintDecoder();
            try (ItchReader reader = new ItchReader(file, DATE, (kind, location, problem) ->
            {
                // The first few say what went wrong; a broken generator could have a million of them.
                if (day.errors.size() < 10)
                {
                    day.errors.add(kind + " " + location + " " + problem);
                }
                return true;
            }))
            {
                while (reader.next(frame, 0) > 0)
                {
                    header.wrap(frame, 0);
                    final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
                    final int block = header.blockLength();
                    final int version = header.version();
                    final long eventTime;
                    final int instrument;
                    switch (header.templateId())
                    {
                        case InstrumentDefinitionDecoder.TEMPLATE_ID ->
                        {
                            definition.wrap(frame, offset, block, version);
                            instrument = definition.instrumentId();
                            eventTime = definition.envelope().eventTime();
                            assertTrue(instrument >= 1 && instrument <= symbolCount, "id " + instrument);
                            assertNull(day.symbols[instrument], "second definition of " + instrument);
                            day.symbols[instrument] = definition.symbol();
                            day.definitions++;
                        }
                        case TradingStatusDecoder.TEMPLATE_ID ->
                        {
                            status.wrap(frame, offset, block, version);
                            instrument = status.instrumentId();
                            eventTime = status.envelope().eventTime();
                            assertEquals(TradingState.TRADING, status.state());
                            day.trading++;
                        }
                        case AddOrderDecoder.TEMPLATE_ID ->
                        {
                            add.wrap(frame, offset, block, version);
                            instrument = add.instrumentId();
                            eventTime = add.envelope().eventTime();
                            assertTrue(day.orderRefs.add(add.orderId()), "order " + add.orderId() + " added twice");
                            alive.put(add.orderId(), instrument);
                            day.flowByInstrument[instrument]++;
                        }
                        case OrderExecutedDecoder.TEMPLATE_ID ->
                        {
                            executed.wrap(frame, offset, block, version);
                            instrument = executed.instrumentId();
                            eventTime = executed.envelope().eventTime();
                            assertEquals(instrument, alive.get(executed.orderId()), "E of " + executed.orderId());
                            day.flowByInstrument[instrument]++;
                        }
                        case OrderCancelledDecoder.TEMPLATE_ID ->
                        {
                            cancelled.wrap(frame, offset, block, version);
                            instrument = cancelled.instrumentId();
                            eventTime = cancelled.envelope().eventTime();
                            assertEquals(instrument, alive.get(cancelled.orderId()), "X of " + cancelled.orderId());
                            day.flowByInstrument[instrument]++;
                        }
                        case OrderDeletedDecoder.TEMPLATE_ID ->
                        {
                            deleted.wrap(frame, offset, block, version);
                            instrument = deleted.instrumentId();
                            eventTime = deleted.envelope().eventTime();
                            assertEquals(instrument, alive.remove(deleted.orderId()), "D of " + deleted.orderId());
                            day.flowByInstrument[instrument]++;
                        }
                        case OrderReplacedDecoder.TEMPLATE_ID ->
                        {
                            replaced.wrap(frame, offset, block, version);
                            instrument = replaced.instrumentId();
                            eventTime = replaced.envelope().eventTime();
                            assertEquals(instrument, alive.remove(replaced.originalOrderId()), "U");
                            assertTrue(day.orderRefs.add(replaced.newOrderId()), "U's new order added twice");
                            alive.put(replaced.newOrderId(), instrument);
                            day.flowByInstrument[instrument]++;
                        }
                        case TradePrintDecoder.TEMPLATE_ID ->
                        {
                            trade.wrap(frame, offset, block, version);
                            instrument = trade.instrumentId();
                            eventTime = trade.envelope().eventTime();
                            day.flowByInstrument[instrument]++;
                        }
                        default ->
                        {
                            return fail("unexpected template " + header.templateId());
                        }
                    }
                    assertTrue(instrument >= 1 && instrument <= symbolCount, "instrument " + instrument);
                    assertNotNull(day.symbols[instrument], "event before the definition of " + instrument);
                    final long timestamp = eventTime - midnight;
                    assertTrue(timestamp >= day.lastTimestamp, "time went back to " + timestamp);
                    day.firstTimestamp = day.firstTimestamp < 0 ? timestamp : day.firstTimestamp;
                    day.lastTimestamp = timestamp;
                }
                day.readErrors = reader.errors();
                day.messagesRead = reader.messagesRead();
                for (final char type : ItchMessages.TYPES.toCharArray())
                {
                    day.messagesByType[type] = reader.messagesByType(type);
                }
            }
            return day;
        }
    }
}
