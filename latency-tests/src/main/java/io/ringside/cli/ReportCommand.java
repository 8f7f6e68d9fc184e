package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.latency.report.HtmlReport;
import io.ringside.latency.report.Report;
import io.ringside.latency.report.ReportEnvironment;
import io.ringside.latency.report.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ringside report}: a run's percentiles, files and page; or two runs compared. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Print the percentile table of a run and write STAGE.hgrm files, summary.json and report.html "
        + "(charts, self-contained) into its directory; or, with --compare, compare two runs.")
final class ReportCommand implements Callable<Integer>
{
    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = EngineContext.DEFAULT_REPORT_DIRECTORY,
        description = "The run directory (the engine's and feed's --report-dir). Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--baseline", paramLabel = "DIR",
        description = "report.html also plots each stage against the same stage of the run in DIR.")
    Path baseline;

    @Option(names = "--compare", arity = "2", paramLabel = "DIR",
        description = "Compare run B (second DIR) with baseline run A (first DIR): percentiles side by side with "
            + "B/A; exit 3 when --percentile of a stage in both regressed by more than --max-ratio. Writes nothing.")
    List<Path> compare;

    @Option(names = "--percentile", paramLabel = "P", defaultValue = "99.9",
        description = "With --compare: the percentile judged, 100 for the max. Default: ${DEFAULT-VALUE}.")
    double percentile;

    @Option(names = "--max-ratio", paramLabel = "RATIO", defaultValue = "1.2",
        description = "With --compare: the largest B/A allowed at --percentile. Default: ${DEFAULT-VALUE}.")
    double maxRatio;

    public Integer call()
    {
        if (null != compare)
        {
            final RunComparison comparison = RunComparison.of(compare.get(0), compare.get(1), percentile, maxRatio);
            comparison.print(System.out);
            return comparison.exitStatus();
        }
        final Report report = Report.read(reportDir);
        report.print(System.out);
        final HtmlReport html = new HtmlReport(report, ReportEnvironment.collect());
        if (null != baseline)
        {
            html.compareWithBaseline(RunComparison.readRun(baseline, "--baseline"));
        }
        final Map<String, Path> written = report.write();
        final Path page = html.write();
        System.out.println();
        System.out.println("written: " + written.values());
        System.out.println("html report: " + page);
        return Ringside.EXIT_OK;
    }
}
