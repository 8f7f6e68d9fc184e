package io.ringside.strategies.surveillance;

import io.ringside.codecs.sbe.ClientCancelDecoder;
import io.ringside.codecs.sbe.ClientExecutionDecoder;
import io.ringside.codecs.sbe.ClientNewOrderDecoder;
import io.ringside.codecs.sbe.Side;
import io.ringside.strategies.AlertSink;
import io.ringside.strategies.book.OrderBook;

import static io.ringside.strategies.surveillance.ResolvedSettings.choose;

/**
 * The rules {@link Surveillance} runs on its clients' own orders, in the order of their ids: on a new order the
 * {@link PriceBandRule price band}, {@link SizeRule size}, {@link VelocityRule velocity} and
 * {@link SpoofingRule spoofing}; on a cancel velocity and spoofing; on an execution price band, spoofing and
 * {@link WashTradeRule wash trade}. Each runs on the instrument's settings, or the account group's where the group
 * sets its own. The event's instrument state and book are the handler's, as they stood before the event.
 */
final class ClientOrderRules
{
    private final PriceBandRule priceBand;
    private final SizeRule size;
    private final VelocityRule velocity;
    private final SpoofingRule spoofing;
    private final WashTradeRule washTrade;
    private final ResolvedSettings resolved;

    ClientOrderRules(
        final PriceBandRule priceBand,
        final SizeRule size,
        final VelocityRule velocity,
        final SpoofingRule spoofing,
        final WashTradeRule washTrade,
        final ResolvedSettings resolved)
    {
        this.priceBand = priceBand;
        this.size = size;
        this.velocity = velocity;
        this.spoofing = spoofing;
        this.washTrade = washTrade;
        this.resolved = resolved;
    }

    void onNewOrder(
        final ClientNewOrderDecoder event, final InstrumentState state, final OrderBook book, final AlertSink sink)
    {
        final int instrumentId = event.instrumentId();
        final long account = event.account();
        final long price = event.price();
        final long quantity = event.quantity();
        final long time = event.envelope().eventTime();
        final int group = resolved.group(account);

        priceBand.judge(state, book, instrumentId, price, account, AlertSink.NO_ACCOUNT, sink);

        final SizeSettings instrumentSize = state.settings.size;
        final SizeSettings groupSize = resolved.size(group);
        if (choose(groupSize, instrumentSize, SizeSettings.ENABLED) != 0)
        {
            size.onNewOrder(
                choose(groupSize, instrumentSize, SizeSettings.MAX_QUANTITY),
                choose(groupSize, instrumentSize, SizeSettings.MAX_NOTIONAL),
                choose(groupSize, instrumentSize, SizeSettings.AVERAGE_MULTIPLE),
                state.tradeSizes, state.currencyScale, instrumentId, account, price, quantity, sink);
        }

        countVelocity(group, account, instrumentId, time, sink);

        if (state.settings.spoofing.enabled())
        {
            spoofing.onNewOrder(state.settings.spoofing, book, instrumentId, account, event.clientOrderId(),
                side(event.sideRaw()), price, quantity, time);
        }
    }

    void onCancel(final ClientCancelDecoder event, final InstrumentState state, final AlertSink sink)
    {
        final int instrumentId = event.instrumentId();
        final long account = event.account();
        final long time = event.envelope().eventTime();

        countVelocity(resolved.group(account), account, instrumentId, time, sink);

        if (state.settings.spoofing.enabled())
        {
            spoofing.onCancel(state.settings.spoofing, instrumentId, account, event.clientOrderId(), time, sink);
        }
    }

    void onExecution(
        final ClientExecutionDecoder event, final InstrumentState state, final OrderBook book, final AlertSink sink)
    {
        final int instrumentId = event.instrumentId();
        final long buyer = event.buyerAccount();
        final long seller = event.sellerAccount();
        final long quantity = event.quantity();

        priceBand.judge(state, book, instrumentId, event.price(), buyer, seller, sink);

        if (state.settings.spoofing.enabled())
        {
            spoofing.onExecution(state.settings.spoofing, instrumentId, buyer, seller, quantity,
                event.envelope().eventTime(), sink);
        }

        if (state.settings.washTrade.enabled())
        {
            washTrade.onExecution(buyer, seller, resolved.group(buyer), resolved.group(seller),
                instrumentId, quantity, sink);
        }
    }

    private void countVelocity(
        final int group, final long account, final int instrumentId, final long time, final AlertSink sink)
    {
        final VelocitySettings settings = resolved.velocity(group);
        if (settings.enabled())
        {
            velocity.onMessage(settings, account, instrumentId, time, sink);
        }
    }

    // Side.get throws on a value outside the schema; a corrupt side must count as absent, not stop the thread.
    private static Side side(final short raw)
    {
        if (raw == Side.BUY.value())
        {
            return Side.BUY;
        }
        if (raw == Side.SELL.value())
        {
            return Side.SELL;
        }
        return Side.NULL_VAL;
    }
}
