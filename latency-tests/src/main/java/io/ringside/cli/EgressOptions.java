package io.ringside.cli;

import io.ringside.engine.StreamSettings;
import picocli.CommandLine.Option;

/** Where the engine publishes its alerts, orders and dead letters. */
final class EgressOptions
{
    @Option(names = "--egress-channel", paramLabel = "CHANNEL", defaultValue = StreamSettings.DEFAULT_CHANNEL,
        description = "Aeron channel of the engine's alerts and orders. Default: ${DEFAULT-VALUE}.")
    String channel;

    @Option(names = "--alert-stream", paramLabel = "ID", defaultValue = "" + StreamSettings.DEFAULT_ALERT_STREAM_ID,
        description = "Stream id of surveillance alerts. Default: ${DEFAULT-VALUE}.")
    int alertStreamId;

    @Option(names = "--order-stream", paramLabel = "ID", defaultValue = "" + StreamSettings.DEFAULT_ORDER_STREAM_ID,
        description = "Stream id of the strategies' orders. Default: ${DEFAULT-VALUE}.")
    int orderStreamId;

    @Option(names = "--dead-letter-stream", paramLabel = "ID",
        defaultValue = "" + StreamSettings.DEFAULT_DEAD_LETTER_STREAM_ID, description = "Stream id, on the egress "
            + "channel, of what the engine refused or failed on (dead letters). Default: ${DEFAULT-VALUE}.")
    int deadLetterStreamId;
}
