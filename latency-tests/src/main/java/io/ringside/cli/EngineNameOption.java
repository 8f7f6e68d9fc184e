package io.ringside.cli;

import io.ringside.engine.metrics.EngineLabels;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Which engine the commands that watch one look at, when several share a media driver. */
final class EngineNameOption
{
    @Option(names = "--name", paramLabel = "NAME", converter = Checked.class,
        description = "The engine of this name (its engine --name), when several share the media driver. Default: "
            + "the newest engine there.")
    String name;

    /** Checked as the engine checks its own: a name no engine can have is bad usage, not an engine not found. */
    static final class Checked implements ITypeConverter<String>
    {
        public String convert(final String value)
        {
            try
            {
                EngineLabels.checkName(value);
                return value;
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TypeConversionException(ex.getMessage());
            }
        }
    }
}
