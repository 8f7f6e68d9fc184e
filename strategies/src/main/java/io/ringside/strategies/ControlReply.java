package io.ringside.strategies;

import io.ringside.codecs.sbe.ControlResult;

/**
 * What a handler made of the last ControlCommand it took, for the engine's acknowledgement: its {@link ControlResult}
 * and, for a SET of one of the handler's keys, the key's value when it was taken. A SET is judged the same way in
 * every handler ({@link #set}); the other actions are each handler's own.
 */
public final class ControlReply
{
    /** A handler's value for a configuration key that is not its own. */
    public static final long NO_SETTING = Long.MIN_VALUE;

    private int result = ControlResult.NULL_VAL.value();
    private long previousValue;

    /** The {@link ControlResult} value of the last ControlCommand taken, or its NULL_VAL before any. */
    public int result()
    {
        return result;
    }

    /** For the last ControlCommand, a SET of the handler's: the key's value when it was taken; else 0. */
    public long previousValue()
    {
        return previousValue;
    }

    /** A command is taken: it has no previous value unless it is a SET of one of the handler's keys. */
    public void begin()
    {
        previousValue = 0;
    }

    public void result(final ControlResult result)
    {
        this.result = result.value();
    }

    /**
     * A SET: UNKNOWN_SETTING for a key that is not the handler's, NOT_AVAILABLE for one of its keys it takes only at
     * start; otherwise the handler is to apply it, then reply APPLIED.
     *
     * @param value   the key's current value in the handler's config, or {@link #NO_SETTING} when not its key.
     * @param runtime whether the handler takes a SET of the key while running.
     * @return true when the handler is to apply the SET.
     */
    public boolean set(final long value, final boolean runtime)
    {
        if (NO_SETTING == value)
        {
            result = ControlResult.UNKNOWN_SETTING.value();
            return false;
        }
        previousValue = value;
        if (!runtime)
        {
            result = ControlResult.NOT_AVAILABLE.value();
            return false;
        }
        return true;
    }
}
