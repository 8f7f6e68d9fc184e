package io.ringside.engine.pipeline;

import io.ringside.codecs.Refusal;
import io.ringside.engine.RecordingLogger;
import io.ringside.engine.config.IngressConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.ringside.engine.config.IngressConfig.CLIENT_ACTIVITY;
import static io.ringside.engine.config.IngressConfig.MARKET_DATA;
import static io.ringside.engine.config.IngressConfig.REFERENCE_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SourcesTest
{
    private static final long T0 = 1_340_285_400_000_000_000L; // 2012-06-21 13:30 UTC
    private static final long SESSION_A = Publishers.live(1001, 11);
    private static final long SESSION_B = Publishers.live(1001, 22);

    private final RecordingLogger log = new RecordingLogger();
    private final Set<Long> connected = new HashSet<>();

    @Test
    void anotherSessionCannotTakeASourceWhileItsPublisherIsThereAndMayOnceItHasGone()
    {
        final Sources sources = sources(new IngressConfig());
        connected.add(SESSION_A);
        assertEquals(0, admit(sources, 1, 1, T0, SESSION_A));
        assertEquals(Refusal.SOURCE_IN_USE, admit(sources, 1, 1_000_000_000_000_000L, T0, SESSION_B),
            "a forged sequence from another session");
        assertEquals(0, admit(sources, 1, 2, T0, SESSION_A), "the owner's next event is still in order");
        assertEquals(1, count(log.text(), "rejected.source_in_use"));
        admit(sources, 1, 3, T0, SESSION_B);
        assertEquals(1, count(log.text(), "rejected.source_in_use"), "named once");

        connected.remove(SESSION_A);
        assertEquals(0, admit(sources, 1, 3, T0, SESSION_B), "the first publisher gone: the id is free");
        connected.add(SESSION_B);
        assertEquals(Refusal.SOURCE_IN_USE, admit(sources, 1, 4, T0, SESSION_A));
        assertEquals(3, sources.lastSequence(1));
    }

    @Test
    void onlyAnAdmittedMessageTakesASourceIdSoARefusedFirstOneCannotHoldItFromItsOwner()
    {
        final Sources sources = sources(new IngressConfig().maxSequenceGap(10));
        connected.add(SESSION_B);
        assertEquals(Refusal.BAD_SEQUENCE, admit(sources, 7, 0, T0, SESSION_B), "first seen: a bad sequence");
        assertEquals(Refusal.SEQUENCE_JUMP, admit(sources, 7, 1_000, T0, SESSION_B), "then a jump");
        connected.add(SESSION_A);
        assertEquals(0, admit(sources, 7, 1, T0, SESSION_A), "the first admitted message takes the id");
        assertEquals(Refusal.SOURCE_IN_USE, admit(sources, 7, 2, T0, SESSION_B));
        assertEquals(0, admit(sources, 7, 2, T0, SESSION_A));
    }

    @Test
    void sequencesAreCheckedNeverTrusted()
    {
        final Sources sources = sources(new IngressConfig().maxSequenceGap(10));
        assertEquals(Refusal.BAD_SEQUENCE, admit(sources, 1, 0, T0, SESSION_A));
        assertEquals(Refusal.BAD_SEQUENCE, admit(sources, 1, Long.MIN_VALUE, T0, SESSION_A));
        assertEquals(0, admit(sources, 1, 1, T0, SESSION_A));
        assertEquals(Refusal.SEQUENCE_JUMP, admit(sources, 1, Long.MAX_VALUE, T0, SESSION_A));
        assertEquals(Refusal.SEQUENCE_JUMP, admit(sources, 1, 13, T0, SESSION_A), "11 missing, 10 allowed");
        assertEquals(1, sources.lastSequence(1), "refused jumps move nothing");
        assertEquals(0, admit(sources, 1, 12, T0, SESSION_A));
        assertEquals(10, sources.lastGapSize());
        assertEquals(Refusal.DUPLICATE, admit(sources, 1, 12, T0, SESSION_A));
        assertEquals(Refusal.DUPLICATE, admit(sources, 1, 5, T0, SESSION_A));
        assertEquals(0, admit(sources, 1, 13, T0, SESSION_A));
        assertEquals(0, sources.lastGapSize());
    }

    @Test
    void anEventTooFarAheadOfItsSourcesOrTheEnginesClockIsRefusedAndMovesNoClock()
    {
        final long skew = TimeUnit.MINUTES.toNanos(1);
        final Sources sources = sources(new IngressConfig().maxEventTimeSkewNs(skew));
        assertEquals(0, admitAndTake(sources, 1, 1, T0));
        final long year2100 = 4_102_444_800_000_000_000L;
        assertEquals(Refusal.TIME_SKEW, admitAndTake(sources, 1, 2, year2100));
        assertEquals(Refusal.TIME_SKEW, admitAndTake(sources, 1, 3, Long.MAX_VALUE));
        assertEquals(0, admitAndTake(sources, 1, 4, T0 + skew), "exactly the skew ahead");
        assertEquals(T0 + skew, sources.newestEventTime());
        assertEquals(0, admitAndTake(sources, 1, 5, T0 - TimeUnit.HOURS.toNanos(5)), "behind: not this rule's");
        assertEquals(Refusal.TIME_SKEW, admitAndTake(sources, 2, 1, year2100),
            "a new source's first event is held to the engine's clock");
        assertEquals(0, admitAndTake(sources, 2, 2, T0 + skew + 5));
        assertEquals(T0 + skew + 5, sources.newestEventTime());
    }

    @Test
    void withARegistryOnlyListedSourcesSendAndOnlyWhatTheirEntryAllows()
    {
        final IngressConfig config = new IngressConfig();
        config.source(1).name("itch").sends("market-data,reference-data");
        config.source(2).name("oms").sends("client-activity");
        config.source(3).name("aapl-only").sends("market-data, reference-data").instruments("AAPL");
        config.conclude();
        final Sources sources = sources(config);

        assertEquals(Refusal.UNKNOWN_SOURCE, sources.admit(9, 1, T0, MARKET_DATA, 5, null, SESSION_A));
        assertEquals(0, sources.admit(1, 1, T0, MARKET_DATA, 5, null, SESSION_A));
        assertEquals(0, sources.admit(1, 2, T0, REFERENCE_DATA, 5, null, SESSION_A));
        assertEquals(Refusal.NOT_PERMITTED, sources.admit(1, 3, T0, CLIENT_ACTIVITY, 5, null, SESSION_A));
        assertEquals(0, sources.admit(2, 1, T0, CLIENT_ACTIVITY, 5, null, SESSION_B));
        assertEquals(Refusal.NOT_PERMITTED, sources.admit(2, 2, T0, MARKET_DATA, 5, null, SESSION_B));

        final long session = Publishers.live(1001, 33);
        assertTrue(sources.needsSymbol(3));
        assertEquals(Refusal.NOT_PERMITTED, sources.admit(3, 1, T0, REFERENCE_DATA, 7, "MSFT", session));
        assertEquals(Refusal.NOT_PERMITTED, sources.admit(3, 1, T0, MARKET_DATA, 7, null, session),
            "AAPL not defined yet: no id is AAPL");
        assertEquals(0, sources.admit(3, 1, T0, REFERENCE_DATA, 7, "AAPL", session));
        sources.defined(7, "AAPL");
        assertEquals(0, sources.admit(3, 2, T0, MARKET_DATA, 7, null, session));
        assertEquals(Refusal.NOT_PERMITTED, sources.admit(3, 3, T0, MARKET_DATA, 8, null, session));
    }

    @Test
    void withoutARegistryNewSourcesStopAtTheLimit()
    {
        final Sources sources = sources(new IngressConfig().maxSources(2));
        assertEquals(0, admit(sources, 1, 1, T0, SESSION_A));
        assertEquals(0, admit(sources, 2, 1, T0, SESSION_B));
        assertEquals(Refusal.SOURCE_LIMIT, admit(sources, 3, 1, T0, Publishers.live(1001, 3)));
        assertEquals(Refusal.SOURCE_LIMIT, admit(sources, 4, 1, T0, Publishers.live(1001, 4)));
        assertEquals(1, count(log.text(), "ingress.max-sources 2 reached"));
    }

    @Test
    void aRegistryEntryMustSayWhatItSends()
    {
        final IngressConfig config = new IngressConfig();
        config.source(4).name("feed");
        assertEquals("source.4.sends: required for a listed source (some of market-data, reference-data, " +
            "client-activity, control)", assertThrows(IllegalArgumentException.class, config::conclude).getMessage());
        assertEquals("source.4.sends: unknown kind 'quotes'; expected some of market-data, reference-data, " +
            "client-activity, control",
            assertThrows(IllegalArgumentException.class, () -> config.source(4).sends("quotes")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.source(0));
    }

    private Sources sources(final IngressConfig config)
    {
        final Sources sources = new Sources(config.conclude(), log);
        sources.publishers(new Publishers()
        {
            public boolean isConnected(final long publisher)
            {
                return connected.contains(publisher);
            }

            public String describe(final long publisher)
            {
                return "session " + Publishers.sessionId(publisher);
            }
        });
        return sources;
    }

    private static int admit(final Sources sources, final int source, final long sequence, final long time,
        final long publisher)
    {
        return sources.admit(source, sequence, time, MARKET_DATA, 5, null, publisher);
    }

    private static int admitAndTake(final Sources sources, final int source, final long sequence, final long time)
    {
        final int result = sources.admit(source, sequence, time, MARKET_DATA, 5, null, Publishers.live(1001, source));
        if (0 == result)
        {
            sources.accepted(time, time);
        }
        return result;
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }
}
