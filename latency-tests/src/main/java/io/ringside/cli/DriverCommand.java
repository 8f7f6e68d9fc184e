package io.ringside.cli;

import io.ringside.engine.EngineContext;
import io.ringside.engine.EngineDrivers;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.FailureLatch;
import io.ringside.transport.Retention;
import io.ringside.transport.WildcardEndpoints;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ringside driver}: the media driver and archive durable engines come and go on. */
@Command(name = "driver", mixinStandardHelpOptions = true,
    description = "Run a media driver and an Aeron Archive in their own process until SIGINT or SIGTERM, recording "
        + "the engine's ingress and egress streams from now on, so an engine (run with --external-driver "
        + "--durable) can die and restart without losing an event.")
final class DriverCommand implements Callable<Integer>
{
    /** Closing waits for the retention thread (10 s at most) and the archive: more than that is stuck. */
    static final long STOP_TIMEOUT_MS = 15_000;

    @Mixin
    AeronDirOption aeron;

    @Option(names = "--archive-dir", paramLabel = "DIR", defaultValue = EngineDrivers.DEFAULT_ARCHIVE_DIRECTORY,
        description = "Where recordings live; kept across runs. Default: ${DEFAULT-VALUE}.")
    String archiveDir;

    @Mixin
    DriverOptions driver;

    @Mixin
    EngineStreams streams;

    @Option(names = "--segment-length", paramLabel = "SIZE", converter = Units.IntSize.class,
        description = "Recording segment file length (128m); retention purges whole segments. "
            + "Default: ${DEFAULT-VALUE}.")
    int segmentLength = EngineDrivers.DEFAULT_SEGMENT_FILE_LENGTH;

    @Option(names = "--low-storage-threshold", paramLabel = "SIZE", converter = Units.Size.class,
        description = "Space free in --archive-dir below which the archive refuses new recordings and segments, with "
            + "an error (128m). Default: ${DEFAULT-VALUE}.")
    long lowStorage = EngineDrivers.DEFAULT_LOW_STORAGE_SPACE_THRESHOLD;

    @Option(names = "--file-sync", paramLabel = "LEVEL", defaultValue = "0", description = "0: page cache (survives "
        + "a process crash); 1, 2: fsync data (and metadata). Default: ${DEFAULT-VALUE}.")
    int fileSync;

    @Option(names = "--client-timeout", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = EngineDrivers.DEFAULT_CLIENT_LIVENESS_TIMEOUT_MS + "ms", description = "How soon the driver "
        + "declares a killed engine dead and closes its streams; a restarted engine waits for that. "
        + "Default: ${DEFAULT-VALUE}.")
    long clientTimeoutNs;

    @Option(names = "--retain-bytes", paramLabel = "SIZE", converter = Units.Size.class, defaultValue = "0",
        description = "Keep at most about this much of each recording of the log (4g), purging its oldest whole "
            + "segments; 0 keeps everything. Default: ${DEFAULT-VALUE}.")
    long retainBytes;

    @Option(names = "--retain-hours", paramLabel = "HOURS", defaultValue = "0", description = "Purge recordings "
        + "of the log that stopped more than this many hours ago; 0 keeps everything. Default: ${DEFAULT-VALUE}.")
    long retainHours;

    @Option(names = "--retention-interval", paramLabel = "DURATION", converter = Units.Duration.class,
        defaultValue = EngineDrivers.DEFAULT_RETENTION_INTERVAL_MS + "ms",
        description = "How often retention runs (60s). Default: ${DEFAULT-VALUE}.")
    long retentionIntervalNs;

    public Integer call()
    {
        // The engine's streams, as the engine itself lists them, so the driver records exactly what it reads.
        final EngineContext engineCtx = new EngineContext()
            .aeronDirectoryName(aeron.aeronDir)
            .embeddedDriver(false);
        driver.applyTo(engineCtx);
        streams.applyTo(engineCtx).conclude();
        final ArchivingDriver.Context ctx = EngineDrivers.standalone(engineCtx, archiveDir)
            .segmentFileLength(segmentLength)
            .lowStorageSpaceThreshold(lowStorage)
            .fileSyncLevel(fileSync)
            .clientLivenessTimeoutMs(TimeUnit.NANOSECONDS.toMillis(clientTimeoutNs))
            .retention(new Retention(retainBytes, Retention.hoursToMs(retainHours)),
                TimeUnit.NANOSECONDS.toMillis(retentionIntervalNs));
        final FailureLatch failures = new FailureLatch("ringside driver", System.err);
        ctx.failures(failures);
        // The barrier closes last: a signal's shutdown waits for the driver to have stopped.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            WildcardEndpoints.warn("ringside driver", ctx.recordedStreams(), System.err);
            final ArchivingDriver archivingDriver = ArchivingDriver.launch(ctx);
            failures.onFailure(barrier::signal);
            System.out.println("ringside driver running on " + aeron.aeronDir + ", archive " + archiveDir
                + "; recording " + ctx.recordedStreams() + "; SIGINT or SIGTERM stops it");
            System.out.flush();
            barrier.await();
            try (StopDeadline deadline = StopDeadline.start("ringside driver", STOP_TIMEOUT_MS, System.err))
            {
                archivingDriver.close();
            }
            // Before the barrier closes: on a signal, the JVM exits as soon as it has.
            System.out.println(failures.hasFailed() ? "ringside driver stopped: " + failures.reason() :
                "ringside driver stopped");
            System.out.flush();
        }
        return failures.hasFailed() ? Ringside.EXIT_FAILED : Ringside.EXIT_OK;
    }
}
