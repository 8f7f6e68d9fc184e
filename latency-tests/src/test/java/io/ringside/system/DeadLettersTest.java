package io.ringside.system;

import io.ringside.cli.CliRun;
import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.ExclusivePublication;
import io.ringside.codecs.sbe.AddOrderEncoder;
import io.ringside.codecs.sbe.DeadLetterEncoder;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.StreamSettings;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.latency.report.Json;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the engine did not take, end to end on a real engine with its archive: a feed sent twice as the same source
 * is refused the second time, event for event, and says so in its exit status; `ringside dead-letters` lists exactly
 * those letters from the archive and writes them as a recording the feed sends again as a new source, all taken; a
 * hostile frame is listed under its reason, and letters spoiled on the stream itself are listed as unreadable.
 */
final class DeadLettersTest
{
    /** 999 real AAPL events; the feed sends them after the instrument's definition: 1,000 frames. */
    private static final String SMALL_FILE = "AAPL_2012-06-21_34200000_57600000_message_10.csv";
    private static final int FRAMES = 1_000;
    private static final int EXIT_REFUSED = 5;

    @TempDir
    Path dir;


    @Test
    void aRepeatedFeedIsRefusedListedAndSentAgainAsANewSource() throws Exception
    {
        final Path file = sharedData().resolve("lobster").resolve(SMALL_FILE);
        try (Engine engine = launchEngine();
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString())))
        {
            final String aeronDir = "--aeron-dir=" + dir.resolve("aeron");
            final EngineCounters counters = engine.counters();

            // The first feed's events are all taken; the same again, as the same source, are all duplicates.
            final CliRun first = run("feed", file.toString(), aeronDir, "--no-progress",
                "--report-dir=" + dir.resolve("f1"));
            assertEquals(0, first.exitCode(), first.toString());
            assertEquals(FRAMES, counters.get("events_in"));
            awaitGone(client, "the first feed's publication", StreamSettings.DEFAULT_INGRESS_STREAM_ID);

            final CliRun second = run("feed", file.toString(), aeronDir, "--no-progress",
                "--report-dir=" + dir.resolve("f2"));
            assertEquals(EXIT_REFUSED, second.exitCode(), second.toString());
            assertTrue(second.err().contains(
                "ringside feed: the engine refused " + FRAMES + " of its events: duplicate " + FRAMES + "\n"),
                second.toString());
            assertEquals(FRAMES, counters.get("duplicates"));
            assertEquals(FRAMES, counters.get("events_in"));

            // Listed from the archive, exactly those: reason, stage, source and sequences 1 to N in order.
            final List<String> json = awaitListed(FRAMES, aeronDir, "--format=json");
            for (int i = 0; i < FRAMES; i++)
            {
                @SuppressWarnings("unchecked")
                final Map<String, Object> letter = (Map<String, Object>)Json.parse(json.get(i));
                assertEquals("duplicate", letter.get("reason"), json.get(i));
                assertEquals("ingress", letter.get("stage"), json.get(i));
                assertEquals(1L, letter.get("sourceId"), json.get(i));
                assertEquals(i + 1L, letter.get("sequence"), json.get(i));
                assertEquals(true, letter.get("readable"), json.get(i));
                // The instrument's definition first, stamped at the day's start; then the events of 09:30 New York.
                assertTrue(0 == i ? "instrument_definition".equals(letter.get("template")) : List.of("add_order",
                    "order_cancelled", "order_deleted", "order_executed", "trade_print", "trading_status")
                    .contains(letter.get("template")), json.get(i));
                assertTrue(((String)letter.get("eventTime")).startsWith(0 == i ? "2012-06-21T04:00:00Z" :
                    "2012-06-21T13:30:"), json.get(i));
            }
            final CliRun text = run("dead-letters", aeronDir, "--reason=duplicate", "--source-id=1", "--stage=ingress");
            assertEquals(FRAMES, text.lines().size(), text.toString());
            assertTrue(text.lines().get(1).startsWith("duplicate stage=ingress source=1 sequence=2 "
                + "time=2012-06-21T13:30:00.004241176Z template=add_order publisher=stream_1001_session_"),
                text.lines().get(1));
            assertTrue(text.lines().get(1).contains(" fields: instrumentId=1|orderId=16113575|side=BUY|"
                + "price=5853300|quantity=18|"), text.lines().get(1));
            assertEquals(0, run("dead-letters", aeronDir, "--source-id=2").lines().size());

            final Path again = dir.resolve("refused.rec");
            final CliRun written = run("dead-letters", aeronDir, "--write=" + again, "--as-source=9");
            assertEquals(0, written.exitCode(), written.toString());
            assertTrue(written.err().contains("wrote " + FRAMES + " events to " + again + " as source 9 (sequences 1 to "
                + FRAMES + ")\n"), written.toString());

            final CliRun resent = run("feed", again.toString(), aeronDir, "--no-progress",
                "--report-dir=" + dir.resolve("f3"));
            assertEquals(0, resent.exitCode(), resent.toString());
            // Every one taken: the events in, and the instrument's definition, the same as source 1 gave, known
            // already and so counted as repeated rather than passed on again.
            assertEquals(FRAMES + FRAMES - 1, counters.get("events_in"));
            assertEquals(1, counters.get("definitions_repeated"));
            assertEquals(FRAMES, counters.get("duplicates"));
            assertEquals(0, counters.get("rejected"));
        }
    }

    @Test
    void aHostileFrameIsListedUnderItsReasonAndSpoiledLettersAsUnreadable() throws Exception
    {
        try (Engine engine = launchEngine();
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString())))
        {
            final String aeronDir = "--aeron-dir=" + dir.resolve("aeron");
            final EngineCounters counters = engine.counters();
            try (ExclusivePublication hostile =
                client.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID))
            {
                await("the hostile publisher connected", hostile::isConnected);
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
                final AddOrderEncoder order = new AddOrderEncoder().wrapAndApplyHeader(frame, 0,
                    new MessageHeaderEncoder());
                order.envelope().sequence(1).eventTime(1_340_285_400_000_000_000L).sourceId(77);
                order.instrumentId(1).orderId(42).side(Side.BUY).price(-5853300).quantity(100);
                offer(hostile, frame, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
                await("the bad price refused", () -> 1 == counters.get("rejected.bad_price"));
            }
            final List<String> badPrice = awaitListed(1, aeronDir, "--reason=bad_price");
            assertTrue(badPrice.get(0).startsWith("bad_price stage=ingress source=0 sequence=0 time=- "
                + "template=add_order publisher=stream_1001_session_"), badPrice.get(0));
            assertTrue(badPrice.get(0).endsWith(" frame unreadable: bad_price (" + (MessageHeaderEncoder.ENCODED_LENGTH
                + AddOrderEncoder.BLOCK_LENGTH) + " bytes)"), badPrice.get(0));
            final CliRun leftOut = run("dead-letters", aeronDir, "--reason=bad_price",
                "--write=" + dir.resolve("bad.rec"),
                "--as-source=10");
            assertTrue(leftOut.err().contains("wrote 0 events to " + dir.resolve("bad.rec") + " as source 10; left out 1 "
                + "the engine cannot read (sent again they would be refused again): bad_price 1"), leftOut.toString());

            // Letters spoiled on the stream itself: listed as unreadable, the rest still listed.
            try (ExclusivePublication spoiled =
                client.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_DEAD_LETTER_STREAM_ID))
            {
                await("the spoiling publisher connected", spoiled::isConnected);
                final UnsafeBuffer letter = new UnsafeBuffer(new byte[256]);
                final DeadLetterEncoder encoder = new DeadLetterEncoder()
                    .wrapAndApplyHeader(letter, 0, new MessageHeaderEncoder())
                    .deadLetterSequence(1).stage((short)0).reason(21).sourceId(5).sequence(6).eventTime(7);
                encoder.putDetail(new byte[0], 0, 0);
                encoder.putFrame(new byte[40], 0, 40);
                final int whole = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
                offer(spoiled, letter, whole - 20); // its frame cut short
                offer(spoiled, letter, 5); // not even a header
            }
            // The bad price's letter and the two spoiled ones.
            final CliRun all = awaitRun(3, aeronDir);
            assertEquals(0, all.exitCode(), all.toString());
            assertEquals(2, all.lines().stream().filter((line) -> line.startsWith("unreadable dead letter")).count(),
                all.toString());
            assertTrue(all.out().contains("the frame runs past the letter's end"), all.toString());
            assertTrue(all.out().contains("the letter is not a readable message: short_frame"), all.toString());
            final List<String> unreadableJson = run("dead-letters", aeronDir, "--format=json").lines();
            assertEquals(3, unreadableJson.size());
            unreadableJson.forEach(Json::parse);
        }
    }

    @Test
    void followListsLettersAsTheArchiveRecordsThemUntilStopped() throws Exception
    {
        try (Engine engine = launchEngine();
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("aeron").toString()));
            ExclusivePublication hostile =
                client.addExclusivePublication("aeron:ipc", StreamSettings.DEFAULT_INGRESS_STREAM_ID))
        {
            final EngineCounters counters = engine.counters();
            final Path log = dir.resolve("follow.log");
            final Process follow = EngineProcess.ringside("128m", List.of("dead-letters", "--aeron-dir=" +
                dir.resolve("aeron"), "--follow", "--format=json", "--reason=bad_quantity"), log);
            try
            {
                await("the follower started",
                    () -> read(log).contains("dead-letters: following aeron:ipc stream 1005"));
                await("the hostile publisher connected", hostile::isConnected);
                for (int i = 1; i <= 2; i++)
                {
                    final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
                    final AddOrderEncoder order =
                        new AddOrderEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder());
                    order.envelope().sequence(i).eventTime(1_340_285_400_000_000_000L).sourceId(77);
                    order.instrumentId(1).orderId(i).side(Side.SELL).price(5853300).quantity(-i);
                    offer(hostile, frame, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
                    final long refused = i;
                    await("refused " + i, () -> refused == counters.get("rejected.bad_quantity"));
                    await("letter " + i + " followed", () -> lettersIn(log) == refused);
                }
            }
            finally
            {
                follow.destroy(); // SIGTERM, as an operator stops it
                assertTrue(follow.waitFor(10, TimeUnit.SECONDS), "the follower stops on SIGTERM: " + read(log));
            }
            assertTrue(read(log).contains("dead-letters: listed 2 of 2"), read(log));
        }
    }

    private static long lettersIn(final Path log)
    {
        return read(log).lines().filter((line) -> line.startsWith("{")).peek(Json::parse)
            .filter((line) -> line.contains("\"reason\":\"bad_quantity\"")).count();
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file) : "";
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** An engine with its archive, as `ringside engine` runs by default, on an aeron dir of its own. */
    private Engine launchEngine()
    {
        return Engine.launch(new EngineContext()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .reportDirectory(dir.resolve("report"))
            .termBufferLength(1024 * 1024)
            .ringSize(1024)
            .initialOrderCapacity(1024));
    }

    /** Lines of `dead-letters` once the archive has recorded {@code count} letters matching the options. */
    private static List<String> awaitListed(final int count, final String... options)
    {
        final CliRun run = awaitRun(count, options);
        assertEquals(count, run.lines().size(), run.toString());
        return run.lines();
    }

    /** The archive records the stream in batches: wait until a listing has {@code count} lines, then check no more. */
    private static CliRun awaitRun(final int count, final String... options)
    {
        final String[] args = new String[options.length + 1];
        args[0] = "dead-letters";
        System.arraycopy(options, 0, args, 1, options.length);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CliRun run;
        while ((run = run(args)).lines().size() < count && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(count, run.lines().size(), run.toString());
        return run;
    }

    private static synchronized CliRun run(final String... args)
    {
        return CliRun.of(args);
    }

    /**
     * Until no subscriber of the driver holds an image of the stream: a source id stays bound to its publisher while
     * that publisher is connected,
         so the same source from a new publisher is only a duplicate once the old one has gone.
     */
    private static void awaitGone(final Aeron client, final String what, final int streamId)
    {
        await(what + " gone", () ->
        {
            final boolean[] found = { false };
            client.countersReader().forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID == typeId && keyBuffer.getInt(12) == streamId)
                {
                    found[0] = true;
                }
            });
            return !found[0];
        });
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer buffer, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() > deadline)
            {
                fail("could not offer to stream " + publication.streamId());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** {@code shared/data}, beside the project: found by walking up from the working directory. */
    private static Path sharedData()
    {
        final Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        return fail("shared/data not found in " + start + " or above: the test replays the real recorded data");
    }
}
