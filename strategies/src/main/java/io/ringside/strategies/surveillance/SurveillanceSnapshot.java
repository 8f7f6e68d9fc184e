package io.ringside.strategies.surveillance;

import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.OrderBookStateEncoder;
import io.ringside.codecs.snapshot.SpoofingStateDecoder;
import io.ringside.codecs.snapshot.SpoofingStateEncoder;
import io.ringside.codecs.snapshot.SurveillanceStateDecoder;
import io.ringside.codecs.snapshot.SurveillanceStateEncoder;
import io.ringside.strategies.SortedKeys;
import io.ringside.strategies.StateMessages;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * {@link Surveillance}'s whole state (rule counts and windows, per-instrument state, the spoofing rule's orders and
 * episodes, every book) as snapshot messages and back: SurveillanceState, SpoofingState, then an OrderBookState per
 * book. The configuration is not in it: a restore is into a Surveillance made from the same configuration.
 * <p>
 * The time state (the clock and each instrument's last feed time) is written only once a Timer has been taken: before
 * one it has decided nothing, and a handler that has never seen a Timer snapshots as it did before the stale-feed rule
 * existed (a version 1 snapshot of the same events restores to the same bytes). A restore without it assumes the feed
 * times at the first event after (see Surveillance). The reported flags and the rule's counts are always written. Its
 * encoders and decoders are its own, reused, so taking a snapshot allocates nothing once they have grown.
 */
final class SurveillanceSnapshot
{
    private final Surveillance surveillance;
    private final MessageHeaderEncoder stateHeader = new MessageHeaderEncoder();
    private final SurveillanceStateEncoder stateEncoder = new SurveillanceStateEncoder();
    private final SpoofingStateEncoder spoofingEncoder = new SpoofingStateEncoder();
    private final OrderBookStateEncoder bookEncoder = new OrderBookStateEncoder();
    private final MessageHeaderDecoder restoreHeader = new MessageHeaderDecoder();
    private final SurveillanceStateDecoder stateDecoder = new SurveillanceStateDecoder();
    private final SpoofingStateDecoder spoofingDecoder = new SpoofingStateDecoder();
    private final OrderBookStateDecoder bookDecoder = new OrderBookStateDecoder();
    private final SortedKeys sortedIds = new SortedKeys();

    SurveillanceSnapshot(final Surveillance surveillance)
    {
        this.surveillance = surveillance;
    }

    /** @return bytes written from {@code offset}. */
    int encode(final MutableDirectBuffer buffer, final int offset)
    {
        final SurveillanceStateEncoder encoder = stateEncoder.wrapAndApplyHeader(buffer, offset, stateHeader)
            .bookCount(surveillance.books.bookCount())
            .priceBandEvaluated(surveillance.priceBand.evaluated())
            .priceBandFired(surveillance.priceBand.fired())
            .sizeEvaluated(surveillance.size.evaluated())
            .sizeFired(surveillance.size.fired())
            .velocityEvaluated(surveillance.velocity.evaluated())
            .velocityFired(surveillance.velocity.fired())
            .washTradeEvaluated(surveillance.washTrade.evaluated())
            .washTradeFired(surveillance.washTrade.fired())
            .quoteStuffingEvaluated(surveillance.quoteStuffing.evaluated())
            .quoteStuffingFired(surveillance.quoteStuffing.fired())
            .peakWindowMessages(surveillance.quoteStuffing.peakWindowMessages())
            .peakTime(surveillance.quoteStuffing.peakTime())
            .peakInstrumentId(surveillance.quoteStuffing.peakInstrumentId())
            .staleFeedEvaluated(surveillance.staleFeed.evaluated())
            .staleFeedFired(surveillance.staleFeed.fired())
            .clock(surveillance.clock.encoded(surveillance.clock.time(), SurveillanceStateEncoder.clockNullValue()));
        final int count = sortedIds.sort(surveillance.instruments.byId);
        final int[] ids = sortedIds.ints();
        final SurveillanceStateEncoder.InstrumentsEncoder group = encoder.instrumentsCount(count);
        for (int i = 0; i < count; i++)
        {
            final InstrumentState state = surveillance.instruments.byId.get(ids[i]);
            group.next()
                .instrumentId(ids[i])
                .settingsIndex(state.settingsIndex)
                .currencyScale(state.currencyScale)
                .lastTradePrice(state.lastTradePrice)
                .lastFeedTime(surveillance.clock.encoded(
                    state.lastFeedTime, SurveillanceStateEncoder.InstrumentsEncoder.lastFeedTimeNullValue()))
                .staleReported(StateMessages.bool(state.staleReported));
            state.tradeSizes.encode(group);
            state.quoteWindow.encode(group);
        }
        surveillance.velocity.encode(encoder.velocityAccountsCount(surveillance.velocity.accounts()));
        int position = offset + MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        position += surveillance.spoofing.encode(buffer, position, stateHeader, spoofingEncoder);
        position += surveillance.books.encodeState(buffer, position, stateHeader, bookEncoder);
        return position - offset;
    }

    /** @return the offset just after what was read. */
    int restore(final DirectBuffer buffer, final int offset, final int limit)
    {
        int position = StateMessages.expect(
            restoreHeader, buffer, offset, limit, SurveillanceStateDecoder.TEMPLATE_ID, "SurveillanceState");
        final SurveillanceStateDecoder decoder = stateDecoder.wrap(
            buffer, position, restoreHeader.blockLength(), restoreHeader.version());
        final int bookCount = decoder.bookCount();
        surveillance.priceBand.restoreCounts(decoder.priceBandEvaluated(), decoder.priceBandFired());
        surveillance.size.restoreCounts(decoder.sizeEvaluated(), decoder.sizeFired());
        surveillance.washTrade.restoreCounts(decoder.washTradeEvaluated(), decoder.washTradeFired());
        surveillance.quoteStuffing.restoreCounts(decoder.quoteStuffingEvaluated(), decoder.quoteStuffingFired());
        surveillance.quoteStuffing.restorePeak(decoder.peakWindowMessages(), decoder.peakTime(), decoder.peakInstrumentId());
        surveillance.staleFeed.restoreCounts(
            orZero(decoder.staleFeedEvaluated(), SurveillanceStateDecoder.staleFeedEvaluatedNullValue()),
            orZero(decoder.staleFeedFired(), SurveillanceStateDecoder.staleFeedFiredNullValue()));
        surveillance.clock.restore(decoder.clock(), SurveillanceStateDecoder.clockNullValue());
        final long velocityEvaluated = decoder.velocityEvaluated();
        final long velocityFired = decoder.velocityFired();
        surveillance.instruments.clear();
        for (final SurveillanceStateDecoder.InstrumentsDecoder instrument : decoder.instruments())
        {
            final int settingsIndex = instrument.settingsIndex();
            if (settingsIndex < ResolvedSettings.DEFAULT_SETTINGS ||
                settingsIndex >= surveillance.resolved.overrideSettings.length)
            {
                throw new IllegalStateException("snapshot instrument " + instrument.instrumentId()
                    + " has settings index " + settingsIndex + " but the configuration has "
                    + surveillance.resolved.overrideSettings.length + " instrument overrides");
            }
            final InstrumentState state = surveillance.instruments.state(instrument.instrumentId());
            state.settings = surveillance.resolved.settings(settingsIndex);
            state.settingsIndex = settingsIndex;
            state.currencyScale = instrument.currencyScale();
            state.lastTradePrice = instrument.lastTradePrice();
            state.lastFeedTime = surveillance.clock.restored(instrument.lastFeedTime());
            state.staleReported = 1 == instrument.staleReported();
            state.tradeSizes.restore(instrument);
            state.quoteWindow.restore(instrument);
        }
        surveillance.velocity.restore(decoder.velocityAccounts(), velocityEvaluated, velocityFired);
        position = decoder.limit();

        position = StateMessages.expect(
            restoreHeader, buffer, position, limit, SpoofingStateDecoder.TEMPLATE_ID, "SpoofingState");
        surveillance.spoofing.restore(spoofingDecoder.wrap(buffer, position, restoreHeader.blockLength(), restoreHeader.version()));
        position = spoofingDecoder.limit();

        return surveillance.books.restoreState(buffer, position, limit, bookCount, restoreHeader, bookDecoder);
    }

    // A count a snapshot older than the field does not carry starts from 0.
    private static long orZero(final long value, final long nullValue)
    {
        return nullValue == value ? 0 : value;
    }
}
