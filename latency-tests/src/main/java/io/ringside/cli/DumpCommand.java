package io.ringside.cli;

import io.ringside.codecs.FrameText;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recording.RecordingReader;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ringside dump}: a recording, frame by frame, as a person or a script reads it. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = {
        "Print a Ringside recording (from convert or record) one line per frame, every template decoded, each "
            + "line starting with the record's file offset. A frame that cannot be read is printed as unreadable "
            + "with its offset and why, and the rest of the file is still printed.",
        "Exit status: 0 every frame read; 1 a frame was unreadable, or the file is not a recording; 2 bad usage."
    })
final class DumpCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "FILE", description = "The recording.")
    Path file;

    @Mixin
    LineFormatOption format;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
        description = "Stop after N frames; 0: all. Default: ${DEFAULT-VALUE}.")
    long limit;

    public Integer call()
    {
        if (limit < 0)
        {
            throw new IllegalArgumentException("--limit: must be >= 0: " + limit);
        }
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("FILE: " + file + " is not a readable file");
        }
        // Not System.out's line-by-line flushing: a whole day's recording is millions of lines.
        final PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false,
            StandardCharsets.UTF_8);
        final FrameText text = format.frameText();
        final long[] unreadable = new long[1];
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        long frames = 0;
        try (RecordingReader reader = new RecordingReader(file, (kind, location, problem) ->
        {
            unreadable[0]++;
            out.println(text.begin().field("offset", offsetOf(location)).field("template", (String)null)
                .field("unreadable", kind).field("detail", problem).end());
            return true;
        }))
        {
            int length;
            while ((0 == limit || frames < limit) && (length = reader.next(frame, 0)) > 0)
            {
                frames++;
                out.println(text.begin().field("offset", reader.lastRecordOffset()).frame(frame, 0, length).end());
                if (0 == (frames & 1023) && (out.checkError() || System.out.checkError()))
                {
                    return Ringside.EXIT_OK; // the reader went away (dump | head): nothing is wrong with the file
                }
            }
        }
        finally
        {
            out.flush();
        }
        if (unreadable[0] > 0)
        {
            System.err.println("ringside dump: " + unreadable[0] + " unreadable record(s) in " + file + ", "
                + frames + " frame(s) read");
            return Ringside.EXIT_FAILED;
        }
        return Ringside.EXIT_OK;
    }

    /** The readers say where as FILE@OFFSET. */
    private static long offsetOf(final String location)
    {
        final int at = location.lastIndexOf('@');
        try
        {
            return Long.parseLong(location.substring(at + 1));
        }
        catch (final NumberFormatException | IndexOutOfBoundsException ex)
        {
            return -1;
        }
    }
}
