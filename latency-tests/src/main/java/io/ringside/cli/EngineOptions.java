package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.engine.UndefinedInstrumentPolicy;
import io.ringside.engine.config.StrategyOverrides;
import io.ringside.engine.metrics.EngineErrors;
import io.ringside.engine.metrics.EngineLabels;
import io.ringside.strategies.surveillance.PriceBandSettings;
import io.ringside.strategies.trading.MarketMakerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Every option of an engine; each maps onto a field of {@link EngineContext}, or of its {@link StrategyOverrides},
 * which validate them.
 */
final class EngineOptions
{
    @Mixin
    AeronDirOption aeron;

    @Mixin
    ExternalDriverOption externalDriver;

    @Mixin
    DriverOptions driver;

    @Mixin
    EngineStreams streams;

    @Mixin
    IdleOptions idle;

    @Mixin
    DurableLogOptions durableLog;

    @Option(names = "--name", paramLabel = "NAME", description = "The engine's name: its Aeron client's, and on "
        + "every counter it labels (ringside: events_in [NAME]), so engines sharing a media driver are told apart "
        + "(stat --name NAME). Up to " + EngineLabels.MAX_NAME_LENGTH + " printable characters, no spaces or "
        + "brackets. Default: ringside-HOST-PID.")
    String name;

    @Option(names = "--handler-wait", paramLabel = "STRATEGY", description = "Ring consumers' wait strategy: parking, "
        + "sleeping, yielding, busy-spin. Default: from --profile.")
    String handlerWait;

    @Option(names = "--handler-layout", paramLabel = "LAYOUT", description = "parallel (surveillance and the "
        + "strategy on a thread each, egress on a third), sequential (all three on one thread, in turn) or inline "
        + "(all three on the ingress thread, which drains each event from the ring as it publishes it). "
        + "Default: from --profile.")
    String handlerLayout;

    @Option(names = "--pipeline", paramLabel = "PIPELINE", defaultValue = EngineContext.DEFAULT_PIPELINE,
        description = "disruptor (the engine) or blocking-queue (the same handlers behind ArrayBlockingQueues: "
            + "the naive baseline). Default: ${DEFAULT-VALUE}.")
    String pipeline;

    @Option(names = "--ring-size", paramLabel = "SLOTS", defaultValue = "" + EngineContext.UNSET_RING_SIZE,
        description = "Ring slots, a power of two. Default: " + EngineContext.INLINE_RING_SIZE + " where the ingress "
            + "thread takes each event through every handler itself (handler layout inline, profile single), else "
            + EngineContext.DEFAULT_RING_SIZE + ".")
    int ringSize;

    @Option(names = "--config", paramLabel = "FILE", description = "Surveillance rules, strategies and risk "
        + "limits, per instrument and account group (`key = value` lines; README and docs/ringside.conf). Its keys "
        + "win over the defaults; --price-band-bps and --mm-* given on the command line win over its keys.")
    Path config;

    @Option(names = "--price-band-bps", paramLabel = "BPS", description = "Price band rule: alert on an order or "
        + "execution more than this many basis points from the book's mid. Default: the file's, else "
        + PriceBandSettings.DEFAULT_MAX_DEVIATION_BPS + ".")
    Long priceBandBps;

    @Option(names = "--mm-quote-quantity", paramLabel = "QTY", description = "Market maker: quantity of each quote. "
        + "Default: the file's, else " + MarketMakerConfig.DEFAULT_QUOTE_QUANTITY + ".")
    Long mmQuoteQuantity;

    @Option(names = "--mm-half-spread-ticks", paramLabel = "TICKS", description = "Market maker: ticks from the mid "
        + "to each quote. Default: the file's, else " + MarketMakerConfig.DEFAULT_HALF_SPREAD_TICKS + ".")
    Long mmHalfSpreadTicks;

    @Option(names = "--mm-requote-ticks", paramLabel = "TICKS", description = "Market maker: how far the mid moves "
        + "before it quotes again. Default: the file's, else " + MarketMakerConfig.DEFAULT_REQUOTE_TICKS + ".")
    Long mmRequoteTicks;

    @Option(names = "--mm-min-requote-interval", paramLabel = "DURATION", converter = Units.Duration.class,
        description = "Market maker: event time between re-quotes of one instrument (10ms, 500us). Default: the "
            + "file's, else " + MarketMakerConfig.DEFAULT_MIN_REQUOTE_INTERVAL_NS / 1_000 + "us.")
    Long mmMinRequoteIntervalNs;

    @Option(names = "--max-instruments", paramLabel = "N", defaultValue = "" + EngineContext.DEFAULT_MAX_INSTRUMENTS,
        description = "Distinct instruments the engine holds state for; events for a further instrument are "
            + "refused, counted (rejected.instrument_limit) and named once on stderr. Default: ${DEFAULT-VALUE}, "
            + "a US equities day.")
    int maxInstruments;

    @Option(names = "--undefined-instruments", paramLabel = "POLICY",
        description = "An event for an instrument no InstrumentDefinition named: accept (counted in "
            + "events.undefined_instrument) or refuse (counted in rejected.undefined_instrument). "
            + "Default: ${DEFAULT-VALUE}.")
    UndefinedInstrumentPolicy undefinedInstruments = UndefinedInstrumentPolicy.ACCEPT;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = EngineContext.DEFAULT_REPORT_DIRECTORY,
        description = "Where the run's counts and histograms go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--latency-interval", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = EngineContext.DEFAULT_LATENCY_INTERVAL_MS + "ms",
        description = "How often stage latencies go into the interval log (1s, 500ms). Default: ${DEFAULT-VALUE}.")
    long latencyIntervalNs;

    @Option(names = "--timer-interval", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = "1s", description = "After this much silence on every input, ingress sends a timer (recorded "
            + "and replayed like any event), so rules and strategies see time pass in a quiet market; 0 for none. "
            + "Default: ${DEFAULT-VALUE}.")
    long timerIntervalNs;

    @Option(names = "--error-log-length", paramLabel = "SIZE", converter = Units.IntSize.class,
        description = "Bytes of the engine's error log file in the Aeron directory (ringside errors reads it), a "
            + "multiple of 8 from 64k to 1g. Default: 1m.")
    int errorLogLength = EngineErrors.DEFAULT_LOG_LENGTH;

    EngineContext toContext()
    {
        final EngineContext ctx = new EngineContext()
            .name(name)
            .aeronDirectoryName(aeron.aeronDir)
            .embeddedDriver(!externalDriver.external)
            .driverTimeoutMs(TimeUnit.NANOSECONDS.toMillis(externalDriver.driverTimeoutNs))
            .handlerWaitStrategy(handlerWait)
            .handlerLayout(handlerLayout)
            .pipeline(pipeline)
            .ringSize(ringSize)
            .configFile(config)
            .reportDirectory(reportDir)
            .latencyIntervalMs(TimeUnit.NANOSECONDS.toMillis(latencyIntervalNs))
            .maxInstruments(maxInstruments)
            .undefinedInstruments(undefinedInstruments)
            .timerIntervalNs(timerIntervalNs)
            .errorLogLength(errorLogLength);
        driver.applyTo(ctx);
        streams.applyTo(ctx);
        idle.applyTo(ctx);
        durableLog.applyTo(ctx);
        // Only what the command line gave: these win over the file, and the file over the defaults.
        final StrategyOverrides overrides = ctx.strategyOverrides();
        if (null != priceBandBps)
        {
            overrides.priceBandBps(priceBandBps);
        }
        if (null != mmQuoteQuantity)
        {
            overrides.mmQuoteQuantity(mmQuoteQuantity);
        }
        if (null != mmHalfSpreadTicks)
        {
            overrides.mmHalfSpreadTicks(mmHalfSpreadTicks);
        }
        if (null != mmRequoteTicks)
        {
            overrides.mmRequoteTicks(mmRequoteTicks);
        }
        if (null != mmMinRequoteIntervalNs)
        {
            overrides.mmMinRequoteIntervalNs(mmMinRequoteIntervalNs);
        }
        return ctx;
    }
}
