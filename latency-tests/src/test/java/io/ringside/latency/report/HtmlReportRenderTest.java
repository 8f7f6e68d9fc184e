package io.ringside.latency.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * report.html in a real browser: headless Chromium loads the page from disk, with networking off, and the DOM it
 * dumps must hold every chart uPlot drew. Never skipped: without Chromium this fails saying how to install it.
 */
final class HtmlReportRenderTest
{
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tempDir;

    private static int count(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find())
        {
            count++;
        }
        return count;
    }

    private String dumpDom(final Path page) throws Exception
    {
        if (!Files.isExecutable(CHROMIUM))
        {
            fail(CHROMIUM + " is missing: this test renders report.html in headless Chromium. Install it with "
                + "`apt-get install -y chromium` (Debian's package; .ci/run installs it when missing).");
        }
        final Path stderr = tempDir.resolve("chromium.stderr");
        final Process process = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + Files.createDirectories(tempDir.resolve("chromium-profile")),
            "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()))
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
        final byte[][] out = new byte[1][];
        final Thread reader = new Thread(() ->
        {
            try
            {
                out[0] = process.getInputStream().readAllBytes();
            }
            catch (final java.io.IOException ex)
            {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!process.waitFor(120, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("chromium did not finish within 120 s; stderr:\n" + Files.readString(stderr));
        }
        reader.join(10_000);
        final String dom = null == out[0] ? "" : new String(out[0], StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "chromium failed; stderr:\n" + readQuietly(stderr));
        assertTrue(dom.contains("</html>"), () -> "no DOM dumped; stderr:\n" + readQuietly(stderr));
        return dom;
    }

    private static String readQuietly(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final Exception ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    @Test
    void everyChartIsDrawnInHeadlessChromium() throws Exception
    {
        final Path dir = IntervalLog.writeRun(tempDir.resolve("run"));
        final Map<String, Histogram> series = new LinkedHashMap<>();
        series.put("engine", RunDirectory.oneToThousand());
        series.put("raw Aeron", RunDirectory.constant(300, 10));
        series.put("ArrayBlockingQueue", RunDirectory.withOneOutlier());
        final HtmlReport report = new HtmlReport(Report.read(dir), HtmlReportTest.ENVIRONMENT)
            .compare("engine against queues", series);
        final int charts = report.chartCount();
        assertEquals(6, charts);
        final Path page = report.write();

        final String dom = dumpDom(page);
        assertEveryChartDrawn(dom, charts, List.of("chart-distribution", "chart-compare-0", "chart-interval-0",
            "chart-interval-1", "chart-interval-2", "chart-throughput"));
        assertTrue(dom.contains("engine against queues"), "the comparison chart's title");
        assertTrue(dom.contains(">ArrayBlockingQueue<"), "its legend");
    }

    @Test
    void everyChartOfTheBenchPageIsDrawnInHeadlessChromium() throws Exception
    {
        final BenchPage page = BenchDirectory.page(tempDir.resolve("bench"));
        final int charts = page.chartCount();
        assertEquals(16, charts);
        final List<String> ids = new ArrayList<>();
        for (int rate = 0; rate < BenchDirectory.RATES.size(); rate++)
        {
            ids.add("chart-" + rate + "-end-to-end");
            ids.add("chart-" + rate + "-stages");
            for (final String config : BenchPage.CONFIGS)
            {
                ids.add("chart-" + rate + "-" + config + "-latency");
                ids.add("chart-" + rate + "-" + config + "-throughput");
            }
        }
        final String dom = dumpDom(page.write());
        assertEveryChartDrawn(dom, charts, ids);
        assertTrue(dom.contains(">ArrayBlockingQueue<") && dom.contains(">raw Aeron<"), "the baselines' legends");
        assertTrue(dom.contains(">outputs received<"), "the throughput charts' legend");
    }

    /** No errors reported, every chart's draw hook ran, and each placeholder holds a uPlot with its canvas. */
    private static void assertEveryChartDrawn(final String dom, final int charts, final List<String> ids)
    {
        final Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        assertTrue(body.find(), dom);
        final String attributes = body.group(1);
        assertFalse(attributes.contains("data-plot-errors"), () -> "the page reported errors: " + attributes);
        assertTrue(attributes.contains("data-charts=\"" + charts + "\""), attributes);
        assertTrue(attributes.contains("data-plots-drawn=\"" + charts + "\""),
            () -> "every chart's draw hook ran: " + attributes);
        assertEquals(charts, count(Pattern.compile("<div class=\"uplot[ \"]"), dom), "one uPlot per chart");
        assertTrue(count(Pattern.compile("<canvas\\b"), dom) >= charts, "a canvas per chart");
        assertEquals(charts, ids.size());
        for (final String id : ids)
        {
            final int at = dom.indexOf("id=\"" + id + "\"");
            assertTrue(at >= 0, id);
            final int next = dom.indexOf("id=\"chart-", at + 1);
            final String chart = dom.substring(at, next < 0 ? dom.length() : next);
            assertTrue(chart.contains("class=\"uplot") && chart.contains("<canvas"), id + " holds a drawn uPlot");
        }
    }
}
