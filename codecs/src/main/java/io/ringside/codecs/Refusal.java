package io.ringside.codecs;

/**
 * Why the engine's ingress did not take an inbound message: the codes a {@code DeadLetter} carries and the
 * {@code rejected.NAME} counters are named by. The first codes are {@link FrameCheck}'s (a frame that cannot be
 * read safely); the rest are the engine's rules for sources, sequences, time and instruments.
 */
public final class Refusal
{
    public static final int INSTRUMENT_LIMIT = FrameCheck.RESULT_COUNT;
    public static final int UNDEFINED_INSTRUMENT = INSTRUMENT_LIMIT + 1;
    public static final int UNKNOWN_SOURCE = INSTRUMENT_LIMIT + 2;
    public static final int NOT_PERMITTED = INSTRUMENT_LIMIT + 3;
    public static final int SOURCE_IN_USE = INSTRUMENT_LIMIT + 4;
    public static final int SOURCE_LIMIT = INSTRUMENT_LIMIT + 5;
    public static final int BAD_SEQUENCE = INSTRUMENT_LIMIT + 6;
    public static final int SEQUENCE_JUMP = INSTRUMENT_LIMIT + 7;
    public static final int TIME_SKEW = INSTRUMENT_LIMIT + 8;
    public static final int NOT_OWNER = INSTRUMENT_LIMIT + 9;
    /** Not a refusal counted under rejected: an event already processed, counted as a duplicate. */
    public static final int DUPLICATE = INSTRUMENT_LIMIT + 10;

    /** Number of codes, for arrays indexed by them; code 0 is no refusal. */
    public static final int COUNT = DUPLICATE + 1;

    private static final String[] NAMES =
    {
        "instrument_limit", "undefined_instrument", "unknown_source", "not_permitted", "source_in_use",
        "source_limit", "bad_sequence", "sequence_jump", "time_skew", "not_owner", "duplicate"
    };

    private static final String[] DESCRIPTIONS =
    {
        "a new instrument beyond max-instruments",
        "an instrument no InstrumentDefinition named, under undefined-instruments = refuse",
        "a source id the source registry does not list",
        "a kind of message, or an instrument, its source may not send",
        "a source id another publisher, still connected, is using",
        "a new source beyond ingress.max-sources",
        "a sequence that is zero or negative",
        "a sequence further ahead of its source's last than ingress.max-sequence-gap",
        "an event time further ahead of its source's (or the engine's) latest than ingress.max-event-time-skew",
        "an InstrumentDefinition for an instrument another source defined",
        "an event of its source already processed"
    };

    private Refusal()
    {
    }

    /** Short snake_case name, for counters, summaries and dead-letter listings; "unknown" for a code out of range. */
    public static String name(final int code)
    {
        if (code > 0 && code < FrameCheck.RESULT_COUNT)
        {
            return FrameCheck.name(code);
        }
        return code >= INSTRUMENT_LIMIT && code < COUNT ? NAMES[code - INSTRUMENT_LIMIT] : "unknown";
    }

    public static String describe(final int code)
    {
        if (code > 0 && code < FrameCheck.RESULT_COUNT)
        {
            return FrameCheck.describe(code);
        }
        return code >= INSTRUMENT_LIMIT && code < COUNT ? DESCRIPTIONS[code - INSTRUMENT_LIMIT] : "unknown";
    }
}
