package io.ringside.latency.feed;

import io.ringside.engine.EngineContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** What a feed run reads, how it paces it, and where it sends it. Validated in {@link #conclude()}. */
public final class FeedContext
{
    public static final String FORMAT_AUTO = "auto";
    public static final String FORMAT_LOBSTER = "lobster";

    private Path file;
    private String format = FORMAT_AUTO;
    private int instrumentId = 1;
    private String symbol;
    private LocalDate date;
    private int sourceId = 1;
    private Pacing pacing = Pacing.max();
    private String aeronDirectoryName = EngineContext.defaultAeronDirectory();
    private String ingressChannel = "aeron:ipc";
    private int ingressStreamId = EngineContext.DEFAULT_INGRESS_STREAM_ID;
    private String egressChannel = "aeron:ipc";
    private int alertStreamId = EngineContext.DEFAULT_ALERT_STREAM_ID;
    private int orderStreamId = EngineContext.DEFAULT_ORDER_STREAM_ID;
    private boolean listen = true;
    private long connectTimeoutMs = 10_000;
    private long drainTimeoutMs = 30_000;
    private boolean stopOnError;
    private boolean progress = true;
    private Path reportDirectory = Path.of("ringside-out");
    private EgressListener.Tap tap;

    public FeedContext conclude()
    {
        if (null == file)
        {
            throw new IllegalArgumentException("FILE: a recorded market-data file is required");
        }
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("FILE: no such file: " + file);
        }
        if (!Files.isReadable(file))
        {
            throw new IllegalArgumentException("FILE: cannot read " + file + " (permissions)");
        }
        if (!FORMAT_AUTO.equals(format) && !FORMAT_LOBSTER.equals(format))
        {
            throw new IllegalArgumentException("--format: unknown format '" + format + "'; expected auto or lobster");
        }
        if (instrumentId <= 0)
        {
            throw new IllegalArgumentException("--instrument-id: must be > 0: " + instrumentId);
        }
        if (sourceId <= 0)
        {
            throw new IllegalArgumentException("--source-id: must be > 0: " + sourceId);
        }
        if (connectTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("--connect-timeout-ms: must be > 0: " + connectTimeoutMs);
        }
        if (drainTimeoutMs < 0)
        {
            throw new IllegalArgumentException("--drain-timeout-ms: must be >= 0: " + drainTimeoutMs);
        }
        return this;
    }

    public Path file()
    {
        return file;
    }

    public FeedContext file(final Path file)
    {
        this.file = file;
        return this;
    }

    public String format()
    {
        return format;
    }

    public FeedContext format(final String format)
    {
        this.format = format;
        return this;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public FeedContext instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    public String symbol()
    {
        return symbol;
    }

    public FeedContext symbol(final String symbol)
    {
        this.symbol = symbol;
        return this;
    }

    public LocalDate date()
    {
        return date;
    }

    public FeedContext date(final LocalDate date)
    {
        this.date = date;
        return this;
    }

    public int sourceId()
    {
        return sourceId;
    }

    public FeedContext sourceId(final int sourceId)
    {
        this.sourceId = sourceId;
        return this;
    }

    public Pacing pacing()
    {
        return pacing;
    }

    public FeedContext pacing(final Pacing pacing)
    {
        this.pacing = pacing;
        return this;
    }

    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public FeedContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public String ingressChannel()
    {
        return ingressChannel;
    }

    public FeedContext ingressChannel(final String ingressChannel)
    {
        this.ingressChannel = ingressChannel;
        return this;
    }

    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    public FeedContext ingressStreamId(final int ingressStreamId)
    {
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    public String egressChannel()
    {
        return egressChannel;
    }

    public FeedContext egressChannel(final String egressChannel)
    {
        this.egressChannel = egressChannel;
        return this;
    }

    public int alertStreamId()
    {
        return alertStreamId;
    }

    public FeedContext alertStreamId(final int alertStreamId)
    {
        this.alertStreamId = alertStreamId;
        return this;
    }

    public int orderStreamId()
    {
        return orderStreamId;
    }

    public FeedContext orderStreamId(final int orderStreamId)
    {
        this.orderStreamId = orderStreamId;
        return this;
    }

    public boolean listen()
    {
        return listen;
    }

    public FeedContext listen(final boolean listen)
    {
        this.listen = listen;
        return this;
    }

    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    public FeedContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    public long drainTimeoutMs()
    {
        return drainTimeoutMs;
    }

    public FeedContext drainTimeoutMs(final long drainTimeoutMs)
    {
        this.drainTimeoutMs = drainTimeoutMs;
        return this;
    }

    public boolean stopOnError()
    {
        return stopOnError;
    }

    public FeedContext stopOnError(final boolean stopOnError)
    {
        this.stopOnError = stopOnError;
        return this;
    }

    public boolean progress()
    {
        return progress;
    }

    public FeedContext progress(final boolean progress)
    {
        this.progress = progress;
        return this;
    }

    public Path reportDirectory()
    {
        return reportDirectory;
    }

    public FeedContext reportDirectory(final Path reportDirectory)
    {
        this.reportDirectory = reportDirectory;
        return this;
    }

    public EgressListener.Tap tap()
    {
        return tap;
    }

    /** Sees every output the listener receives (tests, recorders). */
    public FeedContext tap(final EgressListener.Tap tap)
    {
        this.tap = tap;
        return this;
    }
}
