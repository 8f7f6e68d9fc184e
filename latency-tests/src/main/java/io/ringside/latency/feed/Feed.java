package io.ringside.latency.feed;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.EnvelopeEncoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import io.ringside.engine.metrics.EngineCounters;
import io.ringside.engine.metrics.EngineSummary;
import io.ringside.engine.metrics.LatencyLog;
import io.ringside.engine.metrics.StageLatency;
import io.ringside.engine.metrics.Stages;
import io.ringside.transport.CountersMapping;
import io.ringside.transport.FailureLatch;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Replays a recorded market-data file into the engine over Aeron, paced as asked, and listens to the engine's
 * outputs to measure end-to-end latency. Every file, client activity included, is merged by event time and sent on
 * the ingress stream, so the engine takes the replay in one order, the same every run; client activity goes on the
 * activity stream instead only when {@link FeedContext#activityStream(boolean)} asks for it. Each frame's envelope is stamped as it goes out:
 * per-source sequence from 1, the intended send time from the pacing schedule, and the actual send time.
 */
public final class Feed
{
    public static final String COUNTS_FILE = "feed.properties";
    public static final String HISTOGRAM_FILE = "feed.hlog";
    /** The feed's interval log, written while it runs: end to end and pacing error, one histogram each per second. */
    public static final String INTERVALS_FILE = "feed-intervals.hlog";

    private static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final FeedContext ctx;
    private final PrintStream err;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final Map<String, Long> readErrorsByKind = new LinkedHashMap<>();
    private long lastEventTime = Long.MIN_VALUE;
    private long engineCaughtUpNs;
    private FeedRefusals refusals = FeedRefusals.NONE;
    private final FailureLatch failures;
    private String stopReason;

    public Feed(final FeedContext ctx, final PrintStream err)
    {
        this.ctx = ctx.conclude();
        this.err = err;
        this.failures = new FailureLatch("ringside feed", err);
    }

    /** The files as one merged, selected, looped stream; each file is checked and opened here, up front. */
    ReplayMerge open(final ReadErrorHandler errorHandler)
    {
        return merge(ctx, errorHandler);
    }

    static ReplayMerge merge(final FeedContext ctx, final ReadErrorHandler errorHandler)
    {
        final List<Path> files = ctx.files();
        final String[] formats = new String[files.size()];
        int marketFiles = 0;
        for (int i = 0; i < files.size(); i++)
        {
            formats[i] = RecordedFormats.detect(files.get(i), ctx.format());
            marketFiles += RecordedFormats.ACTIVITY.equals(formats[i]) ? 0 : 1;
        }
        final List<Supplier<RecordedEventReader>> readers = new ArrayList<>();
        // The same files, read quietly: looking for definitions must not report a bad record a second time.
        final List<Supplier<RecordedEventReader>> quietReaders = new ArrayList<>();
        final boolean[] keepsEnvelope = new boolean[files.size()];
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final String format = formats[i];
            keepsEnvelope[i] = RecordedFormats.RECORDING.equals(format);
            final int instrumentId = ctx.instrumentId() + i;
            final String symbol = marketFiles == 1 ? ctx.symbol() : null;
            readers.add(() -> RecordedFormats.open(
                file, format, instrumentId, symbol, ctx.date(), errorHandler, ctx.maxTimeSkewNs()));
            quietReaders.add(() -> RecordedFormats.open(
                file, format, instrumentId, symbol, ctx.date(), (kind, location, problem) -> true, ctx.maxTimeSkewNs()));
        }
        if (marketFiles < files.size())
        {
            final ActivityInstruments instruments = ActivityInstruments.find(ctx, files, formats, quietReaders);
            for (int i = 0; i < files.size(); i++)
            {
                if (RecordedFormats.ACTIVITY.equals(formats[i]))
                {
                    final Path file = files.get(i);
                    readers.set(i, () -> RecordedFormats.openActivity(
                        file, instruments.ids(), instruments.priceScales(), errorHandler, ctx.maxTimeSkewNs()));
                }
            }
        }
        return new ReplayMerge(
            readers, keepsEnvelope, ctx.sourceId(), ctx.fromNs(), ctx.toNs(), ctx.instruments(), ctx.loops(),
            ctx.eventTimeNotBeforeNs());
    }

    /**
     * The event time of the last event {@link #run} sent (Long.MIN_VALUE before it has sent one): a later feed given
     * it as {@link FeedContext#eventTimeNotBeforeNs} continues this one's event time.
     */
    public long lastEventTime()
    {
        return lastEventTime;
    }

    /**
     * From the first event {@link #run} sent to the engine having accounted for the last (0 when it did not within the
     * drain timeout): at {@link Pacing#max()}, the engine's throughput is the events sent over this, which the send
     * time alone would overstate by whatever was still queued for the engine when the feed sent its last event.
     */
    public long engineCaughtUpNs()
    {
        return engineCaughtUpNs;
    }

    /** The events of this feed's sources that {@link #run} saw the engine refuse, as its dead letters said. */
    public FeedRefusals refusals()
    {
        return refusals;
    }

    /**
     * Why {@link #run} stopped before the end of its files (its driver gone, the stream back-pressured past the
     * timeout); null when it sent everything. What it had sent is in its result.
     */
    public String stopReason()
    {
        return stopReason;
    }

    public FeedResult run()
    {
        final ReadErrorHandler onReadError = (kind, location, problem) ->
        {
            readErrorsByKind.merge(kind, 1L, Long::sum);
            err.println("feed: " + kind + " at " + location + ": " + problem + (ctx.stopOnError() ? "; stopping" : "; skipped"));
            return !ctx.stopOnError();
        };

        // The file first: a file this feed cannot read is the user's to fix whether or not an engine is running.
        final ReplayMerge reader = open(onReadError);
        final Aeron aeron;
        try
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(ctx.aeronDirectoryName())
                .errorHandler(failures.aeronClientErrors(ctx.aeronDirectoryName()))
                .driverTimeoutMs(ctx.driverTimeoutMs()));
        }
        catch (final DriverTimeoutException | IllegalStateException ex)
        {
            CloseHelper.quietClose(reader);
            throw new IllegalStateException("--aeron-dir: no media driver at " + ctx.aeronDirectoryName()
                + "; is the engine running? (" + ex.getMessage() + ")", ex);
        }

        EgressListener listener = null;
        AgentRunner listenerRunner = null;
        DeadLetterListener deadLetters = null;
        AgentRunner deadLetterRunner = null;
        // The engine's counters are read through a mapping of the feed's own: its client unmaps its mapping when the
        // driver stops answering, which may be while the feed waits for the engine.
        final CountersMapping counters;
        try
        {
            counters = new CountersMapping(aeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(reader, aeron);
            throw ex;
        }
        final CountersMapping engineCounters;
        try
        {
            engineCounters = null == ctx.engineAeronDirectoryName() ? counters : new CountersMapping(
                new CommonContext().aeronDirectoryName(ctx.engineAeronDirectoryName()).conclude().cncFile());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(reader, aeron, counters);
            throw ex;
        }
        try (reader)
        {
            final ExclusivePublication publication =
                aeron.addExclusivePublication(ctx.ingressChannel(), ctx.ingressStreamId());
            // Client activity on its own stream only when asked: two streams have no order between them, so the
            // engine would take activity and market data in an order that varies run to run. Both publications are
            // written by this thread alone.
            final ExclusivePublication activityPublication = ctx.activityStream() && hasActivity() ?
                aeron.addExclusivePublication(ctx.activityChannel(), ctx.activityStreamId()) : null;
            if (ctx.listen())
            {
                listener = new EgressListener(
                    aeron, ctx.egressChannel(), ctx.alertStreamId(), ctx.orderStreamId(), clock, ctx.tap());
                // The listener is the measuring instrument. While the feed sends, the sending thread polls it as it
                // waits for each send time, so an output is read within microseconds of going onto its stream,
                // whether outputs are dense (an echo) or sparse (an engine: an order every few events), and the feed
                // is one busy thread, not two, on a small machine. Once sending ends, a thread of its own takes over
                // until the engine has caught up: its parks the shortest the OS gives (about 50 us here).
                listenerRunner = new AgentRunner(
                    new BackoffIdleStrategy(100, 10, 1_000, 1_000), Throwable::printStackTrace, null, listener);
            }
            // Dead letters are few: a thread that sleeps between them, always on, answers whether the engine took
            // the feed's events even when the feed does not listen to alerts and orders.
            deadLetters = new DeadLetterListener(aeron, ctx.egressChannel(), ctx.deadLetterStreamId());
            deadLetterRunner = new AgentRunner(
                new BackoffIdleStrategy(1, 1, 1_000, 1_000_000), Throwable::printStackTrace, null, deadLetters);
            AgentRunner.startOnThread(deadLetterRunner);
            awaitConnected(publication, listener);
            deadLetters.awaitConnected(counters.reader(), ctx.connectTimeoutMs(),
                ctx.egressChannel() + " stream " + ctx.deadLetterStreamId());
            final long deadLetterBaseline = DeadLetterListener.published(counters.reader());
            final long notPublishedBaseline = DeadLetterListener.notPublished(counters.reader());
            if (null != activityPublication)
            {
                awaitConnected(activityPublication, "--activity-channel", ctx.activityChannel(),
                    ctx.activityStreamId());
            }

            final long[] engineCounterIds = EngineAccounting.counterIds(engineCounters.reader());
            final long engineBaseline = EngineAccounting.accounted(engineCounters.reader(), engineCounterIds);

            // The stages go into an interval log while the feed runs, so a warm-up can be told from the rest; end to
            // end first, the log's untagged stage.
            final StageLatency pacingError = new StageLatency(Stages.PACING_ERROR);
            final StageLatency endToEnd = null != listener ? listener.endToEnd() : new StageLatency(Stages.END_TO_END);
            final LatencyLog intervals = new LatencyLog(null != listener ?
                List.of(endToEnd, listener.published(), listener.delivery(), pacingError) :
                List.of(endToEnd, pacingError), ctx.reportDirectory().resolve(INTERVALS_FILE), 1000);
            final Sent sent;
            try
            {
                try
                {
                    sent = send(reader, publication, activityPublication, pacingError, listener);
                }
                finally
                {
                    if (null != listenerRunner)
                    {
                        AgentRunner.startOnThread(listenerRunner);
                    }
                }
                lastEventTime = reader.lastEventTime();
            }
            catch (final RuntimeException ex)
            {
                CloseHelper.quietClose(intervals);
                throw ex;
            }

            final boolean engineCaughtUp =
                null == stopReason &&
                engineCounterIds[0] >= 0 && // not a Ringside engine on this driver: nothing to wait for
                awaitEngine(engineCounters.reader(), engineBaseline + sent.frames, listener, sent.startNs);

            if (engineCaughtUp)
            {
                deadLetters.settle(counters.reader(), deadLetterBaseline, ctx.settleMs());
            }
            CloseHelper.close(deadLetterRunner);
            refusals = FeedRefusals.of(deadLetters, reader.sourceIds(),
                Math.max(0, DeadLetterListener.notPublished(counters.reader()) - notPublishedBaseline));
            if (null != listenerRunner)
            {
                CloseHelper.close(listenerRunner);
            }
            intervals.close();
            final Map<String, Histogram> histograms = new LinkedHashMap<>();
            histograms.put(Stages.END_TO_END, endToEnd.total().copy());
            if (null != listener && listener.published().total().getTotalCount() > 0)
            {
                histograms.put(Stages.PUBLISHED, listener.published().total().copy());
                histograms.put(Stages.DELIVERY, listener.delivery().total().copy());
            }
            histograms.put(Stages.PACING_ERROR, pacingError.total().copy());

            return new FeedResult(
                ctx.pacing(),
                sent.frames,
                reader.readErrors(),
                new LinkedHashMap<>(readErrorsByKind),
                sent.elapsedNs,
                sent.backPressure,
                null != listener ? listener.alerts() : -1,
                null != listener ? listener.orders() : -1,
                null != listener ? listener.sequenceErrors() : 0,
                engineCaughtUp,
                histograms);
        }
        finally
        {
            CloseHelper.quietClose(listenerRunner);
            CloseHelper.quietClose(listener);
            CloseHelper.quietClose(deadLetterRunner);
            CloseHelper.quietClose(deadLetters);
            CloseHelper.quietClose(aeron);
            CloseHelper.quietClose(counters);
            CloseHelper.quietClose(engineCounters);
        }
    }

    private void awaitConnected(final ExclusivePublication publication, final EgressListener listener)
    {
        final long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.connectTimeoutMs());
        while (!publication.isConnected() || (null != listener && !listener.isConnected()))
        {
            if (clock.nanoTime() > deadline)
            {
                throw new IllegalStateException(!publication.isConnected() ?
                    "--ingress-channel: no engine subscribed to " + ctx.ingressChannel() + " stream "
                        + ctx.ingressStreamId() + " within " + ctx.connectTimeoutMs() + " ms; is the engine running on "
                        + ctx.aeronDirectoryName() + "?" :
                    "--egress-channel: the engine publishes no alerts/orders on " + ctx.egressChannel() + " streams "
                        + ctx.alertStreamId() + "/" + ctx.orderStreamId() + " (or run the feed with --no-listen)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private boolean hasActivity()
    {
        for (final Path file : ctx.files())
        {
            if (RecordedFormats.ACTIVITY.equals(RecordedFormats.detect(file, ctx.format())))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean isActivity(final UnsafeBuffer frame)
    {
        final int templateId =
            frame.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        return templateId == ClientNewOrderDecoder.TEMPLATE_ID || templateId == ClientCancelDecoder.TEMPLATE_ID ||
            templateId == ClientExecutionDecoder.TEMPLATE_ID;
    }

    private void awaitConnected(
        final ExclusivePublication publication, final String setting, final String channel, final int streamId)
    {
        final long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.connectTimeoutMs());
        while (!publication.isConnected())
        {
            if (clock.nanoTime() > deadline)
            {
                throw new IllegalStateException(setting + ": no engine subscribed to " + channel + " stream " +
                    streamId + " within " + ctx.connectTimeoutMs() + " ms; does the engine take client activity there?");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static final class Sent
    {
        long startNs;
        long frames;
        long elapsedNs;
        long backPressure;
    }

    private Sent send(
        final ReplayMerge reader,
        final ExclusivePublication marketPublication,
        final ExclusivePublication activityPublication,
        final StageLatency pacingError,
        final EgressListener listener)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final EnvelopeEncoder envelope = new EnvelopeEncoder();
        final IdleStrategy backPressureIdle = new BackoffIdleStrategy(10, 10, 1_000, 100_000);
        final SendWait wait = new SendWait(clock, listener);
        final boolean terminal = ctx.progress() && null != System.console();
        final Sent sent = new Sent();
        final long backPressureTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.backPressureTimeoutMs());

        final long start = clock.nanoTime();
        sent.startNs = start;
        final Pacing.Schedule schedule = ctx.pacing().start(start);
        long nextProgress = start + PROGRESS_INTERVAL_NS;

        int length;
        final long maxEvents = ctx.maxEvents();
        while (sent.frames < maxEvents && (length = reader.next(buffer, 0)) > 0)
        {
            envelope.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH);
            final long eventTime = buffer.getLong(MessageHeaderDecoder.ENCODED_LENGTH +
                EnvelopeEncoder.eventTimeEncodingOffset(), EnvelopeEncoder.BYTE_ORDER);
            final long intended = schedule.intendedSendTime(eventTime, clock.nanoTime());
            envelope.intendedSendTime(intended); // source id and sequence: stamped per file by the merge

            long now = wait.until(intended);
            envelope.sendTime(now);
            // Recordings carry no activity file, so their client events (if any) go on the ingress stream.
            final ExclusivePublication publication =
                null != activityPublication && isActivity(buffer) ? activityPublication : marketPublication;
            backPressureIdle.reset();
            long result;
            final long offeredAt = now;
            while ((result = publication.offer(buffer, 0, length)) < 0)
            {
                if (failures.hasFailed())
                {
                    stopReason = failures.reason();
                    break;
                }
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                    result == Publication.NOT_CONNECTED)
                {
                    if (driverLost())
                    {
                        stopReason = failures.reason();
                        break;
                    }
                    throw new IllegalStateException("feed: the engine went away after " + sent.frames
                        + " events (publication " + Publication.errorString(result) + ")");
                }
                if (now - offeredAt > backPressureTimeoutNs)
                {
                    failures.fail("back-pressured for " + ctx.backPressureTimeoutMs() + " ms without progress after "
                        + sent.frames + " events: nothing is taking " + publication.channel() + " stream "
                        + publication.streamId() + " (the engine, or the archive recording it, stopped); stopping");
                    stopReason = failures.reason();
                    break;
                }
                sent.backPressure++;
                if (wait.pollOutputs() == 0)
                {
                    backPressureIdle.idle();
                }
                now = clock.nanoTime();
            }
            if (null != stopReason)
            {
                break;
            }
            pacingError.record(now - intended);
            sent.frames++;
            wait.pollOutputs();

            if (terminal && now >= nextProgress)
            {
                nextProgress = now + PROGRESS_INTERVAL_NS;
                printProgress(reader, sent.frames, now - start);
            }
        }
        sent.elapsedNs = clock.nanoTime() - start;
        if (terminal)
        {
            printProgress(reader, sent.frames, sent.elapsedNs);
            err.println();
        }
        return sent;
    }

    /**
     * Whether the publication failed because the driver is gone: the client closes its publications a moment before
     * its error handler hears why, so that is waited for, briefly.
     */
    private boolean driverLost()
    {
        try
        {
            return failures.await(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return failures.hasFailed();
        }
    }

    private void printProgress(final ReplayMerge reader, final long frames, final long elapsedNs)
    {
        final double seconds = elapsedNs / 1e9;
        final double rate = seconds > 0 ? frames / seconds : 0;
        final double fraction = reader.progress();
        final double eta = fraction > 0 && fraction < 1 ? seconds * (1 - fraction) / fraction : 0;
        err.printf(Locale.ROOT, "\rfeed: %,d events  %,.0f events/s  %5.1f%%  ETA %.0f s   ",
            frames, rate, fraction * 100, eta);
        err.flush();
    }

    /**
     * Wait until the engine has accounted for every frame sent (taken in, refused or recognised as a duplicate) and
     * the egress has gone quiet, so the listener has seen every output.
     */
    private boolean awaitEngine(
        final CountersReader counters, final long target, final EgressListener listener, final long sendStartNs)
    {
        final long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.drainTimeoutMs());
        // Found again on every poll: a durable engine killed and started again during the feed has counters of its
        // own, at new ids (or at the dead engine's, reused for other counters). While no engine is up, wait.
        while (EngineAccounting.accounted(counters, EngineAccounting.counterIds(counters)) < target)
        {
            if (clock.nanoTime() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        engineCaughtUpNs = clock.nanoTime() - sendStartNs;
        if (null != listener)
        {
            // Outputs follow the events by one handler hop: wait until none has arrived for 200 ms.
            long seen = -1;
            while (seen != listener.alerts() + listener.orders() && clock.nanoTime() < deadline)
            {
                seen = listener.alerts() + listener.orders();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        return true;
    }

    /** Write this run's counts and histograms where {@code report} finds them. */
    public static void write(final FeedResult result, final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final Properties properties = new Properties();
            properties.setProperty("pacing", result.pacing().describe());
            properties.setProperty("target_rate", Long.toString(result.pacing().ratePerSecond()));
            properties.setProperty("events_sent", Long.toString(result.eventsSent()));
            properties.setProperty("elapsed_ns", Long.toString(result.elapsedNs()));
            properties.setProperty("rate", String.format(Locale.ROOT, "%.1f", result.rate()));
            properties.setProperty("read_errors", Long.toString(result.readErrors()));
            properties.setProperty("feed_backpressure", Long.toString(result.backPressure()));
            properties.setProperty("alerts_received", Long.toString(result.alertsReceived()));
            properties.setProperty("orders_received", Long.toString(result.ordersReceived()));
            properties.setProperty("output_sequence_errors", Long.toString(result.outputSequenceErrors()));
            try (Writer writer = Files.newBufferedWriter(directory.resolve(COUNTS_FILE), StandardCharsets.UTF_8))
            {
                properties.store(writer, "ringside feed run");
            }
            EngineSummary.writeHistograms(directory.resolve(HISTOGRAM_FILE), result.histograms());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--report-dir: cannot write " + directory + ": " + ex.getMessage(), ex);
        }
    }
}
