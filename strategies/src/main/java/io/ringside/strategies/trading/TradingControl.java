package io.ringside.strategies.trading;

import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlCommandDecoder;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.codecs.sbe.OrderAction;
import io.ringside.codecs.sbe.Side;
import io.ringside.codecs.snapshot.TradingStateDecoder;
import io.ringside.strategies.ControlReply;

import static io.ringside.strategies.trading.Trading.MAX_STRATEGY_ID;
import static io.ringside.strategies.trading.Trading.STRATEGY_IDS;

/**
 * {@link Trading}'s runtime control of its strategies: whether each runs and its kill switch (kept by the
 * {@link RiskGate}), as control commands and SETs of {@code risk.kill-switch} and {@code strategy.NAME.enabled} leave
 * them, and the withdrawal of the resting orders a switch stops: at once for a command, at the next frame for a SET
 * (a {@link Trading#settingsChanged()} has no sink). That state is in the snapshot; see {@link TradingSnapshot}. Also
 * the market maker's withdrawal of its quotes on a halted instrument and, at a Timer, on instruments silent too long.
 */
final class TradingControl
{
    private final Trading trading;
    private final TradingConfig config;
    private final RiskGate riskGate;
    private final ControlReply reply = new ControlReply();
    // Whether each strategy runs, by strategy id: its configured enabled, then as commands and SETs leave it.
    private final boolean[] enabled = new boolean[MAX_STRATEGY_ID + 1];
    // The configured values last applied: a SET that changes one applies it, any other SET leaves the runtime state.
    private boolean configuredKillSwitch;
    private final boolean[] configuredEnabled = new boolean[MAX_STRATEGY_ID + 1];
    // Strategies whose resting orders are to be withdrawn at the next frame: a settingsChanged() has no sink.
    private final boolean[] cancelPending = new boolean[MAX_STRATEGY_ID + 1];
    private boolean anyCancelPending;

    TradingControl(final Trading trading, final TradingConfig config, final RiskGate riskGate)
    {
        this.trading = trading;
        this.config = config;
        this.riskGate = riskGate;
        configuredKillSwitch = config.killSwitch();
        configuredEnabled[MarketMaker.STRATEGY_ID] = config.marketMaker().enabled();
        configuredEnabled[OrderFlowImbalanceTaker.STRATEGY_ID] = config.ofiTaker().enabled();
        System.arraycopy(configuredEnabled, 0, enabled, 0, enabled.length);
    }

    /** Whether the strategy runs: its configuration, then as STRATEGY_ENABLE/DISABLE and SETs left it. */
    boolean isEnabled(final int strategyId)
    {
        return enabled[strategyId];
    }

    /** What was made of the last ControlCommand. */
    ControlReply reply()
    {
        return reply;
    }

    /** Before each frame: withdraw what a SET has stopped since the last, now there is a sink. */
    void onFrame()
    {
        if (anyCancelPending)
        {
            cancelPending();
        }
    }

    /** The instrument halted: the market maker, if it runs and trades it, withdraws its quotes. */
    void onHalt(final InstrumentState instrument, final long eventTime)
    {
        if (enabled[MarketMaker.STRATEGY_ID] && instrument.marketMakerTrades)
        {
            trading.marketMaker.onHalt(instrument, eventTime);
        }
    }

    /** A Timer: the market maker, if it runs, withdraws its quotes on instruments silent for too long. */
    void onTimer(final long now)
    {
        if (enabled[MarketMaker.STRATEGY_ID])
        {
            final TradingInstruments instruments = trading.instruments;
            for (int i = 0, size = instruments.size(); i < size; i++)
            {
                final InstrumentState instrument = instruments.inIdOrder(i);
                if (instrument.marketMakerTrades)
                {
                    trading.marketMaker.onTimer(instrument, now);
                }
            }
        }
    }

    /**
     * KILL_SWITCH_ON and STRATEGY_DISABLE for a strategy (strategyId 1 or 2), or every one (0): cancel its resting
     * orders at once, then send nothing new (a killed strategy's orders are rejected by the risk gate, a disabled one
     * does not run); KILL_SWITCH_OFF and STRATEGY_ENABLE let it trade again from the next event. Result APPLIED, or
     * BAD_VALUE for another strategy id. SET: the engine applies the key to this handler's config and calls
     * {@link Trading#settingsChanged()}, before or after handing the command here; this calls it too, which is
     * harmless: APPLIED for a key of this handler's that takes effect at runtime, NOT_AVAILABLE for one of its keys
     * that does not ({@link Trading#isRuntimeSetting}), UNKNOWN_SETTING for another's. SNAPSHOT is the engine's: NOT_AVAILABLE here.
     * Reads a SET's key as a String: commands are rare, not the event path.
     */
    void onControlCommand(final ControlCommandDecoder event)
    {
        reply.begin();
        final short action = event.actionRaw();
        if (ControlAction.SET.value() == action)
        {
            final String key = event.key();
            if (reply.set(trading.settingValue(key), trading.isRuntimeSetting(key)))
            {
                trading.settingsChanged();
                if (anyCancelPending)
                {
                    cancelPending();
                }
                reply.result(ControlResult.APPLIED);
            }
            return;
        }
        if (ControlAction.KILL_SWITCH_ON.value() != action && ControlAction.KILL_SWITCH_OFF.value() != action &&
            ControlAction.STRATEGY_ENABLE.value() != action && ControlAction.STRATEGY_DISABLE.value() != action)
        {
            reply.result(ControlResult.NOT_AVAILABLE);
            return;
        }
        final int strategyId = event.strategyId();
        if (strategyId < 0 || strategyId > MAX_STRATEGY_ID)
        {
            reply.result(ControlResult.BAD_VALUE);
            return;
        }
        final int first = 0 == strategyId ? 1 : strategyId;
        final int last = 0 == strategyId ? MAX_STRATEGY_ID : strategyId;
        for (int id = first; id <= last; id++)
        {
            if (ControlAction.KILL_SWITCH_ON.value() == action)
            {
                riskGate.trip(id);
                cancelResting(id);
            }
            else if (ControlAction.KILL_SWITCH_OFF.value() == action)
            {
                riskGate.reset(id);
            }
            else if (ControlAction.STRATEGY_DISABLE.value() == action)
            {
                enabled[id] = false;
                cancelResting(id);
            }
            else
            {
                enabled[id] = true;
            }
        }
        reply.result(ControlResult.APPLIED);
    }


    /**
     * The kill switch and enabled flags after the config's current values: a changed {@code risk.kill-switch} or
     * {@code strategy.NAME.enabled} is applied to every strategy (or that one), as the commands would; the resting
     * orders that it stops are cancelled at the next frame taken. A SET that does not change them leaves the runtime
     * state the commands made.
     */
    void settingsChanged()
    {
        if (config.killSwitch() != configuredKillSwitch)
        {
            configuredKillSwitch = config.killSwitch();
            for (final int strategyId : STRATEGY_IDS)
            {
                if (configuredKillSwitch)
                {
                    riskGate.trip(strategyId);
                    cancelLater(strategyId);
                }
                else
                {
                    riskGate.reset(strategyId);
                }
            }
        }
        configuredEnabled(MarketMaker.STRATEGY_ID, config.marketMaker().enabled());
        configuredEnabled(OrderFlowImbalanceTaker.STRATEGY_ID, config.ofiTaker().enabled());
    }

    /**
     * Before a restore: the configuration's values are the configured ones again, and nothing is pending. Each
     * strategy's kill switch and enabled state are runtime state since commands set them (schema version 5): a
     * command given before the snapshot holds after a restart; the configuration applies only without a snapshot. An
     * older snapshot carries neither (its root killSwitch was the configuration's): they come from the configuration,
     * as they did. A configured value changed since is not applied over the snapshot's.
     */
    void beforeRestore()
    {
        configuredKillSwitch = config.killSwitch();
        configuredEnabled[MarketMaker.STRATEGY_ID] = config.marketMaker().enabled();
        configuredEnabled[OrderFlowImbalanceTaker.STRATEGY_ID] = config.ofiTaker().enabled();
        java.util.Arrays.fill(cancelPending, false);
        anyCancelPending = false;
    }

    /** A strategy's restored state: as the snapshot has it, or, from one without it, the configuration's. */
    void restore(final int strategyId, final boolean inSnapshot, final boolean wasEnabled,
        final TradingStateDecoder.StrategiesDecoder strategies)
    {
        enabled[strategyId] = inSnapshot ? wasEnabled : configuredEnabled[strategyId];
        riskGate.restore(strategyId, strategies, configuredKillSwitch);
    }

    private void configuredEnabled(final int strategyId, final boolean value)
    {
        if (value != configuredEnabled[strategyId])
        {
            configuredEnabled[strategyId] = value;
            enabled[strategyId] = value;
            if (!value)
            {
                cancelLater(strategyId);
            }
        }
    }

    private void cancelLater(final int strategyId)
    {
        cancelPending[strategyId] = true;
        anyCancelPending = true;
    }

    private void cancelPending()
    {
        anyCancelPending = false;
        for (final int strategyId : STRATEGY_IDS)
        {
            if (cancelPending[strategyId])
            {
                cancelPending[strategyId] = false;
                cancelResting(strategyId);
            }
        }
    }

    /**
     * Withdraw every resting order of the strategy: the market maker's quotes instrument by instrument in id order,
     * then any other order of the strategy's still resting (one {@link Trading#submit}ted), oldest first. Through the risk
     * gate, which passes cancels, and out to the sink as every cancel goes.
     */
    private void cancelResting(final int strategyId)
    {
        if (MarketMaker.STRATEGY_ID == strategyId)
        {
            final long clock = trading.clock.time();
            for (int i = 0, size = trading.instruments.size(); i < size; i++)
            {
                trading.marketMaker.cancelQuotes(trading.instruments.inIdOrder(i), clock);
            }
        }
        final FillSimulator simulator = trading.simulator;
        for (int i = simulator.firstResting(strategyId); i >= 0; i = simulator.firstResting(strategyId))
        {
            final long clientOrderId = simulator.restingIdAt(i);
            trading.orders.send(strategyId, trading.instruments.instrument(simulator.restingInstrumentAt(i)), OrderAction.CANCEL,
                simulator.restingBuyAt(i) ? Side.BUY : Side.SELL, simulator.restingPriceAt(i), 0, clientOrderId,
                trading.clock.time());
        }
    }
}
