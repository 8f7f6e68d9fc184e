package io.ringside.latency.report;

import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.LatencyLog;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.engine.metrics.Stages;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every .hlog Ringside writes (the engine's and the feed's interval logs, the feed's whole-run log) holds its first
 * stage untagged as well, so HdrHistogram's own HistogramLogProcessor reads it without -tag; Ringside's report still
 * sees each stage once.
 */
final class UntaggedLogTest
{
    @TempDir
    Path tempDir;

    /** HistogramLogProcessor without -tag over the log: its .hgrm output, values in µs. */
    private String processWithoutTag(final Path log) throws Exception
    {
        final Path out = tempDir.resolve(log.getFileName() + ".out");
        new HistogramLogProcessor(new String[]{ "-i", log.toString(), "-o", out.toString(),
            "-outputValueUnitRatio", "1000" }).run();
        return Files.readString(Path.of(out + ".hgrm"));
    }

    private static List<EncodableHistogram> untagged(final Path log) throws Exception
    {
        final List<EncodableHistogram> untagged = new ArrayList<>();
        final HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram next;
        while (null != (next = reader.nextIntervalHistogram()))
        {
            if (null == next.getTag())
            {
                untagged.add(next);
            }
        }
        return untagged;
    }

    @Test
    void aWholeRunLogHoldsItsFirstStageUntagged() throws Exception
    {
        final Map<String, org.HdrHistogram.Histogram> stages = new LinkedHashMap<>();
        stages.put(Stages.END_TO_END, RunDirectory.constant(1_000, 50));
        stages.put(Stages.PACING_ERROR, RunDirectory.constant(20, 70));
        final Path log = tempDir.resolve("feed.hlog");
        EngineSummary.writeHistograms(log, stages);

        final List<EncodableHistogram> untagged = untagged(log);
        assertEquals(1, untagged.size());
        assertEquals(50, ((org.HdrHistogram.Histogram)untagged.get(0)).getTotalCount(), "end to end's");
        final String hgrm = processWithoutTag(log);
        assertTrue(hgrm.contains("Total count    =           50]"), hgrm);
        assertTrue(hgrm.contains("#[Max     =        1.000,"), hgrm);
    }

    @Test
    void anIntervalLogHoldsItsFirstStageUntaggedEveryInterval() throws Exception
    {
        final StageLatency transport = new StageLatency(Stages.TRANSPORT);
        final StageLatency service = new StageLatency(Stages.SERVICE_EGRESS);
        final Path dir = tempDir.resolve("run");
        final LatencyLog log = new LatencyLog(List.of(transport, service), dir.resolve("engine.hlog"), 3_600_000);
        for (int i = 1; i <= 40; i++)
        {
            transport.record(2_000);
            service.record(100);
        }
        log.close();

        final Path file = dir.resolve(EngineSummary.HISTOGRAM_FILE);
        assertEquals(40, untagged(file).stream().mapToLong((h) -> ((org.HdrHistogram.Histogram)h).getTotalCount())
            .sum(), "transport's values, untagged");
        final String hgrm = processWithoutTag(file);
        assertTrue(hgrm.contains("Total count    =           40]"), hgrm);

        final Report report = Report.read(dir);
        assertEquals(List.of(Stages.TRANSPORT, Stages.SERVICE_EGRESS), new ArrayList<>(report.histograms().keySet()),
            "each stage once: the untagged copy is not a stage of its own");
        assertEquals(40, report.histograms().get(Stages.TRANSPORT).getTotalCount());
    }
}
