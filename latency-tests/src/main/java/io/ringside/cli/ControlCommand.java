package io.ringside.cli;

import io.ringside.codecs.sbe.ControlAction;
import io.ringside.codecs.sbe.ControlResult;
import io.ringside.engine.EngineContext;
import io.ringside.latency.control.ControlClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringside control}: one command to a running engine, in order with its events, and what became of it. */
@Command(name = "control", mixinStandardHelpOptions = true,
    description = {
        "Send a command to a running engine on its control stream, taken in order with the events (and recorded and "
            + "replayed like them), and wait for its acknowledgement:",
        "  control kill-switch on|off [--strategy N]   stop (cancelling resting orders) or resume trading",
        "  control strategy enable|disable N|all       one strategy, or all, on or off",
        "  control set KEY VALUE                       a rule threshold or a risk limit, as the config file writes it",
        "  control snapshot                            a snapshot now (a durable engine)",
        "Exit status: 0 applied, 1 not applied (the reason printed), 4 no acknowledgement in time."})
final class ControlCommand implements Callable<Integer>
{
    static final int EXIT_NO_ANSWER = 4;

    @Mixin
    AeronDirOption aeron;

    @Parameters(paramLabel = "COMMAND", arity = "1..3",
        description = "kill-switch on|off, strategy enable|disable N|all, set KEY VALUE, or snapshot.")
    List<String> words;

    @Option(names = "--strategy", paramLabel = "N",
        description = "For kill-switch: the strategy (1 market maker, 2 order-flow taker); default all.")
    Integer strategy;

    @Option(names = "--source-id", paramLabel = "ID", defaultValue = "9000",
        description = "The source the command is sent as; with a source registry it must be one allowed to send "
            + "control. Default: ${DEFAULT-VALUE}.")
    int sourceId;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Units.Duration.class, defaultValue = "5s",
        description = "How long to wait for the engine and its acknowledgement. Default: ${DEFAULT-VALUE}.")
    long timeoutNs;

    public Integer call()
    {
        final String verb = words.get(0).toLowerCase(Locale.ROOT);
        final ControlAction action;
        int strategyId = null == strategy ? 0 : strategy;
        String key = null;
        String value = null;
        switch (verb)
        {
            case "kill-switch" ->
            {
                action = switch (argument(1, "on or off").toLowerCase(Locale.ROOT))
                {
                    case "on" -> ControlAction.KILL_SWITCH_ON;
                    case "off" -> ControlAction.KILL_SWITCH_OFF;
                    default -> throw usage("kill-switch: on or off, not '" + words.get(1) + "'");
                };
            }
            case "strategy" ->
            {
                action = switch (argument(1, "enable or disable").toLowerCase(Locale.ROOT))
                {
                    case "enable" -> ControlAction.STRATEGY_ENABLE;
                    case "disable" -> ControlAction.STRATEGY_DISABLE;
                    default -> throw usage("strategy: enable or disable, not '" + words.get(1) + "'");
                };
                final String which = argument(2, "a strategy id or all");
                strategyId = "all".equals(which) ? 0 : parseStrategy(which);
            }
            case "set" ->
            {
                action = ControlAction.SET;
                key = argument(1, "a configuration key");
                value = argument(2, "a value");
            }
            case "snapshot" -> action = ControlAction.SNAPSHOT;
            default -> throw usage("unknown command '" + verb + "'; expected kill-switch, strategy, set or snapshot");
        }

        final EngineContext ctx = new EngineContext();
        try (ControlClient client = new ControlClient(aeron.aeronDir, ctx.streams(), sourceId))
        {
            final ControlClient.Outcome outcome = client.send(action, strategyId, key, value, timeoutNs);
            if (null == outcome.result())
            {
                System.err.println("ringside control: no acknowledgement within the timeout (sent as source " +
                    sourceId + ", sequence " + outcome.sequence() + "); `ringside dead-letters --source " + sourceId +
                    "` shows whether the engine refused it");
                return EXIT_NO_ANSWER;
            }
            System.out.println("ringside control: " + verb + ": " + describe(outcome.result()));
            return ControlResult.APPLIED == outcome.result() ? Ringside.EXIT_OK : Ringside.EXIT_FAILED;
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("ringside control: " + ex.getMessage());
            return Ringside.EXIT_FAILED;
        }
    }

    private static String describe(final ControlResult result)
    {
        return switch (result)
        {
            case APPLIED -> "applied";
            case UNKNOWN_SETTING -> "not applied: no running handler has that setting (ingress bounds and the source "
                + "registry are read at start only)";
            case BAD_VALUE -> "not applied: the value is not one the setting takes";
            case NOT_AVAILABLE -> "not applied: not available on this engine (a snapshot needs a durable engine)";
            default -> "unknown result " + result;
        };
    }

    private String argument(final int index, final String what)
    {
        if (words.size() <= index)
        {
            throw usage(words.get(0) + ": expected " + what);
        }
        return words.get(index);
    }

    private static int parseStrategy(final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw usage("strategy: a strategy id (1, 2) or all, not '" + text + "'");
        }
    }

    private static picocli.CommandLine.ParameterException usage(final String message)
    {
        return new picocli.CommandLine.ParameterException(new picocli.CommandLine(new ControlCommand()), message);
    }
}
