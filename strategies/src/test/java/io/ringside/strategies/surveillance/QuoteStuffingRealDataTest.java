package io.ringside.strategies.surveillance;

import io.ringside.codecs.FrameCheck;
import io.ringside.codecs.itch.ItchReader;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.EnvelopeDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link QuoteStuffingRule} at its defaults over real order flow: the AAPL hour of 2012-06-21 as LOBSTER (the bundled
 * latency-tests/data file) and as ITCH 5.0 (../shared/data/itch, the same flow with 80 adds for the orders resting
 * before 09:30). What it finds, with the peaks it measures, is written to standard output for the record.
 */
final class QuoteStuffingRealDataTest
{
    private static final String LOBSTER = "latency-tests/data/AAPL_2012-06-21_34200000_37800000_message_50.csv";
    private static final String ITCH = "shared/data/itch/AAPL_2012-06-21.itch50.gz";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    record Run(List<String> alerts, long orderMessages, long peak10Ms, String peak10MsAt, long peak1Ms,
        String peak1MsAt)
    {
    }

    @Test
    void shouldFindTheTwoChurnBurstsOfTheLobsterHour()
    {
        final Run run = run(lobster());
        print("LOBSTER", run);

        assertEquals(85_729, run.orderMessages());
        assertEquals(List.of(
            "frame 21052 at 09:45:09.998753970 rule=6 WARNING instrument=1 observed=51 limit=50 reference=50",
            "frame 70495 at 10:13:21.647062623 rule=6 WARNING instrument=1 observed=51 limit=50 reference=49"),
            run.alerts());
        assertEquals(67, run.peak10Ms());
        assertEquals("09:30:03.600245629", run.peak10MsAt());
        assertEquals(60, run.peak1Ms(), "adds, no cancels: not stuffing");
        assertEquals("09:30:03.599943790", run.peak1MsAt());
    }

    @Test
    void shouldFindTheSameBurstsInTheItchFile()
    {
        final Run run = run(itch());
        print("ITCH", run);

        assertEquals(85_809, run.orderMessages(), "LOBSTER's and the 80 adds of orders resting before the open");
        assertEquals(List.of(
            "frame 21133 at 09:45:09.998753970 rule=6 WARNING instrument=7 observed=51 limit=50 reference=50",
            "frame 70576 at 10:13:21.647062623 rule=6 WARNING instrument=7 observed=51 limit=50 reference=49"),
            run.alerts());
        assertEquals(83, run.peak10Ms(), "the 80 adds at the open and the first events: adds, not stuffing");
        assertEquals("09:30:00.004447484", run.peak10MsAt());
        assertEquals(83, run.peak1Ms());
    }

    private static Run run(final RecordedEventReader reader)
    {
        final SurveillanceConfig config = Harness.only(QuoteStuffingRule.RULE_ID);
        final Surveillance surveillance = new Surveillance(config, 1 << 17);
        // the same rule over 1 ms windows with a limit never reached: its peak is the busiest millisecond
        final SurveillanceConfig oneMs = Harness.only(QuoteStuffingRule.RULE_ID);
        oneMs.quoteStuffing().windowMs(1).maxMessagesPerMs(1_000_000);
        final Surveillance perMs = new Surveillance(oneMs, 1 << 17);

        final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final EnvelopeDecoder envelope = new EnvelopeDecoder();
        final List<String> alerts = new ArrayList<>();
        int length;
        int index = 0;
        try (reader)
        {
            while ((length = reader.next(frame, 0)) > 0)
            {
                final int frameIndex = index++;
                envelope.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH);
                final long time = envelope.eventTime();
                assertEquals(FrameCheck.OK, surveillance.onFrame(frame, 0, length,
                    (ruleId, severity, account, counterpartyAccount, instrumentId, observed, limit, reference) ->
                        alerts.add("frame " + frameIndex + " at " + clock(time) + " rule=" + ruleId + " " + severity +
                            " instrument=" + instrumentId + " observed=" + observed + " limit=" + limit +
                            " reference=" + reference)));
                assertEquals(FrameCheck.OK, perMs.onFrame(frame, 0, length, (r, s, a, c, i, o, l, ref) -> fail()));
            }
        }
        final QuoteStuffingRule rule = surveillance.quoteStuffingRule();
        final QuoteStuffingRule ms = perMs.quoteStuffingRule();
        return new Run(alerts, rule.evaluated(), rule.peakWindowMessages(), clock(rule.peakTime()),
            ms.peakWindowMessages(), clock(ms.peakTime()));
    }

    private static void print(final String name, final Run run)
    {
        System.out.println("quote stuffing, defaults, " + name + ": " + run.orderMessages() + " order messages, " +
            run.alerts().size() + " alerts; busiest 10 ms " + run.peak10Ms() + " messages ending " + run.peak10MsAt() +
            "; busiest 1 ms " + run.peak1Ms() + " ending " + run.peak1MsAt());
        run.alerts().forEach((alert) -> System.out.println("  " + alert));
    }

    private static String clock(final long epochNs)
    {
        return LocalTime.ofInstant(Instant.ofEpochSecond(0, epochNs), NEW_YORK).toString();
    }

    private static RecordedEventReader lobster()
    {
        return new LobsterReader(find(LOBSTER), 1, null, null, (kind, where, problem) -> false);
    }

    private static RecordedEventReader itch()
    {
        return new ItchReader(find(ITCH), null, (kind, where, problem) -> false);
    }

    // Surefire runs in the module directory, which sits at different depths in a checkout and in a worktree.
    private static Path find(final String relative)
    {
        final Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
        }
        return fail("no " + relative + " in " + start + " or any parent");
    }
}
