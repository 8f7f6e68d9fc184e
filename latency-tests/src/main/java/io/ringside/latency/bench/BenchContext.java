package io.ringside.latency.bench;

import io.ringside.engine.EngineContext;

import io.ringside.latency.report.PacingCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the harness runs: the configurations, rates, rounds, phases, profile, where the engine lives, the data, the
 * bounds, the search, the cluster's failover.
 */
public final class BenchContext
{
    private List<String> configNames = BenchConfig.DEFAULTS.stream().map(BenchConfig::name).toList();
    private List<BenchConfig> configs;
    private long failoverRate = 10_000;
    private List<Long> rates = List.of(10_000L, 100_000L);
    private long warmupSeconds = 5;
    private long measureSeconds = 10;
    private String profile = EngineContext.PROFILE_AUTO;
    private boolean ownProcess = true;
    private Path data;
    private Path reportDirectory = Path.of("ringside-out", "bench");
    private long searchStartRate = 100_000;
    private long searchMaxRate = 1_600_000;
    private double searchP99BoundMicros = 10_000;
    private int rounds = 3;
    private double pacingBoundMicros = PacingCheck.DEFAULT_BOUND_MICROS;
    private boolean record;
    /** -1: the fixed-rate runs' warm-up. */
    private long searchWarmupSeconds = -1;
    private long searchMeasureSeconds = 5;

    public BenchContext conclude()
    {
        if (rates.isEmpty() || rates.stream().anyMatch((rate) -> rate < 1 || rate > 100_000_000))
        {
            throw new IllegalArgumentException("--rates: each from 1 to 1e8 events/s: " + rates);
        }
        if (warmupSeconds < 0 || measureSeconds < 1)
        {
            throw new IllegalArgumentException("--warmup must be >= 0s and --measure >= 1s");
        }
        checkProfile("--profile", profile);
        configs = BenchConfig.parse(configNames);
        for (final BenchConfig config : configs)
        {
            if (null != config.profile())
            {
                checkProfile("--configs: " + config.name(), config.profile());
            }
        }
        if (failoverRate < 0 || failoverRate > 100_000_000)
        {
            throw new IllegalArgumentException("--failover-rate: from 0 (none) to 1e8 events/s: " + failoverRate);
        }
        if (null == data || !Files.isRegularFile(data))
        {
            throw new IllegalArgumentException("--data: no such file: " + data);
        }
        if (searchMaxRate > 0 && (searchStartRate < 1 || searchStartRate > searchMaxRate))
        {
            throw new IllegalArgumentException("--search-from: must be from 1 to --search-to");
        }
        if (searchWarmupSeconds < -1 || searchMeasureSeconds < 1)
        {
            throw new IllegalArgumentException("search steps: warm-up must be >= 0 s and measured phase >= 1 s");
        }
        if (rounds < 1)
        {
            throw new IllegalArgumentException("--rounds: must be >= 1: " + rounds);
        }
        if (!(pacingBoundMicros > 0))
        {
            throw new IllegalArgumentException("--pacing-bound: must be > 0");
        }
        return this;
    }

    /** A profile is what the engine takes: it is the one to say which there are. */
    private static void checkProfile(final String option, final String profile)
    {
        final EngineContext engine = new EngineContext().profile(profile);
        engine.durableLog().archive(false); // nothing on disk for a check
        try
        {
            engine.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(option + ": " + ex.getMessage(), ex);
        }
    }

    /** The configurations, in the order each round runs them; parsed and checked by {@link #conclude()}. */
    public List<BenchConfig> configs()
    {
        if (null == configs)
        {
            throw new IllegalStateException("bench: configurations read before the context was concluded");
        }
        return configs;
    }

    /** As {@code --configs} names them: {@code KIND} or {@code KIND:PROFILE}, see {@link BenchConfig#parse}. */
    public BenchContext configs(final List<String> configNames)
    {
        this.configNames = List.copyOf(configNames);
        this.configs = null;
        return this;
    }

    public long failoverRate()
    {
        return failoverRate;
    }

    /** With the cluster among the configurations: the rate of its one failover run; 0 for none. */
    public BenchContext failoverRate(final long failoverRate)
    {
        this.failoverRate = failoverRate;
        return this;
    }

    public int rounds()
    {
        return rounds;
    }

    /** Each configuration runs this many times at each rate, the configurations interleaved. */
    public BenchContext rounds(final int rounds)
    {
        this.rounds = rounds;
        return this;
    }

    public double pacingBoundMicros()
    {
        return pacingBoundMicros;
    }

    /** A run whose feed's pacing error p99 is over this is invalid, and a search step over it not sustained. */
    public BenchContext pacingBoundMicros(final double pacingBoundMicros)
    {
        this.pacingBoundMicros = pacingBoundMicros;
        return this;
    }

    public boolean record()
    {
        return record;
    }

    /** Every configuration records its streams with an embedded Aeron Archive (true) or none does (false). */
    public BenchContext record(final boolean record)
    {
        this.record = record;
        return this;
    }

    public long searchWarmupSeconds()
    {
        return searchWarmupSeconds < 0 ? warmupSeconds() : searchWarmupSeconds;
    }

    /**
     * Each search step's warm-up; by default the fixed-rate runs' (--warmup). A fresh engine JVM on two cores is
     * still compiling its handlers two seconds in, and its compiler threads take the CPU its feed needs to keep to
     * its schedule: a step warmed up less than the fixed-rate runs measures the JIT, not the rate.
     */
    public BenchContext searchWarmupSeconds(final long searchWarmupSeconds)
    {
        this.searchWarmupSeconds = searchWarmupSeconds;
        return this;
    }

    public long searchMeasureSeconds()
    {
        return searchMeasureSeconds;
    }

    /** Each search step's measured phase, and how long raw Aeron's one-way throughput is measured. */
    public BenchContext searchMeasureSeconds(final long searchMeasureSeconds)
    {
        this.searchMeasureSeconds = searchMeasureSeconds;
        return this;
    }

    public List<Long> rates()
    {
        return rates;
    }

    public BenchContext rates(final List<Long> rates)
    {
        this.rates = List.copyOf(rates);
        return this;
    }

    public long warmupSeconds()
    {
        return warmupSeconds;
    }

    public BenchContext warmupSeconds(final long warmupSeconds)
    {
        this.warmupSeconds = warmupSeconds;
        return this;
    }

    public long measureSeconds()
    {
        return measureSeconds;
    }

    public BenchContext measureSeconds(final long measureSeconds)
    {
        this.measureSeconds = measureSeconds;
        return this;
    }

    public String profile()
    {
        return profile;
    }

    public BenchContext profile(final String profile)
    {
        this.profile = profile;
        return this;
    }

    public boolean ownProcess()
    {
        return ownProcess;
    }

    public BenchContext ownProcess(final boolean ownProcess)
    {
        this.ownProcess = ownProcess;
        return this;
    }

    public Path data()
    {
        return data;
    }

    public BenchContext data(final Path data)
    {
        this.data = data;
        return this;
    }

    public Path reportDirectory()
    {
        return reportDirectory;
    }

    public BenchContext reportDirectory(final Path reportDirectory)
    {
        this.reportDirectory = reportDirectory;
        return this;
    }

    public long searchStartRate()
    {
        return searchStartRate;
    }

    public BenchContext searchStartRate(final long searchStartRate)
    {
        this.searchStartRate = searchStartRate;
        return this;
    }

    public long searchMaxRate()
    {
        return searchMaxRate;
    }

    /** 0: no throughput search. */
    public BenchContext searchMaxRate(final long searchMaxRate)
    {
        this.searchMaxRate = searchMaxRate;
        return this;
    }

    public double searchP99BoundMicros()
    {
        return searchP99BoundMicros;
    }

    public BenchContext searchP99BoundMicros(final double searchP99BoundMicros)
    {
        this.searchP99BoundMicros = searchP99BoundMicros;
        return this;
    }
}
