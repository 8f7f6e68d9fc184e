package io.ringside.engine.pipeline;

import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.MessageHeaderEncoder;
import io.ringside.engine.config.RuntimeSettings;

/**
 * A stage's part of a {@code SET} command: the key, if it is this stage's handler's, applied on this stage's thread.
 * Commands are rare and never on the market data's path: decoding the key and value as strings is fine here.
 */
final class SettingCommands
{
    static final short NOT_A_SETTING = -1;

    private final ControlCommandDecoder command = new ControlCommandDecoder();
    private final RuntimeSettings settings;
    private String key;
    private String value;

    SettingCommands(final RuntimeSettings settings)
    {
        this.settings = settings;
    }

    /** Every SET this stage applied, for its snapshot. */
    RuntimeSettings settings()
    {
        return settings;
    }

    /**
     * @param handlerResult   what the handler said of the command when it saw it: a key it does not own, or one it
     *                        can only take at start, is left alone.
     * @param settingsChanged the handler's hook that takes the new settings and checks them as a whole; it throws
     *                        {@link IllegalArgumentException} for a combination it refuses, which is then a bad value.
     * @return the ControlResult of setting the command's key here, or {@link #NOT_A_SETTING} for another action.
     */
    short apply(final RingSlot slot, final int handlerResult, final Runnable settingsChanged)
    {
        final short result = set(slot, handlerResult);
        if (ControlResult.APPLIED.value() != result)
        {
            return result;
        }
        try
        {
            settingsChanged.run();
            settings.applied(key, value);
            return result;
        }
        catch (final IllegalArgumentException ex)
        {
            return ControlResult.BAD_VALUE.value();
        }
    }

    private short set(final RingSlot slot, final int handlerResult)
    {
        command.wrap(slot.frame, MessageHeaderEncoder.ENCODED_LENGTH, ControlCommandDecoder.BLOCK_LENGTH,
            ControlCommandDecoder.SCHEMA_VERSION);
        if (ControlAction.SET != command.action())
        {
            return NOT_A_SETTING;
        }
        if (ControlResult.APPLIED.value() != handlerResult)
        {
            return (short)handlerResult;
        }
        key = command.key().strip();
        value = command.value().strip();
        return settings.set(key, value);
    }
}
