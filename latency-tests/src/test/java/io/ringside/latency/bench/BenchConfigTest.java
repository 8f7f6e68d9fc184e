package io.ringside.latency.bench;

import io.ringside.engine.EngineContext;
import io.ringside.latency.demo.Demo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --configs as bench reads it, and what each configuration's single-engine target is started with. */
final class BenchConfigTest
{
    @TempDir
    Path tempDir;

    private static BenchContext context(final List<String> configs)
    {
        return new BenchContext()
            .configs(configs)
            .data(Path.of("..").resolve(Demo.BUNDLED_DATA));
    }

    @Test
    void theDefaultIsTheThreeConfigurationsBenchAlwaysRan()
    {
        final BenchContext ctx = new BenchContext().data(Path.of("..").resolve(Demo.BUNDLED_DATA)).conclude();
        assertEquals(List.of("raw-aeron", "engine", "blocking-queue"),
            ctx.configs().stream().map(BenchConfig::name).toList());
        assertEquals(BenchConfig.DEFAULTS, ctx.configs());
    }

    @Test
    void kindsAndProfilesAreReadInOrder()
    {
        final List<BenchConfig> configs = context(
            List.of("durable", " engine ", "cluster", "engine:dedicated", "raw-aeron:dedicated")).conclude().configs();
        assertEquals(List.of(
            new BenchConfig("durable", BenchConfig.Kind.DURABLE, null),
            new BenchConfig("engine", BenchConfig.Kind.ENGINE, null),
            new BenchConfig("cluster", BenchConfig.Kind.CLUSTER, null),
            new BenchConfig("engine:dedicated", BenchConfig.Kind.ENGINE, "dedicated"),
            new BenchConfig("raw-aeron:dedicated", BenchConfig.Kind.RAW_AERON, "dedicated")), configs);
        assertEquals("engine-dedicated", configs.get(3).directoryName());
        assertEquals("dedicated", configs.get(3).profile("shared"));
        assertEquals("shared", configs.get(1).profile("shared"), "no profile of its own: the bench's");
        assertEquals(List.of(true, false, true, false, false),
            configs.stream().map(BenchConfig::alwaysRecords).toList(), "durable and cluster record, whatever --record");
    }

    @Test
    void aBadListIsRefusedWithItsReason()
    {
        assertEquals("--configs: unknown configuration 'turbo'; expected raw-aeron, engine, blocking-queue, durable or "
            + "cluster, each optionally :PROFILE (cluster excepted)",
            assertThrows(IllegalArgumentException.class, () -> context(List.of("engine", "turbo")).conclude())
                .getMessage());
        assertEquals("--configs: 'engine' given twice",
            assertThrows(IllegalArgumentException.class, () -> context(List.of("engine", "engine")).conclude())
                .getMessage());
        assertEquals("--configs: 'cluster:dedicated': the cluster takes no profile (its members run Aeron Cluster's "
            + "own idle strategies)",
            assertThrows(IllegalArgumentException.class, () -> context(List.of("cluster:dedicated")).conclude())
                .getMessage());
        assertEquals("--configs: 'engine:': no profile after ':'",
            assertThrows(IllegalArgumentException.class, () -> context(List.of("engine:")).conclude()).getMessage());
        assertEquals("--configs: at least one configuration",
            assertThrows(IllegalArgumentException.class, () -> context(List.of()).conclude()).getMessage());
        assertEquals("--configs: engine:turbo: profile: unknown profile 'turbo'; expected auto, single, compact, shared or dedicated",
            assertThrows(IllegalArgumentException.class, () -> context(List.of("engine:turbo")).conclude())
                .getMessage(), "the engine says which profiles there are");
        assertEquals("--failover-rate: from 0 (none) to 1e8 events/s: -1",
            assertThrows(IllegalArgumentException.class, () -> context(List.of("cluster")).failoverRate(-1).conclude())
                .getMessage());
    }

    @Test
    void warmUpsRunAtLeastAtTheMinimumRateButAClusterAtItsOwn()
    {
        assertEquals(100_000, Bench.warmupRate(BenchConfig.ENGINE, 10_000), "50,000 events leave the JIT at work");
        assertEquals(100_000, Bench.warmupRate(BenchConfig.RAW_AERON, 10_000));
        assertEquals(100_000, Bench.warmupRate(BenchConfig.parse("durable"), 100_000));
        assertEquals(400_000, Bench.warmupRate(BenchConfig.parse("engine:compact"), 400_000));
        assertEquals(10_000, Bench.warmupRate(BenchConfig.parse("cluster"), 10_000),
            "members on two cores do not hold more");
    }

    @Test
    void theWarmUpEndsWithAHandOverOfASecondOrHalfTheWarmUp()
    {
        assertEquals(100_000, Bench.handOverEvents(100_000, 500_000), "5 s at 100,000/s: the last second");
        assertEquals(50_000, Bench.handOverEvents(100_000, 100_000), "1 s: its second half");
        assertEquals(0, Bench.handOverEvents(100_000, 0), "no warm-up, no hand-over");
        assertEquals(0, Bench.handOverEvents(100_000, 1), "one event cannot be split");
    }

    @Test
    void eachEngineConfigurationIsStartedWithItsOwnOptions()
    {
        final Bench bench = new Bench(context(List.of("engine", "durable", "blocking-queue", "engine:dedicated",
            "raw-aeron")), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        final Path dir = tempDir.resolve("run");
        assertEquals(List.of("engine", "--aeron-dir=/dev/shm/x", "--profile=auto", "--no-archive",
            "--pipeline=disruptor", "--report-dir=" + dir, "--latency-interval=1000ms"), arguments(bench, "engine", dir));
        assertEquals(List.of("engine", "--aeron-dir=/dev/shm/x", "--profile=auto", "--durable",
            "--pipeline=disruptor", "--report-dir=" + dir, "--latency-interval=1000ms"), arguments(bench, "durable", dir),
            "a durable engine keeps its archive with recording off: it reads what the archive records");
        assertEquals(List.of("engine", "--aeron-dir=/dev/shm/x", "--profile=auto", "--no-archive",
            "--pipeline=blocking-queue", "--report-dir=" + dir, "--latency-interval=1000ms"),
            arguments(bench, "blocking-queue", dir));
        assertEquals(List.of("engine", "--aeron-dir=/dev/shm/x", "--profile=dedicated", "--no-archive",
            "--pipeline=disruptor", "--report-dir=" + dir, "--latency-interval=1000ms"),
            arguments(bench, "engine:dedicated", dir));
        assertEquals(List.of("echo", "--aeron-dir=/dev/shm/x", "--profile=auto"), arguments(bench, "raw-aeron", dir));

        final EngineContext durable = bench.engineContext(BenchConfig.parse("durable"), dir, "/dev/shm/x");
        assertTrue(durable.durableLog().durable() && durable.durableLog().archive());
        final EngineContext engine = bench.engineContext(BenchConfig.ENGINE, dir, "/dev/shm/x");
        assertFalse(engine.durableLog().durable() || engine.durableLog().archive());
        assertNull(engine.durableLog().archiveDirectoryName(), "not concluded: no scratch archive made");
    }

    private static List<String> arguments(final Bench bench, final String config, final Path dir)
    {
        final BenchConfig parsed = BenchConfig.parse(config);
        return BenchTarget.arguments(parsed.kind(), bench.engineContext(parsed, dir, "/dev/shm/x"));
    }
}
