package io.ringside.latency.bench;

import io.ringside.latency.demo.Demo;
import io.ringside.latency.report.BenchPage;
import io.ringside.latency.report.BenchRounds;
import io.ringside.latency.report.FailoverTime;
import io.ringside.latency.report.Json;
import io.ringside.latency.report.SideBySide;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** bench-summary.json and the printed table of a run of other configurations than the default three, by hand. */
final class BenchSummaryTest
{
    private static final long RATE = 10_000;

    @SuppressWarnings("unchecked")
    private static <T> T at(final Object json, final Object... path)
    {
        Object node = json;
        for (final Object key : path)
        {
            node = key instanceof Integer ?
                ((List<Object>)node).get((Integer)key) : ((Map<String, Object>)node).get(key);
        }
        return (T)node;
    }

    /** Every round of each configuration {@code value} ns, ten times: exact at these magnitudes. */
    private static Histogram constant(final long value)
    {
        final Histogram h = new Histogram(3);
        h.recordValueWithCount(value, 10);
        return h;
    }

    /** One round per configuration, every output at its value; null: no outputs. */
    private static BenchRounds rounds(final Map<String, Long> valueByConfig)
    {
        final Map<BenchPage.Run, Histogram> runs = new LinkedHashMap<>();
        valueByConfig.forEach((config, value) -> runs.put(new BenchPage.Run(config, RATE, 1, false,
            Path.of("round1-" + config.replace(':', '-') + "-" + RATE), 0, 0, false, true, 20),
            null == value ? null : constant(value)));
        return new BenchRounds(new ArrayList<>(runs.keySet()), runs::get);
    }

    @Test
    void everyConfigurationItsRecordingTheRatiosThatRanAndTheFailover() throws Exception
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        values.put("engine", 1000L);
        values.put("durable", 1500L);
        values.put("cluster", 2000L);
        values.put("engine:dedicated", 500L);
        final BenchContext ctx = new BenchContext()
            .configs(List.copyOf(values.keySet()))
            .rates(List.of(RATE))
            .rounds(1)
            .data(Path.of("..").resolve(Demo.BUNDLED_DATA))
            .conclude();
        final BenchRounds rounds = rounds(values);
        // The cluster's outputs carry no publisher's stamp.
        final Map<String, Long> stamped = new LinkedHashMap<>(values);
        stamped.replaceAll((config, value) -> "cluster".equals(config) ? null : value - 100);
        final BenchRounds published = rounds(stamped);
        final FailoverTime failover = new FailoverTime(RATE, 1, 2, 3_000_000_000L, 3_100_000_000L, -1, 2000, 10, 0,
            "failover-cluster-10000");
        final Object json = Json.parse(new BenchSummary(ctx, rounds, published, List.of(), null, "off", failover).toJson());

        final List<Object> configs = at(json, "configs");
        assertEquals(List.of("engine", "durable", "cluster", "engine:dedicated"),
            configs.stream().map((c) -> at(c, "name")).toList());
        assertEquals(List.of("engine", "durable", "cluster", "engine"), configs.stream().map((c) -> at(c, "kind")).toList());
        assertEquals(List.of("auto", "auto", "auto", "dedicated"),
            configs.stream().map((c) -> at(c, "profile")).toList());
        assertEquals(List.of(false, true, true, false), configs.stream().map((c) -> at(c, "recording")).toList(),
            "durable and cluster record with --record off");

        final Map<String, Object> atRate = at(json, "rates", 0, "configs");
        assertEquals(List.copyOf(values.keySet()), new ArrayList<>(atRate.keySet()));
        assertEquals(1000L, (Long)at(atRate, "engine", "end_to_end", "p50", "median"));
        assertEquals(900L, (Long)at(atRate, "engine", "published", "p50", "median"));
        assertEquals(1400L, (Long)at(atRate, "durable", "published", "max", "median"));
        assertNull(at(atRate, "cluster", "published", "p99"), "no stamp on a cluster's outputs");
        final Map<String, Object> ratios = at(json, "rates", 0, "ratios");
        assertEquals(List.of("engine_over_raw_aeron", "blocking_queue_over_engine", "durable_over_engine",
            "cluster_over_engine", "engine:dedicated_over_engine"), new ArrayList<>(ratios.keySet()));
        assertNull(at(ratios, "engine_over_raw_aeron", "p50"), "no raw Aeron in this run");
        assertNull(at(ratios, "blocking_queue_over_engine", "p99"));
        assertEquals(1.5, ((Number)at(ratios, "durable_over_engine", "p50")).doubleValue());
        assertEquals(1.5, ((Number)at(ratios, "durable_over_engine", "p99")).doubleValue());
        assertEquals(2L, (Long)at(ratios, "cluster_over_engine", "p99"));
        assertEquals(0.5, ((Number)at(ratios, "engine:dedicated_over_engine", "max")).doubleValue());

        assertEquals(RATE, (Long)at(json, "failover", "rate"));
        assertEquals(1L, (Long)at(json, "failover", "killed_member"));
        assertEquals(2L, (Long)at(json, "failover", "new_leader"));
        assertEquals(3_000_000_000L, (Long)at(json, "failover", "kill_to_elected"));
        assertEquals(3_100_000_000L, (Long)at(json, "failover", "kill_to_new_leader_first_output"));
        assertNull(at(json, "failover", "kill_to_first_output_not_received_before"), "never came");
        assertEquals(10L, (Long)at(json, "failover", "outputs_received_twice"));
        assertEquals(0L, (Long)at(json, "failover", "outputs_lost"));
        assertNull(at(json, "search"));

        final String nl = System.lineSeparator();
        final String table = SideBySide.format("title", rounds.table(RATE));
        assertEquals("title" + nl
            + "                             engine                    durable                    cluster"
            + "           engine:dedicated durable / engine cluster / engine engine:dedicated / engine" + nl,
            table.substring(0, table.indexOf(nl, table.indexOf(nl) + 1) + nl.length()), "a column per configuration");
        assertEquals("p50                   1.0 [1.0-1.0]              1.5 [1.5-1.5]              2.0 [2.0-2.0]"
            + "              0.5 [0.5-0.5]            1.50x            2.00x                     0.50x",
            table.lines().toList().get(2));
    }
}
