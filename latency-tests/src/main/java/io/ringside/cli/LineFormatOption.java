package io.ringside.cli;

import io.ringside.codecs.FrameText;
import picocli.CommandLine.Option;

/** How the commands that print frames write each one: a line of text, or a JSON object per line. */
final class LineFormatOption
{
    enum Format
    {
        TEXT,
        JSON
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text (name=value ...) or json (one object per line). Default: ${DEFAULT-VALUE}.")
    Format format = Format.TEXT;

    FrameText frameText()
    {
        return new FrameText(Format.JSON == format);
    }
}
