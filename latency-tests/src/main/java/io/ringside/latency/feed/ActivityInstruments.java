package io.ringside.latency.feed;

import io.ringside.codecs.csv.ActivityCsvReader;
import io.ringside.codecs.recorded.RecordedEventReader;
import io.ringside.codecs.sbe.InstrumentDefinitionDecoder;
import io.ringside.codecs.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The instrument ids and price scales that the market-data files of one replay define for the symbols its activity
 * files name, so an activity row's "AAPL" is the same instrument the book is built for. Found before the replay
 * starts, by reading each market file until every symbol has its InstrumentDefinition (LOBSTER and CSV files define
 * an instrument just before its first event, ITCH in its stock directory at the start of the day); a symbol no
 * market file defines stops the feed, naming it.
 */
final class ActivityInstruments
{
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, Integer> priceScales = new HashMap<>();

    private ActivityInstruments()
    {
    }

    static ActivityInstruments find(
        final FeedContext ctx,
        final List<Path> files,
        final String[] formats,
        final List<Supplier<RecordedEventReader>> readers)
    {
        final Set<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < files.size(); i++)
        {
            if (RecordedFormats.ACTIVITY.equals(formats[i]))
            {
                try
                {
                    wanted.addAll(ActivityCsvReader.symbols(files.get(i)));
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("FILE: cannot read " + files.get(i) + ": " + ex.getMessage(), ex);
                }
            }
        }

        final ActivityInstruments found = new ActivityInstruments();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[RecordedEventReader.MAX_FRAME_LENGTH]);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
        for (int i = 0; i < files.size() && !found.ids.keySet().containsAll(wanted); i++)
        {
            if (RecordedFormats.ACTIVITY.equals(formats[i]))
            {
                continue;
            }
            try (RecordedEventReader reader = readers.get(i).get())
            {
                while (!found.ids.keySet().containsAll(wanted) && reader.next(frame, 0) > 0)
                {
                    header.wrap(frame, 0);
                    if (header.templateId() != InstrumentDefinitionDecoder.TEMPLATE_ID)
                    {
                        continue;
                    }
                    definition.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                    final String symbol = definition.symbol().strip();
                    // The first definition of a symbol wins, as the engine's book keeps the first too.
                    if (!found.ids.containsKey(symbol))
                    {
                        found.ids.put(symbol, definition.instrumentId());
                        found.priceScales.put(definition.instrumentId(), (int)definition.priceScale());
                    }
                }
            }
        }

        final Set<String> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(found.ids.keySet());
        if (!missing.isEmpty())
        {
            throw new IllegalArgumentException("FILE: the activity names symbol" + (missing.size() > 1 ? "s " : " ") +
                String.join(", ", missing) + " that no market-data file of this replay defines" +
                (ctx.format().equals(RecordedFormats.AUTO) ? "" : " (--format " + ctx.format() + ")") +
                "; give the instrument id instead, or add the market data");
        }
        return found;
    }

    Map<String, Integer> ids()
    {
        return ids;
    }

    Map<Integer, Integer> priceScales()
    {
        return priceScales;
    }
}
