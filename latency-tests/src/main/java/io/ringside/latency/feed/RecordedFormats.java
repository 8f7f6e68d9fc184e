package io.ringside.latency.feed;

import io.ringside.codecs.csv.ActivityCsvReader;
import io.ringside.codecs.csv.CsvReader;
import io.ringside.codecs.itch.ItchReader;
import io.ringside.codecs.lobster.LobsterReader;
import io.ringside.codecs.recorded.ReadErrorHandler;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.recorded.TimeSkew;
import io.ringside.codecs.recording.RecordingReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The recorded-data formats the feed reads: detection from the file, and a reader for each. */
public final class RecordedFormats
{
    public static final String AUTO = "auto";
    public static final String LOBSTER = "lobster";
    public static final String ITCH = "itch";
    public static final String CSV = "csv";
    public static final String RECORDING = "recording";
    /** Client trading activity (orders, cancels, executions): with the market data, or on a stream of its own. */
    public static final String ACTIVITY = "activity";

    /** Every format name {@code --format} takes. */
    public static final List<String> NAMES = List.of(AUTO, LOBSTER, ITCH, CSV, RECORDING, ACTIVITY);

    private RecordedFormats()
    {
    }

    /** The file's format: the one given, or for {@code auto} the one the file's first bytes match. */
    public static String detect(final Path file, final String format)
    {
        if (!NAMES.contains(format))
        {
            throw new IllegalArgumentException(
                "--format: unknown format '" + format + "'; expected one of " + String.join(", ", NAMES));
        }
        if (!AUTO.equals(format))
        {
            return format;
        }
        try
        {
            if (RecordingReader.looksLikeRecording(file))
            {
                return RECORDING;
            }
            if (ItchReader.looksLikeItch(file))
            {
                return ITCH;
            }
            if (ActivityCsvReader.looksLikeActivity(file))
            {
                return ACTIVITY;
            }
            if (CsvReader.looksLikeCsv(file))
            {
                return CSV;
            }
            if (LobsterReader.looksLikeLobster(file))
            {
                return LOBSTER;
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new IllegalArgumentException("FILE: cannot read " + file + ": " + ex.getMessage(), ex);
        }
        throw new IllegalArgumentException("FILE: " + file + " is not a format this feed reads: expected a Ringside "
            + "recording (RSIDEREC), NASDAQ TotalView-ITCH 5.0 (2-byte length-prefixed messages, plain or gzip), a CSV "
            + "of trades and quotes (a header row with time and symbol columns), a CSV of client activity (a header row with "
            + "time, event and instrument columns) or a LOBSTER message file (lines of "
            + "time,type,order id,size,price,direction)");
    }

    /**
     * A client-activity file whose symbols map to the instrument ids (and prices to the scales) the market data of
     * the same replay defines.
     */
    public static RecordedEventReader openActivity(
        final Path file,
        final Map<String, Integer> instrumentIds,
        final Map<Integer, Integer> priceScales,
        final ReadErrorHandler errorHandler,
        final long maxTimeSkewNs)
    {
        return new ActivityCsvReader(
            file, instrumentIds, priceScales, CsvReader.DEFAULT_PRICE_SCALE, CsvReader.DEFAULT_QUANTITY_SCALE,
            errorHandler, maxTimeSkewNs);
    }

    /**
     * @param instrumentId for formats that carry no instrument of their own (LOBSTER: one file, one instrument).
     */
    public static RecordedEventReader open(
        final Path file,
        final String format,
        final int instrumentId,
        final String symbol,
        final LocalDate date,
        final ReadErrorHandler errorHandler)
    {
        return open(file, format, instrumentId, symbol, date, errorHandler, TimeSkew.DEFAULT_NS);
    }

    /** @param maxTimeSkewNs the largest jump ahead in event time a reader takes unchecked: see {@link TimeSkew}. */
    public static RecordedEventReader open(
        final Path file,
        final String format,
        final int instrumentId,
        final String symbol,
        final LocalDate date,
        final ReadErrorHandler errorHandler,
        final long maxTimeSkewNs)
    {
        final String detected = detect(file, format);
        return switch (detected)
        {
            case LOBSTER -> new LobsterReader(file, instrumentId, symbol, date, errorHandler, maxTimeSkewNs);
            // Instruments are ITCH's stock locate codes.
            case ITCH -> new ItchReader(file, date, errorHandler, maxTimeSkewNs);
            // Instruments numbered by first appearance.
            case CSV -> new CsvReader(file, CsvReader.DEFAULT_PRICE_SCALE, CsvReader.DEFAULT_QUANTITY_SCALE, null,
                errorHandler, maxTimeSkewNs);
            // A recording keeps the order it was recorded in: its frames are checked, not its times.
            case RECORDING -> new RecordingReader(file, errorHandler);
            // Numeric instrument ids only: symbols need the market data's definitions, see openActivity.
            case ACTIVITY -> openActivity(file, Map.of(), Map.of(), errorHandler, maxTimeSkewNs);
            default -> throw new IllegalArgumentException("--format: no reader for " + detected);
        };
    }
}
