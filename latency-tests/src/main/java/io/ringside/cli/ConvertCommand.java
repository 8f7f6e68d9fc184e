package io.ringside.cli;

import io.ringside.latency.feed.Recordings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ringside convert}: any format the feed reads, once, into a Ringside recording. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Turn recorded market data in any format the feed reads into a Ringside recording (SBE frames "
        + "as the engine receives them), once, so later replays skip parsing. Takes the feed's selection options.")
final class ConvertCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recorded files, merged by event time.")
    List<Path> files;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The recording to write.")
    Path out;

    @Mixin
    SelectionOptions selection;

    public Integer call()
    {
        final long written = Recordings.convert(selection.toContext(files), out, System.err);
        System.out.println("wrote " + written + " frames to " + out);
        return Ringside.EXIT_OK;
    }
}
