package io.ringside.engine.snapshot;

import io.aeron.archive.client.AeronArchive;
import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.SnapshotHeaderDecoder;
import io.ringside.engine.config.RuntimeSettings;
import io.ringside.engine.durable.RecordedIngress;
import io.ringside.engine.pipeline.EgressStage;
import io.ringside.engine.pipeline.InstrumentAdmission;
import io.ringside.engine.pipeline.Sources;
import io.ringside.strategies.StateMessages;
import io.ringside.strategies.surveillance.Surveillance;
import io.ringside.strategies.surveillance.SurveillanceConfig;
import io.ringside.strategies.trading.Trading;
import io.ringside.strategies.trading.TradingConfig;
import io.ringside.transport.ArchivingDriver;
import io.ringside.transport.RecordingLog;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * At the start of a durable engine: the newest snapshot in the snapshot directory that is whole, of a schema version
 * this engine reads, of the recordings this archive holds, and restores into handlers of this configuration. Each
 * file refused is counted ({@code snapshots.refused}), renamed aside to {@code <name>.refused} (kept for inspection,
 * never loaded again nor counted by retention, so it cannot outrank the snapshots the engine writes from now on),
 * named with its reason on stderr, and the next older one tried; with none left the engine replays the log from its
 * start, as without snapshots.
 */
public final class SnapshotLoader
{
    private final Path directory;
    private final List<ArchivingDriver.Stream> logStreams;
    private final int maxInstruments;
    private final SurveillanceConfig surveillanceConfig;
    private final TradingConfig tradingConfig;
    /** A snapshot's settings went into the configuration: one refused after that cannot hand a clean one on. */
    private boolean configChanged;

    /**
     * Snapshots in {@code directory} for an engine reading {@code logStreams}, holding at most {@code maxInstruments},
     * whose handlers run with these configurations.
     */
    /** The snapshot schema version that added the admitted instruments to the header. */
    static final int ADMITTED_SET_VERSION = 3;

    public SnapshotLoader(
        final Path directory,
        final List<ArchivingDriver.Stream> logStreams,
        final int maxInstruments,
        final SurveillanceConfig surveillanceConfig,
        final TradingConfig tradingConfig)
    {
        this.directory = directory;
        this.logStreams = logStreams;
        this.maxInstruments = maxInstruments;
        this.surveillanceConfig = surveillanceConfig;
        this.tradingConfig = tradingConfig;
    }

    /** A snapshot restored into fresh handlers; the rest of its state goes in with {@link #apply}. */
    public static final class Loaded
    {
        private final Path file;
        private final Surveillance surveillance;
        private final Trading trading;
        private final SnapshotHeaderDecoder header;
        private final Map<RuntimeSettings.Owner, Map<String, String>> settings;

        Loaded(
            final Path file,
            final Surveillance surveillance,
            final Trading trading,
            final SnapshotHeaderDecoder header,
            final Map<RuntimeSettings.Owner, Map<String, String>> settings)
        {
            this.file = file;
            this.surveillance = surveillance;
            this.trading = trading;
            this.header = header;
            this.settings = settings;
        }

        /**
         * The keys a handler had applied by SET when the snapshot was taken, applied again to the configuration before
         * the handlers were made: its {@link RuntimeSettings} keeps them for the snapshots taken from now on.
         */
        public Map<String, String> settings(final RuntimeSettings.Owner owner)
        {
            return settings.get(owner);
        }

        Path file()
        {
            return file;
        }

        public Surveillance surveillance()
        {
            return surveillance;
        }

        public Trading trading()
        {
            return trading;
        }

        /**
         * Before the ring starts: replay from the snapshot's positions, sources and outputs as it had them.
         *
         * @return the snapshot's event count, from which the engine counts on.
         */
        public long apply(
            final RecordedIngress ingress,
            final Sources sources,
            final InstrumentAdmission instruments,
            final EgressStage egress)
        {
            header.sbeRewind();
            final long eventCount = header.eventCount();
            egress.restore(header.alertSequence(), header.orderSequence(), header.outputDigest());
            int index = 0;
            for (final SnapshotHeaderDecoder.PositionsDecoder position : header.positions())
            {
                if (position.recordingId() >= 0)
                {
                    ingress.resumeAt(index, position.recordingId(), position.recordingStartTimestamp(),
                        position.position());
                }
                index++;
            }
            sources.restore(header.sources());
            if (header.actingVersion() >= ADMITTED_SET_VERSION)
            {
                instruments.restore(header.instruments());
            }
            else
            {
                instruments.restore(surveillance, (instrumentId) -> null != trading.symbol(instrumentId));
            }
            // What a source limited to some symbols may send follows from the definitions taken: taken again here.
            instruments.forEachDefined((instrumentId) ->
            {
                final String symbol = trading.symbol(instrumentId);
                if (null != symbol)
                {
                    sources.defined(instrumentId, symbol);
                }
            });
            return eventCount;
        }
    }

    public Loaded loadLatest(
        final AeronArchive archive,
        final long lastAlertSequence,
        final long lastOrderSequence,
        final Consumer<String> onRefused)
    {
        final List<Path> files;
        try
        {
            SnapshotFiles.deleteUnfinished(directory);
            files = SnapshotFiles.list(directory);
        }
        catch (final IOException ex)
        {
            System.err.println("snapshot-dir: cannot list " + directory + " (" + ex
                + "); replaying the log from its start");
            return null;
        }
        final List<String> refused = new ArrayList<>();
        for (final Path file : files)
        {
            try
            {
                return load(archive, file, lastAlertSequence, lastOrderSequence);
            }
            // An Error too, for those a file can cause (a heap too small for what it holds, nesting too deep): not
            // refused, the file would stop every restart the same way.
            catch (final IOException | RuntimeException | OutOfMemoryError | StackOverflowError ex)
            {
                final boolean configChangedByIt = configChanged;
                configChanged = false;
                refused.add(file.toString());
                String aside;
                try
                {
                    aside = "renamed to " + SnapshotFiles.setAside(file).getFileName();
                }
                catch (final IOException | RuntimeException renameFailure)
                {
                    aside = "cannot rename it aside (" + renameFailure + ")";
                }
                if (configChangedByIt)
                {
                    // Its settings are in the configuration now: neither an older snapshot nor the whole log would
                    // run as the engine did. Set aside, it is not tried again; a new start begins afresh.
                    throw new IllegalStateException("snapshot-dir: refused " + file + " after applying the settings "
                        + "it carries: " + (ex instanceof Error ? ex : ex.getMessage()) + "; " + aside + "; start the "
                        + "engine again to load the one before", ex);
                }
                onRefused.accept("snapshot-dir: refused " + file + ": " + (ex instanceof Error ? ex : ex.getMessage())
                    + "; " + aside + "; "
                    + (refused.size() < files.size() ? "trying the one before" : "replaying the log from its start"));
            }
        }
        return null;
    }

    Loaded load(
        final AeronArchive archive,
        final Path file,
        final long lastAlertSequence,
        final long lastOrderSequence) throws IOException
    {
        return decode(archive, file, SnapshotFiles.readVerified(file), lastAlertSequence, lastOrderSequence);
    }

    /**
     * A snapshot held whole in memory (a cluster's, read from its snapshot recording), restored as a file's contents
     * would be; its positions are not checked against any archive.
     *
     * @throws IllegalStateException saying what is wrong with it.
     */
    public Loaded load(final UnsafeBuffer buffer)
    {
        return decode(null, null, buffer, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    private Loaded decode(
        final AeronArchive archive,
        final Path file,
        final UnsafeBuffer buffer,
        final long lastAlertSequence,
        final long lastOrderSequence)
    {
        final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
        final int body = StateMessages.expect(
            messageHeader, buffer, 0, buffer.capacity(), SnapshotHeaderDecoder.TEMPLATE_ID, "SnapshotHeader");
        final SnapshotHeaderDecoder header = new SnapshotHeaderDecoder().wrap(
            buffer, body, messageHeader.blockLength(), messageHeader.version());
        if (header.alertSequence() > lastAlertSequence || header.orderSequence() > lastOrderSequence)
        {
            throw new IllegalStateException("it counts " + header.alertSequence() + " alerts and "
                + header.orderSequence() + " orders, but the egress recordings end at " + lastAlertSequence + " and "
                + lastOrderSequence + " (a snapshot of another archive?)");
        }
        final SnapshotHeaderDecoder.PositionsDecoder positions = header.positions();
        if (positions.count() != logStreams.size())
        {
            throw new IllegalStateException("it follows " + positions.count() + " ingress streams, this engine "
                + logStreams.size());
        }
        for (final ArchivingDriver.Stream stream : logStreams)
        {
            positions.next();
            if (positions.streamId() != stream.streamId())
            {
                throw new IllegalStateException("it follows stream " + positions.streamId() + " where this engine "
                    + "follows " + stream.streamId());
            }
            if (positions.recordingId() >= 0 && null != archive) // no archive: a test of the file alone
            {
                checkRecording(archive, stream, positions);
            }
        }
        final SnapshotHeaderDecoder.SourcesDecoder sources = header.sources(); // apply() reads them again
        while (sources.hasNext())
        {
            sources.next();
        }
        final SnapshotHeaderDecoder.InstrumentsDecoder instruments = header.instruments();
        if (instruments.count() > maxInstruments)
        {
            throw new IllegalStateException("it holds " + instruments.count() +
                " instruments, more than max-instruments " + maxInstruments);
        }
        while (instruments.hasNext())
        {
            instruments.next();
        }
        final EnumMap<RuntimeSettings.Owner, Map<String, String>> settings = AppliedSettings.decode(header);
        final int surveillanceStart = header.limit();
        if (settings.values().stream().anyMatch((owned) -> !owned.isEmpty()))
        {
            // Before the handlers are made: they restore into the configuration as it was when the snapshot was taken.
            configChanged = true;
            AppliedSettings.apply(settings, surveillanceConfig, tradingConfig);
        }
        final Surveillance surveillance = new Surveillance(surveillanceConfig, tradingConfig.books());
        final int tradingStart = surveillance.restoreState(buffer, surveillanceStart, buffer.capacity());
        final Trading trading = new Trading(tradingConfig);
        final int end = trading.restoreState(buffer, tradingStart, buffer.capacity());
        if (end != buffer.capacity())
        {
            throw new IllegalStateException((buffer.capacity() - end) + " bytes after the trading state");
        }
        trading.reserveConfiguredBooks(surveillance.books());
        return new Loaded(file, surveillance, trading, header, settings);
    }

    private static void checkRecording(
        final AeronArchive archive,
        final ArchivingDriver.Stream stream,
        final SnapshotHeaderDecoder.PositionsDecoder position)
    {
        final List<RecordingLog.Recording> recordings =
            RecordingLog.list(archive, stream.channel(), stream.streamId(), position.recordingId());
        if (recordings.isEmpty() || recordings.get(0).recordingId() != position.recordingId() ||
            recordings.get(0).startTimestamp() != position.recordingStartTimestamp())
        {
            throw new IllegalStateException("recording " + position.recordingId() + " of stream " + stream.streamId()
                + " (started at " + position.recordingStartTimestamp() + ") is not in the archive");
        }
        final RecordingLog.Recording recording = recordings.get(0);
        final long end = RecordingLog.recordedPosition(archive, recording);
        if (position.position() < recording.startPosition() || position.position() > end)
        {
            throw new IllegalStateException("position " + position.position() + " is outside recording "
                + recording.recordingId() + " (" + recording.startPosition() + " to " + end + "; purged?)");
        }
    }
}
