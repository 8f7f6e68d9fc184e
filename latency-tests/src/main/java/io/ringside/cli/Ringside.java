package io.ringside.cli;

import io.aeron.driver.ThreadingMode;
import io.ringside.engine.Engine;
import io.ringside.engine.EngineContext;
import io.ringside.engine.EngineSummary;
import io.ringside.engine.UndefinedInstrumentPolicy;
import io.ringside.latency.feed.Feed;
import io.ringside.latency.feed.FeedContext;
import io.ringside.latency.feed.FeedResult;
import io.ringside.latency.feed.Pacing;
import io.ringside.latency.report.Report;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The command line, all of it: {@code bin/ringside engine | feed | report | demo}. Every option maps onto a field of
 * {@link EngineContext} or {@link FeedContext}, which validate them.
 */
@Command(
    name = "ringside",
    mixinStandardHelpOptions = true,
    version = "ringside 0.1.0",
    description = "Low-latency financial event engine: Aeron ingress -> SBE -> Disruptor -> handlers -> Aeron egress.",
    subcommands = { Ringside.EngineCommand.class, Ringside.FeedCommand.class, Ringside.ReportCommand.class,
        Ringside.DemoCommand.class, Ringside.ConvertCommand.class, Ringside.RecordCommand.class,
        Ringside.BenchCommand.class, Ringside.EchoCommand.class, Ringside.StatCommand.class,
        Ringside.JmhCommand.class, GenerateCommand.class, ScaleBenchCommand.class,
        Ringside.DriverCommand.class, Ringside.ReplayCommand.class, Ringside.RecoveryBenchCommand.class })
public final class Ringside implements Callable<Integer>
{
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /** Run a command line and return its exit code: 0 done, 1 failed (the message says why), 2 bad usage. */
    public static int execute(final String... args)
    {
        if (args.length > 0 && "jmh".equals(args[0]))
        {
            // JMH parses its own arguments, in order; picocli would reorder options and positionals.
            return JmhCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        final CommandLine commandLine = new CommandLine(new Ringside());
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            // Data and configuration errors are the user's to fix: a message naming the setting, not a stack trace.
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException ||
                ex instanceof UncheckedIOException)
            {
                cmd.getErr().println("ringside " + cmd.getCommandName() + ": error: " + ex.getMessage());
                return EXIT_FAILED;
            }
            throw ex;
        });
        return commandLine.execute(args);
    }

    public Integer call()
    {
        new CommandLine(this).usage(System.out);
        return EXIT_OK;
    }

    /** Where the launcher says the project is, for the bundled demo data. */
    static Path home()
    {
        return Path.of(System.getProperty("ringside.home", "."));
    }

    static final class EngineOptions
    {
        @Option(names = "--profile", defaultValue = EngineContext.PROFILE_SHARED,
            description = "shared (backoff and sleeping waits: laptops, CI, 2-core machines) or dedicated (busy spin, "
                + "isolated cores). Default: ${DEFAULT-VALUE}.")
        String profile;

        @Option(names = "--aeron-dir", description = "Media driver directory. Default: ${DEFAULT-VALUE}.")
        String aeronDir = EngineContext.defaultAeronDirectory();

        @Option(names = "--external-driver", description = "Use a media driver already running at --aeron-dir "
            + "instead of embedding one.")
        boolean externalDriver;

        @Option(names = "--driver-threading", defaultValue = "SHARED",
            description = "Embedded driver threading: SHARED, SHARED_NETWORK or DEDICATED. Default: ${DEFAULT-VALUE}.")
        ThreadingMode driverThreading;

        @Option(names = "--driver-idle", defaultValue = "backoff",
            description = "Embedded driver idle strategy. Default: ${DEFAULT-VALUE}.")
        String driverIdle;

        @Option(names = "--term-length", defaultValue = "16777216",
            description = "Aeron term buffer length, bytes. Default: ${DEFAULT-VALUE}.")
        int termLength;

        @Option(names = "--ingress-channel", defaultValue = "aeron:ipc", description = "Default: ${DEFAULT-VALUE}.")
        String ingressChannel;

        @Option(names = "--ingress-stream", defaultValue = "1001", description = "Default: ${DEFAULT-VALUE}.")
        int ingressStream;

        @Option(names = "--activity-channel",
            description = "Where client trading activity arrives. Default: the ingress channel.")
        String activityChannel;

        @Option(names = "--activity-stream", defaultValue = "1004",
            description = "Stream of client trading activity. Default: ${DEFAULT-VALUE}.")
        int activityStream;

        @Option(names = "--egress-channel", defaultValue = "aeron:ipc", description = "Default: ${DEFAULT-VALUE}.")
        String egressChannel;

        @Option(names = "--alert-stream", defaultValue = "1002", description = "Default: ${DEFAULT-VALUE}.")
        int alertStream;

        @Option(names = "--order-stream", defaultValue = "1003", description = "Default: ${DEFAULT-VALUE}.")
        int orderStream;

        @Option(names = "--ingress-idle", description = "Ingress agent idle strategy: backoff, busy-spin, yielding, "
            + "sleeping, noop. Default: from --profile.")
        String ingressIdle;

        @Option(names = "--egress-idle", description = "Egress back-pressure idle strategy. Default: from --profile.")
        String egressIdle;

        @Option(names = "--handler-wait", description = "Ring consumers' wait strategy: sleeping, yielding, "
            + "busy-spin. Default: from --profile.")
        String handlerWait;

        @Option(names = "--pipeline", defaultValue = "disruptor",
            description = "disruptor (the engine) or blocking-queue (the same handlers behind ArrayBlockingQueues: "
                + "the naive baseline). Default: ${DEFAULT-VALUE}.")
        String pipeline;

        @Option(names = "--ring-size", defaultValue = "65536",
            description = "Ring slots, a power of two. Default: ${DEFAULT-VALUE}.")
        int ringSize;

        @Option(names = "--config", paramLabel = "FILE", description = "Surveillance rules, strategies and risk "
            + "limits, per instrument and account group (`key = value` lines; README and docs/ringside.conf). Its keys "
            + "win over the options below.")
        Path config;

        @Option(names = "--price-band-bps", defaultValue = "5", description = "Price band rule: alert on an "
            + "order or execution more than this many basis points from the book's mid. Default: ${DEFAULT-VALUE}.")
        long priceBandBps;

        @Option(names = "--mm-quote-quantity", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
        long mmQuoteQuantity;

        @Option(names = "--mm-half-spread-ticks", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
        long mmHalfSpreadTicks;

        @Option(names = "--mm-requote-ticks", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long mmRequoteTicks;

        @Option(names = "--mm-min-requote-interval-ns", defaultValue = "1000000",
            description = "Event time between re-quotes of one instrument. Default: ${DEFAULT-VALUE}.")
        long mmMinRequoteIntervalNs;

        @Option(names = "--max-instruments", paramLabel = "N", defaultValue = "16384",
            description = "Distinct instruments the engine holds state for; events for a further instrument are "
                + "refused, counted (rejected.instrument_limit) and named once on stderr. Default: ${DEFAULT-VALUE}, "
                + "a US equities day.")
        int maxInstruments;

        @Option(names = "--undefined-instruments", paramLabel = "accept|refuse", defaultValue = "accept",
            converter = UndefinedPolicyConverter.class,
            description = "An event for an instrument no InstrumentDefinition named: accept (counted in "
                + "events.undefined_instrument) or refuse (counted in rejected.undefined_instrument). "
                + "Default: ${DEFAULT-VALUE}.")
        UndefinedInstrumentPolicy undefinedInstruments;

        @Option(names = "--report-dir", defaultValue = "ringside-out",
            description = "Where the run's counts and histograms go. Default: ${DEFAULT-VALUE}.")
        Path reportDir;

        @Option(names = "--latency-interval-ms", defaultValue = "1000",
            description = "How often stage latencies go into the interval log. Default: ${DEFAULT-VALUE}.")
        long latencyIntervalMs;

        // ---- durable log (issue 6)
        @Option(names = "--no-archive", description = "Embedded driver only: do not launch an Aeron Archive with it "
            + "(by default it records the ingress and egress streams).")
        boolean noArchive;

        @Option(names = "--archive-dir", description = "Embedded archive's directory. Default: a scratch "
            + "directory under java.io.tmpdir, deleted when the engine stops; give one to keep the log.")
        String archiveDir;

        @Option(names = "--durable", description = "Ingest from the archive's recordings of the ingress streams "
            + "(from their start, then following them) and do not publish again outputs an earlier run published: "
            + "recovery after a crash or restart. With `ringside driver` and --external-driver.")
        boolean durable;

        @Option(names = "--replay-stream", defaultValue = "1101",
            description = "Stream the archive replays the ingress on, to the engine. Default: ${DEFAULT-VALUE}.")
        int replayStream;

        @Option(names = "--recovery-timeout-ms", defaultValue = "30000", description = "How long a restarted "
            + "durable engine waits for the driver to close a dead engine's egress streams. Default: ${DEFAULT-VALUE}.")
        long recoveryTimeoutMs;

        @Option(names = "--snapshot-interval-events", defaultValue = "1000000", description = "Durable engine: "
            + "snapshot every handler's state every N events (and at a clean stop), and start from the newest "
            + "snapshot instead of the log's start; 0 for none. Default: ${DEFAULT-VALUE}.")
        long snapshotIntervalEvents;

        @Option(names = "--snapshot-interval-ms", defaultValue = "0", description = "Durable engine: also snapshot "
            + "when this much time has passed since the last, as events arrive; 0 for none. Default: ${DEFAULT-VALUE}.")
        long snapshotIntervalMs;

        @Option(names = "--snapshot-dir", description = "Where snapshots are written and looked for. Default: "
            + "<archive-dir>/snapshots with the embedded driver, <report-dir>/snapshots with --external-driver.")
        Path snapshotDir;

        @Option(names = "--snapshots-kept", defaultValue = "3",
            description = "Newest snapshot files kept; older ones are deleted. Default: ${DEFAULT-VALUE}.")
        int snapshotsKept;

        EngineContext durableLog(final EngineContext ctx)
        {
            return ctx
                .snapshotIntervalEvents(snapshotIntervalEvents)
                .snapshotIntervalMs(snapshotIntervalMs)
                .snapshotDirectory(snapshotDir)
                .snapshotsKept(snapshotsKept)
                .archive(!noArchive)
                .archiveDirectoryName(archiveDir)
                .durable(durable)
                .replayStreamId(replayStream)
                .recoveryTimeoutMs(recoveryTimeoutMs);
        }
        // ---- end durable log

        EngineContext toContext()
        {
            return durableLog(new EngineContext())
                .profile(profile)
                .aeronDirectoryName(aeronDir)
                .embeddedDriver(!externalDriver)
                .driverThreadingMode(driverThreading)
                .driverIdleStrategy(driverIdle)
                .termBufferLength(termLength)
                .ingressChannel(ingressChannel)
                .ingressStreamId(ingressStream)
                .activityChannel(activityChannel)
                .activityStreamId(activityStream)
                .egressChannel(egressChannel)
                .alertStreamId(alertStream)
                .orderStreamId(orderStream)
                .ingressIdleStrategy(ingressIdle)
                .egressIdleStrategy(egressIdle)
                .handlerWaitStrategy(handlerWait)
                .pipeline(pipeline)
                .ringSize(ringSize)
                .configFile(config)
                .priceBandBps(priceBandBps)
                .mmQuoteQuantity(mmQuoteQuantity)
                .mmHalfSpreadTicks(mmHalfSpreadTicks)
                .mmRequoteTicks(mmRequoteTicks)
                .mmMinRequoteIntervalNs(mmMinRequoteIntervalNs)
                .reportDirectory(reportDir)
                .latencyIntervalMs(latencyIntervalMs)
                .maxInstruments(maxInstruments)
                .undefinedInstruments(undefinedInstruments);
        }
    }

    static final class UndefinedPolicyConverter implements CommandLine.ITypeConverter<UndefinedInstrumentPolicy>
    {
        public UndefinedInstrumentPolicy convert(final String value)
        {
            for (final UndefinedInstrumentPolicy policy : UndefinedInstrumentPolicy.values())
            {
                if (policy.name().equalsIgnoreCase(value))
                {
                    return policy;
                }
            }
            throw new CommandLine.TypeConversionException("expected accept or refuse: '" + value + "'");
        }
    }

    static void printConfiguration(final PrintStream out, final EngineContext ctx)
    {
        out.println("ringside engine configuration");
        for (final Map.Entry<String, String> setting : ctx.describe().entrySet())
        {
            out.printf("  %-18s %s%n", setting.getKey(), setting.getValue());
        }
        out.flush();
    }

    @Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Run the engine until SIGINT or SIGTERM, then print its summary and write its counts and "
            + "histograms to --report-dir.")
    static final class EngineCommand implements Callable<Integer>
    {
        @Mixin
        EngineOptions options;

        public Integer call()
        {
            final EngineContext ctx = options.toContext().conclude();
            printConfiguration(System.out, ctx);
            // Closing the barrier releases the JVM's shutdown, which waits until the summary is out.
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(); Engine engine = Engine.launch(ctx))
            {
                if (ctx.durable())
                {
                    final long loaded = engine.snapshotLoadedEvents();
                    System.out.println(0 == loaded ? "recovery: no snapshot; the log is replayed from its start" :
                        String.format(java.util.Locale.ROOT, "recovery: started from a snapshot of %,d events; the log is "
                            + "replayed from there (the summary's events in count only what comes after)", loaded));
                }
                System.out.println("ringside engine running; SIGINT or SIGTERM stops it");
                System.out.flush();
                barrier.await();
                final EngineSummary summary = engine.stop();
                summary.print(System.out);
                if (ctx.durable())
                {
                    System.out.println("  recovered outputs  " + engine.suppressedOutputs()
                        + " recomputed from the log and not published again (an earlier run had)");
                }
                summary.writeTo(ctx.reportDirectory());
                System.out.println("counts and histograms written to " + ctx.reportDirectory());
            }
            return EXIT_OK;
        }
    }

    static final class FeedOptions
    {
        @Option(names = "--format", defaultValue = "auto",
            description = "auto (detected from the file), recording (Ringside's own), itch (NASDAQ TotalView-ITCH 5.0, "
                + "plain or .gz), csv (trades and quotes), lobster or activity (client orders, cancels, executions). "
                + "Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--from", description = "Only events at or after this event time: epoch ns, or ISO-8601 "
            + "with an offset (2012-06-21T09:45:00-04:00).")
        String from;

        @Option(names = "--to", description = "Only events at or before this event time (as --from).")
        String to;

        @Option(names = "--instruments", split = ",", description = "Only these instrument ids (comma-separated).")
        int[] instruments;

        @Option(names = "--loop", defaultValue = "1",
            description = "Replay the selection this many times; sequences keep rising. Default: ${DEFAULT-VALUE}.")
        int loops;

        @Option(names = "--instrument-id", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        int instrumentId;

        @Option(names = "--symbol", description = "Symbol, when the file name does not give it.")
        String symbol;

        @Option(names = "--date", description = "Trading date yyyy-mm-dd, when the file name does not give it.")
        String date;

        @Option(names = "--source-id", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        int sourceId;

        @Option(names = "--rate", description = "Fixed rate, events/s.")
        Long rate;

        @Option(names = "--speed", description = "As recorded, this many times faster (1 = real time).")
        Double speed;

        @Option(names = "--max-gap-ms", defaultValue = "0",
            description = "As recorded: cap idle gaps at this many ms after --speed (0: no cap).")
        long maxGapMs;

        @Option(names = "--max", description = "As fast as possible (the default when no pacing is given).")
        boolean max;

        @Option(names = "--on-error", defaultValue = "skip",
            description = "skip (count bad records and go on) or stop. Default: ${DEFAULT-VALUE}.")
        String onError;

        @Option(names = "--no-listen", description = "Do not listen to the engine's outputs (no end-to-end latency).")
        boolean noListen;

        @Option(names = "--no-progress", description = "No progress line on stderr.")
        boolean noProgress;

        @Option(names = "--drain-timeout-ms", defaultValue = "30000",
            description = "After sending, wait this long for the engine to catch up. Default: ${DEFAULT-VALUE}.")
        long drainTimeoutMs;

        Pacing pacing()
        {
            final int modes = (null != rate ? 1 : 0) + (null != speed ? 1 : 0) + (max ? 1 : 0);
            if (modes > 1)
            {
                throw new IllegalArgumentException("--rate, --speed and --max: choose one pacing");
            }
            if (null != rate)
            {
                return Pacing.rate(rate);
            }
            if (null != speed)
            {
                return Pacing.recorded(speed, maxGapMs * 1_000_000L);
            }
            return Pacing.max();
        }

        static long eventTime(final String option, final String value, final long absent)
        {
            if (null == value)
            {
                return absent;
            }
            try
            {
                return Long.parseLong(value);
            }
            catch (final NumberFormatException notNanos)
            {
                try
                {
                    final java.time.Instant instant = java.time.OffsetDateTime.parse(value).toInstant();
                    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
                }
                catch (final DateTimeParseException ex)
                {
                    throw new IllegalArgumentException(option + ": expected epoch ns or an ISO-8601 time with an "
                        + "offset, such as 2012-06-21T09:45:00-04:00: " + value);
                }
            }
        }

        FeedContext toContext(final List<Path> files)
        {
            if (!"skip".equals(onError) && !"stop".equals(onError))
            {
                throw new IllegalArgumentException("--on-error: expected skip or stop: " + onError);
            }
            final LocalDate tradingDate;
            try
            {
                tradingDate = null == date ? null : LocalDate.parse(date);
            }
            catch (final DateTimeParseException ex)
            {
                throw new IllegalArgumentException("--date: expected yyyy-mm-dd: " + date);
            }
            final org.agrona.collections.IntHashSet selected;
            if (null == instruments)
            {
                selected = null;
            }
            else
            {
                selected = new org.agrona.collections.IntHashSet();
                for (final int id : instruments)
                {
                    selected.add(id);
                }
            }
            return new FeedContext()
                .files(files)
                .fromNs(eventTime("--from", from, Long.MIN_VALUE))
                .toNs(eventTime("--to", to, Long.MAX_VALUE))
                .instruments(selected)
                .loops(loops)
                .format(format)
                .instrumentId(instrumentId)
                .symbol(symbol)
                .date(tradingDate)
                .sourceId(sourceId)
                .pacing(pacing())
                .stopOnError("stop".equals(onError))
                .listen(!noListen)
                .progress(!noProgress)
                .drainTimeoutMs(drainTimeoutMs);
        }
    }

    @Command(name = "feed", mixinStandardHelpOptions = true,
        description = "Replay recorded market data (Ringside recordings, ITCH 5.0, CSV, LOBSTER) into a running engine "
            + "over Aeron, "
            + "and measure end-to-end latency on its outputs.")
    static final class FeedCommand implements Callable<Integer>
    {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recorded files; several are merged by "
            + "event time, each its own source (ids from --source-id up) and, for LOBSTER, its own instrument (ids "
            + "from --instrument-id up).")
        List<Path> files;

        @Mixin
        FeedOptions options;

        @Option(names = "--aeron-dir", description = "The engine's media driver directory. Default: ${DEFAULT-VALUE}.")
        String aeronDir = EngineContext.defaultAeronDirectory();

        @Option(names = "--ingress-channel", defaultValue = "aeron:ipc", description = "Default: ${DEFAULT-VALUE}.")
        String ingressChannel;

        @Option(names = "--ingress-stream", defaultValue = "1001", description = "Default: ${DEFAULT-VALUE}.")
        int ingressStream;

        @Option(names = "--activity-channel",
            description = "Where activity files are published. Default: the ingress channel.")
        String activityChannel;

        @Option(names = "--activity-stream", defaultValue = "1004",
            description = "Stream activity files are published on. Default: ${DEFAULT-VALUE}.")
        int activityStream;

        @Option(names = "--egress-channel", defaultValue = "aeron:ipc", description = "Default: ${DEFAULT-VALUE}.")
        String egressChannel;

        @Option(names = "--alert-stream", defaultValue = "1002", description = "Default: ${DEFAULT-VALUE}.")
        int alertStream;

        @Option(names = "--order-stream", defaultValue = "1003", description = "Default: ${DEFAULT-VALUE}.")
        int orderStream;

        @Option(names = "--report-dir", defaultValue = "ringside-out",
            description = "Where the feed's counts and histograms go. Default: ${DEFAULT-VALUE}.")
        Path reportDir;

        public Integer call()
        {
            final FeedContext ctx = options.toContext(files)
                .aeronDirectoryName(aeronDir)
                .ingressChannel(ingressChannel)
                .ingressStreamId(ingressStream)
                .activityChannel(activityChannel)
                .activityStreamId(activityStream)
                .egressChannel(egressChannel)
                .alertStreamId(alertStream)
                .orderStreamId(orderStream)
                .reportDirectory(reportDir);
            final FeedResult result = new Feed(ctx, System.err).run();
            result.print(System.out);
            Feed.write(result, reportDir);
            System.out.println("counts and histograms written to " + reportDir);
            return result.engineCaughtUp() || !ctx.listen() ? EXIT_OK : EXIT_FAILED;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the percentile table of a run and write STAGE.hgrm files, summary.json and report.html "
            + "(charts, self-contained) into its directory; or, with --compare, compare two runs.")
    static final class ReportCommand implements Callable<Integer>
    {
        @Option(names = "--dir", defaultValue = "ringside-out",
            description = "The run directory (the engine's and feed's --report-dir). Default: ${DEFAULT-VALUE}.")
        Path dir;

        @Option(names = "--baseline", paramLabel = "DIR",
            description = "report.html also plots each stage against the same stage of the run in DIR.")
        Path baseline;

        @Option(names = "--compare", arity = "2", paramLabel = "DIR",
            description = "Compare run B (second DIR) with baseline run A (first DIR): percentiles side by side with "
                + "B/A; exit 3 when --percentile of a stage in both regressed by more than --max-ratio. Writes nothing.")
        List<Path> compare;

        @Option(names = "--percentile", defaultValue = "99.9",
            description = "With --compare: the percentile judged, 100 for the max. Default: ${DEFAULT-VALUE}.")
        double percentile;

        @Option(names = "--max-ratio", defaultValue = "1.2",
            description = "With --compare: the largest B/A allowed at --percentile. Default: ${DEFAULT-VALUE}.")
        double maxRatio;

        public Integer call()
        {
            if (null != compare)
            {
                final io.ringside.latency.report.RunComparison comparison =
                    io.ringside.latency.report.RunComparison.of(compare.get(0), compare.get(1), percentile, maxRatio);
                comparison.print(System.out);
                return comparison.exitStatus();
            }
            final Report report = Report.read(dir);
            report.print(System.out);
            final io.ringside.latency.report.HtmlReport html = new io.ringside.latency.report.HtmlReport(
                report, io.ringside.latency.report.ReportEnvironment.collect());
            if (null != baseline)
            {
                html.compareWithBaseline(io.ringside.latency.report.RunComparison.readRun(baseline, "--baseline"));
            }
            final Map<String, Path> written = report.write();
            final Path page = html.write();
            System.out.println();
            System.out.println("written: " + written.values());
            System.out.println("html report: " + page);
            return EXIT_OK;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Turn recorded market data in any format the feed reads into a Ringside recording (SBE frames "
            + "as the engine receives them), once, so later replays skip parsing. Takes the feed's selection options.")
    static final class ConvertCommand implements Callable<Integer>
    {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recorded files, merged by event time.")
        List<Path> files;

        @Option(names = "--out", required = true, description = "The recording to write.")
        Path out;

        @Mixin
        FeedOptions options;

        public Integer call()
        {
            final FeedContext ctx = options.toContext(files);
            final long written = io.ringside.latency.feed.Recordings.convert(ctx, out, System.err);
            System.out.println("wrote " + written + " frames to " + out);
            return EXIT_OK;
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
        description = "Capture a running engine's ingress stream into a Ringside recording until SIGINT or SIGTERM.")
    static final class RecordCommand implements Callable<Integer>
    {
        @Option(names = "--out", required = true, description = "The recording to write.")
        Path out;

        @Option(names = "--aeron-dir", description = "The engine's media driver directory. Default: ${DEFAULT-VALUE}.")
        String aeronDir = EngineContext.defaultAeronDirectory();

        @Option(names = "--ingress-channel", defaultValue = "aeron:ipc", description = "Default: ${DEFAULT-VALUE}.")
        String ingressChannel;

        @Option(names = "--ingress-stream", defaultValue = "1001", description = "Default: ${DEFAULT-VALUE}.")
        int ingressStream;

        public Integer call() throws InterruptedException
        {
            final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            final long[][] counts = new long[1][];
            final RuntimeException[] failure = new RuntimeException[1];
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
            {
                final Thread recorder = new Thread(() ->
                {
                    try
                    {
                        counts[0] = io.ringside.latency.feed.Recordings.record(
                            aeronDir, ingressChannel, ingressStream, out, stop::get);
                    }
                    catch (final RuntimeException ex)
                    {
                        failure[0] = ex;
                    }
                    finally
                    {
                        barrier.signal();
                    }
                }, "ringside-record");
                recorder.start();
                System.out.println("recording " + ingressChannel + " stream " + ingressStream + " to " + out
                    + "; SIGINT or SIGTERM stops it");
                barrier.await();
                stop.set(true);
                recorder.join();
                if (null != failure[0])
                {
                    throw failure[0];
                }
                // Inside the barrier: on a signal, the JVM exits as soon as the barrier closes.
                System.out.println("recorded " + counts[0][0] + " frames, refused " + counts[0][1]);
                System.out.flush();
            }
            return EXIT_OK;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
        description = "The latency harness: the engine at fixed rates on real order flow, side by side with raw Aeron "
            + "and with the same handlers behind ArrayBlockingQueues, then a throughput search. Prints one table per "
            + "rate and writes every run's histograms and report, bench-summary.json and one page for the lot, "
            + "bench.html.")
    static final class BenchCommand implements Callable<Integer>
    {
        @Option(names = "--rates", split = ",", defaultValue = "10000,100000",
            description = "Fixed rates, events/s. Default: ${DEFAULT-VALUE}.")
        List<Long> rates;

        @Option(names = "--warmup-s", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.")
        long warmupSeconds;

        @Option(names = "--measure-s", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
        long measureSeconds;

        @Option(names = "--profile", defaultValue = "shared", description = "shared or dedicated. "
            + "Default: ${DEFAULT-VALUE}.")
        String profile;

        @Option(names = "--in-process", description = "Run the engine in this process instead of its own.")
        boolean inProcess;

        @Option(names = "--data", description = "Market data to loop. Default: the bundled AAPL hour.")
        Path data;

        @Option(names = "--search-to", defaultValue = "1600000",
            description = "Throughput search: double the rate from --search-from up to this (0: no search). "
                + "Default: ${DEFAULT-VALUE}.")
        long searchTo;

        @Option(names = "--search-from", defaultValue = "100000", description = "Default: ${DEFAULT-VALUE}.")
        long searchFrom;

        @Option(names = "--search-p99-us", defaultValue = "10000",
            description = "Throughput search bound on p99 end to end, us. Default: ${DEFAULT-VALUE}.")
        double searchP99Micros;

        @Option(names = "--report-dir", defaultValue = "ringside-out/bench", description = "Default: ${DEFAULT-VALUE}.")
        Path reportDir;

        public Integer call()
        {
            new io.ringside.latency.bench.Bench(new io.ringside.latency.bench.BenchContext()
                .rates(rates)
                .warmupSeconds(warmupSeconds)
                .measureSeconds(measureSeconds)
                .profile(profile)
                .ownProcess(!inProcess)
                .data(null != data ? data : home().resolve(DemoCommand.BUNDLED_DATA))
                .searchStartRate(searchFrom)
                .searchMaxRate(searchTo)
                .searchP99BoundMicros(searchP99Micros)
                .reportDirectory(reportDir), System.out).run();
            return EXIT_OK;
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
        description = "The raw Aeron baseline: send every ingress frame straight back on the order stream, with no "
            + "engine, until SIGINT or SIGTERM. Takes the engine's options.")
    static final class EchoCommand implements Callable<Integer>
    {
        @Mixin
        EngineOptions options;

        public Integer call()
        {
            final EngineContext ctx = options.toContext().conclude();
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
                io.ringside.latency.bench.AeronEcho echo = new io.ringside.latency.bench.AeronEcho(ctx))
            {
                System.out.println("ringside echo running on " + ctx.aeronDirectoryName());
                System.out.flush();
                barrier.await();
            }
            return EXIT_OK;
        }
    }

    @Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Print the counters of a running engine (and its media driver) from the CnC file, like "
            + "Aeron's AeronStat: events in per type, rejected per reason, gaps, duplicates, alerts, orders, "
            + "back-pressure, ring capacity left.")
    static final class StatCommand implements Callable<Integer>
    {
        @Option(names = "--aeron-dir", description = "The engine's media driver directory. Default: ${DEFAULT-VALUE}.")
        String aeronDir = EngineContext.defaultAeronDirectory();

        @Option(names = "--interval-ms", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
        long intervalMs;

        @Option(names = "--once", description = "Print once and exit.")
        boolean once;

        @Option(names = "--all", description = "Also the media driver's own counters.")
        boolean all;

        public Integer call() throws InterruptedException
        {
            if (intervalMs < 1)
            {
                throw new IllegalArgumentException("--interval-ms: must be >= 1: " + intervalMs);
            }
            try (io.ringside.latency.report.CounterStat stat = new io.ringside.latency.report.CounterStat(aeronDir))
            {
                do
                {
                    stat.print(System.out, !all);
                    if (!once)
                    {
                        Thread.sleep(intervalMs);
                    }
                }
                while (!once);
            }
            return EXIT_OK;
        }
    }

    @Command(name = "jmh",
        description = "Run the JMH benchmarks; every argument goes to JMH as given (jmh -h for JMH's help, jmh -l "
            + "to list; for example: jmh HandlerChain -prof gc -rf json -rff jmh.json).")
    static final class JmhCommand implements Callable<Integer>
    {
        @Parameters(paramLabel = "JMH-ARGS", description = "Arguments for JMH.")
        String[] jmhArgs = new String[0];

        public Integer call()
        {
            return run(jmhArgs);
        }

        static int run(final String[] args)
        {
            try
            {
                org.openjdk.jmh.Main.main(args);
                return EXIT_OK;
            }
            catch (final Exception ex)
            {
                System.err.println("ringside jmh: error: " + ex.getMessage());
                return EXIT_FAILED;
            }
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the engine with an embedded media driver, feed it the bundled real AAPL data with the "
            + "scenario files planted in it, and print the summary and the latency report.")
    static final class DemoCommand implements Callable<Integer>
    {
        static final String BUNDLED_DATA = "latency-tests/data/AAPL_2012-06-21_34200000_37800000_message_50.csv";
        static final String SCENARIOS = "latency-tests/data/scenarios";
        static final String EXAMPLE_CONFIG = "docs/ringside.conf";

        @Option(names = "--data", description = "Market-data file. Default: the bundled AAPL hour ("
            + BUNDLED_DATA + ") with the scenario files of " + SCENARIOS + " and the configuration " + EXAMPLE_CONFIG
            + " (unless --config is given).")
        Path data;

        @Option(names = "--rate", defaultValue = "50000", description = "Events/s. Default: ${DEFAULT-VALUE}.")
        long rate;

        @Mixin
        EngineOptions options;

        public Integer call()
        {
            final Path file = null != data ? data : home().resolve(BUNDLED_DATA);
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException("--data: no such file: " + file);
            }
            final List<Path> files = new ArrayList<>(List.of(file));
            if (null == data)
            {
                try (java.util.stream.Stream<Path> scenarios = Files.list(home().resolve(SCENARIOS)))
                {
                    scenarios.filter((path) -> path.toString().endsWith(".csv")).sorted().forEach(files::add);
                }
                catch (final java.io.IOException ex)
                {
                    throw new IllegalArgumentException("demo: cannot list " + SCENARIOS + ": " + ex.getMessage());
                }
                if (null == options.config)
                {
                    options.config = home().resolve(EXAMPLE_CONFIG);
                }
            }
            if (options.externalDriver)
            {
                throw new IllegalArgumentException("--external-driver: the demo runs its own embedded driver");
            }
            // A directory of its own, so the demo never disturbs an engine already running on the default one.
            if (options.aeronDir.equals(EngineContext.defaultAeronDirectory()))
            {
                options.aeronDir = EngineContext.defaultAeronDirectory() + "-demo-" + ProcessHandle.current().pid();
            }
            final EngineContext engineCtx = options.toContext().conclude();
            final String aeronDir = engineCtx.aeronDirectoryName();
            final Path reportDir = engineCtx.reportDirectory();
            printConfiguration(System.out, engineCtx);
            System.out.println();

            final FeedResult feedResult;
            final EngineSummary summary;
            try (Engine engine = Engine.launch(engineCtx))
            {
                System.out.println("feeding " + files.stream().map((path) -> path.getFileName().toString()).toList()
                    + " at " + rate + " events/s");
                feedResult = new Feed(new FeedContext()
                    .files(files)
                    .aeronDirectoryName(aeronDir)
                    .pacing(Pacing.rate(rate))
                    .reportDirectory(reportDir), System.err).run();
                summary = engine.stop();
            }
            System.out.println();
            summary.print(System.out);
            summary.writeTo(reportDir);
            System.out.println();
            feedResult.print(System.out);
            Feed.write(feedResult, reportDir);
            System.out.println();

            final Report report = Report.read(reportDir);
            report.print(System.out);
            System.out.println();
            System.out.println("written: " + report.write().values());
            System.out.println("html report: " + new io.ringside.latency.report.HtmlReport(
                report, io.ringside.latency.report.ReportEnvironment.collect()).write());
            return feedResult.engineCaughtUp() ? EXIT_OK : EXIT_FAILED;
        }
    }

    // ---- durable log (issue 6): `driver` and `replay`
    @Command(name = "driver", mixinStandardHelpOptions = true,
        description = "Run a media driver and an Aeron Archive in their own process until SIGINT or SIGTERM, recording "
            + "the engine's ingress and egress streams from now on, so an engine (run with --external-driver "
            + "--durable) can die and restart without losing an event.")
    static final class DriverCommand implements Callable<Integer>
    {
        @Option(names = "--aeron-dir", description = "Media driver directory. Default: ${DEFAULT-VALUE}.")
        String aeronDir = EngineContext.defaultAeronDirectory();

        @Option(names = "--archive-dir", defaultValue = "ringside-archive",
            description = "Where recordings live; kept across runs. Default: ${DEFAULT-VALUE}.")
        String archiveDir;

        @Option(names = "--driver-threading", defaultValue = "SHARED", description = "SHARED or DEDICATED. "
            + "Default: ${DEFAULT-VALUE}.")
        io.aeron.driver.ThreadingMode threading;

        @Option(names = "--idle", defaultValue = "backoff", description = "Idle strategy of the driver's and the "
            + "archive's threads: backoff, busy-spin, yielding, sleeping. Default: ${DEFAULT-VALUE}.")
        String idle;

        @Option(names = "--term-length", defaultValue = "16777216", description = "Default: ${DEFAULT-VALUE}.")
        int termLength;

        @Option(names = "--segment-length", defaultValue = "134217728",
            description = "Recording segment file length; retention purges whole segments. Default: ${DEFAULT-VALUE}.")
        int segmentLength;

        @Option(names = "--low-storage-threshold", defaultValue = "134217728", description = "Bytes free in "
            + "--archive-dir below which the archive refuses new recordings and segments, with an error. "
            + "Default: ${DEFAULT-VALUE}.")
        long lowStorage;

        @Option(names = "--file-sync", defaultValue = "0", description = "0: page cache (survives a process crash); "
            + "1, 2: fsync data (and metadata). Default: ${DEFAULT-VALUE}.")
        int fileSync;

        @Option(names = "--client-timeout-ms", defaultValue = "5000", description = "How soon the driver declares "
            + "a killed engine dead and closes its streams; a restarted engine waits for that. Default: ${DEFAULT-VALUE}.")
        long clientTimeoutMs;

        @Option(names = "--ingress-channel", defaultValue = "aeron:ipc", description = "Default: ${DEFAULT-VALUE}.")
        String ingressChannel;

        @Option(names = "--ingress-stream", defaultValue = "1001", description = "Default: ${DEFAULT-VALUE}.")
        int ingressStream;

        @Option(names = "--egress-channel", defaultValue = "aeron:ipc", description = "Default: ${DEFAULT-VALUE}.")
        String egressChannel;

        @Option(names = "--alert-stream", defaultValue = "1002", description = "Default: ${DEFAULT-VALUE}.")
        int alertStream;

        @Option(names = "--order-stream", defaultValue = "1003", description = "Default: ${DEFAULT-VALUE}.")
        int orderStream;

        @Option(names = "--activity-channel", description = "Client activity's channel. Default: the ingress channel.")
        String activityChannel;

        @Option(names = "--activity-stream", defaultValue = "1004", description = "Default: ${DEFAULT-VALUE}.")
        int activityStream;

        @Option(names = "--retain-bytes", defaultValue = "0", description = "Keep at most about this many bytes of "
            + "each ingress recording, purging its oldest whole segments; 0 keeps everything. Default: ${DEFAULT-VALUE}.")
        long retainBytes;

        @Option(names = "--retain-hours", defaultValue = "0", description = "Purge ingress recordings that stopped "
            + "more than this many hours ago; 0 keeps everything. Default: ${DEFAULT-VALUE}.")
        long retainHours;

        @Option(names = "--retention-interval-s", defaultValue = "60", description = "How often retention runs. "
            + "Default: ${DEFAULT-VALUE}.")
        long retentionIntervalS;

        public Integer call()
        {
            // The engine's streams, as the engine itself lists them, so the driver records exactly what it reads.
            final EngineContext engineCtx = new EngineContext()
                .aeronDirectoryName(aeronDir)
                .embeddedDriver(false)
                .ingressChannel(ingressChannel)
                .ingressStreamId(ingressStream)
                .activityChannel(null == activityChannel ? ingressChannel : activityChannel)
                .activityStreamId(activityStream)
                .egressChannel(egressChannel)
                .alertStreamId(alertStream)
                .orderStreamId(orderStream)
                .conclude();
            final io.ringside.transport.ArchivingDriver.Context ctx = new io.ringside.transport.ArchivingDriver.Context()
                .aeronDirectoryName(aeronDir)
                .archiveDirectoryName(archiveDir)
                .threadingMode(threading)
                .idleStrategy(idle)
                .termBufferLength(termLength)
                .segmentFileLength(segmentLength)
                .lowStorageSpaceThreshold(lowStorage)
                .fileSyncLevel(fileSync)
                .clientLivenessTimeoutMs(clientTimeoutMs);
            // Every stream a durable engine's log is made of; retention trims the ingress side only.
            engineCtx.recordStreams(ctx, true);
            for (final io.ringside.transport.ArchivingDriver.Stream stream : engineCtx.ingressStreams())
            {
                ctx.retain(stream.channel(), stream.streamId());
            }
            if (engineCtx.ingressStreams().size() > 1)
            {
                ctx.retain(engineCtx.sequencedStream().channel(), engineCtx.sequencedStream().streamId());
            }
            ctx.retention(new io.ringside.transport.Retention(retainBytes,
                io.ringside.transport.Retention.hoursToMs(retainHours)), retentionIntervalS * 1000);
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
                io.ringside.transport.ArchivingDriver driver = io.ringside.transport.ArchivingDriver.launch(ctx))
            {
                System.out.println("ringside driver running on " + aeronDir + ", archive " + archiveDir
                    + "; recording " + ctx.recordedStreams() + "; SIGINT or SIGTERM stops it");
                System.out.flush();
                barrier.await();
            }
            System.out.println("ringside driver stopped");
            return EXIT_OK;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay the recorded ingress log into a chosen stream at a chosen pace: for a late consumer "
            + "that needs history, or an audit. Needs a running `ringside driver` (or engine with its archive).")
    static final class ReplayCommand implements Callable<Integer>
    {
        @Option(names = "--aeron-dir", description = "The driver's directory. Default: ${DEFAULT-VALUE}.")
        String aeronDir = EngineContext.defaultAeronDirectory();

        @Option(names = "--ingress-channel", defaultValue = "aeron:ipc", description = "The recorded stream. "
            + "Default: ${DEFAULT-VALUE}.")
        String ingressChannel;

        @Option(names = "--ingress-stream", defaultValue = "1001", description = "Default: ${DEFAULT-VALUE}.")
        int ingressStream;

        @Option(names = "--to-channel", defaultValue = "aeron:ipc", description = "Where to replay. "
            + "Default: ${DEFAULT-VALUE}.")
        String toChannel;

        @Option(names = "--to-stream", defaultValue = "2001", description = "Default: ${DEFAULT-VALUE}.")
        int toStream;

        @Option(names = "--from-recording", defaultValue = "-1",
            description = "Start at this recording id; -1: the oldest. Default: ${DEFAULT-VALUE}.")
        long fromRecording;

        @Option(names = "--from-position", defaultValue = "0", description = "Start at this position of the first "
            + "recording (a frame boundary). Default: ${DEFAULT-VALUE}.")
        long fromPosition;

        @Option(names = "--from-time", description = "Skip events before this event time: epoch ns, or ISO-8601 "
            + "with an offset.")
        String fromTime;

        @Option(names = "--rate", defaultValue = "0",
            description = "Events/s; 0: as fast as the consumer takes them. Default: ${DEFAULT-VALUE}.")
        long rate;

        @Option(names = "--connect-timeout-ms", defaultValue = "10000",
            description = "How long to wait for a consumer on --to-stream. Default: ${DEFAULT-VALUE}.")
        long connectTimeoutMs;

        public Integer call()
        {
            final io.ringside.transport.LogReplay.Result result = new io.ringside.transport.LogReplay(
                new io.ringside.transport.LogReplay.Context()
                    .aeronDirectoryName(aeronDir)
                    .ingress(ingressChannel, ingressStream)
                    .to(toChannel, toStream)
                    .fromRecordingId(fromRecording)
                    .fromPosition(fromPosition)
                    .fromEventTimeNs(FeedOptions.eventTime("--from-time", fromTime, Long.MIN_VALUE))
                    .rate(rate)
                    .connectTimeoutMs(connectTimeoutMs)).run();
            result.print(System.out);
            return EXIT_OK;
        }
    }

    @Command(name = "recovery-bench", mixinStandardHelpOptions = true,
        description = "Recovery speed: record N events with no engine running, then time a durable engine replaying "
            + "them all into its handlers (no snapshot), and one starting from a snapshot --snapshot-tail events "
            + "before the end.")
    static final class RecoveryBenchCommand implements Callable<Integer>
    {
        @Option(names = "--events", defaultValue = "1000000", description = "Default: ${DEFAULT-VALUE}.")
        long events;

        @Option(names = "--snapshot-tail", defaultValue = "10000",
            description = "Events after the snapshot the second recovery starts from. Default: ${DEFAULT-VALUE}.")
        long snapshotTail;

        @Option(names = "--dir", description = "Scratch directory for the driver and the archive (deleted after). "
            + "Default: a new one under java.io.tmpdir.")
        Path dir;

        public Integer call() throws java.io.IOException
        {
            final Path scratch = null != dir ? dir : Files.createTempDirectory("ringside-recovery-bench");
            io.ringside.latency.bench.RecoveryBench.run(
                home().resolve(DemoCommand.BUNDLED_DATA), events, snapshotTail, scratch, System.out);
            return EXIT_OK;
        }
    }
    // ---- end durable log
}
