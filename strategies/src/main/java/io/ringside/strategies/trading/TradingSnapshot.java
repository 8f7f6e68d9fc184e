package io.ringside.strategies.trading;

import io.ringside.codecs.snapshot.FillSimulatorStateDecoder;
import io.ringside.codecs.snapshot.FillSimulatorStateEncoder;
import io.ringside.codecs.snapshot.MessageHeaderDecoder;
import io.ringside.codecs.snapshot.MessageHeaderEncoder;
import io.ringside.codecs.snapshot.OrderBookStateDecoder;
import io.ringside.codecs.snapshot.OrderBookStateEncoder;
import io.ringside.codecs.snapshot.TradingStateDecoder;
import io.ringside.codecs.snapshot.TradingStateEncoder;
import io.ringside.strategies.SortedKeys;
import io.ringside.strategies.StateMessages;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.ringside.strategies.trading.Trading.MAX_STRATEGY_ID;

/**
 * {@link Trading}'s whole state (order id sequences, risk gate, instruments, quotes, holdings, fills, positions and
 * PnL, every book) as snapshot messages and back: TradingState, FillSimulatorState, then an OrderBookState per book.
 * The configuration is not in it: a restore is into a Trading made from the same configuration. It records each
 * strategy's kill switch and enabled state as commands left them (see {@link TradingControl}), which a restore takes
 * over the configuration's. The time state (the clock, each instrument's last market time) is written only once a
 * Timer has been taken (see {@link io.ringside.strategies.EventClock}). Its encoders and decoders are its own, reused.
 */
final class TradingSnapshot
{
    private final Trading trading;
    private final MessageHeaderEncoder stateHeader = new MessageHeaderEncoder();
    private final TradingStateEncoder stateEncoder = new TradingStateEncoder();
    private final FillSimulatorStateEncoder simulatorEncoder = new FillSimulatorStateEncoder();
    private final OrderBookStateEncoder bookEncoder = new OrderBookStateEncoder();
    private final MessageHeaderDecoder restoreHeader = new MessageHeaderDecoder();
    private final TradingStateDecoder stateDecoder = new TradingStateDecoder();
    private final FillSimulatorStateDecoder simulatorDecoder = new FillSimulatorStateDecoder();
    private final OrderBookStateDecoder bookDecoder = new OrderBookStateDecoder();
    private final SortedKeys sortedIds = new SortedKeys();

    TradingSnapshot(final Trading trading)
    {
        this.trading = trading;
    }

    /** @return bytes written from {@code offset}. */
    int encode(final MutableDirectBuffer buffer, final int offset)
    {
        final TradingStateEncoder encoder = stateEncoder.wrapAndApplyHeader(buffer, offset, stateHeader)
            .bookCount(trading.books.bookCount())
            .pnlPriceScale(trading.pnlPriceScale)
            .anyDefinition(StateMessages.bool(trading.anyDefinition))
            .killSwitch(StateMessages.bool(trading.riskGate.isTripped()))
            .clock(trading.clock.encoded(trading.clock.time(), TradingStateEncoder.clockNullValue()));
        final TradingStateEncoder.StrategiesEncoder strategies = encoder.strategiesCount(MAX_STRATEGY_ID + 1);
        for (int strategyId = 0; strategyId <= MAX_STRATEGY_ID; strategyId++)
        {
            strategies.next()
                .nextClientOrderId(trading.orders.nextClientOrderId[strategyId])
                .ordersSent(trading.orders.ordersSent[strategyId])
                .enabled(StateMessages.bool(trading.control.isEnabled(strategyId)));
            trading.riskGate.encode(strategyId, strategies);
        }
        final int count = sortedIds.sort(trading.instruments.byId());
        final int[] ids = sortedIds.ints();
        trading.marketMaker.encode(encoder, ids, count);
        trading.ofiTaker.encode(encoder, ids, count);
        final TradingStateEncoder.InstrumentsEncoder group = encoder.instrumentsCount(count);
        for (int i = 0; i < count; i++)
        {
            final InstrumentState instrument = trading.instruments.get(ids[i]);
            group.next()
                .instrumentId(instrument.instrumentId)
                .tickSize(instrument.tickSize)
                .scaleFactor(instrument.scaleFactor)
                .halted(StateMessages.bool(instrument.halted))
                .hasSymbol(StateMessages.bool(null != instrument.symbol))
                .lastMarketTime(trading.clock.encoded(
                    instrument.lastMarketTime, TradingStateEncoder.InstrumentsEncoder.lastMarketTimeNullValue()))
                .symbol(null == instrument.symbol ? "" : instrument.symbol);
        }
        int position = offset + MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        position += trading.simulator.encode(buffer, position, stateHeader, simulatorEncoder);
        position += trading.books.encodeState(buffer, position, stateHeader, bookEncoder);
        return position - offset;
    }

    /** @return the offset just after what was read. */
    int restore(final DirectBuffer buffer, final int offset, final int limit)
    {
        int position = StateMessages.expect(
            restoreHeader, buffer, offset, limit, TradingStateDecoder.TEMPLATE_ID, "TradingState");
        final TradingStateDecoder decoder =
            stateDecoder.wrap(buffer, position, restoreHeader.blockLength(), restoreHeader.version());
        final int bookCount = decoder.bookCount();
        trading.pnlPriceScale = decoder.pnlPriceScale();
        trading.anyDefinition = StateMessages.bool(decoder.anyDefinition());
        trading.control.beforeRestore();
        trading.clock.restore(decoder.clock(), TradingStateDecoder.clockNullValue());
        final TradingStateDecoder.StrategiesDecoder strategies = decoder.strategies();
        if (strategies.count() != MAX_STRATEGY_ID + 1)
        {
            throw new IllegalStateException("snapshot has " + strategies.count() + " strategy slots, this engine "
                + (MAX_STRATEGY_ID + 1));
        }
        for (int strategyId = 0; strategyId <= MAX_STRATEGY_ID; strategyId++)
        {
            strategies.next();
            trading.orders.nextClientOrderId[strategyId] = strategies.nextClientOrderId();
            trading.orders.ordersSent[strategyId] = strategies.ordersSent();
            final short wasEnabled = strategies.enabled();
            trading.control.restore(strategyId, TradingStateDecoder.StrategiesDecoder.enabledNullValue() != wasEnabled,
                StateMessages.bool(wasEnabled), strategies);
        }
        trading.marketMaker.restore(decoder.quotes());
        trading.ofiTaker.restore(decoder.holdings());
        trading.instruments.clear();
        for (final TradingStateDecoder.InstrumentsDecoder entry : decoder.instruments())
        {
            final InstrumentState instrument = trading.instruments.instrument(entry.instrumentId());
            instrument.tickSize = entry.tickSize();
            instrument.scaleFactor = entry.scaleFactor();
            instrument.halted = StateMessages.bool(entry.halted());
            instrument.lastMarketTime = trading.clock.restored(entry.lastMarketTime());
            final boolean hasSymbol = StateMessages.bool(entry.hasSymbol());
            final String symbol = entry.symbol();
            instrument.symbol = hasSymbol ? symbol : null;
            instrument.limits = trading.config.riskFor(instrument.symbol);
            trading.instruments.select(instrument);
        }
        position = decoder.limit();

        position = StateMessages.expect(
            restoreHeader, buffer, position, limit, FillSimulatorStateDecoder.TEMPLATE_ID, "FillSimulatorState");
        trading.simulator.restore(simulatorDecoder.wrap(buffer, position, restoreHeader.blockLength(), restoreHeader.version()));
        position = simulatorDecoder.limit();

        position = trading.books.restoreState(buffer, position, limit, bookCount, restoreHeader, bookDecoder);
        // An instrument's book is the builder's: the one it had before, or none yet.
        for (final InstrumentState instrument : trading.instruments.values())
        {
            instrument.book = trading.books.book(instrument.instrumentId);
        }
        return position;
    }
}
